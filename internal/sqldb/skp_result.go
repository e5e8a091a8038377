package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"kinerja/internal/kinerja"
)

// checkParent enforces the cascade: an utama RHK of someone with a supervisor intervenes one
// RHK of the supervisor's current SKP for the same period, whatever its status; the top of
// the organisation intervenes none.
func (tx *Tx) checkParent(ctx context.Context, s *kinerja.SKP, in *kinerja.ResultInput) error {
	e, err := findEmployee(ctx, tx, s.EmployeeID)
	if err != nil {
		return err
	}
	if in.ParentResultID == nil {
		if in.Kind == kinerja.ResultMain && e.SupervisorID != nil {
			return kinerja.FieldError("parent_result_id", kinerja.MsgResultParent)
		}
		return nil
	}
	if e.SupervisorID == nil {
		return kinerja.FieldError("parent_result_id", kinerja.MsgResultParentWrong)
	}
	var n int
	err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM skp_results r JOIN skp s ON s.id = r.skp_id
		WHERE r.id = $1 AND s.employee_id = $2 AND s.period_id = $3 AND s.is_current`, *in.ParentResultID, *e.SupervisorID, s.PeriodID).Scan(&n)
	if err != nil {
		return fmt.Errorf("check parent: %w", err)
	}
	if n == 0 {
		return kinerja.FieldError("parent_result_id", kinerja.MsgResultParentWrong)
	}
	return nil
}

// insertResult writes a result and its indicators at the end of its kind's list.
// insertResult adds an RHK to an SKP. from is the RHK it revises (0 for a new one): the two
// share a lineage, so that work logged against either counts for both.
func (tx *Tx) insertResult(ctx context.Context, skpID int64, in kinerja.ResultInput, from int64) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO skp_results (skp_id, kind, text, parent_result_id, perspective, strategic_goal, position, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $6, $7, (SELECT COALESCE(MAX(position), 0) + 1 FROM skp_results WHERE skp_id = $1), $5, $5) RETURNING id`,
		skpID, in.Kind, in.Text, in.ParentResultID, tx.now, in.Perspective, in.StrategicGoal).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("add result: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE skp_results SET lineage_id = COALESCE((SELECT f.lineage_id FROM skp_results f WHERE f.id = $2), id) WHERE id = $1`,
		id, from); err != nil {
		return 0, fmt.Errorf("add result: %w", err)
	}
	return id, tx.insertIndicators(ctx, id, in.Indicators)
}

func (tx *Tx) insertIndicators(ctx context.Context, resultID int64, inds []kinerja.IndicatorInput) error {
	for i, ind := range inds {
		if _, err := tx.ExecContext(ctx, `INSERT INTO skp_indicators (result_id, position, aspect, text, target, unit) VALUES ($1, $2, $3, $4, $5, $6)`,
			resultID, i, ind.Aspect, ind.Text, ind.Target, ind.Unit); err != nil {
			return fmt.Errorf("add indicator: %w", err)
		}
	}
	return nil
}

func findResult(ctx context.Context, q queryer, id int64) (*kinerja.Result, error) {
	rs, err := findResults(ctx, q, `r.id = $1`, id)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgResultNotFound)
	}
	return rs[0], nil
}

// AddResult adds an RHK with its indicators to an editable SKP.
func (db *DB) AddResult(ctx context.Context, skpID int64, in kinerja.ResultInput) (*kinerja.Result, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.Result
	err = db.update(ctx, func(tx *Tx) error {
		s, err := tx.editableSKP(ctx, a, skpID)
		if err != nil {
			return err
		}
		if err := in.Validate(s.Approach); err != nil {
			return err
		}
		if err := tx.checkParent(ctx, s, &in); err != nil {
			return err
		}
		id, err := tx.insertResult(ctx, s.ID, in, 0)
		if err != nil {
			return err
		}
		if out, err = findResult(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, a, &s.OrgID, kinerja.EntityResult, id, kinerja.ActionCreate, nil, out)
	})
	return out, err
}

// resultSKP returns the editable SKP that holds result id.
func (tx *Tx) resultSKP(ctx context.Context, a *kinerja.User, id int64) (*kinerja.Result, *kinerja.SKP, error) {
	r, err := findResult(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	s, err := tx.editableSKP(ctx, a, r.SKPID)
	if kinerja.ErrorCode(err) == kinerja.ENOTFOUND {
		return nil, nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgResultNotFound)
	}
	return r, s, err
}

// UpdateResult replaces the text, kind, parent and indicators of an RHK.
func (db *DB) UpdateResult(ctx context.Context, id int64, in kinerja.ResultInput) (*kinerja.Result, error) {
	return db.PatchResult(ctx, id, replace(in))
}

// PatchResult changes an RHK with change, which edits the stored values in place, in one
// transaction with the read.
func (db *DB) PatchResult(ctx context.Context, id int64, change func(*kinerja.ResultInput) error) (*kinerja.Result, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.Result
	err = db.update(ctx, func(tx *Tx) error {
		if err := tx.lockRow(ctx, "skp_results", id); err != nil {
			return err
		}
		before, s, err := tx.resultSKP(ctx, a, id)
		if err != nil {
			return err
		}
		in := before.Input()
		if err := change(&in); err != nil {
			return err
		}
		if err := in.Validate(s.Approach); err != nil {
			return err
		}
		if err := tx.checkParent(ctx, s, &in); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE skp_results SET kind = $1, text = $2, parent_result_id = $3, perspective = $6, strategic_goal = $7, updated_at = $4 WHERE id = $5`,
			in.Kind, in.Text, in.ParentResultID, tx.now, id, in.Perspective, in.StrategicGoal); err != nil {
			return fmt.Errorf("update result: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM skp_indicators WHERE result_id = $1`, id); err != nil {
			return fmt.Errorf("update result: %w", err)
		}
		if err := tx.insertIndicators(ctx, id, in.Indicators); err != nil {
			return err
		}
		if out, err = findResult(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, a, &s.OrgID, kinerja.EntityResult, id, kinerja.ActionUpdate, before, out)
	})
	return out, err
}

// DeleteResult removes an RHK from an editable SKP, unless subordinates' RHK intervene it.
func (db *DB) DeleteResult(ctx context.Context, id int64) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		r, s, err := tx.resultSKP(ctx, a, id)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM skp_results WHERE parent_result_id = $1`, id).Scan(&n); err != nil {
			return fmt.Errorf("delete result: %w", err)
		}
		if n > 0 {
			return kinerja.Errorf(kinerja.ECONFLICT, "RHK ini diintervensi oleh %d RHK bawahan; ubah RHK bawahan lebih dahulu.", n)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM skp_results WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete result: %w", err)
		}
		return tx.audit(ctx, a, &s.OrgID, kinerja.EntityResult, id, kinerja.ActionDelete, r, nil)
	})
}

// SetBehaviors stores the pejabat penilai's specific expectation for each BerAKHLAK value.
// It is written until the SKP is approved.
func (db *DB) SetBehaviors(ctx context.Context, skpID int64, bs []kinerja.Behavior) (*kinerja.SKP, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.SKP
	err = db.update(ctx, func(tx *Tx) error {
		s, err := tx.skpFor(ctx, a, skpID, kinerja.ActionSetBehaviors)
		if err != nil {
			return err
		}
		var v kinerja.Validation
		for i, b := range bs {
			if !kinerja.ValidBehaviorValue(b.Value) {
				v.Add(fmt.Sprintf("items.%d.value", i), kinerja.MsgBehaviorValue)
			}
			if utf8.RuneCountInString(b.Expectation) > 2000 {
				v.Add(fmt.Sprintf("items.%d.expectation", i), "Ekspektasi paling banyak 2.000 karakter.")
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		before := s.Behaviors
		for _, b := range bs {
			text := strings.TrimSpace(b.Expectation)
			if _, err := tx.ExecContext(ctx, `DELETE FROM skp_behaviors WHERE skp_id = $1 AND value = $2`, skpID, b.Value); err != nil {
				return fmt.Errorf("set behaviors: %w", err)
			}
			if text == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO skp_behaviors (skp_id, value, expectation) VALUES ($1, $2, $3)`, skpID, b.Value, text); err != nil {
				return fmt.Errorf("set behaviors: %w", err)
			}
		}
		if out, err = loadSKP(ctx, tx, skpID); err != nil {
			return err
		}
		return tx.audit(ctx, a, &s.OrgID, kinerja.EntitySKP, skpID, "behaviors", before, out.Behaviors)
	})
	return out, err
}

// AssignResult hands one of the caller's RHK to direct subordinates: each gets, in their
// SKP for the same period (created as a draft when missing), an utama RHK intervening it.
func (db *DB) AssignResult(ctx context.Context, resultID int64, employeeIDs []int64) ([]*kinerja.Result, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if len(employeeIDs) == 0 {
		return nil, kinerja.FieldError("employee_ids", "Pilih minimal satu pegawai.")
	}
	var out []*kinerja.Result
	err = db.update(ctx, func(tx *Tx) error {
		r, err := findResult(ctx, tx, resultID)
		if err != nil {
			return err
		}
		s, err := tx.skpFor(ctx, a, r.SKPID, kinerja.ActionCascade)
		if err != nil {
			return err
		}
		for _, id := range slices.Compact(slices.Sorted(slices.Values(employeeIDs))) {
			e, err := findEmployee(ctx, tx, id)
			if err != nil || e.SupervisorID == nil || *e.SupervisorID != s.EmployeeID || !e.Active {
				return kinerja.FieldError("employee_ids", kinerja.MsgAssignNotTeam)
			}
			var (
				sub   *kinerja.SKP
				subID int64
			)
			switch err := tx.QueryRowContext(ctx, `SELECT id FROM skp WHERE employee_id = $1 AND period_id = $2 AND is_current AND end_date IS NULL`, id, s.PeriodID).Scan(&subID); {
			case err == nil:
				if sub, err = loadSKP(ctx, tx, subID); err != nil {
					return err
				}
			case kinerja.ErrorCode(mapError(err)) == kinerja.ENOTFOUND:
				if sub, err = tx.createSKP(ctx, a, e.ID, s.PeriodID, s.Approach, true); err != nil {
					return err
				}
			default:
				return fmt.Errorf("assign result: %w", err)
			}
			if !sub.Status.Editable() {
				return kinerja.Errorf(kinerja.ECONFLICT, "SKP %s sudah diajukan atau disetujui sehingga tidak dapat menerima RHK baru.", e.Name)
			}
			in := r.Input()
			in.Kind, in.ParentResultID = kinerja.ResultMain, &r.ID
			if sub.Approach != s.Approach {
				in.Indicators = nil // the subordinate writes indicators of their own approach
			}
			nid, err := tx.insertResult(ctx, sub.ID, in, 0)
			if err != nil {
				return err
			}
			created, err := findResult(ctx, tx, nid)
			if err != nil {
				return err
			}
			if err := tx.audit(ctx, a, &s.OrgID, kinerja.EntityResult, nid, "assign", nil, created); err != nil {
				return err
			}
			out = append(out, created)
		}
		return nil
	})
	return out, err
}

// ResultMatrix builds the Matriks Peran Hasil of an SKP in four queries whatever the team size.
func (db *DB) ResultMatrix(ctx context.Context, skpID int64) (*kinerja.Matrix, error) {
	s, err := db.FindSKPByID(ctx, skpID)
	if err != nil {
		return nil, err
	}
	m := &kinerja.Matrix{SKP: s, Columns: s.Results, Rows: []*kinerja.MatrixRow{}}
	subs, _, err := db.FindEmployees(ctx, kinerja.EmployeeFilter{OrgID: s.OrgID, SupervisorID: &s.EmployeeID, Limit: kinerja.MaxLimit})
	if err != nil {
		return nil, err
	}
	byEmployee := map[int64]*kinerja.MatrixRow{}
	for _, e := range subs {
		row := &kinerja.MatrixRow{Employee: e.Directory(), Cells: map[int64][]*kinerja.Result{}}
		m.Rows = append(m.Rows, row)
		byEmployee[e.ID] = row
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+skpColumns+skpFrom+` JOIN employees e ON e.id = s.employee_id
		WHERE s.is_current AND s.end_date IS NULL AND s.period_id = $1 AND e.supervisor_id = $2`, s.PeriodID, s.EmployeeID)
	if err != nil {
		return nil, mapError(fmt.Errorf("matrix: %w", err))
	}
	defer rows.Close()
	bySKP := map[int64]*kinerja.MatrixRow{}
	for rows.Next() {
		sub, err := scanSKP(rows)
		if err != nil {
			return nil, mapError(fmt.Errorf("matrix: %w", err))
		}
		if row := byEmployee[sub.EmployeeID]; row != nil {
			row.SKP = sub
			bySKP[sub.ID] = row
		}
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(err)
	}
	rows.Close()
	results, err := findResults(ctx, db.db, `r.parent_result_id IN (SELECT id FROM skp_results WHERE skp_id = $1)`, s.ID)
	if err != nil {
		return nil, mapError(err)
	}
	for _, r := range results {
		if row := bySKP[r.SKPID]; row != nil {
			row.Cells[*r.ParentResultID] = append(row.Cells[*r.ParentResultID], r)
		}
	}
	return m, nil
}

// CopySKP copies the RHK, indicators and lampiran of another SKP (last year's, typically)
// into an editable SKP of the same approach. Copied utama RHK must be linked to the
// supervisor's RHK again before submitting.
func (db *DB) CopySKP(ctx context.Context, fromID, toID int64) (*kinerja.SKP, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.SKP
	err = db.update(ctx, func(tx *Tx) error {
		to, err := tx.editableSKP(ctx, a, toID)
		if err != nil {
			return err
		}
		out, err = tx.copySKP(ctx, a, fromID, to)
		return err
	})
	return out, err
}

// CreateSKPCopy starts an SKP for an employee and period with the RHK and lampiran of another
// SKP the caller may read (last year's), in one transaction: when the copy fails, no empty
// SKP is left behind. An empty approach takes the source's.
func (db *DB) CreateSKPCopy(ctx context.Context, employeeID, periodID int64, approach kinerja.Approach, fromID int64) (*kinerja.SKP, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.SKP
	err = db.update(ctx, func(tx *Tx) error {
		from, err := tx.copySource(ctx, a, fromID)
		if err != nil {
			return err
		}
		if approach == "" {
			approach = from.Approach
		} else if approach != from.Approach {
			return kinerja.FieldError("copy_from", kinerja.MsgSKPCopyApproach)
		}
		to, err := tx.createSKP(ctx, a, employeeID, periodID, approach, false)
		if err != nil {
			return err
		}
		out, err = tx.copySKP(ctx, a, fromID, to)
		return err
	})
	return out, err
}

// copySource loads the SKP to copy from, which the caller must be allowed to read.
func (tx *Tx) copySource(ctx context.Context, a *kinerja.User, id int64) (*kinerja.SKP, error) {
	from, err := loadSKP(ctx, tx, id)
	if err == nil {
		err = skpAccess(ctx, tx, a, from)
	}
	switch kinerja.ErrorCode(mapError(err)) {
	case "":
		return from, nil
	case kinerja.ENOTFOUND, kinerja.EFORBIDDEN:
		return nil, kinerja.FieldError("copy_from", kinerja.MsgSKPNotFound)
	}
	return nil, err
}

// copySKP copies the RHK and lampiran of SKP fromID into the editable SKP to.
func (tx *Tx) copySKP(ctx context.Context, a *kinerja.User, fromID int64, to *kinerja.SKP) (*kinerja.SKP, error) {
	from, err := tx.copySource(ctx, a, fromID)
	if err != nil {
		return nil, err
	}
	if from.Approach != to.Approach {
		return nil, kinerja.FieldError("copy_from", kinerja.MsgSKPCopyApproach)
	}
	for _, r := range from.Results {
		in := r.Input()
		in.ParentResultID = nil // last year's supervisor RHK are not this year's
		if _, err := tx.insertResult(ctx, to.ID, in, 0); err != nil {
			return nil, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE skp SET resources = $1, accountability = $2, consequences = $3, updated_at = $4 WHERE id = $5`,
		from.Resources, from.Accountability, from.Consequences, tx.now, to.ID); err != nil {
		return nil, fmt.Errorf("copy skp: %w", err)
	}
	out, err := loadSKP(ctx, tx, to.ID)
	if err != nil {
		return nil, err
	}
	return out, tx.audit(ctx, a, &to.OrgID, kinerja.EntitySKP, to.ID, "copy", map[string]any{"from": fromID}, skpAudit(out))
}
