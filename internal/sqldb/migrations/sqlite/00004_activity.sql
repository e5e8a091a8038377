-- +goose Up
CREATE TABLE org_settings (
    org_id                 INTEGER PRIMARY KEY REFERENCES units (id),
    activity_deadline_days INTEGER  NOT NULL,
    verification_sla_days  INTEGER  NOT NULL,
    evidence_max_bytes     INTEGER  NOT NULL,
    updated_at             DATETIME NOT NULL
);

CREATE TABLE holidays (
    org_id INTEGER NOT NULL REFERENCES units (id),
    day    DATE    NOT NULL,
    name   TEXT    NOT NULL,
    PRIMARY KEY (org_id, day)
);

CREATE TABLE activities (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER  NOT NULL REFERENCES units (id),
    employee_id INTEGER  NOT NULL REFERENCES employees (id),
    day         DATE     NOT NULL,
    result_id   INTEGER  NOT NULL REFERENCES skp_results (id),
    description TEXT     NOT NULL,
    output      REAL     NOT NULL DEFAULT 0,
    unit        TEXT     NOT NULL DEFAULT '',
    minutes     INTEGER  NOT NULL DEFAULT 0,
    status      TEXT     NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reason      TEXT     NOT NULL DEFAULT '',
    late        BOOLEAN  NOT NULL DEFAULT FALSE,
    verified_by INTEGER REFERENCES employees (id),
    verified_at DATETIME,
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL
);
CREATE INDEX activities_employee_day ON activities (employee_id, day);
CREATE INDEX activities_result ON activities (result_id, status);
CREATE INDEX activities_org_status ON activities (org_id, status);

CREATE TABLE evidence (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER  NOT NULL REFERENCES units (id),
    employee_id  INTEGER  NOT NULL REFERENCES employees (id),
    activity_id  INTEGER REFERENCES activities (id) ON DELETE CASCADE,
    result_id    INTEGER REFERENCES skp_results (id) ON DELETE CASCADE,
    sha256       TEXT     NOT NULL,
    size         INTEGER  NOT NULL,
    content_type TEXT     NOT NULL,
    filename     TEXT     NOT NULL,
    uploaded_by  INTEGER REFERENCES users (id),
    created_at   DATETIME NOT NULL,
    CHECK ((activity_id IS NULL) <> (result_id IS NULL))
);
CREATE INDEX evidence_activity ON evidence (activity_id);
CREATE INDEX evidence_result ON evidence (result_id);

CREATE TABLE realisation_notes (
    indicator_id INTEGER  NOT NULL REFERENCES skp_indicators (id) ON DELETE CASCADE,
    period_key   TEXT     NOT NULL,
    note         TEXT     NOT NULL,
    updated_at   DATETIME NOT NULL,
    PRIMARY KEY (indicator_id, period_key)
);

-- +goose Down
DROP TABLE realisation_notes;
DROP TABLE evidence;
DROP TABLE activities;
DROP TABLE holidays;
DROP TABLE org_settings;
