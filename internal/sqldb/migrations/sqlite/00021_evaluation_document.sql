-- +goose Up
-- The Catatan/Rekomendasi of the pejabat penilai, and the official who decided an objection
-- as they were then (a JSON person, like the SKP's snapshots).
ALTER TABLE assessments ADD COLUMN recommendation TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN decider_snapshot TEXT;

-- +goose Down
ALTER TABLE assessments DROP COLUMN decider_snapshot;
ALTER TABLE assessments DROP COLUMN recommendation;
