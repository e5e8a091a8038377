-- +goose Up
-- One storage for every questionnaire (kinerja.Questionnaire): peer feedback, upward feedback
-- and the surveys to come keep an answer in survey_answers and its score per question in
-- survey_scores, instead of columns per survey. subject_id and year say what the answer is
-- about, as its questionnaire defines (peer: the employee rated; upward: the leader).
--
-- Anonymity as before: no column names an author, the only time is the date, and ids are
-- random (no identity), so that the ids do not tell which upward_participation row goes with
-- which answer. Peer answers stay attributable through peer_assignments.answer_id.
CREATE TABLE survey_answers (
    id            BIGINT  PRIMARY KEY,
    questionnaire TEXT    NOT NULL,
    org_id        BIGINT  NOT NULL REFERENCES units (id),
    subject_id    BIGINT  NOT NULL,
    year          INTEGER NOT NULL,
    comment       TEXT    NOT NULL DEFAULT '',
    answered_on   DATE    NOT NULL
);
CREATE INDEX survey_answers_subject ON survey_answers (questionnaire, subject_id, year);

CREATE TABLE survey_scores (
    answer_id BIGINT  NOT NULL REFERENCES survey_answers (id) ON DELETE CASCADE,
    question  TEXT    NOT NULL,
    value     INTEGER NOT NULL,
    PRIMARY KEY (answer_id, question)
);

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
ALTER TABLE peer_assignments ADD COLUMN answer_id BIGINT REFERENCES survey_answers (id);
CREATE TEMP TABLE peer_answer_ids AS
    SELECT id AS assignment_id, floor(random() * 9223372036854775807)::bigint | 1 AS answer_id
    FROM peer_assignments WHERE answered_at IS NOT NULL;
INSERT INTO survey_answers (id, questionnaire, org_id, subject_id, year, comment, answered_on)
    SELECT m.answer_id, 'peer', pa.org_id, pa.employee_id, p.year, pa.comment, ((pa.answered_at AT TIME ZONE 'UTC') + INTERVAL '7 hours')::date
    FROM peer_answer_ids m JOIN peer_assignments pa ON pa.id = m.assignment_id JOIN periods p ON p.id = pa.period_id;
INSERT INTO survey_scores (answer_id, question, value)
    SELECT m.answer_id, r.value, CASE r.rating WHEN 'di_bawah' THEN 1 WHEN 'sesuai' THEN 2 WHEN 'di_atas' THEN 3 END
    FROM peer_ratings r JOIN peer_answer_ids m ON m.assignment_id = r.assignment_id;
UPDATE peer_assignments pa SET answer_id = m.answer_id FROM peer_answer_ids m WHERE m.assignment_id = pa.id;
DROP TABLE peer_answer_ids;
DROP TABLE peer_ratings;
ALTER TABLE peer_assignments DROP COLUMN comment;
CREATE UNIQUE INDEX peer_assignments_answer ON peer_assignments (answer_id);

-- +goose Down
CREATE TABLE upward_answers (
    id          BIGINT  PRIMARY KEY,
    org_id      BIGINT  NOT NULL REFERENCES units (id),
    leader_id   BIGINT  NOT NULL REFERENCES employees (id),
    year        INTEGER NOT NULL,
    clarity     INTEGER NOT NULL CHECK (clarity BETWEEN 1 AND 4),
    support     INTEGER NOT NULL CHECK (support BETWEEN 1 AND 4),
    openness    INTEGER NOT NULL CHECK (openness BETWEEN 1 AND 4),
    fairness    INTEGER NOT NULL CHECK (fairness BETWEEN 1 AND 4),
    text        TEXT    NOT NULL DEFAULT '',
    answered_on DATE    NOT NULL
);
CREATE INDEX upward_answers_leader ON upward_answers (leader_id, year);
INSERT INTO upward_answers (id, org_id, leader_id, year, clarity, support, openness, fairness, text, answered_on)
    SELECT a.id, a.org_id, a.subject_id, a.year,
        (SELECT value FROM survey_scores WHERE answer_id = a.id AND question = 'clarity'),
        (SELECT value FROM survey_scores WHERE answer_id = a.id AND question = 'support'),
        (SELECT value FROM survey_scores WHERE answer_id = a.id AND question = 'openness'),
        (SELECT value FROM survey_scores WHERE answer_id = a.id AND question = 'fairness'),
        a.comment, a.answered_on
    FROM survey_answers a WHERE a.questionnaire = 'upward';

ALTER TABLE peer_assignments ADD COLUMN comment TEXT NOT NULL DEFAULT '';
UPDATE peer_assignments pa SET comment = a.comment FROM survey_answers a WHERE a.id = pa.answer_id;
CREATE TABLE peer_ratings (
    assignment_id BIGINT  NOT NULL REFERENCES peer_assignments (id) ON DELETE CASCADE,
    value         TEXT    NOT NULL,
    rating        TEXT    NOT NULL CHECK (rating IN ('di_bawah', 'sesuai', 'di_atas')),
    PRIMARY KEY (assignment_id, value)
);
INSERT INTO peer_ratings (assignment_id, value, rating)
    SELECT pa.id, s.question, CASE s.value WHEN 1 THEN 'di_bawah' WHEN 2 THEN 'sesuai' WHEN 3 THEN 'di_atas' END
    FROM peer_assignments pa JOIN survey_scores s ON s.answer_id = pa.answer_id;
ALTER TABLE peer_assignments DROP COLUMN answer_id;
DROP TABLE survey_scores;
DROP TABLE survey_answers;
