-- +goose Up
CREATE TABLE units (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER REFERENCES units (id),
    parent_id  INTEGER REFERENCES units (id),
    name       TEXT     NOT NULL,
    kind       TEXT     NOT NULL CHECK (kind IN ('pemkot', 'kecamatan', 'kelurahan', 'sekretariat', 'seksi', 'subbagian', 'other')),
    head_id    INTEGER REFERENCES employees (id),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE (parent_id, name)
);
CREATE INDEX units_org_id ON units (org_id);

CREATE TABLE employees (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER  NOT NULL REFERENCES units (id),
    nip             TEXT     NOT NULL,
    name            TEXT     NOT NULL,
    gender          TEXT     NOT NULL CHECK (gender IN ('laki_laki', 'perempuan')),
    birth_date      DATE     NOT NULL,
    status          TEXT     NOT NULL CHECK (status IN ('pns', 'pppk', 'cpns')),
    grade           TEXT     NOT NULL,
    position        TEXT     NOT NULL,
    position_kind   TEXT     NOT NULL CHECK (position_kind IN ('jpt', 'administrator', 'pengawas', 'pelaksana', 'fungsional')),
    unit_id         INTEGER  NOT NULL REFERENCES units (id),
    supervisor_id   INTEGER REFERENCES employees (id),
    appraiser_id    INTEGER REFERENCES employees (id),
    phone           TEXT     NOT NULL DEFAULT '',
    email           TEXT     NOT NULL DEFAULT '',
    active          BOOLEAN  NOT NULL DEFAULT TRUE,
    inactive_reason TEXT     NOT NULL DEFAULT '',
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL,
    UNIQUE (org_id, nip)
);
CREATE INDEX employees_org_name ON employees (org_id, name);
CREATE INDEX employees_unit_id ON employees (unit_id);
CREATE INDEX employees_supervisor_id ON employees (supervisor_id);

CREATE TABLE employee_history (
    id             INTEGER PRIMARY KEY,
    employee_id    INTEGER  NOT NULL REFERENCES employees (id),
    effective_date DATE     NOT NULL,
    position       TEXT     NOT NULL,
    position_kind  TEXT     NOT NULL,
    grade          TEXT     NOT NULL,
    unit_id        INTEGER  NOT NULL REFERENCES units (id),
    supervisor_id  INTEGER REFERENCES employees (id),
    appraiser_id   INTEGER REFERENCES employees (id),
    recorded_at    DATETIME NOT NULL,
    recorded_by    TEXT     NOT NULL
);
CREATE INDEX employee_history_employee ON employee_history (employee_id, effective_date);

ALTER TABLE users ADD COLUMN org_id INTEGER REFERENCES units (id);
ALTER TABLE audit_log ADD COLUMN org_id INTEGER;
CREATE INDEX audit_log_org_id ON audit_log (org_id, id);

-- +goose Down
DROP INDEX audit_log_org_id;
ALTER TABLE audit_log DROP COLUMN org_id;
ALTER TABLE users DROP COLUMN org_id;
DROP TABLE employee_history;
DROP TABLE employees;
DROP TABLE units;
