package sqldb

import (
	"context"
	"fmt"

	"kinerja/internal/kinerja"
)

// transferSKP follows a move of e to another unit, supervisor or appraiser that takes effect
// on moved. An approved SKP of the open period holding that date is closed the day before
// (it stays approved, and its appraiser assesses the months it covers); the employee then
// starts a new SKP for the rest of the year with the new appraiser and unit (CreateSKP). An
// SKP not yet approved is still a plan: it follows the employee, taking the new appraiser
// and unit.
func (tx *Tx) transferSKP(ctx context.Context, a *kinerja.User, e *kinerja.Employee, moved kinerja.Date) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+skpColumns+skpFrom+`
		WHERE s.employee_id = $1 AND s.is_current AND s.end_date IS NULL AND NOT p.closed AND p.start_date <= $2 AND p.end_date >= $2`,
		e.ID, dateValue(moved))
	if err != nil {
		return fmt.Errorf("transfer skp: %w", err)
	}
	var open []*kinerja.SKP
	for rows.Next() {
		s, err := scanSKP(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("transfer skp: %w", err)
		}
		open = append(open, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("transfer skp: %w", err)
	}
	for _, s := range open {
		p, err := findPeriod(ctx, tx, s.PeriodID)
		if err != nil {
			return err
		}
		if err := tx.lockRow(ctx, "skp", s.ID); err != nil {
			return err
		}
		end, ok := kinerja.TransferEnd(p, s, moved)
		switch {
		case s.Status == kinerja.SKPApproved && ok:
			if _, err := tx.ExecContext(ctx, `UPDATE skp SET end_date = $1, updated_at = $2 WHERE id = $3`, dateValue(end), tx.now, s.ID); err != nil {
				return fmt.Errorf("transfer skp: %w", err)
			}
		case s.Status != kinerja.SKPApproved:
			if err := tx.resnapshotSKP(ctx, s.ID, e); err != nil {
				return err
			}
		default:
			continue
		}
		after, err := findSKP(ctx, tx, s.ID)
		if err != nil {
			return err
		}
		if err := tx.audit(ctx, a, &s.OrgID, kinerja.EntitySKP, s.ID, kinerja.ActionUpdate, skpAudit(s), skpAudit(after)); err != nil {
			return err
		}
	}
	return nil
}

// resnapshotSKP points an SKP not yet approved at e's appraiser, unit and form of today.
func (tx *Tx) resnapshotSKP(ctx context.Context, id int64, e *kinerja.Employee) error {
	emp, _, err := person(ctx, tx, e.ID)
	if err != nil {
		return err
	}
	appr, sup, err := appraisers(ctx, tx, e)
	if err != nil {
		return err
	}
	form, err := skpForm(ctx, tx, e)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE skp SET appraiser_id = $1, employee_snapshot = $2, appraiser_snapshot = $3, superior_snapshot = $4,
			form = $5, updated_at = $6 WHERE id = $7`, e.AppraiserID, snapshot(emp), snapshot(appr), snapshot(sup), form, tx.now, id); err != nil {
		return fmt.Errorf("transfer skp: %w", err)
	}
	return nil
}
