-- +goose Up
-- Defaults so organisations that saved settings before keep today's rules.
ALTER TABLE org_settings ADD COLUMN objection_days INTEGER NOT NULL DEFAULT 14;
ALTER TABLE org_settings ADD COLUMN advice_above_percent DOUBLE PRECISION NOT NULL DEFAULT 100;
ALTER TABLE org_settings ADD COLUMN advice_meets_percent DOUBLE PRECISION NOT NULL DEFAULT 90;

-- +goose Down
ALTER TABLE org_settings DROP COLUMN advice_meets_percent;
ALTER TABLE org_settings DROP COLUMN advice_above_percent;
ALTER TABLE org_settings DROP COLUMN objection_days;
