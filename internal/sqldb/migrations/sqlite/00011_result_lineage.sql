-- +goose Up
-- The lineage of an RHK: the first version's id, shared by the copies revisions make of it, so
-- that work logged against any version counts for all of them.
ALTER TABLE skp_results ADD COLUMN lineage_id INTEGER;
-- Revisions made before this column: an RHK continues the one of the same text in the previous
-- version of its SKP (the k-th of that text continues the k-th, as revisions copy in order).
WITH RECURSIVE ranked (id, skp_id, text, k) AS (
    SELECT id, skp_id, text, ROW_NUMBER() OVER (PARTITION BY skp_id, text ORDER BY position, id) FROM skp_results
), chain (id, root) AS (
    SELECT r.id, r.id FROM skp_results r JOIN skp s ON s.id = r.skp_id WHERE s.previous_id IS NULL
    UNION
    SELECT r.id, chain.root FROM ranked r
        JOIN skp s ON s.id = r.skp_id
        JOIN ranked p ON p.skp_id = s.previous_id AND p.text = r.text AND p.k = r.k
        JOIN chain ON chain.id = p.id
)
UPDATE skp_results SET lineage_id = c.root FROM (SELECT id, MIN(root) AS root FROM chain GROUP BY id) AS c WHERE c.id = skp_results.id;
UPDATE skp_results SET lineage_id = id WHERE lineage_id IS NULL;
CREATE INDEX skp_results_lineage ON skp_results (lineage_id);

-- +goose Down
DROP INDEX skp_results_lineage;
ALTER TABLE skp_results DROP COLUMN lineage_id;
