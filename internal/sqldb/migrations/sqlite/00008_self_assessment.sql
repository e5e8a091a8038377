-- +goose Up
ALTER TABLE assessments ADD COLUMN self_result_rating TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN self_behavior_rating TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN self_reflection TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN self_at DATETIME;

-- +goose Down
ALTER TABLE assessments DROP COLUMN self_at;
ALTER TABLE assessments DROP COLUMN self_reflection;
ALTER TABLE assessments DROP COLUMN self_behavior_rating;
ALTER TABLE assessments DROP COLUMN self_result_rating;
