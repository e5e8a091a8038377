-- +goose Up
-- One storage for every questionnaire (kinerja.Questionnaire): peer feedback, upward feedback
-- and the surveys to come keep an answer in survey_answers and its score per question in
-- survey_scores, instead of columns per survey. subject_id and year say what the answer is
-- about, as its questionnaire defines (peer: the employee rated; upward: the leader).
--
-- Anonymity as before: no column names an author, the only time is the date, ids are random,
-- and both tables are WITHOUT ROWID, so that neither the row order nor the ids tell which
-- upward_participation row goes with which answer. Peer answers stay attributable through
-- peer_assignments.answer_id.
CREATE TABLE survey_answers (
    id            INTEGER PRIMARY KEY,
    questionnaire TEXT    NOT NULL,
    org_id        INTEGER NOT NULL REFERENCES units (id),
    subject_id    INTEGER NOT NULL,
    year          INTEGER NOT NULL,
    comment       TEXT    NOT NULL DEFAULT '',
    answered_on   DATE    NOT NULL
) WITHOUT ROWID;
CREATE INDEX survey_answers_subject ON survey_answers (questionnaire, subject_id, year);

CREATE TABLE survey_scores (
    answer_id INTEGER NOT NULL REFERENCES survey_answers (id) ON DELETE CASCADE,
    question  TEXT    NOT NULL,
    value     INTEGER NOT NULL,
    PRIMARY KEY (answer_id, question)
) WITHOUT ROWID;

-- Upward answers keep their random ids.
INSERT INTO survey_answers (id, questionnaire, org_id, subject_id, year, comment, answered_on)
    SELECT id, 'upward', org_id, leader_id, year, text, answered_on FROM upward_answers;
INSERT INTO survey_scores (answer_id, question, value)
    SELECT id, 'clarity', clarity FROM upward_answers
    UNION ALL SELECT id, 'support', support FROM upward_answers
    UNION ALL SELECT id, 'openness', openness FROM upward_answers
    UNION ALL SELECT id, 'fairness', fairness FROM upward_answers;
DROP TABLE upward_answers;

-- Peer answers get random ids too, dated by the day (WIB) they were given; the ratings are
-- stored 1–3 from di_bawah to di_atas.
ALTER TABLE peer_assignments ADD COLUMN answer_id INTEGER REFERENCES survey_answers (id);
CREATE TEMP TABLE peer_answer_ids AS
    SELECT id AS assignment_id, (random() & 9223372036854775807) | 1 AS answer_id
    FROM peer_assignments WHERE answered_at IS NOT NULL;
INSERT INTO survey_answers (id, questionnaire, org_id, subject_id, year, comment, answered_on)
    SELECT m.answer_id, 'peer', pa.org_id, pa.employee_id, p.year, pa.comment, date(pa.answered_at, '+7 hours')
    FROM peer_answer_ids m JOIN peer_assignments pa ON pa.id = m.assignment_id JOIN periods p ON p.id = pa.period_id;
INSERT INTO survey_scores (answer_id, question, value)
    SELECT m.answer_id, r.value, CASE r.rating WHEN 'di_bawah' THEN 1 WHEN 'sesuai' THEN 2 WHEN 'di_atas' THEN 3 END
    FROM peer_ratings r JOIN peer_answer_ids m ON m.assignment_id = r.assignment_id;
UPDATE peer_assignments SET answer_id = (SELECT m.answer_id FROM peer_answer_ids m WHERE m.assignment_id = peer_assignments.id)
    WHERE answered_at IS NOT NULL;
DROP TABLE peer_answer_ids;
DROP TABLE peer_ratings;
ALTER TABLE peer_assignments DROP COLUMN comment;
CREATE UNIQUE INDEX peer_assignments_answer ON peer_assignments (answer_id);

-- +goose Down
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
INSERT INTO upward_answers (id, org_id, leader_id, year, clarity, support, openness, fairness, text, answered_on)
    SELECT a.id, a.org_id, a.subject_id, a.year,
        (SELECT value FROM survey_scores WHERE answer_id = a.id AND question = 'clarity'),
        (SELECT value FROM survey_scores WHERE answer_id = a.id AND question = 'support'),
        (SELECT value FROM survey_scores WHERE answer_id = a.id AND question = 'openness'),
        (SELECT value FROM survey_scores WHERE answer_id = a.id AND question = 'fairness'),
        a.comment, a.answered_on
    FROM survey_answers a WHERE a.questionnaire = 'upward';

-- SQLite cannot drop a column that references another table: peer_assignments is rebuilt, and
-- its links to the answers kept aside meanwhile.
CREATE TEMP TABLE peer_answer_ids AS
    SELECT id AS assignment_id, answer_id FROM peer_assignments WHERE answer_id IS NOT NULL;
CREATE TABLE peer_assignments_old (
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
INSERT INTO peer_assignments_old (id, org_id, period_id, employee_id, peer_id, assigned_by, comment, answered_at, created_at)
    SELECT pa.id, pa.org_id, pa.period_id, pa.employee_id, pa.peer_id, pa.assigned_by, COALESCE(a.comment, ''), pa.answered_at, pa.created_at
    FROM peer_assignments pa LEFT JOIN survey_answers a ON a.id = pa.answer_id;
DROP TABLE peer_assignments;
ALTER TABLE peer_assignments_old RENAME TO peer_assignments;
CREATE INDEX peer_assignments_peer ON peer_assignments (peer_id, period_id);
CREATE TABLE peer_ratings (
    assignment_id INTEGER NOT NULL REFERENCES peer_assignments (id) ON DELETE CASCADE,
    value         TEXT    NOT NULL,
    rating        TEXT    NOT NULL CHECK (rating IN ('di_bawah', 'sesuai', 'di_atas')),
    PRIMARY KEY (assignment_id, value)
);
INSERT INTO peer_ratings (assignment_id, value, rating)
    SELECT m.assignment_id, s.question, CASE s.value WHEN 1 THEN 'di_bawah' WHEN 2 THEN 'sesuai' WHEN 3 THEN 'di_atas' END
    FROM peer_answer_ids m JOIN survey_scores s ON s.answer_id = m.answer_id;
DROP TABLE peer_answer_ids;
DROP TABLE survey_scores;
DROP TABLE survey_answers;
