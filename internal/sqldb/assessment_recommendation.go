package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"kinerja/internal/kinerja"
)

// setRecommendation stores the Catatan/Rekomendasi of a draft assessment, inside the update
// that already checked the pejabat penilai may rate it (kinerja.AssessmentUpdate.Validate
// trimmed and bounded the text).
func (tx *Tx) setRecommendation(ctx context.Context, id int64, text string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE assessments SET recommendation = $1 WHERE id = $2`, text, id); err != nil {
		return fmt.Errorf("assessment recommendation: %w", err)
	}
	return nil
}

// recordDecider snapshots the official deciding an objection as they are today: their
// employee record, or the account's name for an admin without one.
func (tx *Tx) recordDecider(ctx context.Context, a *kinerja.User, id int64) error {
	p := &kinerja.Person{Name: a.DisplayName()}
	if a.EmployeeID != nil {
		if e, _, err := person(ctx, tx, *a.EmployeeID); err == nil {
			p = e
		} else if kinerja.ErrorCode(err) != kinerja.ENOTFOUND {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE assessments SET decider_snapshot = $1 WHERE id = $2`, snapshot(p), id); err != nil {
		return fmt.Errorf("record objection decider: %w", err)
	}
	return nil
}

// assessmentDecider returns the official who decided the objection to an assessment, nil
// when none was decided or the decision predates the record of who made it.
func assessmentDecider(ctx context.Context, q queryer, id int64) (*kinerja.Person, error) {
	var raw sql.NullString
	if err := q.QueryRowContext(ctx, `SELECT decider_snapshot FROM assessments WHERE id = $1`, id).Scan(&raw); err != nil {
		return nil, fmt.Errorf("objection decider: %w", err)
	}
	if !raw.Valid || raw.String == "" {
		return nil, nil
	}
	p := new(kinerja.Person)
	if err := json.Unmarshal([]byte(raw.String), p); err != nil {
		return nil, fmt.Errorf("objection decider: %w", err)
	}
	return p, nil
}
