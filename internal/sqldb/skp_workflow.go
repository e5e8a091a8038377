package sqldb

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"kinerja/internal/kinerja"
)

// SubmitSKP sends an SKP to its pejabat penilai. It needs at least one utama RHK, each linked
// to the supervisor's RHK where the employee has a supervisor, and for a kuantitatif SKP the
// kuantitas, kualitas and waktu indicators of every RHK.
func (db *DB) SubmitSKP(ctx context.Context, id int64) (*kinerja.SKP, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.SKP
	err = db.update(ctx, func(tx *Tx) error {
		s, err := tx.skpFor(ctx, a, id, kinerja.ActionSubmit)
		if err != nil {
			return err
		}
		if err := checkComplete(ctx, tx, s); err != nil {
			return err
		}
		if out, err = tx.transition(ctx, a, s, kinerja.ActionSubmit, "submitted_at = $1,", ""); err != nil {
			return err
		}
		if s.AppraiserID != nil {
			return tx.emit(ctx, kinerja.Event{Kind: kinerja.EventSKPSubmitted, OrgID: s.OrgID, Entity: kinerja.EntitySKP, EntityID: id,
				To: kinerja.ToEmployee(*s.AppraiserID), Subject: s.Employee.Name})
		}
		return tx.emit(ctx, kinerja.Event{Kind: kinerja.EventSKPSubmitted, OrgID: s.OrgID, Entity: kinerja.EntitySKP, EntityID: id,
			To: kinerja.ToAdmins(), Subject: s.Employee.Name})
	})
	return out, err
}

// checkComplete reports what keeps an SKP from being submitted, RHK by RHK.
func checkComplete(ctx context.Context, q queryer, s *kinerja.SKP) error {
	e, err := findEmployee(ctx, q, s.EmployeeID)
	if err != nil {
		return err
	}
	var v kinerja.Validation
	main := 0
	for i, r := range s.Results {
		if r.Kind == kinerja.ResultMain {
			main++
			if e.SupervisorID != nil && r.ParentResultID == nil {
				v.Add(fmt.Sprintf("results.%d.parent_result_id", i), kinerja.MsgResultParent)
			}
		}
		if len(r.Indicators) == 0 {
			v.Add(fmt.Sprintf("results.%d.indicators", i), kinerja.MsgIndicatorsRequired)
		} else if s.Approach == kinerja.ApproachQuantitative && len(r.MissingAspects()) > 0 {
			v.Add(fmt.Sprintf("results.%d.indicators", i), kinerja.MsgAspectsMissing)
		}
	}
	if main == 0 {
		v.Add("results", kinerja.MsgSKPNoResults)
	}
	if err := v.Err(); err != nil {
		e := err.(*kinerja.Error)
		e.Message = "SKP belum lengkap: " + firstMessage(e.Fields)
		return e
	}
	return nil
}

func firstMessage(fields map[string]string) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	// "results" sorts before "results.0…": the summary names the most general problem.
	min := keys[0]
	for _, k := range keys {
		if k < min {
			min = k
		}
	}
	return fields[min]
}

// transition moves s by action, which the caller checked with the domain, setting extra
// columns ("col = $1," with tx.now as $1) and the return note, and audits the step.
func (tx *Tx) transition(ctx context.Context, a *kinerja.User, s *kinerja.SKP, action kinerja.SKPAction, set, note string) (*kinerja.SKP, error) {
	next, ok := kinerja.NextStatus(s.Status, action)
	if !ok {
		return nil, kinerja.Errorf(kinerja.ECONFLICT, kinerja.MsgSKPBadTransition)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE skp SET `+set+` status = $2, return_note = $3, updated_at = $1 WHERE id = $4`,
		tx.now, next, note, s.ID); err != nil {
		return nil, fmt.Errorf("%s skp: %w", action, err)
	}
	out, err := loadSKP(ctx, tx, s.ID)
	if err != nil {
		return nil, err
	}
	return out, tx.audit(ctx, a, &s.OrgID, kinerja.EntitySKP, s.ID, string(action), skpAudit(s), skpAudit(out))
}

// ApproveSKP approves a submitted SKP. Only its pejabat penilai may, never for their own SKP.
func (db *DB) ApproveSKP(ctx context.Context, id int64) (*kinerja.SKP, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.SKP
	err = db.update(ctx, func(tx *Tx) error {
		s, err := tx.skpFor(ctx, a, id, kinerja.ActionApprove)
		if err != nil {
			return err
		}
		if out, err = tx.transition(ctx, a, s, kinerja.ActionApprove, "approved_at = $1,", ""); err != nil {
			return err
		}
		return tx.emit(ctx, kinerja.Event{Kind: kinerja.EventSKPApproved, OrgID: s.OrgID, Entity: kinerja.EntitySKP, EntityID: id,
			To: kinerja.ToEmployee(s.EmployeeID), Subject: appraiserName(a, s)})
	})
	return out, err
}

// ReturnSKP sends a submitted SKP back to its employee with a note saying what to fix.
func (db *DB) ReturnSKP(ctx context.Context, id int64, note string) (*kinerja.SKP, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	note = strings.TrimSpace(note)
	switch {
	case note == "":
		return nil, kinerja.FieldError("note", kinerja.MsgSKPReturnNote)
	case utf8.RuneCountInString(note) > 2000:
		return nil, kinerja.FieldError("note", "Catatan paling banyak 2.000 karakter.")
	}
	var out *kinerja.SKP
	err = db.update(ctx, func(tx *Tx) error {
		s, err := tx.skpFor(ctx, a, id, kinerja.ActionReturn)
		if err != nil {
			return err
		}
		if out, err = tx.transition(ctx, a, s, kinerja.ActionReturn, "", note); err != nil {
			return err
		}
		return tx.emit(ctx, kinerja.Event{Kind: kinerja.EventSKPReturned, OrgID: s.OrgID, Entity: kinerja.EntitySKP, EntityID: id,
			To: kinerja.ToEmployee(s.EmployeeID), Subject: appraiserName(a, s)})
	})
	return out, err
}

// ReviseSKP starts a new draft version of an approved SKP, copying its RHK, indicators,
// expectations and lampiran. The approved version stays readable; subordinates' RHK follow
// to the new version of the RHK they intervene.
func (db *DB) ReviseSKP(ctx context.Context, id int64) (*kinerja.SKP, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.SKP
	err = db.update(ctx, func(tx *Tx) error {
		s, err := tx.skpFor(ctx, a, id, kinerja.ActionRevise)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE skp SET is_current = FALSE, updated_at = $1 WHERE id = $2`, tx.now, id); err != nil {
			return fmt.Errorf("revise skp: %w", err)
		}
		var nid int64
		err = tx.QueryRowContext(ctx, `INSERT INTO skp (org_id, employee_id, period_id, approach, form, appraiser_id, status, version, is_current,
				previous_id, employee_snapshot, appraiser_snapshot, superior_snapshot, resources, accountability, consequences, start_date, end_date, created_at, updated_at)
			SELECT org_id, employee_id, period_id, approach, form, appraiser_id, 'draft', version + 1, TRUE,
				id, employee_snapshot, appraiser_snapshot, superior_snapshot, resources, accountability, consequences, start_date, end_date, $1, $1
			FROM skp WHERE id = $2 RETURNING id`, tx.now, id).Scan(&nid)
		if err != nil {
			return fmt.Errorf("revise skp: %w", err)
		}
		for _, r := range s.Results {
			rid, err := tx.insertResult(ctx, nid, r.Input(), r.ID)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE skp_results SET parent_result_id = $1 WHERE parent_result_id = $2`, rid, r.ID); err != nil {
				return fmt.Errorf("revise skp: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO skp_behaviors (skp_id, value, expectation) SELECT $1, value, expectation FROM skp_behaviors WHERE skp_id = $2`, nid, id); err != nil {
			return fmt.Errorf("revise skp: %w", err)
		}
		if out, err = loadSKP(ctx, tx, nid); err != nil {
			return err
		}
		return tx.audit(ctx, a, &s.OrgID, kinerja.EntitySKP, nid, string(kinerja.ActionRevise), skpAudit(s), skpAudit(out))
	})
	return out, err
}

// appraiserName names who reviewed s in a notification: the pejabat penilai as snapshotted.
func appraiserName(a *kinerja.User, s *kinerja.SKP) string {
	if s.Appraiser != nil {
		return s.Appraiser.Name
	}
	return a.DisplayName()
}
