-- +goose Up
-- One-time activation codes of accounts made for employees in bulk (kinerja.IssuedActivation).
-- Only a SHA-256 of the account and the code is kept; the code is shown once to the admin.
-- A code is single use: activating deletes its row, as does issuing a new one.
CREATE TABLE activation_codes (
    user_id    INTEGER  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT     NOT NULL,
    created_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL
);

-- +goose Down
DROP TABLE activation_codes;
