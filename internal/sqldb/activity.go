package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"kinerja/internal/kinerja"
)

const activityColumns = `a.id, a.org_id, a.employee_id, a.day, a.result_id, r.text, a.description, a.output, a.unit, a.minutes,
	a.status, a.reason, a.late, a.verified_by, a.verified_at, a.created_at, a.updated_at, e.name`

const activityFrom = ` FROM activities a JOIN skp_results r ON r.id = a.result_id JOIN employees e ON e.id = a.employee_id`

func scanActivity(sc interface{ Scan(...any) error }) (*kinerja.Activity, error) {
	a := &kinerja.Activity{Evidence: []*kinerja.Evidence{}}
	var by nullID
	var at sql.NullTime
	if err := sc.Scan(&a.ID, &a.OrgID, &a.EmployeeID, dateScanner{&a.Date}, &a.ResultID, &a.ResultText, &a.Description, &a.Output,
		&a.Unit, &a.Minutes, &a.Status, &a.Reason, &a.Late, &by, &at, &a.CreatedAt, &a.UpdatedAt, &a.EmployeeName); err != nil {
		return nil, err
	}
	a.VerifiedBy = by.ptr()
	if at.Valid {
		a.VerifiedAt = &at.Time
	}
	return a, nil
}

func findActivity(ctx context.Context, q queryer, id int64) (*kinerja.Activity, error) {
	a, err := scanActivity(q.QueryRowContext(ctx, `SELECT `+activityColumns+activityFrom+` WHERE a.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgActivityNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("find activity: %w", err)
	}
	return a, attachEvidence(ctx, q, []*kinerja.Activity{a})
}

// checkActivity validates in for the employee and returns the employee: the RHK must belong
// to the employee's current SKP of the year of the activity.
func (tx *Tx) checkActivity(ctx context.Context, u *kinerja.User, in *kinerja.ActivityInput, today kinerja.Date) (*kinerja.Employee, error) {
	if in.EmployeeID == 0 && u.EmployeeID != nil {
		in.EmployeeID = *u.EmployeeID
	}
	verr := in.Validate(today)
	e, err := findEmployee(ctx, tx, in.EmployeeID)
	if err != nil || !u.InOrg(e.OrgID) {
		return nil, firstErr(verr, kinerja.FieldError("employee_id", kinerja.MsgSKPNoEmployee))
	}
	if !kinerja.CanEditSKP(u, &kinerja.SKP{EmployeeID: e.ID, OrgID: e.OrgID}) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	if verr != nil {
		return nil, verr
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM skp_results r JOIN skp s ON s.id = r.skp_id JOIN periods p ON p.id = s.period_id
		WHERE r.id = $1 AND s.employee_id = $2 AND s.is_current AND p.year = $3`, in.ResultID, e.ID, in.Date.Year()).Scan(&n); err != nil {
		return nil, fmt.Errorf("check activity: %w", err)
	}
	if n == 0 {
		return nil, kinerja.FieldError("result_id", kinerja.MsgActivityResult)
	}
	// The unit of the output is the RHK's: realisation counts only outputs in the unit of
	// the kuantitas target.
	units, err := quantityUnits(ctx, tx, in.ResultID)
	if err != nil {
		return nil, err
	}
	unit, ok := kinerja.ActivityUnit(units, in.Unit)
	if !ok {
		return nil, kinerja.FieldError("unit", kinerja.MsgActivityUnit)
	}
	in.Unit = unit
	return e, nil
}

// quantityUnits returns the units of the kuantitas indicators of an RHK, in their order.
func quantityUnits(ctx context.Context, q queryer, resultID int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT unit FROM skp_indicators WHERE result_id = $1 AND aspect = $2 ORDER BY position`,
		resultID, kinerja.AspectQuantity)
	if err != nil {
		return nil, fmt.Errorf("quantity units: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, fmt.Errorf("quantity units: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// late tells whether an activity of day done, logged today, misses the deadline.
func (tx *Tx) late(ctx context.Context, org int64, done, today kinerja.Date) (bool, error) {
	s, err := findSettings(ctx, tx, org)
	if err != nil {
		return false, err
	}
	cal, err := calendar(ctx, tx, org, done, today)
	if err != nil {
		return false, err
	}
	return kinerja.LateActivity(cal, done, today, s.ActivityDeadlineDays), nil
}

// CreateActivity logs an activity for the caller (or, for an admin, for an employee). It
// waits for the direct supervisor's verification and is marked late when logged after the
// organisation's deadline.
func (db *DB) CreateActivity(ctx context.Context, in kinerja.ActivityInput) (*kinerja.Activity, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.Activity
	err = db.update(ctx, func(tx *Tx) error {
		today := kinerja.Today(tx.now)
		e, err := tx.checkActivity(ctx, u, &in, today)
		if err != nil {
			return err
		}
		late, err := tx.late(ctx, e.OrgID, in.Date, today)
		if err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO activities (org_id, employee_id, day, result_id, description, output, unit, minutes,
				status, late, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10, $10) RETURNING id`,
			e.OrgID, e.ID, dateValue(in.Date), in.ResultID, in.Description, in.Output, in.Unit, in.Minutes, late, tx.now).Scan(&id); err != nil {
			return fmt.Errorf("create activity: %w", err)
		}
		if out, err = findActivity(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, u, &e.OrgID, kinerja.EntityActivity, id, kinerja.ActionCreate, nil, out)
	})
	return out, err
}

// UpdateActivity changes an activity until it is approved; a rejected one goes back to the
// supervisor's queue.
func (db *DB) UpdateActivity(ctx context.Context, id int64, in kinerja.ActivityInput) (*kinerja.Activity, error) {
	return db.PatchActivity(ctx, id, func(cur *kinerja.ActivityInput) error {
		in.EmployeeID = cur.EmployeeID
		*cur = in
		return nil
	})
}

// PatchActivity changes an activity with change, which edits the stored values in place, in
// one transaction with the read: two edits at once never lose one another's change.
func (db *DB) PatchActivity(ctx context.Context, id int64, change func(*kinerja.ActivityInput) error) (*kinerja.Activity, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.Activity
	err = db.update(ctx, func(tx *Tx) error {
		if err := tx.lockRow(ctx, "activities", id); err != nil {
			return err
		}
		before, err := tx.activityFor(ctx, u, id, kinerja.ActionEdit)
		if err != nil {
			return err
		}
		in := before.Input()
		if err := change(&in); err != nil {
			return err
		}
		if in.EmployeeID != before.EmployeeID {
			return kinerja.FieldError("employee_id", kinerja.MsgActivityEmployeeFixed)
		}
		today := kinerja.Today(tx.now)
		if _, err := tx.checkActivity(ctx, u, &in, today); err != nil {
			return err
		}
		// Lateness is judged by when the work was first logged.
		late, err := tx.late(ctx, before.OrgID, in.Date, kinerja.Today(before.CreatedAt))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE activities SET day = $1, result_id = $2, description = $3, output = $4, unit = $5, minutes = $6,
				status = 'pending', late = $7, verified_by = NULL, verified_at = NULL, updated_at = $8 WHERE id = $9`,
			dateValue(in.Date), in.ResultID, in.Description, in.Output, in.Unit, in.Minutes, late, tx.now, id); err != nil {
			return fmt.Errorf("update activity: %w", err)
		}
		if out, err = findActivity(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, u, &before.OrgID, kinerja.EntityActivity, id, kinerja.ActionUpdate, before, out)
	})
	return out, err
}

// DeleteActivity removes an activity that is not approved yet.
func (db *DB) DeleteActivity(ctx context.Context, id int64) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		a, err := tx.activityFor(ctx, u, id, kinerja.ActionEdit)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM activities WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete activity: %w", err)
		}
		return tx.audit(ctx, u, &a.OrgID, kinerja.EntityActivity, id, kinerja.ActionDelete, a, nil)
	})
}

// FindActivityByID returns an activity the caller may see.
func (db *DB) FindActivityByID(ctx context.Context, id int64) (*kinerja.Activity, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	a, err := findActivity(ctx, db.db, id)
	if err != nil {
		return nil, mapError(err)
	}
	if err := employeeAccess(ctx, db.db, u, a.EmployeeID); err != nil {
		return nil, mapError(err)
	}
	return a, db.markOverdue(ctx, []*kinerja.Activity{a})
}

// employeeAccess requires full access to an employee's records.
func employeeAccess(ctx context.Context, q queryer, u *kinerja.User, id int64) error {
	e, err := findEmployee(ctx, q, id)
	if err != nil {
		return err
	}
	switch acc, err := access(ctx, q, u, e); {
	case err != nil:
		return err
	case acc == kinerja.AccessNone:
		return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgEmployeeNotFound)
	case acc != kinerja.AccessFull:
		return kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	return nil
}

// FindActivities lists activities, newest first, with the total. Without an employee, it
// lists the caller's own; with Queue, the pending activities of the caller's direct
// subordinates, oldest first.
func (db *DB) FindActivities(ctx context.Context, f kinerja.ActivityFilter) ([]*kinerja.Activity, int, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, 0, err
	}
	var ar args
	var where []string
	order := "a.day DESC, a.id DESC"
	switch {
	case f.Queue:
		if u.EmployeeID == nil {
			return []*kinerja.Activity{}, 0, nil
		}
		where = append(where, "e.supervisor_id = "+ar.add(*u.EmployeeID), "a.status = 'pending'")
		order = "a.created_at, a.id"
	case f.EmployeeID != nil:
		if err := employeeAccess(ctx, db.db, u, *f.EmployeeID); err != nil {
			return nil, 0, mapError(err)
		}
		where = append(where, "a.employee_id = "+ar.add(*f.EmployeeID))
	case u.EmployeeID != nil:
		where = append(where, "a.employee_id = "+ar.add(*u.EmployeeID))
	default:
		return []*kinerja.Activity{}, 0, nil
	}
	if f.Status != "" && !f.Queue {
		where = append(where, "a.status = "+ar.add(f.Status))
	}
	if f.ResultID != nil {
		where = append(where, "a.result_id = "+ar.add(*f.ResultID))
	}
	if !f.From.IsZero() {
		where = append(where, "a.day >= "+ar.add(dateValue(f.From)))
	}
	if !f.To.IsZero() {
		where = append(where, "a.day <= "+ar.add(dateValue(f.To)))
	}
	q := `SELECT ` + activityColumns + `, COUNT(*) OVER ()` + activityFrom + ` WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY ` + order + ` LIMIT ` + ar.add(kinerja.ClampLimit(f.Limit)) + ` OFFSET ` + ar.add(max(f.Offset, 0))
	rows, err := db.db.QueryContext(ctx, q, ar...)
	if err != nil {
		return nil, 0, mapError(fmt.Errorf("find activities: %w", err))
	}
	defer rows.Close()
	out := []*kinerja.Activity{}
	total := 0
	for rows.Next() {
		a, err := scanActivity(scanSuffix{rows, []any{&total}})
		if err != nil {
			return nil, 0, mapError(fmt.Errorf("find activities: %w", err))
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, mapError(err)
	}
	rows.Close()
	if err := attachEvidence(ctx, db.db, out); err != nil {
		return nil, 0, mapError(err)
	}
	return out, total, mapError(db.markOverdue(ctx, out))
}

// markOverdue flags pending activities waiting longer than the organisation's SLA.
func (db *DB) markOverdue(ctx context.Context, as []*kinerja.Activity) error {
	if len(as) == 0 {
		return nil
	}
	org := as[0].OrgID
	s, err := findSettings(ctx, db.db, org)
	if err != nil {
		return err
	}
	today := kinerja.Today(db.now())
	oldest := today
	for _, a := range as {
		if d := kinerja.Today(a.CreatedAt); d.Before(oldest) {
			oldest = d
		}
	}
	cal, err := calendar(ctx, db.db, org, oldest, today)
	if err != nil {
		return err
	}
	for _, a := range as {
		a.Overdue = a.Status == kinerja.ActivityPending && cal.WorkingDaysAfter(kinerja.Today(a.CreatedAt), today) > s.VerificationSLADays
	}
	return nil
}

// activityFor loads activity id for the caller to take action on it: the domain must permit
// the action now. Another organisation's activity is not found.
func (tx *Tx) activityFor(ctx context.Context, u *kinerja.User, id int64, action kinerja.Action) (*kinerja.Activity, error) {
	a, err := findActivity(ctx, tx, id)
	if err != nil || !u.InOrg(a.OrgID) {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgActivityNotFound)
	}
	var f kinerja.ActivityFacts
	// Only verification depends on the reporting line.
	if action == kinerja.ActionApprove || action == kinerja.ActionReject {
		e, err := findEmployee(ctx, tx, a.EmployeeID)
		if err != nil {
			return nil, err
		}
		f.SupervisorID = e.SupervisorID
	}
	return a, kinerja.CheckActivity(u, a, f, action)
}

// verifiable loads activities the caller may approve or reject (action): pending ones of their
// direct subordinates.
func (tx *Tx) verifiable(ctx context.Context, u *kinerja.User, ids []int64, action kinerja.Action) ([]*kinerja.Activity, error) {
	if len(ids) == 0 {
		return nil, kinerja.FieldError("ids", kinerja.MsgActivityNone)
	}
	var out []*kinerja.Activity
	for _, id := range slices.Compact(slices.Sorted(slices.Values(ids))) {
		a, err := tx.activityFor(ctx, u, id, action)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// ApproveActivities approves pending activities of the caller's direct subordinates, all or
// none.
func (db *DB) ApproveActivities(ctx context.Context, ids []int64) ([]*kinerja.Activity, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out []*kinerja.Activity
	err = db.update(ctx, func(tx *Tx) error {
		as, err := tx.verifiable(ctx, u, ids, kinerja.ActionApprove)
		if err != nil {
			return err
		}
		count, orgOf := map[int64]int{}, map[int64]int64{}
		for _, a := range as {
			if _, err := tx.ExecContext(ctx, `UPDATE activities SET status = 'approved', reason = '', verified_by = $1, verified_at = $2, updated_at = $2 WHERE id = $3`,
				*u.EmployeeID, tx.now, a.ID); err != nil {
				return fmt.Errorf("approve activity: %w", err)
			}
			after, err := findActivity(ctx, tx, a.ID)
			if err != nil {
				return err
			}
			if err := tx.audit(ctx, u, &a.OrgID, kinerja.EntityActivity, a.ID, string(kinerja.ActionApprove), a, after); err != nil {
				return err
			}
			count[a.EmployeeID]++
			orgOf[a.EmployeeID] = a.OrgID
			out = append(out, after)
		}
		for _, emp := range slices.Sorted(maps.Keys(count)) {
			if err := tx.emit(ctx, kinerja.Event{Kind: kinerja.EventActivitiesApproved, OrgID: orgOf[emp], Entity: kinerja.EntityEmployee,
				EntityID: emp, To: kinerja.ToEmployee(emp), Subject: fmt.Sprint(count[emp])}); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// RejectActivity sends an activity back to its employee with the reason.
func (db *DB) RejectActivity(ctx context.Context, id int64, reason string) (*kinerja.Activity, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 2000 {
		return nil, kinerja.FieldError("reason", kinerja.MsgActivityReason)
	}
	var out *kinerja.Activity
	err = db.update(ctx, func(tx *Tx) error {
		as, err := tx.verifiable(ctx, u, []int64{id}, kinerja.ActionReject)
		if err != nil {
			return err
		}
		a := as[0]
		if _, err := tx.ExecContext(ctx, `UPDATE activities SET status = 'rejected', reason = $1, verified_by = $2, verified_at = $3, updated_at = $3 WHERE id = $4`,
			reason, *u.EmployeeID, tx.now, id); err != nil {
			return fmt.Errorf("reject activity: %w", err)
		}
		if out, err = findActivity(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.audit(ctx, u, &a.OrgID, kinerja.EntityActivity, id, "reject", a, out); err != nil {
			return err
		}
		return tx.emit(ctx, kinerja.Event{Kind: kinerja.EventActivityRejected, OrgID: a.OrgID, Entity: kinerja.EntityActivity, EntityID: id,
			To: kinerja.ToEmployee(a.EmployeeID), Subject: a.Description})
	})
	return out, err
}
