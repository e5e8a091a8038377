-- +goose Up
-- Upward answers wait, sealed with a key kept outside the database, until MinUpwardAnswers of
-- them can be published together (see docs/model-ancaman.md). upward_pending holds nothing
-- readable: no author, no date, a random id and a record of fixed length.
CREATE TABLE upward_pending (
    id        BIGINT  PRIMARY KEY,
    org_id    BIGINT  NOT NULL REFERENCES units (id),
    leader_id BIGINT  NOT NULL REFERENCES employees (id),
    year      INTEGER NOT NULL,
    sealed    BYTEA   NOT NULL
);
CREATE INDEX upward_pending_leader ON upward_pending (leader_id, year);

-- Answers given before were written in the same transaction as their author's
-- upward_participation row. Rewrite them in this one transaction, in random order and dated
-- by the last answer about the same leader and year, so that neither the transaction id, the
-- physical order nor the date links them to an author any more.
CREATE TEMP TABLE upward_answers_old AS
    SELECT a.id, a.org_id, a.subject_id, a.year, a.comment,
        MAX(a.answered_on) OVER (PARTITION BY a.subject_id, a.year) AS answered_on
    FROM survey_answers a WHERE a.questionnaire = 'upward';
CREATE TEMP TABLE upward_scores_old AS
    SELECT s.answer_id, s.question, s.value FROM survey_scores s JOIN upward_answers_old o ON o.id = s.answer_id;
DELETE FROM survey_answers WHERE questionnaire = 'upward';
INSERT INTO survey_answers (id, questionnaire, org_id, subject_id, year, comment, answered_on)
    SELECT id, 'upward', org_id, subject_id, year, comment, answered_on FROM upward_answers_old ORDER BY random();
INSERT INTO survey_scores (answer_id, question, value)
    SELECT answer_id, question, value FROM upward_scores_old ORDER BY random();
DROP TABLE upward_scores_old;
DROP TABLE upward_answers_old;

-- +goose Down
DROP TABLE upward_pending;
