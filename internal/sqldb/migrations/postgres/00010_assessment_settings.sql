-- +goose Up
-- Defaults so organisations that saved settings before keep today's rules.
ALTER TABLE org_settings ADD COLUMN objection_days INTEGER NOT NULL DEFAULT 14;
ALTER TABLE org_settings ADD COLUMN advice_above_percent DOUBLE PRECISION NOT NULL DEFAULT 100;
ALTER TABLE org_settings ADD COLUMN advice_meets_percent DOUBLE PRECISION NOT NULL DEFAULT 90;
-- The rating hasil kerja a unit head starts from, by the organisation predikat.
ALTER TABLE org_settings ADD COLUMN head_rating_istimewa TEXT NOT NULL DEFAULT 'di_atas';
ALTER TABLE org_settings ADD COLUMN head_rating_baik TEXT NOT NULL DEFAULT 'sesuai';
ALTER TABLE org_settings ADD COLUMN head_rating_butuh_perbaikan TEXT NOT NULL DEFAULT 'di_bawah';
ALTER TABLE org_settings ADD COLUMN head_rating_kurang TEXT NOT NULL DEFAULT 'di_bawah';
ALTER TABLE org_settings ADD COLUMN head_rating_sangat_kurang TEXT NOT NULL DEFAULT 'di_bawah';

-- +goose Down
ALTER TABLE org_settings DROP COLUMN head_rating_sangat_kurang;
ALTER TABLE org_settings DROP COLUMN head_rating_kurang;
ALTER TABLE org_settings DROP COLUMN head_rating_butuh_perbaikan;
ALTER TABLE org_settings DROP COLUMN head_rating_baik;
ALTER TABLE org_settings DROP COLUMN head_rating_istimewa;
ALTER TABLE org_settings DROP COLUMN advice_meets_percent;
ALTER TABLE org_settings DROP COLUMN advice_above_percent;
ALTER TABLE org_settings DROP COLUMN objection_days;
