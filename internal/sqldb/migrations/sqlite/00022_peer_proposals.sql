-- +goose Up
-- The peers an employee proposes for their own peer review of a period, one row a peer in the
-- order proposed. The pejabat penilai approves by assigning peers, which deletes the rows.
CREATE TABLE peer_proposals (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER  NOT NULL REFERENCES units (id),
    period_id   INTEGER  NOT NULL REFERENCES periods (id),
    employee_id INTEGER  NOT NULL REFERENCES employees (id),
    peer_id     INTEGER  NOT NULL REFERENCES employees (id),
    position    INTEGER  NOT NULL,
    created_at  DATETIME NOT NULL,
    UNIQUE (period_id, employee_id, peer_id),
    CHECK (peer_id <> employee_id)
);
CREATE INDEX peer_proposals_period ON peer_proposals (period_id, employee_id);

-- +goose Down
DROP TABLE peer_proposals;
