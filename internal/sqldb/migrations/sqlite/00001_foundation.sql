-- +goose Up
CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    username             TEXT     NOT NULL UNIQUE,
    name                 TEXT     NOT NULL DEFAULT '',
    password_hash        TEXT     NOT NULL,
    employee_id          INTEGER,
    locale               TEXT     NOT NULL DEFAULT '' CHECK (locale IN ('', 'id', 'en')),
    active               BOOLEAN  NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN  NOT NULL DEFAULT FALSE,
    created_at           DATETIME NOT NULL,
    updated_at           DATETIME NOT NULL
);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT    NOT NULL CHECK (role IN ('admin', 'pimpinan', 'atasan', 'pegawai')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT     NOT NULL UNIQUE,
    user_id    INTEGER  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT     NOT NULL CHECK (kind IN ('web', 'api')),
    created_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE login_failures (
    id       INTEGER PRIMARY KEY,
    username TEXT     NOT NULL,
    at       DATETIME NOT NULL
);
CREATE INDEX login_failures_username_at ON login_failures (username, at);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          DATETIME NOT NULL,
    actor_id    INTEGER,
    actor_name  TEXT     NOT NULL,
    entity      TEXT     NOT NULL,
    entity_id   TEXT     NOT NULL,
    action      TEXT     NOT NULL,
    before_json TEXT,
    after_json  TEXT,
    request_id  TEXT     NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor_id ON audit_log (actor_id);
CREATE INDEX audit_log_at ON audit_log (at);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_log;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE user_roles;
DROP TABLE users;
