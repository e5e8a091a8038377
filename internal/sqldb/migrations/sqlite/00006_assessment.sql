-- +goose Up
CREATE TABLE assessments (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER  NOT NULL REFERENCES units (id),
    skp_id          INTEGER  NOT NULL REFERENCES skp (id),
    employee_id     INTEGER  NOT NULL REFERENCES employees (id),
    appraiser_id    INTEGER REFERENCES employees (id),
    period          TEXT     NOT NULL,
    result_rating   TEXT     NOT NULL DEFAULT '' CHECK (result_rating IN ('', 'di_atas', 'sesuai', 'di_bawah')),
    result_reason   TEXT     NOT NULL DEFAULT '',
    behavior_rating TEXT     NOT NULL DEFAULT '' CHECK (behavior_rating IN ('', 'di_atas', 'sesuai', 'di_bawah')),
    behavior_reason TEXT     NOT NULL DEFAULT '',
    predikat        TEXT     NOT NULL DEFAULT '',
    status          TEXT     NOT NULL CHECK (status IN ('draft', 'final', 'acknowledged', 'objected')),
    justification   TEXT     NOT NULL DEFAULT '',
    finalized_at    DATETIME,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL,
    UNIQUE (employee_id, period)
);
CREATE INDEX assessments_org_period ON assessments (org_id, period);

CREATE TABLE unit_ratings (
    unit_id    INTEGER  NOT NULL REFERENCES units (id),
    period     TEXT     NOT NULL,
    predikat   TEXT     NOT NULL CHECK (predikat IN ('istimewa', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang')),
    set_by     INTEGER REFERENCES users (id),
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (unit_id, period)
);

-- +goose Down
DROP TABLE unit_ratings;
DROP TABLE assessments;
