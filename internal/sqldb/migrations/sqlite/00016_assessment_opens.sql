-- +goose Up
-- How many days before its last day the evaluation of a period may start; 0 waits until the
-- period has ended (a period is assessed when it has ended).
ALTER TABLE org_settings ADD COLUMN assessment_early_days INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE org_settings DROP COLUMN assessment_early_days;
