-- +goose Up
-- The lineage of an RHK: the first version's id, shared by the copies revisions make of it, so
-- that work logged against any version counts for all of them.
ALTER TABLE skp_results ADD COLUMN lineage_id INTEGER;
-- Revisions made before this column: an RHK continues the one of the same text in the previous
-- version of its SKP.
WITH RECURSIVE chain (id, root) AS (
    SELECT r.id, r.id FROM skp_results r JOIN skp s ON s.id = r.skp_id WHERE s.previous_id IS NULL
    UNION
    SELECT r.id, chain.root FROM skp_results r
        JOIN skp s ON s.id = r.skp_id
        JOIN skp_results p ON p.skp_id = s.previous_id AND p.text = r.text
        JOIN chain ON chain.id = p.id
)
UPDATE skp_results SET lineage_id = (SELECT MIN(chain.root) FROM chain WHERE chain.id = skp_results.id);
UPDATE skp_results SET lineage_id = id WHERE lineage_id IS NULL;
CREATE INDEX skp_results_lineage ON skp_results (lineage_id);

-- +goose Down
DROP INDEX skp_results_lineage;
ALTER TABLE skp_results DROP COLUMN lineage_id;
