-- +goose Up
ALTER TABLE assessments ADD COLUMN objection_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN objected_at DATETIME;
ALTER TABLE assessments ADD COLUMN decision TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN decision_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN decided_at DATETIME;

-- +goose Down
ALTER TABLE assessments DROP COLUMN decided_at;
ALTER TABLE assessments DROP COLUMN decision_reason;
ALTER TABLE assessments DROP COLUMN decision;
ALTER TABLE assessments DROP COLUMN objected_at;
ALTER TABLE assessments DROP COLUMN objection_reason;
