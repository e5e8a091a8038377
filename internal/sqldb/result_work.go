package sqldb

import (
	"context"
	"fmt"

	"kinerja/internal/kinerja"
)

// FindResultWork returns, for every RHK of an SKP the caller may read, the activities dated
// in an evaluation period by status and lateness, and the evidence behind the work: files of
// its approved activities in the period and files attached to the RHK itself, over every
// version of the RHK.
func (db *DB) FindResultWork(ctx context.Context, skpID int64, key string) (map[int64]*kinerja.ResultWork, error) {
	s, ep, _, err := db.skpInPeriod(ctx, skpID, key)
	if err != nil {
		return nil, err
	}
	out := map[int64]*kinerja.ResultWork{}
	for _, r := range s.Results {
		out[r.ID] = &kinerja.ResultWork{ResultID: r.ID, Evidence: []*kinerja.Evidence{}}
	}
	from, to := dateValue(ep.Start), dateValue(ep.End)
	// Work logged against another version of an RHK (before or during a revision) counts too.
	rows, err := db.db.QueryContext(ctx, `SELECT r.id, a.status, a.late, COUNT(*) FROM skp_results r JOIN skp_results v ON v.lineage_id = r.lineage_id
		JOIN activities a ON a.result_id = v.id
		WHERE r.skp_id = $1 AND a.day >= $2 AND a.day <= $3 GROUP BY r.id, a.status, a.late`, s.ID, from, to)
	if err != nil {
		return nil, mapError(fmt.Errorf("result work: %w", err))
	}
	for rows.Next() {
		var id int64
		var status kinerja.ActivityStatus
		var late bool
		var n int
		if err := rows.Scan(&id, &status, &late, &n); err != nil {
			rows.Close()
			return nil, mapError(fmt.Errorf("result work: %w", err))
		}
		w := out[id]
		if w == nil {
			continue
		}
		switch status {
		case kinerja.ActivityApproved:
			w.Approved += n
		case kinerja.ActivityRejected:
			w.Rejected += n
		default:
			w.Pending += n
		}
		if late {
			w.Late += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapError(err)
	}
	rows, err = db.db.QueryContext(ctx, `SELECT `+evidenceColumns+`, r.id FROM evidence v
		LEFT JOIN activities a ON a.id = v.activity_id
		JOIN skp_results x ON x.id = COALESCE(a.result_id, v.result_id)
		JOIN skp_results r ON r.lineage_id = x.lineage_id
		WHERE r.skp_id = $1 AND (v.activity_id IS NULL OR (a.status = 'approved' AND a.day >= $2 AND a.day <= $3))
		ORDER BY v.created_at DESC, v.id DESC`, s.ID, from, to)
	if err != nil {
		return nil, mapError(fmt.Errorf("result work evidence: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var result int64
		v, err := scanEvidence(rows, &result)
		if err != nil {
			return nil, mapError(fmt.Errorf("result work evidence: %w", err))
		}
		if w := out[result]; w != nil {
			w.EvidenceCount++
			if len(w.Evidence) < kinerja.MaxWorkEvidence {
				w.Evidence = append(w.Evidence, v)
			}
		}
	}
	return out, mapError(rows.Err())
}
