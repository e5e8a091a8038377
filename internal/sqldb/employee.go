package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"slices"
	"strings"
	"time"

	"kinerja/internal/kinerja"
)

// employeeColumns reads an employee; the appraiser follows the supervisor unless set by hand.
const employeeColumns = `e.id, e.org_id, e.nip, e.name, e.gender, e.birth_date, e.status, e.grade, e.position, e.position_kind,
	e.unit_id, e.supervisor_id, COALESCE(e.appraiser_id, e.supervisor_id), CASE WHEN e.appraiser_id IS NULL THEN 0 ELSE 1 END,
	e.phone, e.email, e.active, e.inactive_reason, e.created_at, e.updated_at`

// dateScanner reads a DATE column as a kinerja.Date from either engine.
type dateScanner struct{ d *kinerja.Date }

func (s dateScanner) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*s.d = kinerja.Date{}
	case time.Time:
		*s.d = kinerja.NewDate(v.Year(), v.Month(), v.Day())
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	default:
		return fmt.Errorf("scan date: unexpected %T", v)
	}
	return nil
}

func (s dateScanner) parse(v string) error {
	if len(v) > 10 {
		v = v[:10]
	}
	d, err := kinerja.ParseDate(v)
	if err != nil {
		return fmt.Errorf("scan date %q: %w", v, err)
	}
	*s.d = d
	return nil
}

// dateValue writes a date as YYYY-MM-DD, which both engines store in a DATE column.
func dateValue(d kinerja.Date) driver.Value {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func scanEmployee(sc interface{ Scan(...any) error }) (*kinerja.Employee, error) {
	e := new(kinerja.Employee)
	var sup, appr sql.NullInt64
	var override int
	if err := sc.Scan(&e.ID, &e.OrgID, &e.NIP, &e.Name, &e.Gender, dateScanner{&e.BirthDate}, &e.Status, &e.Grade, &e.Position,
		&e.PositionKind, &e.UnitID, &sup, &appr, &override, &e.Phone, &e.Email, &e.Active, &e.InactiveReason, &e.CreatedAt, &e.UpdatedAt); err != nil {
		return nil, err
	}
	if sup.Valid {
		e.SupervisorID = &sup.Int64
	}
	if appr.Valid {
		e.AppraiserID = &appr.Int64
	}
	e.AppraiserOverride = override == 1
	return e, nil
}

func findEmployee(ctx context.Context, q queryer, id int64) (*kinerja.Employee, error) {
	e, err := scanEmployee(q.QueryRowContext(ctx, `SELECT `+employeeColumns+` FROM employees e WHERE e.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgEmployeeNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("find employee: %w", err)
	}
	return e, nil
}

// reportsTo reports whether employee target is below ancestor in the supervisor chain.
func reportsTo(ctx context.Context, q queryer, target, ancestor int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `WITH RECURSIVE up(id, depth) AS (
			SELECT supervisor_id, 1 FROM employees WHERE id = $1
			UNION ALL
			SELECT e.supervisor_id, up.depth + 1 FROM employees e JOIN up ON e.id = up.id
			WHERE e.supervisor_id IS NOT NULL AND up.depth < 100)
		SELECT COUNT(*) FROM up WHERE id = $2`, target, ancestor).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("reports to: %w", err)
	}
	return n > 0, nil
}

// access decides how much of e the caller sees, querying the reporting lines only when needed.
func access(ctx context.Context, q queryer, a *kinerja.User, e *kinerja.Employee) (kinerja.Access, error) {
	acc := kinerja.EmployeeAccess(a, e, false)
	if acc != kinerja.AccessDirectory || a.EmployeeID == nil {
		return acc, nil
	}
	below, err := reportsTo(ctx, q, e.ID, *a.EmployeeID)
	if err != nil {
		return kinerja.AccessNone, err
	}
	return kinerja.EmployeeAccess(a, e, below), nil
}

// FindEmployeeByID returns the full record of an employee the caller may fully see:
// ENOTFOUND for another organisation, EFORBIDDEN for a colleague outside the caller's scope.
func (db *DB) FindEmployeeByID(ctx context.Context, id int64) (*kinerja.Employee, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	e, err := findEmployee(ctx, db.db, id)
	if err != nil {
		return nil, mapError(err)
	}
	acc, err := access(ctx, db.db, a, e)
	if err != nil {
		return nil, mapError(err)
	}
	switch acc {
	case kinerja.AccessNone:
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgEmployeeNotFound)
	case kinerja.AccessDirectory:
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	e.Access = acc
	return e, nil
}

// orgOf returns the organisation a list call works in: the caller's own, or for the
// installation admin the one asked for (or the first).
func (db *DB) orgOf(ctx context.Context, a *kinerja.User, asked int64) (int64, error) {
	if a.OrgID != nil {
		return *a.OrgID, nil
	}
	if asked > 0 && a.IsAdmin() {
		return asked, nil
	}
	return db.UnitOrg(ctx)
}

// FindEmployees lists employees of the caller's organisation in name order, one page of
// them and the total. Each carries the caller's access; directory entries have their personal
// data blanked.
func (db *DB) FindEmployees(ctx context.Context, f kinerja.EmployeeFilter) ([]*kinerja.Employee, int, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, 0, err
	}
	org, err := db.orgOf(ctx, a, f.OrgID)
	if err != nil {
		return nil, 0, err
	}
	whole := a.SeesWholeOrg(org)
	var (
		ar    args
		where = []string{"e.org_id = " + ar.add(org)}
	)
	switch {
	case f.Active != nil:
		where = append(where, "e.active = "+ar.add(*f.Active))
	case !f.All:
		where = append(where, "e.active")
	}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		p := ar.add("%" + q + "%")
		cond := "lower(e.name) LIKE " + p + " OR lower(e.position) LIKE " + p
		if nip := kinerja.NormalizeNIP(q); whole && nip != "" && strings.Trim(nip, "0123456789") == "" {
			// Only those who see every full record may look people up by NIP.
			cond += " OR e.nip LIKE " + ar.add("%"+nip+"%")
		}
		where = append(where, "("+cond+")")
	}
	if f.UnitID != nil {
		where = append(where, `e.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT CAST(`+ar.add(*f.UnitID)+` AS BIGINT)
			UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub)`)
	}
	if f.SupervisorID != nil {
		where = append(where, "e.supervisor_id = "+ar.add(*f.SupervisorID))
	}
	if f.PositionKind != "" {
		where = append(where, "e.position_kind = "+ar.add(f.PositionKind))
	}
	if f.Status != "" {
		where = append(where, "e.status = "+ar.add(f.Status))
	}
	limit := kinerja.ClampLimit(f.Limit)
	q := `SELECT ` + employeeColumns + `, COUNT(*) OVER () FROM employees e WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY lower(e.name), e.id LIMIT ` + ar.add(limit) + ` OFFSET ` + ar.add(max(f.Offset, 0))
	rows, err := db.db.QueryContext(ctx, q, ar...)
	if err != nil {
		return nil, 0, mapError(fmt.Errorf("find employees: %w", err))
	}
	defer rows.Close()
	var (
		out   = []*kinerja.Employee{}
		total int
	)
	for rows.Next() {
		e, err := scanEmployee(scanSuffix{rows, []any{&total}})
		if err != nil {
			return nil, 0, mapError(fmt.Errorf("find employees: %w", err))
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, mapError(fmt.Errorf("find employees: %w", err))
	}
	rows.Close()
	if total == 0 && f.Offset > 0 {
		// Past the last page the window count is absent; count on its own.
		if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM employees e WHERE `+strings.Join(where, " AND "), ar[:len(ar)-2]...).Scan(&total); err != nil {
			return nil, 0, mapError(fmt.Errorf("count employees: %w", err))
		}
	}
	team := map[int64]bool{}
	if !whole && a.EmployeeID != nil {
		if team, err = teamIDs(ctx, db.db, *a.EmployeeID); err != nil {
			return nil, 0, mapError(err)
		}
	}
	for _, e := range out {
		e.Access = kinerja.EmployeeAccess(a, e, team[e.ID])
		if e.Access != kinerja.AccessFull {
			blankPersonal(e)
		}
	}
	return out, total, nil
}

// blankPersonal removes what only full access may see.
func blankPersonal(e *kinerja.Employee) {
	e.NIP, e.Gender, e.BirthDate, e.Phone, e.Email = "", "", kinerja.Date{}, "", ""
	e.Grade, e.Status, e.InactiveReason, e.AppraiserID, e.AppraiserOverride = "", "", "", nil, false
}

// scanSuffix scans trailing columns into suffix after the row scanner's own.
type scanSuffix struct {
	sc     interface{ Scan(...any) error }
	suffix []any
}

func (s scanSuffix) Scan(dest ...any) error { return s.sc.Scan(append(dest, s.suffix...)...) }

// teamQuery selects the active employees below $1 with their depth (1 = direct).
const teamQuery = `WITH RECURSIVE down(id, depth) AS (
		SELECT id, 1 FROM employees WHERE supervisor_id = $1 AND active
		UNION ALL
		SELECT e.id, down.depth + 1 FROM employees e JOIN down ON e.supervisor_id = down.id
		WHERE e.active AND down.depth < 50)`

// teamIDs returns the ids of everyone below employee id.
func teamIDs(ctx context.Context, q queryer, id int64) (map[int64]bool, error) {
	rows, err := q.QueryContext(ctx, teamQuery+` SELECT id FROM down`, id)
	if err != nil {
		return nil, fmt.Errorf("team: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("team: %w", err)
		}
		out[n] = true
	}
	return out, rows.Err()
}

// FindTeam returns the active employees below employeeID, direct and indirect, depth-first
// with each one's subordinates after them. The caller needs full access to employeeID.
func (db *DB) FindTeam(ctx context.Context, employeeID int64) ([]*kinerja.TeamMember, error) {
	if _, err := db.FindEmployeeByID(ctx, employeeID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, teamQuery+` SELECT `+employeeColumns+`, down.depth FROM down JOIN employees e ON e.id = down.id`, employeeID)
	if err != nil {
		return nil, mapError(fmt.Errorf("find team: %w", err))
	}
	defer rows.Close()
	bySupervisor := map[int64][]*kinerja.TeamMember{}
	for rows.Next() {
		m := new(kinerja.TeamMember)
		e, err := scanEmployee(scanSuffix{rows, []any{&m.Depth}})
		if err != nil {
			return nil, mapError(fmt.Errorf("find team: %w", err))
		}
		m.Employee = *e
		m.Access = kinerja.AccessFull
		bySupervisor[*e.SupervisorID] = append(bySupervisor[*e.SupervisorID], m)
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("find team: %w", err))
	}
	out := []*kinerja.TeamMember{}
	seen := map[int64]bool{}
	var walk func(id int64)
	walk = func(id int64) {
		kids := bySupervisor[id]
		sortEmployees(kids)
		for _, k := range kids {
			if seen[k.ID] {
				continue
			}
			seen[k.ID] = true
			out = append(out, k)
			walk(k.ID)
		}
	}
	walk(employeeID)
	return out, nil
}

// sortEmployees orders colleagues leaders first (by position kind), then by name.
func sortEmployees(ms []*kinerja.TeamMember) {
	rank := func(k kinerja.PositionKind) int { return slices.Index(kinerja.PositionKinds, k) }
	slices.SortStableFunc(ms, func(a, b *kinerja.TeamMember) int {
		if c := cmp.Compare(rank(a.PositionKind), rank(b.PositionKind)); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
}
