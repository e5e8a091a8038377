package sqldb

import (
	"context"
	"fmt"

	"kinerja/internal/kinerja"
)

// UnitRecap is what the recap of a unit's assessments for an evaluation period holds: every
// active employee of the unit and its sub-units, assessed or not, with the assessment the
// caller may read, and the unit's distribution when the caller may read it.
type UnitRecap struct {
	Unit         *kinerja.Unit
	Period       string
	Employees    []*kinerja.Employee           // in name order; personal data blanked where the caller sees only the directory
	Assessments  map[int64]*kinerja.Assessment // by employee id, only those the caller may read
	Distribution *kinerja.Distribution         // nil unless kinerja.CheckUnitDistribution lets the caller read it
}

// FindUnitRecap gathers the recap of a unit for period in a bounded number of queries, however
// many people the unit holds.
func (db *DB) FindUnitRecap(ctx context.Context, unitID int64, period string) (*UnitRecap, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !kinerja.ValidEvalKey(period) {
		return nil, kinerja.FieldError("period", kinerja.MsgAssessmentPeriod)
	}
	u, err := findUnit(ctx, db.db, unitID)
	if err != nil || !a.InOrg(u.OrgID) {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)
	}
	year, _ := kinerja.EvalKeyYear(period)
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM periods WHERE org_id = $1 AND year = $2`, u.OrgID, year).Scan(&n); err != nil {
		return nil, mapError(fmt.Errorf("unit recap: %w", err))
	}
	if n == 0 {
		return nil, kinerja.FieldError("period", kinerja.MsgAssessmentPeriod)
	}
	rc := &UnitRecap{Unit: u, Period: period, Employees: []*kinerja.Employee{}, Assessments: map[int64]*kinerja.Assessment{}}
	whole := a.SeesWholeOrg(u.OrgID)
	team := map[int64]bool{}
	if !whole && a.EmployeeID != nil {
		if team, err = teamIDs(ctx, db.db, *a.EmployeeID); err != nil {
			return nil, mapError(err)
		}
	}
	const sub = `WITH RECURSIVE sub(id) AS (SELECT CAST($1 AS BIGINT) UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) `
	rows, err := db.db.QueryContext(ctx, sub+`SELECT `+employeeColumns+` FROM employees e
		WHERE e.unit_id IN (SELECT id FROM sub) AND e.active ORDER BY lower(e.name), e.id`, unitID)
	if err != nil {
		return nil, mapError(fmt.Errorf("unit recap: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEmployee(rows)
		if err != nil {
			return nil, mapError(fmt.Errorf("unit recap: %w", err))
		}
		if e.Access = kinerja.EmployeeAccess(a, e, team[e.ID]); e.Access != kinerja.AccessFull {
			blankPersonal(e)
		}
		rc.Employees = append(rc.Employees, e)
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("unit recap: %w", err))
	}
	rows.Close()
	xs, err := db.db.QueryContext(ctx, sub+`SELECT `+assessmentColumns+assessmentFrom+`
		WHERE x.period = $2 AND e.unit_id IN (SELECT id FROM sub) AND e.active ORDER BY x.id`, unitID, period)
	if err != nil {
		return nil, mapError(fmt.Errorf("unit recap: %w", err))
	}
	defer xs.Close()
	for xs.Next() {
		x, err := scanAssessment(xs)
		if err != nil {
			return nil, mapError(fmt.Errorf("unit recap: %w", err))
		}
		// The same rule as FindAssessments: the whole organisation for its admins and
		// pimpinan, else one's own, those one appraises and one's team.
		mine := a.EmployeeID != nil && (x.EmployeeID == *a.EmployeeID || x.AppraiserID != nil && *x.AppraiserID == *a.EmployeeID)
		if whole || mine || team[x.EmployeeID] {
			rc.Assessments[x.EmployeeID] = x
		}
	}
	if err := xs.Err(); err != nil {
		return nil, mapError(fmt.Errorf("unit recap: %w", err))
	}
	// The distribution sheet follows the rule of the distribution itself: without it the
	// recap says that it is not available.
	switch err := checkUnitDistribution(ctx, db.db, a, u); kinerja.ErrorCode(err) {
	case "":
		if rc.Distribution, err = distribution(ctx, db.db, unitID, period, nil); err != nil {
			return nil, mapError(err)
		}
	case kinerja.EFORBIDDEN:
	default:
		return nil, err
	}
	return rc, nil
}
