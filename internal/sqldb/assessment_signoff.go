package sqldb

import (
	"context"
	"fmt"
	"strings"

	"kinerja/internal/kinerja"
)

// AcknowledgeAssessment records that the employee accepts their final assessment.
func (db *DB) AcknowledgeAssessment(ctx context.Context, id int64) (*kinerja.Assessment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *kinerja.Assessment
	err = db.update(ctx, func(tx *Tx) error {
		x, err := tx.assessmentFor(ctx, a, id, kinerja.ActionAcknowledge)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET status = 'acknowledged', updated_at = $1 WHERE id = $2`, tx.now, id); err != nil {
			return fmt.Errorf("acknowledge assessment: %w", err)
		}
		if out, err = findAssessment(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, a, &x.OrgID, kinerja.EntityAssessment, id, "acknowledge", x, out)
	})
	return out, err
}

// ObjectAssessment files the employee's objection (keberatan) within the deadline after
// finalisation; the atasan pejabat penilai decides it.
func (db *DB) ObjectAssessment(ctx context.Context, id int64, reason string) (*kinerja.Assessment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := kinerja.ValidateObjectionReason(&reason); err != nil {
		return nil, err
	}
	var out *kinerja.Assessment
	err = db.update(ctx, func(tx *Tx) error {
		x, err := tx.assessmentFor(ctx, a, id, kinerja.ActionObject)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET status = 'objected', objection_reason = $1, objected_at = $2, updated_at = $2 WHERE id = $3`,
			reason, tx.now, id); err != nil {
			return fmt.Errorf("object assessment: %w", err)
		}
		if out, err = findAssessment(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.audit(ctx, a, &x.OrgID, kinerja.EntityAssessment, id, "object", x, out); err != nil {
			return err
		}
		s, err := findSKP(ctx, tx, x.SKPID)
		if err != nil {
			return err
		}
		to := kinerja.ToAdmins()
		if s.AppraiserSuperior != nil {
			to = kinerja.ToEmployee(s.AppraiserSuperior.EmployeeID)
		}
		return tx.emit(ctx, kinerja.Event{Kind: kinerja.EventAssessmentObjected, OrgID: x.OrgID, Entity: kinerja.EntityAssessment, EntityID: id,
			To: to, Subject: x.EmployeeName})
	})
	return out, err
}

// DecideObjection is the atasan pejabat penilai's decision on an objection: keep the ratings,
// or change them (the predikat follows), with a reason. The assessment is final again.
func (db *DB) DecideObjection(ctx context.Context, id int64, decision string, results, behaviour kinerja.Rating, reason string) (*kinerja.Assessment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if (decision != kinerja.DecisionKeep && decision != kinerja.DecisionChange) || reason == "" {
		return nil, kinerja.FieldError("decision", kinerja.MsgDecision)
	}
	var out *kinerja.Assessment
	err = db.update(ctx, func(tx *Tx) error {
		x, err := tx.assessmentFor(ctx, a, id, kinerja.ActionDecide)
		if err != nil {
			return err
		}
		r, b := x.ResultRating, x.BehaviorRating
		if decision == kinerja.DecisionChange {
			r, b = results, behaviour
		}
		p, ok := kinerja.PredikatOf(r, b)
		if !ok {
			return kinerja.FieldError("result_rating", kinerja.MsgAssessmentRating)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET status = 'final', result_rating = $1, behavior_rating = $2, predikat = $3,
			decision = $4, decision_reason = $5, decided_at = $6, updated_at = $6 WHERE id = $7`, r, b, p, decision, reason, tx.now, id); err != nil {
			return fmt.Errorf("decide objection: %w", err)
		}
		if err := tx.recordDecider(ctx, a, id); err != nil {
			return err
		}
		if out, err = findAssessment(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.audit(ctx, a, &x.OrgID, kinerja.EntityAssessment, id, "decide", x, out); err != nil {
			return err
		}
		return tx.emit(ctx, kinerja.Event{Kind: kinerja.EventAssessmentDecided, OrgID: x.OrgID, Entity: kinerja.EntityAssessment, EntityID: id,
			To: kinerja.ToEmployee(x.EmployeeID), Subject: string(p)})
	})
	return out, err
}

// SelfAssess records the employee's own ratings and reflection before the pejabat penilai
// finalises; the appraiser sees them on the form.
func (db *DB) SelfAssess(ctx context.Context, id int64, results, behaviour kinerja.Rating, reflection string) (*kinerja.Assessment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	reflection = strings.TrimSpace(reflection)
	var v kinerja.Validation
	if !results.Valid() {
		v.Add("self_result_rating", kinerja.MsgAssessmentRating)
	}
	if !behaviour.Valid() {
		v.Add("self_behavior_rating", kinerja.MsgAssessmentRating)
	}
	if reflection == "" || len([]rune(reflection)) > 4000 {
		v.Add("self_reflection", kinerja.MsgSelfReflection)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out *kinerja.Assessment
	err = db.update(ctx, func(tx *Tx) error {
		x, err := tx.assessmentFor(ctx, a, id, kinerja.ActionSelfAssess)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET self_result_rating = $1, self_behavior_rating = $2, self_reflection = $3,
			self_at = $4, updated_at = $4 WHERE id = $5`, results, behaviour, reflection, tx.now, id); err != nil {
			return fmt.Errorf("self assessment: %w", err)
		}
		if out, err = findAssessment(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, a, &x.OrgID, kinerja.EntityAssessment, id, "self", x, out)
	})
	return out, err
}
