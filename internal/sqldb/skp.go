package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"kinerja/internal/kinerja"
)

const skpColumns = `s.id, s.org_id, s.employee_id, s.period_id, p.year, s.approach, s.form, s.appraiser_id, s.status, s.version, s.is_current,
	s.previous_id, s.employee_snapshot, s.appraiser_snapshot, s.superior_snapshot, s.resources, s.accountability, s.consequences,
	s.return_note, s.submitted_at, s.approved_at, s.start_date, s.end_date, s.created_at, s.updated_at,
	p.start_date, p.end_date, p.skp_due`

const skpFrom = ` FROM skp s JOIN periods p ON p.id = s.period_id`

func scanSKP(sc interface{ Scan(...any) error }) (*kinerja.SKP, error) {
	s := new(kinerja.SKP)
	var appraiser, previous nullID
	var emp string
	var appr, sup sql.NullString
	var submitted, approved sql.NullTime
	var p kinerja.Period
	if err := sc.Scan(&s.ID, &s.OrgID, &s.EmployeeID, &s.PeriodID, &s.Year, &s.Approach, &s.Form, &appraiser, &s.Status, &s.Version, &s.Current,
		&previous, &emp, &appr, &sup, &s.Resources, &s.Accountability, &s.Consequences, &s.ReturnNote, &submitted, &approved,
		dateScanner{&s.StartDate}, dateScanner{&s.EndDate}, &s.CreatedAt, &s.UpdatedAt,
		dateScanner{&p.Start}, dateScanner{&p.End}, dateScanner{&p.SKPDueDate}); err != nil {
		return nil, err
	}
	s.AppraiserID, s.PreviousID = appraiser.ptr(), previous.ptr()
	p.Year = s.Year
	s.DueDate = kinerja.SKPDueDate(&p, s)
	if err := json.Unmarshal([]byte(emp), &s.Employee); err != nil {
		return nil, fmt.Errorf("scan skp: %w", err)
	}
	for _, x := range []struct {
		src sql.NullString
		dst **kinerja.Person
	}{{appr, &s.Appraiser}, {sup, &s.AppraiserSuperior}} {
		if x.src.Valid {
			p := new(kinerja.Person)
			if err := json.Unmarshal([]byte(x.src.String), p); err != nil {
				return nil, fmt.Errorf("scan skp: %w", err)
			}
			*x.dst = p
		}
	}
	if submitted.Valid {
		s.SubmittedAt = &submitted.Time
	}
	if approved.Valid {
		s.ApprovedAt = &approved.Time
	}
	return s, nil
}

// findSKP reads an SKP without its results.
func findSKP(ctx context.Context, q queryer, id int64) (*kinerja.SKP, error) {
	s, err := scanSKP(q.QueryRowContext(ctx, `SELECT `+skpColumns+skpFrom+` WHERE s.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgSKPNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("find skp: %w", err)
	}
	return s, nil
}

// loadSKP reads an SKP with its results, indicators and behaviour expectations.
func loadSKP(ctx context.Context, q queryer, id int64) (*kinerja.SKP, error) {
	s, err := findSKP(ctx, q, id)
	if err != nil {
		return nil, err
	}
	if s.Results, err = findResults(ctx, q, `r.skp_id = $1`, id); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT value, expectation FROM skp_behaviors WHERE skp_id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("find behaviors: %w", err)
	}
	defer rows.Close()
	byValue := map[string]string{}
	for rows.Next() {
		var v, e string
		if err := rows.Scan(&v, &e); err != nil {
			return nil, fmt.Errorf("find behaviors: %w", err)
		}
		byValue[v] = e
	}
	for _, b := range kinerja.BerAKHLAK {
		s.Behaviors = append(s.Behaviors, kinerja.Behavior{Value: b.Code, Expectation: byValue[b.Code]})
	}
	return s, rows.Err()
}

// findResults reads the results matching where (with its one argument), utama first, with
// their indicators and the text of the RHK each one intervenes: two queries in all.
func findResults(ctx context.Context, q queryer, where string, arg any) ([]*kinerja.Result, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.skp_id, r.kind, r.text, r.parent_result_id, COALESCE(pr.text, ''), r.position, r.lineage_id, r.perspective, r.strategic_goal
		FROM skp_results r LEFT JOIN skp_results pr ON pr.id = r.parent_result_id
		WHERE `+where+` ORDER BY CASE WHEN r.kind = 'utama' THEN 0 ELSE 1 END, r.position, r.id`, arg)
	if err != nil {
		return nil, fmt.Errorf("find results: %w", err)
	}
	defer rows.Close()
	out := []*kinerja.Result{}
	byID := map[int64]*kinerja.Result{}
	for rows.Next() {
		r := &kinerja.Result{Indicators: []*kinerja.Indicator{}}
		var parent nullID
		if err := rows.Scan(&r.ID, &r.SKPID, &r.Kind, &r.Text, &parent, &r.ParentText, &r.Position, &r.LineageID, &r.Perspective, &r.StrategicGoal); err != nil {
			return nil, fmt.Errorf("find results: %w", err)
		}
		r.ParentResultID = parent.ptr()
		out = append(out, r)
		byID[r.ID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find results: %w", err)
	}
	rows.Close()
	if len(out) == 0 {
		return out, nil
	}
	irows, err := q.QueryContext(ctx, `SELECT i.id, i.result_id, i.aspect, i.text, i.target, i.unit FROM skp_indicators i
		WHERE i.result_id IN (SELECT r.id FROM skp_results r WHERE `+where+`) ORDER BY i.result_id, i.position`, arg)
	if err != nil {
		return nil, fmt.Errorf("find indicators: %w", err)
	}
	defer irows.Close()
	for irows.Next() {
		ind := new(kinerja.Indicator)
		var rid int64
		if err := irows.Scan(&ind.ID, &rid, &ind.Aspect, &ind.Text, &ind.Target, &ind.Unit); err != nil {
			return nil, fmt.Errorf("find indicators: %w", err)
		}
		if r := byID[rid]; r != nil {
			r.Indicators = append(r.Indicators, ind)
		}
	}
	return out, irows.Err()
}

// skpAccess reports whether the caller may read s: with full access to its employee, as its
// pejabat penilai, or as a direct subordinate, who cascades from it.
func skpAccess(ctx context.Context, q queryer, a *kinerja.User, s *kinerja.SKP) error {
	if a.InOrg(s.OrgID) && a.EmployeeID != nil {
		if me, err := findEmployee(ctx, q, *a.EmployeeID); err == nil && me.SupervisorID != nil && *me.SupervisorID == s.EmployeeID {
			return nil
		}
	}
	return skpWorkAccess(ctx, q, a, s)
}

// skpWorkAccess allows what the work done under an SKP and its assessment show only to those
// who may judge it: its pejabat penilai, and whoever has full access to the employee (the
// employee, those above, admins). Unlike the SKP itself, not to the employee's staff, who
// read it to cascade from it.
func skpWorkAccess(ctx context.Context, q queryer, a *kinerja.User, s *kinerja.SKP) error {
	if !a.InOrg(s.OrgID) {
		return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgSKPNotFound)
	}
	if s.AppraiserID != nil && a.EmployeeID != nil && *a.EmployeeID == *s.AppraiserID {
		return nil
	}
	e, err := findEmployee(ctx, q, s.EmployeeID)
	if err != nil {
		return err
	}
	acc, err := access(ctx, q, a, e)
	if err != nil {
		return err
	}
	if acc != kinerja.AccessFull {
		return kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	return nil
}

// FindSKPByID returns an SKP with its results and behaviours, for those who may read it.
func (db *DB) FindSKPByID(ctx context.Context, id int64) (*kinerja.SKP, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	s, err := loadSKP(ctx, db.db, id)
	if err != nil {
		return nil, mapError(err)
	}
	if err := skpAccess(ctx, db.db, a, s); err != nil {
		return nil, mapError(err)
	}
	return s, nil
}

// FindSKPs lists current SKP versions, without their results, ordered by employee name, an
// employee's open SKP before one a transfer closed. A
// caller who does not see the whole organisation sees their own, their team's and those
// they appraise.
func (db *DB) FindSKPs(ctx context.Context, f kinerja.SKPFilter) ([]*kinerja.SKP, int, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, 0, err
	}
	org, err := db.orgOf(ctx, a, f.OrgID)
	if err != nil {
		return nil, 0, err
	}
	var ar args
	where := []string{"s.is_current", "s.org_id = " + ar.add(org)}
	if f.PeriodID > 0 {
		where = append(where, "s.period_id = "+ar.add(f.PeriodID))
	}
	if f.EmployeeID != nil {
		where = append(where, "s.employee_id = "+ar.add(*f.EmployeeID))
	}
	if f.AppraiserID != nil {
		where = append(where, "s.appraiser_id = "+ar.add(*f.AppraiserID))
	}
	if f.Status != "" {
		where = append(where, "s.status = "+ar.add(f.Status))
	}
	if a.EmployeeID != nil && (f.Team || !a.SeesWholeOrg(org)) {
		me := ar.add(*a.EmployeeID)
		team := `s.employee_id IN (WITH RECURSIVE down(id, depth) AS (
				SELECT id, 1 FROM employees WHERE supervisor_id = ` + me + `
				UNION ALL SELECT e.id, down.depth + 1 FROM employees e JOIN down ON e.supervisor_id = down.id WHERE down.depth < 50)
			SELECT id FROM down)`
		if f.Team {
			where = append(where, team)
		} else {
			// Besides their own, their team's and those they appraise, staff read their direct
			// supervisor's SKP, whose RHK they intervene.
			where = append(where, "("+team+" OR s.employee_id = "+me+" OR s.appraiser_id = "+me+
				" OR s.employee_id = (SELECT supervisor_id FROM employees WHERE id = "+me+"))")
		}
	} else if f.Team || !a.SeesWholeOrg(org) {
		return []*kinerja.SKP{}, 0, nil
	}
	q := `SELECT ` + skpColumns + `, COUNT(*) OVER ()` + skpFrom + ` JOIN employees e ON e.id = s.employee_id WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY lower(e.name), s.employee_id, CASE WHEN s.end_date IS NULL THEN 0 ELSE 1 END, s.id LIMIT ` + ar.add(kinerja.ClampLimit(f.Limit)) + ` OFFSET ` + ar.add(max(f.Offset, 0))
	rows, err := db.db.QueryContext(ctx, q, ar...)
	if err != nil {
		return nil, 0, mapError(fmt.Errorf("find skp: %w", err))
	}
	defer rows.Close()
	out := []*kinerja.SKP{}
	total := 0
	for rows.Next() {
		s, err := scanSKP(scanSuffix{rows, []any{&total}})
		if err != nil {
			return nil, 0, mapError(fmt.Errorf("find skp: %w", err))
		}
		out = append(out, s)
	}
	return out, total, mapError(rows.Err())
}

// person snapshots an employee for an SKP.
func person(ctx context.Context, q queryer, id int64) (*kinerja.Person, *kinerja.Employee, error) {
	e, err := findEmployee(ctx, q, id)
	if err != nil {
		return nil, nil, err
	}
	u, err := findUnit(ctx, q, e.UnitID)
	if err != nil {
		return nil, nil, err
	}
	return &kinerja.Person{EmployeeID: e.ID, Name: e.Name, NIP: e.NIP, Grade: e.Grade, Position: e.Position, Unit: u.Name}, e, nil
}

// appraisers snapshots e's pejabat penilai and atasan pejabat penilai, nil where none.
func appraisers(ctx context.Context, q queryer, e *kinerja.Employee) (appr, sup *kinerja.Person, err error) {
	if e.AppraiserID == nil {
		return nil, nil, nil
	}
	var ae *kinerja.Employee
	if appr, ae, err = person(ctx, q, *e.AppraiserID); err != nil {
		return nil, nil, err
	}
	if ae.AppraiserID != nil {
		if sup, _, err = person(ctx, q, *ae.AppraiserID); err != nil {
			return nil, nil, err
		}
	}
	return appr, sup, nil
}

func snapshot(p *kinerja.Person) any {
	if p == nil {
		return nil
	}
	b, _ := json.Marshal(p)
	return string(b)
}

// CreateSKP starts an employee's SKP for a period, snapshotting the employee, the pejabat
// penilai and the atasan pejabat penilai as they are today. The employee or an admin may.
func (db *DB) CreateSKP(ctx context.Context, employeeID, periodID int64, approach kinerja.Approach) (*kinerja.SKP, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.SKP
	err = db.update(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.createSKP(ctx, a, employeeID, periodID, approach, false)
		return err
	})
	return out, err
}

// createSKP creates an SKP as a; handedDown skips the permission check for a supervisor
// handing an RHK to a subordinate who has no SKP yet.
func (tx *Tx) createSKP(ctx context.Context, a *kinerja.User, employeeID, periodID int64, approach kinerja.Approach, handedDown bool) (*kinerja.SKP, error) {
	if approach == "" {
		approach = kinerja.ApproachQuantitative
	}
	if !approach.Valid() {
		return nil, kinerja.FieldError("approach", kinerja.MsgSKPApproachUnknown)
	}
	emp, e, err := person(ctx, tx, employeeID)
	if err != nil || !a.InOrg(e.OrgID) {
		return nil, kinerja.FieldError("employee_id", kinerja.MsgEmployeeNotFound)
	}
	if !handedDown && !kinerja.CanEditSKP(a, &kinerja.SKP{EmployeeID: e.ID, OrgID: e.OrgID}) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	if !e.Active {
		return nil, kinerja.FieldError("employee_id", kinerja.MsgSKPInactive)
	}
	p, err := findPeriod(ctx, tx, periodID)
	if err != nil || p.OrgID != e.OrgID {
		return nil, kinerja.FieldError("period_id", kinerja.MsgPeriodNotFound)
	}
	if p.Closed {
		return nil, kinerja.FieldError("period_id", kinerja.MsgPeriodClosed)
	}
	appr, sup, err := appraisers(ctx, tx, e)
	if err != nil {
		return nil, err
	}
	form, err := skpForm(ctx, tx, e)
	if err != nil {
		return nil, err
	}
	// After a transfer closed the employee's SKP for the period, the new one covers the rest
	// of the year from the move date.
	var start kinerja.Date
	if err := tx.QueryRowContext(ctx, `SELECT MAX(end_date) FROM skp WHERE employee_id = $1 AND period_id = $2 AND is_current AND end_date IS NOT NULL`,
		e.ID, p.ID).Scan(dateScanner{&start}); err != nil {
		return nil, fmt.Errorf("create skp: %w", err)
	}
	if !start.IsZero() {
		start = start.AddDate(0, 0, 1)
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO skp (org_id, employee_id, period_id, approach, form, appraiser_id, status, version, is_current,
			employee_snapshot, appraiser_snapshot, superior_snapshot, start_date, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, 'draft', 1, TRUE, $7, $8, $9, $11, $10, $10) RETURNING id`,
		e.OrgID, e.ID, p.ID, approach, form, e.AppraiserID, snapshot(emp), snapshot(appr), snapshot(sup), tx.now, dateValue(start)).Scan(&id)
	if err != nil {
		if kinerja.ErrorCode(mapError(err)) == kinerja.ECONFLICT {
			return nil, &kinerja.Error{Code: kinerja.ECONFLICT, Message: kinerja.MsgSKPExists, Err: err}
		}
		return nil, fmt.Errorf("create skp: %w", err)
	}
	s, err := loadSKP(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return s, tx.audit(ctx, a, &s.OrgID, kinerja.EntitySKP, id, kinerja.ActionCreate, nil, skpAudit(s))
}

// skpForm returns the SKP form of e (kinerja.FormFor): whether e heads an independent work unit.
func skpForm(ctx context.Context, q queryer, e *kinerja.Employee) (kinerja.SKPForm, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE head_id = $1 AND independent`, e.ID).Scan(&n); err != nil {
		return "", fmt.Errorf("skp form: %w", err)
	}
	return kinerja.FormFor(e.PositionKind, n > 0), nil
}

// skpAudit is what the audit log keeps of an SKP: its header, not its results.
func skpAudit(s *kinerja.SKP) map[string]any {
	return map[string]any{"employee_id": s.EmployeeID, "period_id": s.PeriodID, "approach": s.Approach, "status": s.Status,
		"version": s.Version, "appraiser_id": s.AppraiserID, "return_note": s.ReturnNote, "resources": s.Resources,
		"accountability": s.Accountability, "consequences": s.Consequences, "start_date": s.StartDate, "end_date": s.EndDate}
}

// editableSKP loads an SKP the caller may change now: the current version, in draft or
// returned, by its employee or an admin.
func (tx *Tx) editableSKP(ctx context.Context, a *kinerja.User, id int64) (*kinerja.SKP, error) {
	return tx.skpFor(ctx, a, id, kinerja.ActionEdit)
}

// skpFor loads SKP id, with its results, for the caller to take action on it: they must be
// able to read it, and the domain must permit the action now.
func (tx *Tx) skpFor(ctx context.Context, a *kinerja.User, id int64, action kinerja.Action) (*kinerja.SKP, error) {
	s, err := loadSKP(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := skpAccess(ctx, tx, a, s); err != nil {
		return nil, err
	}
	return s, checkSKP(ctx, tx, a, s, action)
}

// checkSKP asks the domain whether the caller may take action on s, with the facts it needs.
func checkSKP(ctx context.Context, q queryer, a *kinerja.User, s *kinerja.SKP, action kinerja.Action) error {
	f, err := skpFacts(ctx, q, s)
	if err != nil {
		return err
	}
	return kinerja.CheckSKP(a, s, f, action)
}

// skpFacts reads what the SKP rules need besides the SKP: whether its year is closed.
func skpFacts(ctx context.Context, q queryer, s *kinerja.SKP) (kinerja.SKPFacts, error) {
	p, err := findPeriod(ctx, q, s.PeriodID)
	if err != nil {
		return kinerja.SKPFacts{}, err
	}
	return kinerja.SKPFacts{PeriodClosed: p.Closed}, nil
}

// CheckSKP tells whether the caller may take action on s now (kinerja.CheckSKP), with the
// facts read here, for a page that offers the action's form.
func (db *DB) CheckSKP(ctx context.Context, s *kinerja.SKP, action kinerja.Action) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return mapError(checkSKP(ctx, db.db, a, s, action))
}

// SKPActions returns what the caller may do with s now (kinerja.SKPActions), with the facts
// read here.
func (db *DB) SKPActions(ctx context.Context, s *kinerja.SKP) (kinerja.Permitted, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	f, err := skpFacts(ctx, db.db, s)
	if err != nil {
		return nil, mapError(err)
	}
	return kinerja.SKPActions(a, s, f), nil
}

// UpdateSKP changes the approach (while the SKP has no RHK yet) and the lampiran.
func (db *DB) UpdateSKP(ctx context.Context, id int64, upd kinerja.SKPUpdate) (*kinerja.SKP, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.SKP
	err = db.update(ctx, func(tx *Tx) error {
		if err := tx.lockRow(ctx, "skp", id); err != nil {
			return err
		}
		s, err := tx.editableSKP(ctx, a, id)
		if err != nil {
			return err
		}
		before := skpAudit(s)
		if upd.Approach != nil && *upd.Approach != s.Approach {
			if !upd.Approach.Valid() {
				return kinerja.FieldError("approach", kinerja.MsgSKPApproachUnknown)
			}
			if len(s.Results) > 0 {
				return kinerja.FieldError("approach", "Pendekatan hanya dapat diubah selama SKP belum memiliki RHK.")
			}
			s.Approach = *upd.Approach
		}
		for _, x := range []struct {
			src *string
			dst *string
		}{{upd.Resources, &s.Resources}, {upd.Accountability, &s.Accountability}, {upd.Consequences, &s.Consequences}} {
			if x.src != nil {
				*x.dst = strings.TrimSpace(*x.src)
				if utf8.RuneCountInString(*x.dst) > 5000 {
					return kinerja.FieldError("lampiran", "Lampiran paling banyak 5.000 karakter per bagian.")
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE skp SET approach = $1, resources = $2, accountability = $3, consequences = $4, updated_at = $5 WHERE id = $6`,
			s.Approach, s.Resources, s.Accountability, s.Consequences, tx.now, id); err != nil {
			return fmt.Errorf("update skp: %w", err)
		}
		if out, err = loadSKP(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, a, &s.OrgID, kinerja.EntitySKP, id, kinerja.ActionUpdate, before, skpAudit(out))
	})
	return out, err
}

// FindSKPVersions returns every version of an SKP, newest first: the chain of revisions it
// belongs to, not the SKP that a transfer started or closed in the same period.
func (db *DB) FindSKPVersions(ctx context.Context, id int64) ([]*kinerja.SKP, error) {
	s, err := db.FindSKPByID(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `WITH RECURSIVE up(id, depth) AS (
			SELECT CAST($1 AS BIGINT), 0
			UNION ALL SELECT p.previous_id, up.depth + 1 FROM skp p JOIN up ON p.id = up.id WHERE p.previous_id IS NOT NULL AND up.depth < 1000),
		down(id, depth) AS (
			SELECT CAST($1 AS BIGINT), 0
			UNION ALL SELECT n.id, down.depth + 1 FROM skp n JOIN down ON n.previous_id = down.id WHERE down.depth < 1000)
		SELECT `+skpColumns+skpFrom+` WHERE s.id IN (SELECT id FROM up) OR s.id IN (SELECT id FROM down) ORDER BY s.version DESC`, s.ID)
	if err != nil {
		return nil, mapError(fmt.Errorf("find versions: %w", err))
	}
	defer rows.Close()
	out := []*kinerja.SKP{}
	for rows.Next() {
		v, err := scanSKP(rows)
		if err != nil {
			return nil, mapError(fmt.Errorf("find versions: %w", err))
		}
		out = append(out, v)
	}
	return out, mapError(rows.Err())
}
