-- +goose Up
-- Login throttling (kinerja.LoginLimit): one row per key an attempt is counted under — a
-- username at a client address, an address, a username. until_at is when the key will have
-- forgotten every attempt (each attempt moves it one "forget" interval later), last_at the
-- last attempt let through. The key is a SHA-256 of the username and address, so that the
-- table keeps no text typed into the login form. A row whose until_at has passed counts
-- nothing, and housekeeping deletes it.
CREATE TABLE login_throttle (
    key_hash TEXT     PRIMARY KEY,
    scope    TEXT     NOT NULL CHECK (scope IN ('pair', 'address', 'username')),
    until_at DATETIME NOT NULL,
    last_at  DATETIME NOT NULL
) WITHOUT ROWID;
CREATE INDEX login_throttle_until_at ON login_throttle (until_at);

-- The per-username failure log it replaces locked an account for 15 minutes.
DROP TABLE login_failures;

-- +goose Down
CREATE TABLE login_failures (
    id       INTEGER PRIMARY KEY,
    username TEXT     NOT NULL,
    at       DATETIME NOT NULL
);
CREATE INDEX login_failures_username_at ON login_failures (username, at);
DROP TABLE login_throttle;
