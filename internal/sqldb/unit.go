package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"kinerja/internal/kinerja"
)

const unitColumns = `u.id, u.org_id, u.parent_id, u.name, u.kind, u.head_id, u.independent, u.created_at, u.updated_at`

func scanUnit(sc interface{ Scan(...any) error }) (*kinerja.Unit, error) {
	u := new(kinerja.Unit)
	var org, parent, head sql.NullInt64
	if err := sc.Scan(&u.ID, &org, &parent, &u.Name, &u.Kind, &head, &u.Independent, &u.CreatedAt, &u.UpdatedAt); err != nil {
		return nil, err
	}
	u.OrgID = org.Int64
	if parent.Valid {
		u.ParentID = &parent.Int64
	}
	if head.Valid {
		u.HeadID = &head.Int64
	}
	return u, nil
}

func findUnit(ctx context.Context, q queryer, id int64) (*kinerja.Unit, error) {
	u, err := scanUnit(q.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units u WHERE u.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("find unit: %w", err)
	}
	return u, nil
}

// UnitOrg returns the organisation the caller works in: their own, or for the installation
// admin the first organisation. ENOTFOUND when there is none yet.
func (db *DB) UnitOrg(ctx context.Context) (int64, error) {
	a, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	if a.OrgID != nil {
		return *a.OrgID, nil
	}
	var id sql.NullInt64
	if a.IsAdmin() {
		if err := db.db.QueryRowContext(ctx, `SELECT MIN(id) FROM units WHERE parent_id IS NULL`).Scan(&id); err != nil {
			return 0, mapError(fmt.Errorf("unit org: %w", err))
		}
	}
	if !id.Valid {
		return 0, kinerja.Errorf(kinerja.ENOTFOUND, "Belum ada organisasi.")
	}
	return id.Int64, nil
}

// FindOrganisations lists the organisations the caller may see: every one for the
// installation admin, else the caller's own.
func (db *DB) FindOrganisations(ctx context.Context) ([]*kinerja.Unit, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var ar args
	q := `SELECT ` + unitColumns + ` FROM units u WHERE u.parent_id IS NULL`
	if a.OrgID != nil {
		q += " AND u.id = " + ar.add(*a.OrgID)
	} else if !a.IsAdmin() {
		return []*kinerja.Unit{}, nil
	}
	rows, err := db.db.QueryContext(ctx, q+" ORDER BY u.name, u.id", ar...)
	if err != nil {
		return nil, mapError(fmt.Errorf("find organisations: %w", err))
	}
	defer rows.Close()
	out := []*kinerja.Unit{}
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, mapError(fmt.Errorf("find organisations: %w", err))
		}
		u.Path = u.Name
		out = append(out, u)
	}
	return out, mapError(rows.Err())
}

// FindUnitByID returns a unit of the caller's organisation.
func (db *DB) FindUnitByID(ctx context.Context, id int64) (*kinerja.Unit, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	u, err := findUnit(ctx, db.db, id)
	if err != nil {
		return nil, mapError(err)
	}
	if !a.InOrg(u.OrgID) {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)
	}
	if err := unitPlace(ctx, db.db, u); err != nil {
		return nil, mapError(err)
	}
	return u, nil
}

// unitPlace fills in u's Depth, Path and Employees as FindUnits has them, from u's own line of
// ancestors and its own employees rather than the organisation's whole tree: two queries
// whatever the size of the organisation.
func unitPlace(ctx context.Context, q queryer, u *kinerja.Unit) error {
	rows, err := q.QueryContext(ctx, `WITH RECURSIVE up(id, parent_id, name, depth) AS (
			SELECT id, parent_id, name, 0 FROM units WHERE id = $1
			UNION ALL
			SELECT p.id, p.parent_id, p.name, up.depth + 1 FROM units p JOIN up ON p.id = up.parent_id WHERE up.depth < 100)
		SELECT name FROM up ORDER BY depth DESC`, u.ID)
	if err != nil {
		return fmt.Errorf("unit place: %w", err)
	}
	var names []string // from the root down to u
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return fmt.Errorf("unit place: %w", err)
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("unit place: %w", err)
	}
	u.Depth, u.Path = len(names)-1, u.Name
	if u.Depth > 0 {
		u.Path = strings.Join(names[1:], kinerja.UnitPathSeparator)
	}
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM employees WHERE unit_id = $1 AND active`, u.ID).Scan(&u.Employees); err != nil {
		return fmt.Errorf("unit place: %w", err)
	}
	return nil
}

// FindUnits returns the whole tree of organisation org in depth-first order, siblings by
// name, each with its depth, path and number of active employees placed directly in it.
func (db *DB) FindUnits(ctx context.Context, org int64) ([]*kinerja.Unit, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !a.InOrg(org) {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)
	}
	units, err := findOrgUnits(ctx, db.db, org)
	if err != nil {
		return nil, mapError(err)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT unit_id, COUNT(*) FROM employees WHERE org_id = $1 AND active GROUP BY unit_id`, org)
	if err != nil {
		return nil, mapError(fmt.Errorf("count employees: %w", err))
	}
	defer rows.Close()
	counts := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, mapError(err)
		}
		counts[id] = n
	}
	for _, u := range units {
		u.Employees = counts[u.ID]
	}
	return units, mapError(rows.Err())
}

// findOrgUnits reads the tree of org, ordered depth-first with Depth and Path set.
func findOrgUnits(ctx context.Context, q queryer, org int64) ([]*kinerja.Unit, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+unitColumns+` FROM units u WHERE u.org_id = $1`, org)
	if err != nil {
		return nil, fmt.Errorf("find units: %w", err)
	}
	defer rows.Close()
	children := map[int64][]*kinerja.Unit{}
	var root *kinerja.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, fmt.Errorf("find units: %w", err)
		}
		if u.ParentID == nil {
			root = u
		} else {
			children[*u.ParentID] = append(children[*u.ParentID], u)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find units: %w", err)
	}
	if root == nil {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)
	}
	out := []*kinerja.Unit{}
	var walk func(u *kinerja.Unit, depth int, path string)
	walk = func(u *kinerja.Unit, depth int, path string) {
		u.Depth, u.Path = depth, path
		out = append(out, u)
		kids := children[u.ID]
		slices.SortFunc(kids, func(x, y *kinerja.Unit) int { return strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)) })
		for _, k := range kids {
			p := k.Name
			if depth > 0 {
				p = path + kinerja.UnitPathSeparator + k.Name
			}
			walk(k, depth+1, p)
		}
	}
	walk(root, 0, root.Name)
	return out, nil
}

// CreateUnit creates a unit under n.ParentID, or without a parent a new organisation, which
// only the installation admin may.
func (db *DB) CreateUnit(ctx context.Context, n kinerja.NewUnit) (*kinerja.Unit, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := n.Validate(); err != nil {
		return nil, err
	}
	var out *kinerja.Unit
	err = db.update(ctx, func(tx *Tx) error {
		var org *int64
		if n.ParentID == nil {
			if !kinerja.CanCreateOrganisation(a) {
				return kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
			}
			if n.HeadID != nil {
				return kinerja.FieldError("head_id", kinerja.MsgUnitHeadOther)
			}
		} else {
			parent, err := findUnit(ctx, tx, *n.ParentID)
			if err != nil || !a.InOrg(parent.OrgID) {
				return kinerja.FieldError("parent_id", kinerja.MsgUnitNotFound)
			}
			if !kinerja.CanManageEmployees(a, parent.OrgID) {
				return kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
			}
			org = &parent.OrgID
			if err := tx.checkUnitHead(ctx, parent.OrgID, n.HeadID); err != nil {
				return err
			}
		}
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO units (org_id, parent_id, name, kind, head_id, independent, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $7, $6, $6) RETURNING id`, org, n.ParentID, n.Name, n.Kind, n.HeadID, tx.now, *n.Independent).Scan(&id)
		if err != nil {
			return unitNameConflict(err)
		}
		if org == nil {
			if _, err := tx.ExecContext(ctx, `UPDATE units SET org_id = id WHERE id = $1`, id); err != nil {
				return fmt.Errorf("create organisation: %w", err)
			}
		}
		if out, err = findUnit(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, a, &out.OrgID, kinerja.EntityUnit, id, kinerja.ActionCreate, nil, out)
	})
	return out, err
}

func unitNameConflict(err error) error {
	if kinerja.ErrorCode(mapError(err)) == kinerja.ECONFLICT {
		return &kinerja.Error{Code: kinerja.ECONFLICT, Message: kinerja.MsgUnitNameTaken,
			Fields: map[string]string{"name": kinerja.MsgUnitNameTaken}, Err: err}
	}
	return fmt.Errorf("save unit: %w", err)
}

// checkUnitHead checks that a unit's head is an active employee of org.
func (tx *Tx) checkUnitHead(ctx context.Context, org int64, head *int64) error {
	if head == nil {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM employees WHERE id = $1 AND org_id = $2 AND active`, *head, org).Scan(&n); err != nil {
		return fmt.Errorf("check unit head: %w", err)
	}
	if n == 0 {
		return kinerja.FieldError("head_id", kinerja.MsgUnitHeadOther)
	}
	return nil
}

// UpdateUnit renames, re-kinds, moves a unit or changes its head. An organisation root
// cannot be moved, and no unit can move below itself.
func (db *DB) UpdateUnit(ctx context.Context, id int64, upd kinerja.UnitUpdate) (*kinerja.Unit, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := upd.Validate(); err != nil {
		return nil, err
	}
	var after *kinerja.Unit
	err = db.update(ctx, func(tx *Tx) error {
		if err := tx.lockRow(ctx, "units", id); err != nil {
			return err
		}
		before, err := findUnit(ctx, tx, id)
		if err != nil || !a.InOrg(before.OrgID) {
			return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)
		}
		if !kinerja.CanManageEmployees(a, before.OrgID) {
			return kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
		}
		u := *before
		if upd.Name != nil {
			u.Name = *upd.Name
		}
		if upd.Kind != nil {
			u.Kind = *upd.Kind
		}
		if upd.ParentID != nil && (u.ParentID == nil || *upd.ParentID != *u.ParentID) {
			if u.ParentID == nil {
				return kinerja.FieldError("parent_id", kinerja.MsgUnitParentLoop)
			}
			parent, err := findUnit(ctx, tx, *upd.ParentID)
			if err != nil || parent.OrgID != u.OrgID {
				return kinerja.FieldError("parent_id", kinerja.MsgUnitParentOther)
			}
			// The new parent must not lie in the unit's own subtree.
			var n int
			if err := tx.QueryRowContext(ctx, `WITH RECURSIVE up(id, depth) AS (
					SELECT CAST($1 AS BIGINT), 0
					UNION ALL
					SELECT p.parent_id, up.depth + 1 FROM units p JOIN up ON p.id = up.id WHERE p.parent_id IS NOT NULL AND up.depth < 100)
				SELECT COUNT(*) FROM up WHERE id = $2`, parent.ID, id).Scan(&n); err != nil {
				return fmt.Errorf("check unit parent: %w", err)
			}
			if n > 0 {
				return kinerja.FieldError("parent_id", kinerja.MsgUnitParentLoop)
			}
			u.ParentID = &parent.ID
		}
		if upd.HeadID != nil {
			u.HeadID = *upd.HeadID
			if err := tx.checkUnitHead(ctx, u.OrgID, u.HeadID); err != nil {
				return err
			}
		}
		if upd.Independent != nil {
			u.Independent = *upd.Independent
		}
		if _, err := tx.ExecContext(ctx, `UPDATE units SET name = $1, kind = $2, parent_id = $3, head_id = $4, independent = $7, updated_at = $5 WHERE id = $6`,
			u.Name, u.Kind, u.ParentID, u.HeadID, tx.now, id, u.Independent); err != nil {
			return unitNameConflict(err)
		}
		if after, err = findUnit(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, a, &u.OrgID, kinerja.EntityUnit, id, kinerja.ActionUpdate, before, after)
	})
	return after, err
}

// DeleteUnit removes a unit that holds nothing: no sub-units and no employee, now or in history.
func (db *DB) DeleteUnit(ctx context.Context, id int64) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		u, err := findUnit(ctx, tx, id)
		if err != nil || !a.InOrg(u.OrgID) {
			return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)
		}
		if !kinerja.CanManageEmployees(a, u.OrgID) || u.ParentID == nil && !kinerja.CanCreateOrganisation(a) {
			return kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT
				(SELECT COUNT(*) FROM units WHERE parent_id = $1) +
				(SELECT COUNT(*) FROM employees WHERE unit_id = $1) +
				(SELECT COUNT(*) FROM employee_history WHERE unit_id = $1) +
				(SELECT COUNT(*) FROM users WHERE org_id = $1)`, id).Scan(&n); err != nil {
			return fmt.Errorf("delete unit: %w", err)
		}
		if n > 0 {
			return kinerja.Errorf(kinerja.ECONFLICT, kinerja.MsgUnitHasChildren)
		}
		if u.ParentID == nil {
			// An organisation is removed only when empty; its own org_id points at itself.
			if _, err := tx.ExecContext(ctx, `UPDATE units SET org_id = NULL WHERE id = $1`, id); err != nil {
				return fmt.Errorf("delete unit: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM units WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete unit: %w", err)
		}
		return tx.audit(ctx, a, &u.OrgID, kinerja.EntityUnit, id, kinerja.ActionDelete, u, nil)
	})
}
