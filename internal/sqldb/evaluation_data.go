package sqldb

import (
	"context"

	"kinerja/internal/kinerja"
)

// EvaluationData is what the Dokumen Evaluasi Kinerja Pegawai shows, gathered in one place
// for the UI and the API.
type EvaluationData struct {
	Assessment   *kinerja.Assessment
	SKP          *kinerja.SKP
	Realisation  []kinerja.Realisation
	Feedback     []*kinerja.Feedback // empty when the reader may not see it
	Organisation string
	OrgPredikat  kinerja.OrgPredikat // of the unit's distribution; "" when none was set
}

// FindEvaluationData gathers the evaluation document of an assessment the caller may read.
func (db *DB) FindEvaluationData(ctx context.Context, id int64) (*EvaluationData, error) {
	x, err := db.FindAssessmentByID(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &EvaluationData{Assessment: x}
	if d.SKP, err = db.FindSKPByID(ctx, x.SKPID); err != nil {
		return nil, err
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
	return d, nil
}
