-- +goose Up
-- Upward answers wait, sealed with a key kept outside the database, until MinUpwardAnswers of
-- them can be published together (see docs/model-ancaman.md). upward_pending holds nothing
-- readable: no author, no date, a random id and a record of fixed length; WITHOUT ROWID, so
-- its rows are kept in the order of their random ids.
CREATE TABLE upward_pending (
    id        INTEGER PRIMARY KEY,
    org_id    INTEGER NOT NULL REFERENCES units (id),
    leader_id INTEGER NOT NULL REFERENCES employees (id),
    year      INTEGER NOT NULL,
    sealed    BLOB    NOT NULL
) WITHOUT ROWID;
CREATE INDEX upward_pending_leader ON upward_pending (leader_id, year);

-- Answers given before keep their random ids (the order SQLite stores them in); only their
-- dates, which told answers of different days apart, become the last date about the same
-- leader and year.
UPDATE survey_answers SET answered_on = (
        SELECT MAX(o.answered_on) FROM survey_answers o
        WHERE o.questionnaire = 'upward' AND o.subject_id = survey_answers.subject_id AND o.year = survey_answers.year)
    WHERE questionnaire = 'upward';

-- +goose Down
DROP TABLE upward_pending;
