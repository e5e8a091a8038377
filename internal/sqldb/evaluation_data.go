package sqldb

import (
	"context"
	"fmt"
	"strconv"

	"kinerja/internal/kinerja"
)

// EvaluationData is what the Dokumen Evaluasi Kinerja Pegawai shows, gathered in one place
// for the UI and the API.
type EvaluationData struct {
	Assessment   *kinerja.Assessment
	SKP          *kinerja.SKP
	Period       *kinerja.Period // the SKP's performance period
	Realisation  []kinerja.Realisation
	Feedback     []*kinerja.Feedback // empty when the reader may not see it
	Organisation string
	OrgPredikat  kinerja.OrgPredikat // of the unit's distribution; "" when none was set
	// Decider is the official who decided the objection, as they were then; nil when no
	// objection was decided or the decision predates the record.
	Decider *kinerja.Person
	// Periodic are the employee's periodic assessments of the year, in period order, for the
	// annual document; empty for a periodic one.
	Periodic []*kinerja.Assessment
}

// FindEvaluationData gathers the evaluation document of an assessment the caller may read.
func (db *DB) FindEvaluationData(ctx context.Context, id int64) (*EvaluationData, error) {
	x, err := db.FindAssessmentByID(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &EvaluationData{Assessment: x, Periodic: []*kinerja.Assessment{}}
	if d.SKP, err = db.FindSKPByID(ctx, x.SKPID); err != nil {
		return nil, err
	}
	if d.Period, err = findPeriod(ctx, db.db, d.SKP.PeriodID); err != nil {
		return nil, mapError(err)
	}
	if d.Realisation, err = db.FindRealisation(ctx, d.SKP.ID, x.Period); err != nil {
		return nil, err
	}
	if d.Feedback, err = db.FindFeedback(ctx, x.EmployeeID, d.SKP.Year); err != nil && kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
		return nil, err
	}
	var org string
	if err := db.db.QueryRowContext(ctx, `SELECT name FROM units WHERE id = $1`, d.SKP.OrgID).Scan(&org); err != nil {
		return nil, mapError(err)
	}
	d.Organisation = org
	// The organisation predikat belongs on every reader's document; the distribution it
	// comes with is for the unit's leaders only.
	if d.OrgPredikat, err = unitRating(ctx, db.db, x.UnitID, x.Period); err != nil {
		return nil, mapError(err)
	}
	if x.Decision != "" {
		if d.Decider, err = assessmentDecider(ctx, db.db, x.ID); err != nil {
			return nil, mapError(err)
		}
	}
	if !kinerja.PeriodicKey(x.Period) {
		if d.Periodic, err = periodicAssessments(ctx, db.db, x.EmployeeID, x.OrgID, x.Period); err != nil {
			return nil, mapError(err)
		}
	}
	return d, nil
}

// periodicAssessments lists an employee's periodic assessments of a year, across the SKP of
// that year (a transfer starts a new one), in period order. The annual document summarises
// them, so whoever may read it reads their ratings and predikat there.
func periodicAssessments(ctx context.Context, q queryer, employee, org int64, year string) ([]*kinerja.Assessment, error) {
	if _, err := strconv.Atoi(year); err != nil || len(year) != 4 {
		return []*kinerja.Assessment{}, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT `+assessmentColumns+assessmentFrom+` WHERE x.employee_id = $1 AND x.org_id = $2 AND x.period LIKE $3
		ORDER BY x.period, x.id`, employee, org, year+"-%")
	if err != nil {
		return nil, fmt.Errorf("periodic assessments: %w", err)
	}
	defer rows.Close()
	out := []*kinerja.Assessment{}
	for rows.Next() {
		x, err := scanAssessment(rows)
		if err != nil {
			return nil, fmt.Errorf("periodic assessments: %w", err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
