package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"kinerja/internal/kinerja"
)

const assessmentColumns = `x.id, x.org_id, x.skp_id, x.employee_id, e.name, e.unit_id, x.appraiser_id, x.period, x.result_rating, x.result_reason,
	x.behavior_rating, x.behavior_reason, x.predikat, x.status, x.justification, x.finalized_at, x.created_at, x.updated_at,
	x.objection_reason, x.objected_at, x.decision, x.decision_reason, x.decided_at,
	x.self_result_rating, x.self_behavior_rating, x.self_reflection, x.self_at,
	x.recommendation`

const assessmentFrom = ` FROM assessments x JOIN employees e ON e.id = x.employee_id`

func scanAssessment(sc interface{ Scan(...any) error }) (*kinerja.Assessment, error) {
	x := new(kinerja.Assessment)
	var appr nullID
	var fin, obj, dec, self sql.NullTime
	if err := sc.Scan(&x.ID, &x.OrgID, &x.SKPID, &x.EmployeeID, &x.EmployeeName, &x.UnitID, &appr, &x.Period, &x.ResultRating, &x.ResultReason,
		&x.BehaviorRating, &x.BehaviorReason, &x.Predikat, &x.Status, &x.Justification, &fin, &x.CreatedAt, &x.UpdatedAt,
		&x.ObjectionReason, &obj, &x.Decision, &x.DecisionReason, &dec,
		&x.SelfResultRating, &x.SelfBehaviorRating, &x.SelfReflection, &self,
		&x.Recommendation); err != nil {
		return nil, err
	}
	x.AppraiserID = appr.ptr()
	for _, t := range []struct {
		src sql.NullTime
		dst **time.Time
	}{{fin, &x.FinalizedAt}, {obj, &x.ObjectedAt}, {dec, &x.DecidedAt}, {self, &x.SelfAt}} {
		if t.src.Valid {
			v := t.src.Time
			*t.dst = &v
		}
	}
	return x, nil
}

func findAssessment(ctx context.Context, q queryer, id int64) (*kinerja.Assessment, error) {
	x, err := scanAssessment(q.QueryRowContext(ctx, `SELECT `+assessmentColumns+assessmentFrom+` WHERE x.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgAssessmentNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("find assessment: %w", err)
	}
	return x, nil
}

// CreateAssessment starts the evaluation of an approved SKP for a period of its year. The
// pejabat penilai (or an admin) starts it; when the employee heads a unit with an
// organisation predikat for the period, the rating hasil kerja defaults from it.
func (db *DB) CreateAssessment(ctx context.Context, skpID int64, period string) (*kinerja.Assessment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.Assessment
	err = db.update(ctx, func(tx *Tx) error {
		s, err := findSKP(ctx, tx, skpID)
		if err != nil || !a.InOrg(s.OrgID) {
			return kinerja.FieldError("skp_id", kinerja.MsgSKPNotFound)
		}
		if err := skpAccess(ctx, tx, a, s); err != nil {
			return err
		}
		p, err := findPeriod(ctx, tx, s.PeriodID)
		if err != nil {
			return err
		}
		if err := kinerja.CheckSKP(a, s, kinerja.SKPFacts{PeriodClosed: p.Closed}, kinerja.ActionAssess); err != nil {
			return err
		}
		ep, ok := kinerja.FindEvalPeriod(p.Year, p.Cadence, period)
		if !ok {
			return kinerja.FieldError("period", kinerja.MsgAssessmentPeriod)
		}
		if err := kinerja.CheckAssessmentCovered(ep, p, s); err != nil {
			return err
		}
		cfg, err := findSettings(ctx, tx, s.OrgID)
		if err != nil {
			return err
		}
		if err := kinerja.CheckAssessmentOpen(ep, cfg.AssessmentEarlyDays, kinerja.Today(tx.now)); err != nil {
			return err
		}
		result, err := headResultRating(ctx, tx, s.OrgID, s.EmployeeID, period)
		if err != nil {
			return err
		}
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO assessments (org_id, skp_id, employee_id, appraiser_id, period, result_rating, status, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $7) RETURNING id`, s.OrgID, s.ID, s.EmployeeID, s.AppraiserID, period, result, tx.now).Scan(&id)
		if err != nil {
			if kinerja.ErrorCode(mapError(err)) == kinerja.ECONFLICT {
				return &kinerja.Error{Code: kinerja.ECONFLICT, Message: kinerja.MsgAssessmentExists, Err: err}
			}
			return fmt.Errorf("create assessment: %w", err)
		}
		if out, err = findAssessment(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, a, &s.OrgID, kinerja.EntityAssessment, id, kinerja.ActionCreate, nil, out)
	})
	return out, err
}

// headResultRating is the rating hasil kerja the organisation's mapping gives an employee who
// heads a unit with an organisation predikat for the period; "" when they head none.
func headResultRating(ctx context.Context, q queryer, org, employee int64, period string) (kinerja.Rating, error) {
	var p sql.NullString
	err := q.QueryRowContext(ctx, `SELECT r.predikat FROM units u JOIN unit_ratings r ON r.unit_id = u.id AND r.period = $2
		WHERE u.head_id = $1 ORDER BY u.id LIMIT 1`, employee, period).Scan(&p)
	if err == sql.ErrNoRows || (err == nil && !p.Valid) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("head result rating: %w", err)
	}
	cfg, err := findSettings(ctx, q, org)
	if err != nil {
		return "", err
	}
	return cfg.HeadResultsRating(kinerja.OrgPredikat(p.String)), nil
}

// FindAssessmentByID returns an assessment the caller may see: with full access to the
// employee, or as its pejabat penilai.
func (db *DB) FindAssessmentByID(ctx context.Context, id int64) (*kinerja.Assessment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	x, err := findAssessment(ctx, db.db, id)
	if err != nil {
		return nil, mapError(err)
	}
	s, err := findSKP(ctx, db.db, x.SKPID)
	if err != nil {
		return nil, mapError(err)
	}
	if err := skpWorkAccess(ctx, db.db, a, s); err != nil {
		return nil, mapError(err)
	}
	return x, mapError(loadResultRatings(ctx, db.db, x))
}

// loadResultRatings reads the per-RHK ratings of an assessment.
func loadResultRatings(ctx context.Context, q queryer, x *kinerja.Assessment) error {
	rows, err := q.QueryContext(ctx, `SELECT result_id, rating FROM assessment_result_ratings WHERE assessment_id = $1`, x.ID)
	if err != nil {
		return fmt.Errorf("result ratings: %w", err)
	}
	defer rows.Close()
	x.ResultRatings = map[int64]kinerja.Rating{}
	for rows.Next() {
		var id int64
		var r kinerja.Rating
		if err := rows.Scan(&id, &r); err != nil {
			return fmt.Errorf("result ratings: %w", err)
		}
		x.ResultRatings[id] = r
	}
	return rows.Err()
}

// FindAssessments lists the assessments of a period the caller may see: their own, their
// team's, those they appraise, or the whole organisation for admins and pimpinan.
func (db *DB) FindAssessments(ctx context.Context, period string, employeeID *int64) ([]*kinerja.Assessment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	org, err := db.orgOf(ctx, a, 0)
	if err != nil {
		return nil, err
	}
	var ar args
	where := []string{"x.org_id = " + ar.add(org)}
	if period != "" {
		where = append(where, "x.period = "+ar.add(period))
	}
	if employeeID != nil {
		where = append(where, "x.employee_id = "+ar.add(*employeeID))
	}
	if !a.SeesWholeOrg(org) {
		if a.EmployeeID == nil {
			return []*kinerja.Assessment{}, nil
		}
		me := ar.add(*a.EmployeeID)
		where = append(where, `(x.employee_id = `+me+` OR x.appraiser_id = `+me+` OR x.employee_id IN (WITH RECURSIVE down(id, depth) AS (
			SELECT id, 1 FROM employees WHERE supervisor_id = `+me+`
			UNION ALL SELECT e2.id, down.depth + 1 FROM employees e2 JOIN down ON e2.supervisor_id = down.id WHERE down.depth < 50)
			SELECT id FROM down))`)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+assessmentColumns+assessmentFrom+` WHERE `+strings.Join(where, " AND ")+` ORDER BY lower(e.name), x.period`, ar...)
	if err != nil {
		return nil, mapError(fmt.Errorf("find assessments: %w", err))
	}
	defer rows.Close()
	out := []*kinerja.Assessment{}
	for rows.Next() {
		x, err := scanAssessment(rows)
		if err != nil {
			return nil, mapError(fmt.Errorf("find assessments: %w", err))
		}
		out = append(out, x)
	}
	return out, mapError(rows.Err())
}

// assessmentFor loads assessment id for the caller to take action on it: the domain must
// permit the action now, given the SKP assessed, the organisation's objection days and the
// transaction's time. Another organisation's assessment is not found.
func (tx *Tx) assessmentFor(ctx context.Context, a *kinerja.User, id int64, action kinerja.Action) (*kinerja.Assessment, error) {
	x, err := findAssessment(ctx, tx, id)
	if err != nil || !a.InOrg(x.OrgID) {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgAssessmentNotFound)
	}
	s, err := findSKP(ctx, tx, x.SKPID)
	if err != nil {
		return nil, err
	}
	cfg, err := findSettings(ctx, tx, x.OrgID)
	if err != nil {
		return nil, err
	}
	f := kinerja.AssessmentFacts{SKP: s, ObjectionDays: cfg.ObjectionDays, Now: tx.now}
	return x, kinerja.CheckAssessment(a, x, f, action)
}

// UpdateAssessment records the pejabat penilai's ratings and reasons on a draft assessment.
func (db *DB) UpdateAssessment(ctx context.Context, id int64, upd kinerja.AssessmentUpdate) (*kinerja.Assessment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := upd.Validate(); err != nil {
		return nil, err
	}
	var out *kinerja.Assessment
	err = db.update(ctx, func(tx *Tx) error {
		if err := tx.lockRow(ctx, "assessments", id); err != nil {
			return err
		}
		before, err := tx.assessmentFor(ctx, a, id, kinerja.ActionRate)
		if err != nil {
			return err
		}
		x := *before
		if upd.ResultRating != nil {
			x.ResultRating = *upd.ResultRating
		}
		if upd.ResultReason != nil {
			x.ResultReason = *upd.ResultReason
		}
		if upd.BehaviorRating != nil {
			x.BehaviorRating = *upd.BehaviorRating
		}
		if upd.BehaviorReason != nil {
			x.BehaviorReason = *upd.BehaviorReason
		}
		mapped, err := headResultRating(ctx, tx, x.OrgID, x.EmployeeID, x.Period)
		if err != nil {
			return err
		}
		if err := kinerja.CheckHeadResult(mapped, &x); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET result_rating = $1, result_reason = $2, behavior_rating = $3, behavior_reason = $4,
			updated_at = $5 WHERE id = $6`, x.ResultRating, x.ResultReason, x.BehaviorRating, x.BehaviorReason, tx.now, id); err != nil {
			return fmt.Errorf("update assessment: %w", err)
		}
		if upd.Recommendation != nil {
			if err := tx.setRecommendation(ctx, id, *upd.Recommendation); err != nil {
				return err
			}
		}
		if upd.ResultRatings != nil {
			if _, err := tx.ExecContext(ctx, `DELETE FROM assessment_result_ratings WHERE assessment_id = $1`, id); err != nil {
				return fmt.Errorf("update assessment: %w", err)
			}
			for rid, rt := range upd.ResultRatings {
				var n int
				if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM skp_results WHERE id = $1 AND skp_id = $2`, rid, x.SKPID).Scan(&n); err != nil {
					return fmt.Errorf("update assessment: %w", err)
				}
				if n == 0 {
					return kinerja.FieldError(fmt.Sprintf("result_ratings.%d", rid), kinerja.MsgResultNotFound)
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO assessment_result_ratings (assessment_id, result_id, rating) VALUES ($1, $2, $3)`, id, rid, rt); err != nil {
					return fmt.Errorf("update assessment: %w", err)
				}
			}
		}
		if out, err = findAssessment(ctx, tx, id); err != nil {
			return err
		}
		if err := loadResultRatings(ctx, tx, out); err != nil {
			return err
		}
		return tx.audit(ctx, a, &x.OrgID, kinerja.EntityAssessment, id, kinerja.ActionUpdate, before, out)
	})
	return out, err
}

// FinalizeAssessment gives the assessment its predikat from the 3×3 matrix and makes it
// final. When the predikat breaks the distribution curve of the employee's unit or of the
// pejabat penilai's group (DOMAIN.md §3), a written justification is required and stored.
func (db *DB) FinalizeAssessment(ctx context.Context, id int64, justification string) (*kinerja.Assessment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	justification = strings.TrimSpace(justification)
	var out *kinerja.Assessment
	err = db.update(ctx, func(tx *Tx) error {
		x, p, violations, err := tx.finalizeOutcome(ctx, a, id)
		if err != nil {
			return err
		}
		if len(violations) > 0 && justification == "" {
			return &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgAssessmentJustification + " " + strings.Join(violations, " "),
				Fields: map[string]string{"justification": kinerja.MsgAssessmentJustification}, Err: &kinerja.CurveBreach{Rules: violations}}
		}
		if len(violations) == 0 {
			justification = ""
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET predikat = $1, status = 'final', justification = $2, finalized_at = $3, updated_at = $3 WHERE id = $4`,
			p, justification, tx.now, id); err != nil {
			return fmt.Errorf("finalize assessment: %w", err)
		}
		if out, err = findAssessment(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.audit(ctx, a, &x.OrgID, kinerja.EntityAssessment, id, "finalize", x, out); err != nil {
			return err
		}
		return tx.emit(ctx, kinerja.Event{Kind: kinerja.EventAssessmentFinal, OrgID: x.OrgID, Entity: kinerja.EntityAssessment, EntityID: id,
			To: kinerja.ToEmployee(x.EmployeeID), Subject: string(p)})
	})
	return out, err
}

// PreviewFinalize tells what finalising assessment id now would give, without finalising it:
// the predikat from its stored ratings and the curve rules it would break (each needing a
// justification). It refuses as FinalizeAssessment does, for the confirmation step of the page.
func (db *DB) PreviewFinalize(ctx context.Context, id int64) (kinerja.Predikat, []string, error) {
	a, err := actor(ctx)
	if err != nil {
		return "", nil, err
	}
	var p kinerja.Predikat
	var violations []string
	err = db.update(ctx, func(tx *Tx) error {
		_, p, violations, err = tx.finalizeOutcome(ctx, a, id)
		return err
	})
	return p, violations, err
}

// finalizeOutcome checks that actor a may finalise assessment id now and tells what it would
// give: the predikat of its stored ratings and the curve rules it would break. Finalising and
// its preview refuse alike because both ask here.
func (tx *Tx) finalizeOutcome(ctx context.Context, a *kinerja.User, id int64) (*kinerja.Assessment, kinerja.Predikat, []string, error) {
	x, err := tx.assessmentFor(ctx, a, id, kinerja.ActionFinalize)
	if err != nil {
		return nil, "", nil, err
	}
	p, ok := kinerja.PredikatOf(x.ResultRating, x.BehaviorRating)
	if !ok {
		return nil, "", nil, kinerja.FieldError("result_rating", kinerja.MsgAssessmentRatingsNeeded)
	}
	mapped, err := headResultRating(ctx, tx, x.OrgID, x.EmployeeID, x.Period)
	if err != nil {
		return nil, "", nil, err
	}
	if err := kinerja.CheckHeadResult(mapped, x); err != nil {
		return nil, "", nil, err
	}
	violations, err := curveViolations(ctx, tx, x, p)
	if err != nil {
		return nil, "", nil, err
	}
	return x, p, violations, nil
}

// curveViolations says which curve rules finalising x with predikat p would break: in the
// nearest rated unit of the employee, and in the group of their pejabat penilai. A rule broken
// the same way in both is told once.
func curveViolations(ctx context.Context, q queryer, x *kinerja.Assessment, p kinerja.Predikat) ([]string, error) {
	extra := map[int64]kinerja.Predikat{x.EmployeeID: p}
	var out []string
	seen := map[string]bool{}
	// The head of a unit is appraised one level up: their curve is that of the unit above.
	from := sql.NullInt64{Int64: x.UnitID, Valid: true}
	if err := q.QueryRowContext(ctx, `SELECT CASE WHEN head_id = $2 THEN parent_id ELSE id END FROM units WHERE id = $1`, x.UnitID, x.EmployeeID).Scan(&from); err != nil {
		return nil, fmt.Errorf("curve: %w", err)
	}
	var unit int64
	if from.Valid {
		var err error
		if unit, _, err = ratedUnit(ctx, q, from.Int64, x.Period); err != nil {
			return nil, err
		}
	}
	if unit != 0 {
		d, err := distribution(ctx, q, unit, x.Period, extra)
		if err != nil {
			return nil, err
		}
		var name string
		if err := q.QueryRowContext(ctx, `SELECT name FROM units WHERE id = $1`, unit).Scan(&name); err != nil {
			return nil, fmt.Errorf("curve: %w", err)
		}
		for _, v := range d.Violations {
			seen[v.Message] = true
			out = append(out, name+": "+v.Message)
		}
	}
	if x.AppraiserID != nil {
		d, err := appraiserDistribution(ctx, q, *x.AppraiserID, x.Period, extra)
		if err != nil {
			return nil, err
		}
		var name string
		if err := q.QueryRowContext(ctx, `SELECT name FROM employees WHERE id = $1`, *x.AppraiserID).Scan(&name); err != nil {
			return nil, fmt.Errorf("curve: %w", err)
		}
		for _, v := range d.Violations {
			if !seen[v.Message] {
				out = append(out, kinerja.MsgCurveAppraiserGroup+" "+name+": "+v.Message)
			}
		}
	}
	return out, nil
}

// ratedUnit returns the nearest unit, from unit up, with an organisation predikat for the
// period, and that predikat; 0 and "" when there is none.
func ratedUnit(ctx context.Context, q queryer, unit int64, period string) (int64, kinerja.OrgPredikat, error) {
	var id int64
	var p kinerja.OrgPredikat
	err := q.QueryRowContext(ctx, `WITH RECURSIVE up(id, depth) AS (
			SELECT CAST($1 AS BIGINT), 0
			UNION ALL SELECT u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL AND up.depth < 50)
		SELECT up.id, r.predikat FROM up JOIN unit_ratings r ON r.unit_id = up.id AND r.period = $2 ORDER BY up.depth LIMIT 1`, unit, period).Scan(&id, &p)
	if err != nil && err != sql.ErrNoRows {
		return 0, "", fmt.Errorf("rated unit: %w", err)
	}
	return id, p, nil
}

// distribution counts the predikat of a unit's subtree for a period. Everyone with a current
// SKP in the period's year counts once in the total (also who has two after a transfer, with
// the latest assessment of the period), except the unit's own head, who is appraised one level
// up (DOMAIN.md §3); extra overrides predikat not yet stored.
func distribution(ctx context.Context, q queryer, unit int64, period string, extra map[int64]kinerja.Predikat) (*kinerja.Distribution, error) {
	d := kinerja.NewDistribution(period)
	d.UnitID = unit
	var err error
	if d.OrgPredikat, err = unitRating(ctx, q, unit, period); err != nil {
		return nil, fmt.Errorf("distribution: %w", err)
	}
	year, _ := kinerja.EvalKeyYear(period)
	rows, err := q.QueryContext(ctx, `WITH RECURSIVE sub(id) AS (SELECT CAST($1 AS BIGINT) UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)
		SELECT e.id, COALESCE((SELECT x.predikat FROM assessments x WHERE x.employee_id = e.id AND x.period = $2 AND x.status <> 'draft'
			ORDER BY x.id DESC LIMIT 1), '')
		FROM employees e
		WHERE e.unit_id IN (SELECT id FROM sub) AND e.id <> COALESCE((SELECT head_id FROM units WHERE id = $1), 0)
			AND EXISTS (SELECT 1 FROM skp s JOIN periods p ON p.id = s.period_id WHERE s.employee_id = e.id AND s.is_current AND p.year = $3)`, unit, period, year)
	if err != nil {
		return nil, fmt.Errorf("distribution: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p kinerja.Predikat
		if err := rows.Scan(&id, &p); err != nil {
			return nil, fmt.Errorf("distribution: %w", err)
		}
		if x, ok := extra[id]; ok {
			p = x
		}
		d.Add(p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("distribution: %w", err)
	}
	d.Check()
	return d, nil
}

// unitRating returns the Predikat Kinerja Organisasi set for unit in period; "" when none.
func unitRating(ctx context.Context, q queryer, unit int64, period string) (kinerja.OrgPredikat, error) {
	var org sql.NullString
	if err := q.QueryRowContext(ctx, `SELECT predikat FROM unit_ratings WHERE unit_id = $1 AND period = $2`, unit, period).Scan(&org); err != nil && err != sql.ErrNoRows {
		return "", fmt.Errorf("unit rating: %w", err)
	}
	return kinerja.OrgPredikat(org.String), nil
}

// UnitDistribution returns the distribution of predikat in a unit and its sub-units, to those
// kinerja.CheckUnitDistribution lets read it.
func (db *DB) UnitDistribution(ctx context.Context, unitID int64, period string) (*kinerja.Distribution, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	u, err := findUnit(ctx, db.db, unitID)
	if err != nil || !a.InOrg(u.OrgID) {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)
	}
	if err := checkUnitDistribution(ctx, db.db, a, u); err != nil {
		return nil, err
	}
	d, err := distribution(ctx, db.db, unitID, period, nil)
	return d, mapError(err)
}

// checkUnitDistribution loads the facts of kinerja.CheckUnitDistribution and runs it: the
// heads of u and of the units above it, and whether u's head reports to the actor.
func checkUnitDistribution(ctx context.Context, q queryer, a *kinerja.User, u *kinerja.Unit) error {
	var f kinerja.UnitFacts
	if !a.SeesWholeOrg(u.OrgID) && a.EmployeeID != nil {
		rows, err := q.QueryContext(ctx, `WITH RECURSIVE up(id, depth) AS (
				SELECT CAST($1 AS BIGINT), 0
				UNION ALL SELECT u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL AND up.depth < 50)
			SELECT u.head_id FROM up JOIN units u ON u.id = up.id WHERE u.head_id IS NOT NULL ORDER BY up.depth`, u.ID)
		if err != nil {
			return mapError(fmt.Errorf("unit heads: %w", err))
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return mapError(fmt.Errorf("unit heads: %w", err))
			}
			f.Heads = append(f.Heads, id)
		}
		if err := rows.Err(); err != nil {
			return mapError(fmt.Errorf("unit heads: %w", err))
		}
		rows.Close()
		if u.HeadID != nil && !slices.Contains(f.Heads, *a.EmployeeID) {
			if f.AboveHead, err = reportsTo(ctx, q, *u.HeadID, *a.EmployeeID); err != nil {
				return mapError(err)
			}
		}
	}
	return kinerja.CheckUnitDistribution(a, u, f)
}

// SetUnitRating sets a unit's Predikat Kinerja Organisasi for a period. The leader one level
// up sets it: the head of the parent unit (for the organisation itself, its admins), or an
// admin of the organisation.
func (db *DB) SetUnitRating(ctx context.Context, unitID int64, period string, p kinerja.OrgPredikat) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if !p.Valid() {
		return kinerja.FieldError("predikat", kinerja.MsgOrgPredikat)
	}
	if !kinerja.ValidEvalKey(period) {
		return kinerja.FieldError("period", kinerja.MsgAssessmentPeriod)
	}
	return db.update(ctx, func(tx *Tx) error {
		u, err := findUnit(ctx, tx, unitID)
		if err != nil || !a.InOrg(u.OrgID) {
			return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)
		}
		allowed := kinerja.CanManageEmployees(a, u.OrgID)
		if !allowed && u.ParentID != nil && a.EmployeeID != nil {
			parent, err := findUnit(ctx, tx, *u.ParentID)
			allowed = err == nil && parent.HeadID != nil && *parent.HeadID == *a.EmployeeID
		}
		if !allowed {
			return kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgOrgRatingNotAllowed)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO unit_ratings (unit_id, period, predikat, set_by, updated_at) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (unit_id, period) DO UPDATE SET predikat = excluded.predikat, set_by = excluded.set_by, updated_at = excluded.updated_at`,
			unitID, period, p, userRef(a), tx.now); err != nil {
			return fmt.Errorf("set unit rating: %w", err)
		}
		if err := tx.audit(ctx, a, &u.OrgID, kinerja.EntityOrgRating, unitID, kinerja.ActionUpdate, nil, map[string]any{"period": period, "predikat": p}); err != nil {
			return err
		}
		if u.HeadID == nil {
			return nil
		}
		return reapplyHeadRating(ctx, tx, a, u.OrgID, *u.HeadID, period)
	})
}

// reapplyHeadRating sets the rating hasil kerja of the head's draft assessments of the period
// to what the organisation predikat now maps to (DOMAIN.md §3), each change audited. Final
// assessments keep theirs.
func reapplyHeadRating(ctx context.Context, tx *Tx, a *kinerja.User, org, head int64, period string) error {
	mapped, err := headResultRating(ctx, tx, org, head, period)
	if err != nil || mapped == "" {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM assessments WHERE employee_id = $1 AND period = $2 AND status = 'draft' AND result_rating <> $3`, head, period, mapped)
	if err != nil {
		return fmt.Errorf("reapply head rating: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("reapply head rating: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reapply head rating: %w", err)
	}
	for _, id := range ids {
		before, err := findAssessment(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET result_rating = $1, updated_at = $2 WHERE id = $3`, mapped, tx.now, id); err != nil {
			return fmt.Errorf("reapply head rating: %w", err)
		}
		after, err := findAssessment(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := tx.audit(ctx, a, &org, kinerja.EntityAssessment, id, kinerja.ActionUpdate, before, after); err != nil {
			return err
		}
	}
	return nil
}
