-- +goose Up
-- A unit that is an independent work unit (unit kerja mandiri): whoever heads it writes the SKP
-- of the JPT and pimpinan unit kerja mandiri form. Organisations, kecamatan and kelurahan are.
ALTER TABLE units ADD COLUMN independent BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE units SET independent = TRUE WHERE parent_id IS NULL OR kind IN ('pemkot', 'kecamatan', 'kelurahan');
-- The form of the current SKP follows the new rule (kinerja.FormFor): it used to follow the
-- position kind, which gave an administrator heading a sekretariat the JPT form.
UPDATE skp SET form = CASE
        WHEN EXISTS (SELECT 1 FROM employees e WHERE e.id = skp.employee_id AND e.position_kind = 'jpt')
            OR EXISTS (SELECT 1 FROM units u WHERE u.head_id = skp.employee_id AND u.independent) THEN 'jpt'
        ELSE 'jajf' END
    WHERE is_current;

-- An SKP covers its period from start_date to end_date; NULL means the period's own bound. A
-- transfer during the year ends the current SKP the day before the move (end_date) and lets a
-- new one start on the move date, so one employee may have two current SKP for a period, but
-- only one still open.
ALTER TABLE skp ADD COLUMN start_date DATE;
ALTER TABLE skp ADD COLUMN end_date DATE;
DROP INDEX skp_current;
CREATE UNIQUE INDEX skp_current ON skp (employee_id, period_id) WHERE is_current AND end_date IS NULL;

-- The JPT form groups RHK by perspective and names the strategic goal (Renstra) each serves.
ALTER TABLE skp_results ADD COLUMN perspective TEXT NOT NULL DEFAULT ''
    CHECK (perspective IN ('', 'penerima_layanan', 'proses_bisnis', 'penguatan_internal', 'anggaran'));
ALTER TABLE skp_results ADD COLUMN strategic_goal TEXT NOT NULL DEFAULT '';

-- The date by which the year's SKP is to be set (approved); NULL means 31 January.
ALTER TABLE periods ADD COLUMN skp_due DATE;

-- +goose Down
ALTER TABLE periods DROP COLUMN skp_due;
ALTER TABLE skp_results DROP COLUMN strategic_goal;
ALTER TABLE skp_results DROP COLUMN perspective;
DROP INDEX skp_current;
CREATE UNIQUE INDEX skp_current ON skp (employee_id, period_id) WHERE is_current;
ALTER TABLE skp DROP COLUMN end_date;
ALTER TABLE skp DROP COLUMN start_date;
ALTER TABLE units DROP COLUMN independent;
