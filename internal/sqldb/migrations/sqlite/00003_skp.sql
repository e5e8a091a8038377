-- +goose Up
CREATE TABLE periods (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER  NOT NULL REFERENCES units (id),
    year       INTEGER  NOT NULL,
    start_date DATE     NOT NULL,
    end_date   DATE     NOT NULL,
    cadence    TEXT     NOT NULL CHECK (cadence IN ('monthly', 'quarterly', 'semester')),
    closed     BOOLEAN  NOT NULL DEFAULT FALSE,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE (org_id, year)
);

CREATE TABLE skp (
    id                 INTEGER PRIMARY KEY,
    org_id             INTEGER  NOT NULL REFERENCES units (id),
    employee_id        INTEGER  NOT NULL REFERENCES employees (id),
    period_id          INTEGER  NOT NULL REFERENCES periods (id),
    approach           TEXT     NOT NULL CHECK (approach IN ('kuantitatif', 'kualitatif')),
    form               TEXT     NOT NULL CHECK (form IN ('jpt', 'jajf')),
    appraiser_id       INTEGER REFERENCES employees (id),
    status             TEXT     NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
    version            INTEGER  NOT NULL DEFAULT 1,
    is_current         BOOLEAN  NOT NULL DEFAULT TRUE,
    previous_id        INTEGER REFERENCES skp (id),
    employee_snapshot  TEXT     NOT NULL,
    appraiser_snapshot TEXT,
    superior_snapshot  TEXT,
    resources          TEXT     NOT NULL DEFAULT '',
    accountability     TEXT     NOT NULL DEFAULT '',
    consequences       TEXT     NOT NULL DEFAULT '',
    return_note        TEXT     NOT NULL DEFAULT '',
    submitted_at       DATETIME,
    approved_at        DATETIME,
    created_at         DATETIME NOT NULL,
    updated_at         DATETIME NOT NULL
);
CREATE UNIQUE INDEX skp_current ON skp (employee_id, period_id) WHERE is_current;
CREATE INDEX skp_org_period ON skp (org_id, period_id);
CREATE INDEX skp_appraiser ON skp (appraiser_id);

CREATE TABLE skp_results (
    id               INTEGER PRIMARY KEY,
    skp_id           INTEGER  NOT NULL REFERENCES skp (id) ON DELETE CASCADE,
    kind             TEXT     NOT NULL CHECK (kind IN ('utama', 'tambahan')),
    text             TEXT     NOT NULL,
    parent_result_id INTEGER REFERENCES skp_results (id),
    position         INTEGER  NOT NULL,
    created_at       DATETIME NOT NULL,
    updated_at       DATETIME NOT NULL
);
CREATE INDEX skp_results_skp ON skp_results (skp_id, position);
CREATE INDEX skp_results_parent ON skp_results (parent_result_id);

CREATE TABLE skp_indicators (
    id        INTEGER PRIMARY KEY,
    result_id INTEGER NOT NULL REFERENCES skp_results (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    aspect    TEXT    NOT NULL DEFAULT '',
    text      TEXT    NOT NULL,
    target    TEXT    NOT NULL,
    unit      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX skp_indicators_result ON skp_indicators (result_id, position);

CREATE TABLE skp_behaviors (
    skp_id      INTEGER NOT NULL REFERENCES skp (id) ON DELETE CASCADE,
    value       TEXT    NOT NULL,
    expectation TEXT    NOT NULL,
    PRIMARY KEY (skp_id, value)
);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT     NOT NULL,
    subject    TEXT     NOT NULL DEFAULT '',
    link       TEXT     NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    read_at    DATETIME
);
CREATE INDEX notifications_user ON notifications (user_id, id);

-- +goose Down
DROP TABLE notifications;
DROP TABLE skp_behaviors;
DROP TABLE skp_indicators;
DROP TABLE skp_results;
DROP TABLE skp;
DROP TABLE periods;
