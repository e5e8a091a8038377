-- +goose Up
-- The unit of an activity's output is the unit of its RHK's kuantitas target, and realisation
-- counts only outputs in that unit. Activities logged without a unit counted towards the
-- target before; they are given the unit of the first kuantitas indicator of their RHK so that
-- they still do. An activity in another unit ("6 PKL" against a target in "kegiatan") keeps
-- its unit and no longer counts.
UPDATE activities SET unit = (SELECT i.unit FROM skp_indicators i
        WHERE i.result_id = activities.result_id AND i.aspect = 'kuantitas' ORDER BY i.position LIMIT 1)
    WHERE unit = '' AND EXISTS (SELECT 1 FROM skp_indicators i WHERE i.result_id = activities.result_id AND i.aspect = 'kuantitas');

-- +goose Down
SELECT 1;
