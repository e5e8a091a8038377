-- +goose Up
-- Continuous feedback (umpan balik berkelanjutan): a thread per employee. Replies point to the
-- entry that opened the thread. evidence_id is a plain id: evidence has its own owner.
CREATE TABLE feedback (
    id                 INTEGER PRIMARY KEY,
    org_id             INTEGER  NOT NULL REFERENCES units (id),
    about_employee_id  INTEGER  NOT NULL REFERENCES employees (id),
    author_employee_id INTEGER  NOT NULL REFERENCES employees (id),
    year               INTEGER  NOT NULL,
    kind               TEXT     NOT NULL DEFAULT 'continuous' CHECK (kind IN ('continuous')),
    result_id          INTEGER REFERENCES skp_results (id) ON DELETE SET NULL,
    value              TEXT     NOT NULL DEFAULT '',
    text               TEXT     NOT NULL,
    evidence_id        INTEGER,
    parent_id          INTEGER REFERENCES feedback (id),
    request            BOOLEAN  NOT NULL DEFAULT FALSE,
    created_at         DATETIME NOT NULL
);
CREATE INDEX feedback_about ON feedback (about_employee_id, year, id);
CREATE INDEX feedback_parent ON feedback (parent_id);

-- Peer feedback: who rates whom in a period, and their answers.
CREATE TABLE peer_assignments (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER  NOT NULL REFERENCES units (id),
    period_id   INTEGER  NOT NULL REFERENCES periods (id),
    employee_id INTEGER  NOT NULL REFERENCES employees (id),
    peer_id     INTEGER  NOT NULL REFERENCES employees (id),
    assigned_by INTEGER           REFERENCES users (id),
    comment     TEXT     NOT NULL DEFAULT '',
    answered_at DATETIME,
    created_at  DATETIME NOT NULL,
    UNIQUE (period_id, employee_id, peer_id),
    CHECK (peer_id <> employee_id)
);
CREATE INDEX peer_assignments_peer ON peer_assignments (peer_id, period_id);

CREATE TABLE peer_ratings (
    assignment_id INTEGER NOT NULL REFERENCES peer_assignments (id) ON DELETE CASCADE,
    value         TEXT    NOT NULL,
    rating        TEXT    NOT NULL CHECK (rating IN ('di_bawah', 'sesuai', 'di_atas')),
    PRIMARY KEY (assignment_id, value)
);

-- Upward feedback is anonymous by construction: no column of upward_answers names its author,
-- and its only time is the date. upward_participation only remembers that someone answered
-- (to refuse a second answer) and holds nothing of the answer. Both tables are WITHOUT ROWID,
-- and answers take random ids, so that neither the row order nor the ids tell which
-- participation row goes with which answer.
CREATE TABLE upward_answers (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES units (id),
    leader_id   INTEGER NOT NULL REFERENCES employees (id),
    year        INTEGER NOT NULL,
    clarity     INTEGER NOT NULL CHECK (clarity BETWEEN 1 AND 4),
    support     INTEGER NOT NULL CHECK (support BETWEEN 1 AND 4),
    openness    INTEGER NOT NULL CHECK (openness BETWEEN 1 AND 4),
    fairness    INTEGER NOT NULL CHECK (fairness BETWEEN 1 AND 4),
    text        TEXT    NOT NULL DEFAULT '',
    answered_on DATE    NOT NULL
) WITHOUT ROWID;
CREATE INDEX upward_answers_leader ON upward_answers (leader_id, year);

CREATE TABLE upward_participation (
    leader_id INTEGER NOT NULL REFERENCES employees (id),
    author_id INTEGER NOT NULL REFERENCES employees (id),
    year      INTEGER NOT NULL,
    PRIMARY KEY (leader_id, author_id, year)
) WITHOUT ROWID;

CREATE TABLE upward_replies (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER  NOT NULL REFERENCES units (id),
    leader_id  INTEGER  NOT NULL REFERENCES employees (id),
    year       INTEGER  NOT NULL,
    text       TEXT     NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX upward_replies_leader ON upward_replies (leader_id, year, id);

-- Dialog kinerja: 1:1 meetings and the actions agreed in them.
CREATE TABLE dialogs (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER  NOT NULL REFERENCES units (id),
    supervisor_id INTEGER  NOT NULL REFERENCES employees (id),
    employee_id   INTEGER  NOT NULL REFERENCES employees (id),
    held_on       DATE     NOT NULL,
    topics        TEXT     NOT NULL,
    created_by    INTEGER           REFERENCES users (id),
    created_at    DATETIME NOT NULL,
    CHECK (supervisor_id <> employee_id)
);
CREATE INDEX dialogs_employee ON dialogs (employee_id, held_on);
CREATE INDEX dialogs_supervisor ON dialogs (supervisor_id, held_on);

CREATE TABLE dialog_actions (
    id         INTEGER PRIMARY KEY,
    dialog_id  INTEGER  NOT NULL REFERENCES dialogs (id) ON DELETE CASCADE,
    position   INTEGER  NOT NULL,
    text       TEXT     NOT NULL,
    owner_id   INTEGER  NOT NULL REFERENCES employees (id),
    due_date   DATE,
    status     TEXT     NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    updated_at DATETIME NOT NULL
);
CREATE INDEX dialog_actions_dialog ON dialog_actions (dialog_id, position);

-- +goose Down
DROP TABLE dialog_actions;
DROP TABLE dialogs;
DROP TABLE upward_replies;
DROP TABLE upward_participation;
DROP TABLE upward_answers;
DROP TABLE peer_ratings;
DROP TABLE peer_assignments;
DROP TABLE feedback;
