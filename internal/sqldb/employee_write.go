package sqldb

import (
	"context"
	"fmt"

	"kinerja/internal/kinerja"
)

// CreateEmployee adds an employee to the organisation of in.UnitID. Only admins of that
// organisation may. The first history period starts on in.EffectiveDate (default today).
func (db *DB) CreateEmployee(ctx context.Context, in kinerja.EmployeeInput) (*kinerja.Employee, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.Employee
	err = db.update(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.createEmployee(ctx, a, in)
		return err
	})
	return out, err
}

func (tx *Tx) createEmployee(ctx context.Context, a *kinerja.User, in kinerja.EmployeeInput) (*kinerja.Employee, error) {
	today := kinerja.Today(tx.now)
	org, err := tx.checkEmployee(ctx, a, 0, &in, today)
	if err != nil {
		return nil, err
	}
	active := in.Active == nil || *in.Active
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO employees (org_id, nip, name, gender, birth_date, status, grade, position, position_kind,
			unit_id, supervisor_id, appraiser_id, phone, email, active, inactive_reason, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) RETURNING id`,
		org, in.NIP, in.Name, in.Gender, dateValue(in.BirthDate), in.Status, in.Grade, in.Position, in.PositionKind,
		in.UnitID, in.SupervisorID, in.AppraiserID, in.Phone, in.Email, active, in.InactiveReason, tx.now).Scan(&id)
	if err != nil {
		return nil, nipConflict(err)
	}
	e, err := findEmployee(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := tx.addHistory(ctx, a, e, in.EffectiveDate, today); err != nil {
		return nil, err
	}
	if err := tx.audit(ctx, a, &org, kinerja.EntityEmployee, id, kinerja.ActionCreate, nil, e); err != nil {
		return nil, err
	}
	e.Access = kinerja.AccessFull
	return e, nil
}

func nipConflict(err error) error {
	if kinerja.ErrorCode(mapError(err)) == kinerja.ECONFLICT {
		return &kinerja.Error{Code: kinerja.ECONFLICT, Message: kinerja.MsgNIPTaken,
			Fields: map[string]string{"nip": kinerja.MsgNIPTaken}, Err: err}
	}
	return fmt.Errorf("save employee: %w", err)
}

// checkEmployee validates in for employee id (0 for a new one) against the rules and the data
// already stored, and returns the organisation it belongs to.
func (tx *Tx) checkEmployee(ctx context.Context, a *kinerja.User, id int64, in *kinerja.EmployeeInput, today kinerja.Date) (int64, error) {
	verr := in.Validate(today)
	var v kinerja.Validation
	for f, m := range kinerja.ErrorFields(verr) {
		v.Add(f, m)
	}
	unit, err := findUnit(ctx, tx, in.UnitID)
	if in.UnitID > 0 && (err != nil || !a.InOrg(unit.OrgID)) {
		return 0, firstErr(v.Err(), kinerja.FieldError("unit_id", kinerja.MsgUnitNotFound))
	}
	if unit == nil {
		return 0, v.Err()
	}
	org := unit.OrgID
	if !kinerja.CanManageEmployees(a, org) {
		return 0, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	if s := in.SupervisorID; s != nil {
		switch sup, err := findEmployee(ctx, tx, *s); {
		case *s == id:
			v.Add("supervisor_id", kinerja.MsgSupervisorSelf)
		case err != nil || sup.OrgID != org:
			v.Add("supervisor_id", kinerja.MsgSupervisorOther)
		case !sup.Active:
			v.Add("supervisor_id", kinerja.MsgSupervisorInactive)
		case id != 0:
			loop, err := reportsTo(ctx, tx, *s, id)
			if err != nil {
				return 0, err
			}
			if loop {
				v.Add("supervisor_id", kinerja.MsgSupervisorLoop)
			}
		}
	}
	if p := in.AppraiserID; p != nil {
		if appr, err := findEmployee(ctx, tx, *p); *p == id || err != nil || appr.OrgID != org || !appr.Active {
			v.Add("appraiser_id", kinerja.MsgAppraiserInvalid)
		} else if in.SupervisorID != nil && *p == *in.SupervisorID {
			in.AppraiserID = nil // the same as the default: keep following the supervisor
		}
	}
	if id != 0 && in.Active != nil && !*in.Active {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM employees WHERE supervisor_id = $1 AND active`, id).Scan(&n); err != nil {
			return 0, fmt.Errorf("check subordinates: %w", err)
		}
		if n > 0 {
			v.Add("active", kinerja.MsgHasActiveSubordinates)
		}
	}
	return org, v.Err()
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// addHistory opens a history period for e's current position, unit and reporting lines.
func (tx *Tx) addHistory(ctx context.Context, a *kinerja.User, e *kinerja.Employee, effective, today kinerja.Date) error {
	if effective.IsZero() {
		effective = today
	}
	var appraiser *int64
	if e.AppraiserOverride {
		appraiser = e.AppraiserID
	}
	name := "sistem"
	if a != nil {
		name = a.Username
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO employee_history (employee_id, effective_date, position, position_kind, grade, unit_id,
			supervisor_id, appraiser_id, recorded_at, recorded_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		e.ID, dateValue(effective), e.Position, e.PositionKind, e.Grade, e.UnitID, e.SupervisorID, appraiser, tx.now, name)
	if err != nil {
		return fmt.Errorf("add history: %w", err)
	}
	return nil
}

// UpdateEmployee replaces the editable fields of an employee with in (start from
// Employee.Input). A change of position, grade, unit or reporting lines opens a history
// period from in.EffectiveDate (default today). Only admins of the organisation may.
func (db *DB) UpdateEmployee(ctx context.Context, id int64, in kinerja.EmployeeInput) (*kinerja.Employee, error) {
	return db.PatchEmployee(ctx, id, replace(in))
}

// PatchEmployee changes an employee with change, which edits the stored values in place: the
// read, the change and the write are one transaction, so two people editing different fields
// at once both keep their change.
func (db *DB) PatchEmployee(ctx context.Context, id int64, change func(*kinerja.EmployeeInput) error) (*kinerja.Employee, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.Employee
	err = db.update(ctx, func(tx *Tx) error {
		if err := tx.lockRow(ctx, "employees", id); err != nil {
			return err
		}
		out, _, err = tx.updateEmployee(ctx, a, id, change)
		return err
	})
	return out, err
}

// updateEmployee applies change to the stored values of employee id, saves them and reports
// whether anything changed.
func (tx *Tx) updateEmployee(ctx context.Context, a *kinerja.User, id int64, change func(*kinerja.EmployeeInput) error) (*kinerja.Employee, bool, error) {
	before, err := findEmployee(ctx, tx, id)
	if err != nil || !a.InOrg(before.OrgID) {
		return nil, false, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgEmployeeNotFound)
	}
	if !kinerja.CanManageEmployees(a, before.OrgID) {
		return nil, false, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	in := before.Input()
	if err := change(&in); err != nil {
		return nil, false, err
	}
	today := kinerja.Today(tx.now)
	org, err := tx.checkEmployee(ctx, a, id, &in, today)
	if err != nil {
		return nil, false, err
	}
	if org != before.OrgID {
		return nil, false, kinerja.FieldError("unit_id", kinerja.MsgUnitNotFound)
	}
	active := in.Active == nil || *in.Active
	if _, err := tx.ExecContext(ctx, `UPDATE employees SET nip = $1, name = $2, gender = $3, birth_date = $4, status = $5, grade = $6,
			position = $7, position_kind = $8, unit_id = $9, supervisor_id = $10, appraiser_id = $11, phone = $12, email = $13,
			active = $14, inactive_reason = $15, updated_at = $16
		WHERE id = $17 AND (nip <> $1 OR name <> $2 OR gender <> $3 OR birth_date <> $4 OR status <> $5 OR grade <> $6
			OR position <> $7 OR position_kind <> $8 OR unit_id <> $9
			OR COALESCE(supervisor_id, 0) <> COALESCE($10, 0) OR COALESCE(appraiser_id, 0) <> COALESCE($11, 0)
			OR phone <> $12 OR email <> $13 OR active <> $14 OR inactive_reason <> $15)`,
		in.NIP, in.Name, in.Gender, dateValue(in.BirthDate), in.Status, in.Grade, in.Position, in.PositionKind, in.UnitID,
		in.SupervisorID, in.AppraiserID, in.Phone, in.Email, active, in.InactiveReason, tx.now, id); err != nil {
		return nil, false, nipConflict(err)
	}
	after, err := findEmployee(ctx, tx, id)
	if err != nil {
		return nil, false, err
	}
	after.Access = kinerja.AccessFull
	if after.UpdatedAt.Equal(before.UpdatedAt) {
		return after, false, nil
	}
	if before.Position != after.Position || before.PositionKind != after.PositionKind || before.Grade != after.Grade ||
		before.UnitID != after.UnitID || !sameID(before.SupervisorID, after.SupervisorID) || !sameID(before.AppraiserID, after.AppraiserID) {
		if err := tx.addHistory(ctx, a, after, in.EffectiveDate, today); err != nil {
			return nil, false, err
		}
	}
	if before.UnitID != after.UnitID || !sameID(before.SupervisorID, after.SupervisorID) || !sameID(before.AppraiserID, after.AppraiserID) {
		moved := in.EffectiveDate
		if moved.IsZero() {
			moved = today
		}
		if err := tx.transferSKP(ctx, a, after, moved); err != nil {
			return nil, false, err
		}
	}
	if err := tx.audit(ctx, a, &org, kinerja.EntityEmployee, id, kinerja.ActionUpdate, before, after); err != nil {
		return nil, false, err
	}
	return after, true, nil
}

func sameID(a, b *int64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// FindEmployeeHistory returns the periods of an employee's position, unit and reporting
// lines, newest first. The caller needs full access to the employee.
func (db *DB) FindEmployeeHistory(ctx context.Context, id int64) ([]kinerja.EmployeeHistory, error) {
	if _, err := db.FindEmployeeByID(ctx, id); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT h.id, h.employee_id, h.effective_date, h.position, h.position_kind, h.grade,
			h.unit_id, u.name, h.supervisor_id, COALESCE(s.name, ''), h.appraiser_id, h.recorded_at, h.recorded_by
		FROM employee_history h JOIN units u ON u.id = h.unit_id LEFT JOIN employees s ON s.id = h.supervisor_id
		WHERE h.employee_id = $1 ORDER BY h.effective_date DESC, h.id DESC`, id)
	if err != nil {
		return nil, mapError(fmt.Errorf("find history: %w", err))
	}
	defer rows.Close()
	out := []kinerja.EmployeeHistory{}
	for rows.Next() {
		var h kinerja.EmployeeHistory
		var sup, appr nullID
		if err := rows.Scan(&h.ID, &h.EmployeeID, dateScanner{&h.EffectiveDate}, &h.Position, &h.PositionKind, &h.Grade,
			&h.UnitID, &h.UnitName, &sup, &h.SupervisorName, &appr, &h.RecordedAt, &h.RecordedBy); err != nil {
			return nil, mapError(fmt.Errorf("find history: %w", err))
		}
		h.SupervisorID, h.AppraiserID = sup.ptr(), appr.ptr()
		out = append(out, h)
	}
	return out, mapError(rows.Err())
}
