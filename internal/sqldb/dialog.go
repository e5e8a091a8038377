package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"kinerja/internal/kinerja"
)

// loadDialogs reads the dialogs matching where, newest first and at most 500, with their
// agreed actions: two queries.
func loadDialogs(ctx context.Context, q queryer, where string, arg ...any) ([]*kinerja.Dialog, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.id, d.org_id, d.supervisor_id, s.name, d.employee_id, e.name, d.held_on, d.topics,
			d.created_by, d.created_at
		FROM dialogs d JOIN employees s ON s.id = d.supervisor_id JOIN employees e ON e.id = d.employee_id
		WHERE `+where+` ORDER BY d.held_on DESC, d.id DESC LIMIT 500`, arg...)
	if err != nil {
		return nil, fmt.Errorf("find dialogs: %w", err)
	}
	defer rows.Close()
	out := []*kinerja.Dialog{}
	byID := map[int64]*kinerja.Dialog{}
	var (
		ar args
		ph []string
	)
	for rows.Next() {
		d := &kinerja.Dialog{Actions: []kinerja.DialogAction{}}
		if err := rows.Scan(&d.ID, &d.OrgID, &d.SupervisorID, &d.SupervisorName, &d.EmployeeID, &d.EmployeeName, dateScanner{&d.Date},
			&d.Topics, nullInt{&d.CreatedBy}, &d.CreatedAt); err != nil {
			return nil, fmt.Errorf("find dialogs: %w", err)
		}
		out = append(out, d)
		byID[d.ID] = d
		ph = append(ph, ar.add(d.ID))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find dialogs: %w", err)
	}
	rows.Close()
	if len(out) == 0 {
		return out, nil
	}
	arows, err := q.QueryContext(ctx, `SELECT x.id, x.dialog_id, x.text, x.owner_id, o.name, x.due_date, x.status, x.updated_at
		FROM dialog_actions x JOIN employees o ON o.id = x.owner_id
		WHERE x.dialog_id IN (`+strings.Join(ph, ", ")+`) ORDER BY x.dialog_id, x.position`, ar...)
	if err != nil {
		return nil, fmt.Errorf("find dialog actions: %w", err)
	}
	defer arows.Close()
	for arows.Next() {
		var x kinerja.DialogAction
		if err := arows.Scan(&x.ID, &x.DialogID, &x.Text, &x.OwnerID, &x.OwnerName, dateScanner{&x.DueDate}, &x.Status, &x.UpdatedAt); err != nil {
			return nil, fmt.Errorf("find dialog actions: %w", err)
		}
		if d := byID[x.DialogID]; d != nil {
			d.Actions = append(d.Actions, x)
		}
	}
	return out, arows.Err()
}

// CreateDialog records a dialog kinerja between an employee and their supervisor
// (kinerja.DialogSupervisor unless another one above them or their pejabat penilai is named),
// with the actions agreed. One of the two records it; the other is told.
func (db *DB) CreateDialog(ctx context.Context, n kinerja.NewDialog) (*kinerja.Dialog, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := n.Validate(kinerja.Today(db.now())); err != nil {
		return nil, err
	}
	var out *kinerja.Dialog
	err = db.update(ctx, func(tx *Tx) error {
		e, err := findEmployee(ctx, tx, n.EmployeeID)
		if kinerja.ErrorCode(err) == kinerja.ENOTFOUND || err == nil && !a.InOrg(e.OrgID) {
			return kinerja.FieldError("employee_id", kinerja.MsgEmployeeNotFound)
		} else if err != nil {
			return err
		}
		sup := n.SupervisorID
		if sup == 0 {
			sup = kinerja.DialogSupervisor(e)
		}
		above := false
		if sup != 0 && sup != e.ID {
			if above, err = reportsTo(ctx, tx, e.ID, sup); err != nil {
				return err
			}
		}
		if err := kinerja.CheckNewDialog(a, e, sup, above); err != nil {
			return err
		}
		if err := n.CheckOwners(sup); err != nil {
			return err
		}
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO dialogs (org_id, supervisor_id, employee_id, held_on, topics, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, e.OrgID, sup, e.ID, dateValue(n.Date), n.Topics, userRef(a), tx.now).Scan(&id)
		if err != nil {
			return fmt.Errorf("create dialog: %w", err)
		}
		if len(n.Actions) > 0 {
			var ar args
			values := make([]string, len(n.Actions))
			for i, x := range n.Actions {
				values[i] = "(" + strings.Join([]string{ar.add(id), ar.add(i), ar.add(x.Text), ar.add(x.OwnerID),
					ar.add(dateValue(x.DueDate)), ar.add(kinerja.DialogActionOpen), ar.add(tx.now)}, ", ") + ")"
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO dialog_actions (dialog_id, position, text, owner_id, due_date, status, updated_at)
				VALUES `+strings.Join(values, ", "), ar...); err != nil {
				return fmt.Errorf("create dialog: %w", err)
			}
		}
		list, err := loadDialogs(ctx, tx, `d.id = $1`, id)
		if err != nil {
			return err
		}
		out = list[0]
		if err := tx.audit(ctx, a, &e.OrgID, kinerja.EntityDialog, id, kinerja.ActionCreate, nil, out); err != nil {
			return err
		}
		other, me := e.ID, out.SupervisorName
		if *a.EmployeeID == e.ID {
			other, me = sup, out.EmployeeName
		}
		return tx.emit(ctx, kinerja.Event{Kind: kinerja.EventDialogRecorded, OrgID: e.OrgID, Entity: kinerja.EntityEmployee, EntityID: e.ID,
			To: kinerja.ToEmployee(other), Subject: me})
	})
	return out, err
}

// FindDialogs lists the dialogs kinerja about an employee, newest first. The employee also
// sees those they held as a supervisor; those above the employee and the pejabat penilai see
// them all; a supervisor outside those sees only the dialogs they took part in.
func (db *DB) FindDialogs(ctx context.Context, employeeID int64) ([]*kinerja.Dialog, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	rel, err := relationTo(ctx, db.db, a, employeeID)
	if err != nil {
		return nil, mapError(err)
	}
	var list []*kinerja.Dialog
	switch {
	case rel.self:
		list, err = loadDialogs(ctx, db.db, `(d.employee_id = $1 OR d.supervisor_id = $1)`, employeeID)
	case rel.reads():
		list, err = loadDialogs(ctx, db.db, `d.employee_id = $1`, employeeID)
	case a.EmployeeID != nil:
		list, err = loadDialogs(ctx, db.db, `d.employee_id = $1 AND d.supervisor_id = $2`, employeeID, *a.EmployeeID)
		if err == nil && len(list) == 0 {
			return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
		}
	default:
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	return list, mapError(err)
}

// SetDialogActionStatus marks an agreed action open or done. Either person of the dialog may.
func (db *DB) SetDialogActionStatus(ctx context.Context, actionID int64, status kinerja.DialogActionStatus) (*kinerja.DialogAction, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !status.Valid() {
		return nil, kinerja.FieldError("status", kinerja.MsgDialogStatus)
	}
	var out *kinerja.DialogAction
	err = db.update(ctx, func(tx *Tx) error {
		var dialogID int64
		err := tx.QueryRowContext(ctx, `SELECT dialog_id FROM dialog_actions WHERE id = $1`, actionID).Scan(&dialogID)
		if err == sql.ErrNoRows {
			return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgDialogNotFound)
		} else if err != nil {
			return fmt.Errorf("set dialog action status: %w", err)
		}
		list, err := loadDialogs(ctx, tx, `d.id = $1`, dialogID)
		if err != nil {
			return err
		}
		d := list[0]
		if !a.InOrg(d.OrgID) {
			return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgDialogNotFound)
		}
		if err := kinerja.CheckDialog(a, d, kinerja.ActionFollowUp); err != nil {
			return err
		}
		for i := range d.Actions {
			if d.Actions[i].ID == actionID {
				out = &d.Actions[i]
			}
		}
		if out == nil {
			return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgDialogNotFound)
		}
		before := map[string]any{"action_id": actionID, "status": out.Status}
		if out.Status == status {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE dialog_actions SET status = $1, updated_at = $2 WHERE id = $3`, status, tx.now, actionID); err != nil {
			return fmt.Errorf("set dialog action status: %w", err)
		}
		out.Status, out.UpdatedAt = status, tx.now
		return tx.audit(ctx, a, &d.OrgID, kinerja.EntityDialog, d.ID, kinerja.ActionUpdate, before, map[string]any{"action_id": actionID, "status": status})
	})
	return out, err
}
