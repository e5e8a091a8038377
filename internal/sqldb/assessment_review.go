package sqldb

import (
	"context"
	"fmt"
	"strings"

	"kinerja/internal/kinerja"
)

// CalibrateAssessment lets a pimpinan (or admin) of the organisation adjust the proposed
// ratings of a draft assessment in calibration. A reason is required and audited.
func (db *DB) CalibrateAssessment(ctx context.Context, id int64, results, behaviour kinerja.Rating, reason string) (*kinerja.Assessment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	var v kinerja.Validation
	if !results.Valid() {
		v.Add("result_rating", kinerja.MsgAssessmentRating)
	}
	if !behaviour.Valid() {
		v.Add("behavior_rating", kinerja.MsgAssessmentRating)
	}
	if reason == "" {
		v.Add("reason", "Tuliskan alasan penyesuaian dalam kalibrasi.")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out *kinerja.Assessment
	err = db.update(ctx, func(tx *Tx) error {
		x, err := findAssessment(ctx, tx, id)
		if err != nil || !a.InOrg(x.OrgID) {
			return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgAssessmentNotFound)
		}
		if !a.SeesWholeOrg(x.OrgID) {
			return kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
		}
		if x.Status != kinerja.AssessmentDraft {
			return kinerja.Errorf(kinerja.ECONFLICT, kinerja.MsgAssessmentFinal)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET result_rating = $1, behavior_rating = $2, updated_at = $3 WHERE id = $4`,
			results, behaviour, tx.now, id); err != nil {
			return fmt.Errorf("calibrate assessment: %w", err)
		}
		if out, err = findAssessment(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, a, &x.OrgID, kinerja.EntityAssessment, id, "calibrate", x, map[string]any{"assessment": out, "reason": reason})
	})
	return out, err
}

// HRReviewFlag names an employee whose annual result was Sangat Kurang or di bawah
// ekspektasi two years running: a case for HR to review, never an automatic sanction.
type HRReviewFlag struct {
	Employee kinerja.DirectoryEntry `json:"employee"`
	Previous kinerja.Assessment     `json:"previous"`
	Current  kinerja.Assessment     `json:"current"`
}

// HRReviewFlags lists the employees of the caller's organisation whose annual assessments of
// year-1 and year were both Sangat Kurang or rated di bawah ekspektasi on results.
// Admins and pimpinan only.
func (db *DB) HRReviewFlags(ctx context.Context, year int) ([]HRReviewFlag, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	org, err := db.orgOf(ctx, a, 0)
	if err != nil {
		return nil, err
	}
	if !a.SeesWholeOrg(org) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+assessmentColumns+assessmentFrom+`
		WHERE x.org_id = $1 AND x.period IN ($2, $3) AND x.status <> 'draft'
		AND (x.predikat = 'sangat_kurang' OR x.result_rating = 'di_bawah') ORDER BY x.employee_id, x.period`,
		org, fmt.Sprint(year-1), fmt.Sprint(year))
	if err != nil {
		return nil, mapError(fmt.Errorf("hr review: %w", err))
	}
	defer rows.Close()
	byEmployee := map[int64][]*kinerja.Assessment{}
	var order []int64
	for rows.Next() {
		x, err := scanAssessment(rows)
		if err != nil {
			return nil, mapError(fmt.Errorf("hr review: %w", err))
		}
		if byEmployee[x.EmployeeID] == nil {
			order = append(order, x.EmployeeID)
		}
		byEmployee[x.EmployeeID] = append(byEmployee[x.EmployeeID], x)
	}
	out := []HRReviewFlag{}
	for _, id := range order {
		xs := byEmployee[id]
		if len(xs) == 2 {
			out = append(out, HRReviewFlag{Employee: kinerja.DirectoryEntry{ID: id, Name: xs[1].EmployeeName, UnitID: xs[1].UnitID},
				Previous: *xs[0], Current: *xs[1]})
		}
	}
	return out, mapError(rows.Err())
}

// AppraiserDistribution is the distribution of predikat in a pejabat penilai's group for a
// period: everyone whose current SKP of the period's year they appraise, assessed or not,
// checked against the organisation predikat of the nearest rated unit holding the group.
func (db *DB) AppraiserDistribution(ctx context.Context, appraiserID int64, period string) (*kinerja.Distribution, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	e, err := findEmployee(ctx, db.db, appraiserID)
	if err != nil || !a.InOrg(e.OrgID) {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgEmployeeNotFound)
	}
	if !a.SeesWholeOrg(e.OrgID) && (a.EmployeeID == nil || *a.EmployeeID != appraiserID) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	d, err := appraiserDistribution(ctx, db.db, appraiserID, period, nil)
	return d, mapError(err)
}

// appraiserDistribution counts the predikat of a pejabat penilai's group, checked against the
// organisation predikat of the nearest rated unit holding the whole group; extra overrides or
// adds predikat not yet stored, by employee.
func appraiserDistribution(ctx context.Context, q queryer, appraiserID int64, period string, extra map[int64]kinerja.Predikat) (*kinerja.Distribution, error) {
	d := kinerja.NewDistribution(period)
	year, _ := kinerja.EvalKeyYear(period)
	// A unit's head in the group belongs, for the curve, to the unit above: they are appraised
	// one level up, not among the people of their own unit.
	rows, err := q.QueryContext(ctx, `SELECT s.employee_id, CASE WHEN u.head_id = e.id AND u.parent_id IS NOT NULL THEN u.parent_id ELSE e.unit_id END, COALESCE((SELECT x.predikat FROM assessments x WHERE x.employee_id = s.employee_id AND x.period = $2 AND x.status <> 'draft'), '')
		FROM skp s JOIN periods p ON p.id = s.period_id JOIN employees e ON e.id = s.employee_id JOIN units u ON u.id = e.unit_id
		WHERE s.is_current AND s.appraiser_id = $1 AND p.year = $3`, appraiserID, period, year)
	if err != nil {
		return nil, fmt.Errorf("appraiser distribution: %w", err)
	}
	var units []int64
	for rows.Next() {
		var id, unit int64
		var p kinerja.Predikat
		if err := rows.Scan(&id, &unit, &p); err != nil {
			rows.Close()
			return nil, fmt.Errorf("appraiser distribution: %w", err)
		}
		units = append(units, unit)
		if x, ok := extra[id]; ok {
			p = x
		}
		d.Add(p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("appraiser distribution: %w", err)
	}
	// The group follows the organisation predikat of the smallest unit that holds all of it.
	common, err := commonUnit(ctx, q, units)
	if err != nil || common == 0 {
		if err == nil {
			err = q.QueryRowContext(ctx, `SELECT unit_id FROM employees WHERE id = $1`, appraiserID).Scan(&common)
		}
		if err != nil {
			return nil, fmt.Errorf("appraiser distribution: %w", err)
		}
	}
	if d.UnitID, d.OrgPredikat, err = ratedUnit(ctx, q, common, period); err != nil {
		return nil, err
	}
	d.Check()
	return d, nil
}

// commonUnit is the deepest unit that holds every unit of units (itself or an ancestor), or 0
// when units is empty.
func commonUnit(ctx context.Context, q queryer, units []int64) (int64, error) {
	if len(units) == 0 {
		return 0, nil
	}
	var ar args
	ph := make([]string, 0, len(units))
	seen := map[int64]bool{}
	for _, u := range units {
		if !seen[u] {
			seen[u] = true
			ph = append(ph, ar.add(u))
		}
	}
	// Every unit's path to the root, each from the root down.
	rows, err := q.QueryContext(ctx, `WITH RECURSIVE up(start, id, depth) AS (
			SELECT id, id, 0 FROM units WHERE id IN (`+strings.Join(ph, ", ")+`)
			UNION ALL SELECT up.start, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL AND up.depth < 50)
		SELECT start, id FROM up ORDER BY start, depth DESC`, ar...)
	if err != nil {
		return 0, fmt.Errorf("common unit: %w", err)
	}
	defer rows.Close()
	paths := map[int64][]int64{}
	for rows.Next() {
		var start, id int64
		if err := rows.Scan(&start, &id); err != nil {
			return 0, fmt.Errorf("common unit: %w", err)
		}
		paths[start] = append(paths[start], id)
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("common unit: %w", err)
	}
	var common []int64
	first := true
	for _, path := range paths {
		if first {
			common, first = path, false
			continue
		}
		n := 0
		for n < len(common) && n < len(path) && common[n] == path[n] {
			n++
		}
		common = common[:n]
	}
	if len(common) == 0 {
		return 0, nil
	}
	return common[len(common)-1], nil
}
