package sqldb

import (
	"context"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"kinerja/internal/kinerja"
)

// FindRealisation returns, for every indicator of an SKP, what it achieved in an evaluation
// period: for kuantitas indicators the sum of the outputs of approved activities of its RHK
// within the period, against the yearly target's share of the period, and the employee's own
// note.
func (db *DB) FindRealisation(ctx context.Context, skpID int64, key string) ([]kinerja.Realisation, error) {
	s, ep, p, err := db.skpInPeriod(ctx, skpID, key)
	if err != nil {
		return nil, err
	}
	share := ep.ShareOf(p.Start, p.End)
	// The outputs by RHK and unit: an indicator counts only the outputs in its own unit.
	type resultUnit struct {
		result int64
		unit   string
	}
	sums := map[resultUnit]float64{}
	unitKey := func(u string) string { return strings.ToLower(strings.TrimSpace(u)) }
	// Work logged against another version of an RHK (before or during a revision) counts too.
	rows, err := db.db.QueryContext(ctx, `SELECT r.id, a.unit, SUM(a.output) FROM skp_results r JOIN skp_results v ON v.lineage_id = r.lineage_id
		JOIN activities a ON a.result_id = v.id
		WHERE r.skp_id = $1 AND a.status = 'approved' AND a.day >= $2 AND a.day <= $3 GROUP BY r.id, a.unit`, s.ID, dateValue(ep.Start), dateValue(ep.End))
	if err != nil {
		return nil, mapError(fmt.Errorf("realisation: %w", err))
	}
	for rows.Next() {
		var id int64
		var unit string
		var sum float64
		if err := rows.Scan(&id, &unit, &sum); err != nil {
			rows.Close()
			return nil, mapError(err)
		}
		sums[resultUnit{id, unitKey(unit)}] += sum
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapError(err)
	}
	notes := map[int64]string{}
	// A note written on the same indicator of another version of the RHK counts too; the
	// newest wins.
	nrows, err := db.db.QueryContext(ctx, `SELECT mi.id, n.note FROM skp_indicators mi JOIN skp_results mr ON mr.id = mi.result_id
		JOIN skp_results vr ON vr.lineage_id = mr.lineage_id JOIN skp_indicators vi ON vi.result_id = vr.id AND vi.position = mi.position
		JOIN realisation_notes n ON n.indicator_id = vi.id
		WHERE mr.skp_id = $1 AND n.period_key = $2 ORDER BY n.updated_at`, s.ID, key)
	if err != nil {
		return nil, mapError(fmt.Errorf("realisation: %w", err))
	}
	for nrows.Next() {
		var id int64
		var note string
		if err := nrows.Scan(&id, &note); err != nil {
			nrows.Close()
			return nil, mapError(err)
		}
		notes[id] = note
	}
	nrows.Close()
	out := []kinerja.Realisation{}
	for _, r := range s.Results {
		for _, ind := range r.Indicators {
			re := kinerja.Realisation{IndicatorID: ind.ID, ResultID: r.ID, Aspect: ind.Aspect, Text: ind.Text, Target: ind.Target,
				Unit: ind.Unit, Note: notes[ind.ID]}
			if ind.Aspect == kinerja.AspectQuantity {
				sum := sums[resultUnit{r.ID, unitKey(ind.Unit)}]
				re.Computed = &sum
				if t, ok := kinerja.ParseTarget(ind.Target); ok && t > 0 && share > 0 {
					part := t * share
					// A target so small that the share overflows has no percentage to show, and
					// an infinite one could not be written as JSON.
					if pct := sum / part * 100; !math.IsInf(pct, 0) && !math.IsNaN(pct) {
						re.PeriodTarget, re.Percent = &part, &pct
					}
				}
			}
			out = append(out, re)
		}
	}
	return out, nil
}

// skpInPeriod returns an SKP whose work the caller may read (skpWorkAccess), the evaluation
// period of key and the performance period.
func (db *DB) skpInPeriod(ctx context.Context, skpID int64, key string) (*kinerja.SKP, kinerja.EvalPeriod, *kinerja.Period, error) {
	s, err := db.FindSKPByID(ctx, skpID)
	if err != nil {
		return nil, kinerja.EvalPeriod{}, nil, err
	}
	a, err := actor(ctx)
	if err != nil {
		return nil, kinerja.EvalPeriod{}, nil, err
	}
	if err := skpWorkAccess(ctx, db.db, a, s); err != nil {
		return nil, kinerja.EvalPeriod{}, nil, mapError(err)
	}
	p, err := findPeriod(ctx, db.db, s.PeriodID)
	if err != nil {
		return nil, kinerja.EvalPeriod{}, nil, mapError(err)
	}
	ep, ok := kinerja.FindEvalPeriod(p.Year, p.Cadence, key)
	if !ok {
		return nil, kinerja.EvalPeriod{}, nil, kinerja.FieldError("period", kinerja.MsgAssessmentPeriod)
	}
	return s, ep, p, nil
}

// SetRealisationNote stores the employee's own account of an indicator in a period.
func (db *DB) SetRealisationNote(ctx context.Context, skpID, indicatorID int64, key, note string) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > kinerja.MaxRealisationNote {
		return kinerja.FieldError("note", kinerja.MsgRealisationNote)
	}
	return db.update(ctx, func(tx *Tx) error {
		// The indicator must belong to the SKP named: one of another SKP is not found here.
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM skp_indicators i JOIN skp_results r ON r.id = i.result_id
			WHERE i.id = $1 AND r.skp_id = $2`, indicatorID, skpID).Scan(&n); err != nil {
			return fmt.Errorf("realisation note: %w", err)
		}
		if n == 0 {
			return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgNotFound)
		}
		s, err := findSKP(ctx, tx, skpID)
		if err != nil || !u.InOrg(s.OrgID) {
			return kinerja.FieldError("indicator_id", kinerja.MsgNotFound)
		}
		p, err := findPeriod(ctx, tx, s.PeriodID)
		if err != nil {
			return err
		}
		if err := kinerja.CheckSKP(u, s, kinerja.SKPFacts{PeriodClosed: p.Closed}, kinerja.ActionNote); err != nil {
			return err
		}
		if _, ok := kinerja.FindEvalPeriod(p.Year, p.Cadence, key); !ok {
			return kinerja.FieldError("period", "Periode penilaian tidak dikenal untuk tahun dan siklus ini.")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO realisation_notes (indicator_id, period_key, note, updated_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (indicator_id, period_key) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at`, indicatorID, key, note, tx.now); err != nil {
			return fmt.Errorf("realisation note: %w", err)
		}
		return tx.audit(ctx, u, &s.OrgID, kinerja.EntitySKP, s.ID, "realisation_note", nil, map[string]any{"indicator_id": indicatorID, "period": key, "note": note})
	})
}
