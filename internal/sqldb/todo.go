package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"kinerja/internal/kinerja"
)

// FindTodo lists what the caller owes, soonest due first, the late ones marked: their own
// SKP for the open year, SKP submitted to them, their team's activities waiting for
// verification, the ended periods they still have to assess, their final assessments to
// accept or object to, and the objections they decide. A fixed number of queries whatever
// the team size.
func (db *DB) FindTodo(ctx context.Context) ([]kinerja.TodoItem, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	items := []kinerja.TodoItem{}
	if u.OrgID == nil {
		return items, nil
	}
	org := *u.OrgID
	today := kinerja.Today(db.now())
	settings, err := findSettings(ctx, db.db, org)
	if err != nil {
		return nil, err
	}
	if u.EmployeeID != nil {
		me := *u.EmployeeID
		for _, step := range []func(context.Context, int64, int64, kinerja.Date, kinerja.OrgSettings) ([]kinerja.TodoItem, error){
			db.todoOwnSKP, db.todoApproveSKP, db.todoAssess, db.todoAnswer,
		} {
			found, err := step(ctx, org, me, today, settings)
			if err != nil {
				return nil, mapError(err)
			}
			items = append(items, found...)
		}
		if u.HasRole(kinerja.RoleAtasan) {
			found, err := db.todoVerify(ctx, org, me, today, settings)
			if err != nil {
				return nil, mapError(err)
			}
			items = append(items, found...)
		}
	}
	found, err := db.todoDecide(ctx, u, org, settings)
	if err != nil {
		return nil, mapError(err)
	}
	items = append(items, found...)
	kinerja.SortTodo(items, today)
	return items, nil
}

// todoOwnSKP is the caller's SKP for the newest open year, unless it is submitted or approved.
func (db *DB) todoOwnSKP(ctx context.Context, org, me int64, today kinerja.Date, _ kinerja.OrgSettings) ([]kinerja.TodoItem, error) {
	var period int64
	var year int
	var name string
	var active bool
	err := db.db.QueryRowContext(ctx, `SELECT p.id, p.year, e.name, e.active FROM periods p, employees e
		WHERE p.org_id = $1 AND NOT p.closed AND p.year <= $2 AND e.id = $3 ORDER BY p.year DESC LIMIT 1`,
		org, today.Year(), me).Scan(&period, &year, &name, &active)
	if err == sql.ErrNoRows || err == nil && !active {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("todo: open period: %w", err)
	}
	item := kinerja.TodoItem{Kind: kinerja.TodoWriteSKP, Title: name, Period: fmt.Sprint(year), Due: kinerja.SKPDue(year),
		Count: 1, EmployeeID: me}
	var id int64
	var status kinerja.SKPStatus
	err = db.db.QueryRowContext(ctx, `SELECT id, status FROM skp WHERE employee_id = $1 AND period_id = $2 AND is_current`,
		me, period).Scan(&id, &status)
	switch {
	case err == sql.ErrNoRows:
	case err != nil:
		return nil, fmt.Errorf("todo: own skp: %w", err)
	case status == kinerja.SKPSubmitted || status == kinerja.SKPApproved:
		return nil, nil
	default:
		item.SKPID = &id
	}
	return []kinerja.TodoItem{item}, nil
}

// todoApproveSKP lists the SKP submitted to the caller as pejabat penilai.
func (db *DB) todoApproveSKP(ctx context.Context, org, me int64, _ kinerja.Date, _ kinerja.OrgSettings) ([]kinerja.TodoItem, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT s.id, s.employee_id, e.name, p.year FROM skp s
		JOIN periods p ON p.id = s.period_id JOIN employees e ON e.id = s.employee_id
		WHERE s.org_id = $1 AND s.appraiser_id = $2 AND s.status = 'submitted' AND s.is_current`, org, me)
	if err != nil {
		return nil, fmt.Errorf("todo: skp to approve: %w", err)
	}
	defer rows.Close()
	var out []kinerja.TodoItem
	for rows.Next() {
		var id int64
		var year int
		it := kinerja.TodoItem{Kind: kinerja.TodoApproveSKP, Count: 1}
		if err := rows.Scan(&id, &it.EmployeeID, &it.Title, &year); err != nil {
			return nil, fmt.Errorf("todo: skp to approve: %w", err)
		}
		it.SKPID, it.Period, it.Due = &id, fmt.Sprint(year), kinerja.SKPDue(year)
		out = append(out, it)
	}
	return out, rows.Err()
}

// todoVerify is the caller's verification queue: how many activities of their direct
// subordinates wait, since when, and the day the oldest passes the organisation's deadline.
func (db *DB) todoVerify(ctx context.Context, org, me int64, today kinerja.Date, s kinerja.OrgSettings) ([]kinerja.TodoItem, error) {
	const from = ` FROM activities a JOIN employees e ON e.id = a.employee_id WHERE e.supervisor_id = $1 AND a.status = 'pending'`
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*)`+from, me).Scan(&n); err != nil {
		return nil, fmt.Errorf("todo: queue: %w", err)
	}
	if n == 0 {
		return nil, nil
	}
	var created sql.NullTime
	if err := db.db.QueryRowContext(ctx, `SELECT a.created_at`+from+` ORDER BY a.created_at, a.id LIMIT 1`, me).Scan(&created); err != nil {
		return nil, fmt.Errorf("todo: queue: %w", err)
	}
	oldest := kinerja.Today(created.Time)
	// The last day before the oldest waits more working days than the deadline allows.
	horizon := today
	if end := oldest.AddDate(0, 0, 3*s.VerificationSLADays+31); end.After(horizon) {
		horizon = end
	}
	cal, err := calendar(ctx, db.db, org, oldest, horizon)
	if err != nil {
		return nil, err
	}
	due := oldest
	for i := 0; i < 400 && cal.WorkingDaysAfter(oldest, due.AddDate(0, 0, 1)) <= s.VerificationSLADays; i++ {
		due = due.AddDate(0, 0, 1)
	}
	return []kinerja.TodoItem{{Kind: kinerja.TodoVerifyActivities, Count: n, Oldest: oldest, Due: due}}, nil
}

// todoAssess lists the ended evaluation periods of open years that the caller, as pejabat
// penilai of an approved SKP, has not yet finalised.
func (db *DB) todoAssess(ctx context.Context, org, me int64, today kinerja.Date, _ kinerja.OrgSettings) ([]kinerja.TodoItem, error) {
	type skpRow struct {
		id, employee int64
		name         string
		year         int
		cadence      kinerja.Cadence
		start, end   kinerja.Date
	}
	rows, err := db.db.QueryContext(ctx, `SELECT s.id, s.employee_id, e.name, p.year, p.cadence, p.start_date, p.end_date
		FROM skp s JOIN periods p ON p.id = s.period_id JOIN employees e ON e.id = s.employee_id
		WHERE s.org_id = $1 AND s.appraiser_id = $2 AND s.status = 'approved' AND s.is_current AND NOT p.closed AND e.active
		ORDER BY s.id`, org, me)
	if err != nil {
		return nil, fmt.Errorf("todo: skp to assess: %w", err)
	}
	var skps []skpRow
	for rows.Next() {
		var r skpRow
		if err := rows.Scan(&r.id, &r.employee, &r.name, &r.year, &r.cadence, dateScanner{&r.start}, dateScanner{&r.end}); err != nil {
			rows.Close()
			return nil, fmt.Errorf("todo: skp to assess: %w", err)
		}
		skps = append(skps, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(skps) == 0 {
		return nil, err
	}
	type key struct {
		employee int64
		period   string
	}
	type state struct {
		id     int64
		status kinerja.AssessmentStatus
	}
	done := map[key]state{}
	rows, err = db.db.QueryContext(ctx, `SELECT a.id, a.employee_id, a.period, a.status FROM assessments a
		JOIN skp s ON s.id = a.skp_id WHERE s.org_id = $1 AND s.appraiser_id = $2`, org, me)
	if err != nil {
		return nil, fmt.Errorf("todo: assessments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k key
		var st state
		if err := rows.Scan(&st.id, &k.employee, &k.period, &st.status); err != nil {
			return nil, fmt.Errorf("todo: assessments: %w", err)
		}
		done[k] = st
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []kinerja.TodoItem
	for _, s := range skps {
		for _, p := range kinerja.EvalPeriods(s.year, s.cadence) {
			if !kinerja.AssessmentOpen(p, today) || p.End.Before(s.start) || p.Start.After(s.end) {
				continue
			}
			st, ok := done[key{s.employee, p.Key}]
			if ok && st.status != kinerja.AssessmentDraft {
				continue
			}
			id := s.id
			it := kinerja.TodoItem{Kind: kinerja.TodoAssess, Title: s.name, Period: p.Key, Due: kinerja.AssessmentDue(p),
				Count: 1, EmployeeID: s.employee, SKPID: &id}
			if ok {
				aid := st.id
				it.AssessmentID = &aid
			}
			out = append(out, it)
		}
	}
	return out, nil
}

// todoAnswer lists the caller's final assessments they have neither accepted nor objected to,
// due on the last day of the objection window.
func (db *DB) todoAnswer(ctx context.Context, _, me int64, _ kinerja.Date, s kinerja.OrgSettings) ([]kinerja.TodoItem, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT a.id, a.skp_id, a.period, a.finalized_at, e.name FROM assessments a
		JOIN employees e ON e.id = a.employee_id
		WHERE a.employee_id = $1 AND a.status = 'final' AND a.objected_at IS NULL AND a.decided_at IS NULL`, me)
	if err != nil {
		return nil, fmt.Errorf("todo: assessments to answer: %w", err)
	}
	defer rows.Close()
	var out []kinerja.TodoItem
	for rows.Next() {
		var id, skp int64
		var finalized sql.NullTime
		it := kinerja.TodoItem{Kind: kinerja.TodoAnswerAssessment, Count: 1, EmployeeID: me}
		if err := rows.Scan(&id, &skp, &it.Period, &finalized, &it.Title); err != nil {
			return nil, fmt.Errorf("todo: assessments to answer: %w", err)
		}
		it.AssessmentID, it.SKPID = &id, &skp
		if finalized.Valid {
			it.Due = kinerja.AnswerDue(finalized.Time, s.ObjectionDays)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// todoDecide lists the open objections of the organisation the caller decides: as the
// atasan pejabat penilai named on the SKP, or as an admin where the SKP names none.
func (db *DB) todoDecide(ctx context.Context, u *kinerja.User, org int64, s kinerja.OrgSettings) ([]kinerja.TodoItem, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT a.id, a.skp_id, a.employee_id, e.name, a.period, a.objected_at, sk.superior_snapshot
		FROM assessments a JOIN employees e ON e.id = a.employee_id JOIN skp sk ON sk.id = a.skp_id
		WHERE a.org_id = $1 AND a.status = 'objected' AND a.decided_at IS NULL`, org)
	if err != nil {
		return nil, fmt.Errorf("todo: objections: %w", err)
	}
	defer rows.Close()
	var out []kinerja.TodoItem
	for rows.Next() {
		var id, skp int64
		var objected sql.NullTime
		var superior sql.NullString
		it := kinerja.TodoItem{Kind: kinerja.TodoDecideObjection, Count: 1}
		if err := rows.Scan(&id, &skp, &it.EmployeeID, &it.Title, &it.Period, &objected, &superior); err != nil {
			return nil, fmt.Errorf("todo: objections: %w", err)
		}
		facts := &kinerja.SKP{ID: skp, OrgID: org}
		if superior.Valid {
			facts.AppraiserSuperior = new(kinerja.Person)
			if err := json.Unmarshal([]byte(superior.String), facts.AppraiserSuperior); err != nil {
				return nil, fmt.Errorf("todo: objections: %w", err)
			}
		}
		if !kinerja.CanDecideObjection(u, facts) {
			continue
		}
		it.AssessmentID, it.SKPID = &id, &skp
		if objected.Valid {
			it.Due = kinerja.DecisionDue(objected.Time, s.ObjectionDays)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}
