package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"kinerja/internal/kinerja"
)

// relation is how the caller stands to an employee whose feedback they touch.
type relation struct {
	actor  *kinerja.User
	e      *kinerja.Employee
	self   bool // the caller is the employee
	above  bool // the employee reports to the caller, directly or not
	access kinerja.Access
}

// reads reports whether the caller may read the employee's feedback and dialogs.
func (r *relation) reads() bool { return kinerja.CanReadFeedback(r.actor, r.e, r.above) }

// facts are the facts of the relation the domain's feedback rules need.
func (r *relation) facts() kinerja.FeedbackFacts { return kinerja.FeedbackFacts{Above: r.above} }

// relationTo loads employee id and the caller's relation to them. Someone of another
// organisation gets NotFound, as for the employee record itself.
func relationTo(ctx context.Context, q queryer, a *kinerja.User, id int64) (*relation, error) {
	e, err := findEmployee(ctx, q, id)
	if err != nil {
		return nil, err
	}
	if !a.InOrg(e.OrgID) {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgEmployeeNotFound)
	}
	r := &relation{actor: a, e: e}
	if a.EmployeeID != nil {
		me := *a.EmployeeID
		r.self = me == e.ID
		if !r.self {
			if r.above, err = reportsTo(ctx, q, e.ID, me); err != nil {
				return nil, err
			}
		}
	}
	r.access = kinerja.EmployeeAccess(a, e, r.above)
	return r, nil
}

// readableRelation is relationTo for a caller who must be able to read the employee's feedback.
func readableRelation(ctx context.Context, q queryer, a *kinerja.User, id int64) (*relation, error) {
	r, err := relationTo(ctx, q, a, id)
	if err != nil {
		return nil, err
	}
	if !r.reads() {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	return r, nil
}

// FeedbackActions returns what the caller may do about an employee (kinerja.FeedbackActions),
// with the facts read here: whether the employee reports to the caller, and whether the period
// peers are chosen for (0: none) is closed.
func (db *DB) FeedbackActions(ctx context.Context, employeeID, periodID int64) (kinerja.Permitted, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	rel, err := relationTo(ctx, db.db, a, employeeID)
	if err != nil {
		return nil, mapError(err)
	}
	f := rel.facts()
	if periodID != 0 {
		p, err := orgPeriod(ctx, db.db, periodID, rel.e.OrgID)
		if err != nil {
			return nil, mapError(err)
		}
		f.PeriodClosed = p.Closed
		if f.PeersChosen, err = peersChosen(ctx, db.db, periodID, employeeID); err != nil {
			return nil, mapError(err)
		}
	}
	return kinerja.FeedbackActions(a, rel.e, f), nil
}

const feedbackColumns = `f.id, f.org_id, f.about_employee_id, f.author_employee_id, au.name, f.kind, f.year, f.result_id,
	COALESCE(r.text, ''), COALESCE(r.lineage_id, 0), f.value, f.text, f.evidence_id, f.parent_id, f.request, f.created_at`

const feedbackFrom = ` FROM feedback f JOIN employees au ON au.id = f.author_employee_id
	LEFT JOIN skp_results r ON r.id = f.result_id`

func scanFeedback(sc interface{ Scan(...any) error }) (*kinerja.Feedback, error) {
	f := new(kinerja.Feedback)
	var result, evidence, parent nullID
	if err := sc.Scan(&f.ID, &f.OrgID, &f.AboutEmployeeID, &f.AuthorEmployeeID, &f.AuthorName, &f.Kind, &f.Year, &result,
		&f.ResultText, &f.ResultLineageID, &f.Value, &f.Text, &evidence, &parent, &f.Request, &f.CreatedAt); err != nil {
		return nil, err
	}
	f.ResultID, f.EvidenceID, f.ParentID = result.ptr(), evidence.ptr(), parent.ptr()
	return f, nil
}

func findFeedbackEntry(ctx context.Context, q queryer, id int64) (*kinerja.Feedback, error) {
	f, err := scanFeedback(q.QueryRowContext(ctx, `SELECT `+feedbackColumns+feedbackFrom+` WHERE f.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgFeedbackNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("find feedback: %w", err)
	}
	return f, nil
}

// CreateFeedback adds to the continuous-feedback thread about an employee and tells the other
// side. A supervisor above the employee or the pejabat penilai writes feedback, on an RHK of
// the employee's current SKP, a BerAKHLAK value, or in general; the employee asks for feedback
// (Request); both reply (ParentID), a reply to a reply joining the thread's first entry. Evidence
// it refers to must be the employee's own (kinerja.CheckFeedbackEvidence).
func (db *DB) CreateFeedback(ctx context.Context, n kinerja.NewFeedback) (*kinerja.Feedback, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := n.Validate(); err != nil {
		return nil, err
	}
	action := kinerja.ActionGiveFeedback
	switch {
	case n.ParentID != nil:
		action = kinerja.ActionReplyFeedback
	case n.Request:
		action = kinerja.ActionRequestFeedback
	}
	var out *kinerja.Feedback
	err = db.update(ctx, func(tx *Tx) error {
		rel, err := relationTo(ctx, tx, a, n.AboutEmployeeID)
		if kinerja.ErrorCode(err) == kinerja.ENOTFOUND {
			return kinerja.FieldError("about_employee_id", kinerja.MsgEmployeeNotFound)
		} else if err != nil {
			return err
		}
		e := rel.e
		if err := kinerja.CheckFeedback(a, e, rel.facts(), action); err != nil {
			return err
		}
		year := kinerja.Today(tx.now).Year()
		var root *kinerja.Feedback
		if n.ParentID != nil {
			root, err = findFeedbackEntry(ctx, tx, *n.ParentID)
			if err == nil && root.ParentID != nil {
				root, err = findFeedbackEntry(ctx, tx, *root.ParentID)
			}
			if kinerja.ErrorCode(err) == kinerja.ENOTFOUND || err == nil && root.AboutEmployeeID != e.ID {
				return kinerja.FieldError("parent_id", kinerja.MsgFeedbackParent)
			} else if err != nil {
				return err
			}
			n.ParentID, year = &root.ID, root.Year
		}
		if n.ResultID != nil {
			var (
				owner      int64
				current    bool
				resultYear int
			)
			err := tx.QueryRowContext(ctx, `SELECT s.employee_id, s.is_current, p.year FROM skp_results r
				JOIN skp s ON s.id = r.skp_id JOIN periods p ON p.id = s.period_id WHERE r.id = $1`, *n.ResultID).Scan(&owner, &current, &resultYear)
			if err != nil && err != sql.ErrNoRows {
				return fmt.Errorf("create feedback: %w", err)
			}
			if err == sql.ErrNoRows || owner != e.ID || !current {
				return kinerja.FieldError("result_id", kinerja.MsgFeedbackResult)
			}
			if root == nil {
				// Feedback on an RHK belongs to that SKP's year, even when written in January
				// of the next one during the annual evaluation.
				year = resultYear
			}
		}
		if n.EvidenceID != nil {
			v, err := scanEvidence(tx.QueryRowContext(ctx, `SELECT `+evidenceColumns+` FROM evidence v WHERE v.id = $1`, *n.EvidenceID))
			if err == sql.ErrNoRows {
				v = nil
			} else if err != nil {
				return fmt.Errorf("create feedback: %w", err)
			}
			if err := kinerja.CheckFeedbackEvidence(e, v); err != nil {
				return err
			}
		}
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO feedback (org_id, about_employee_id, author_employee_id, year, kind, result_id,
				value, text, evidence_id, parent_id, request, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			e.OrgID, e.ID, *a.EmployeeID, year, kinerja.FeedbackContinuous, n.ResultID, n.Value, n.Text, n.EvidenceID, n.ParentID,
			n.Request, tx.now).Scan(&id)
		if err != nil {
			return fmt.Errorf("create feedback: %w", err)
		}
		if out, err = findFeedbackEntry(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.audit(ctx, a, &e.OrgID, kinerja.EntityFeedback, id, kinerja.ActionCreate, nil, out); err != nil {
			return err
		}
		ev := kinerja.Event{OrgID: e.OrgID, Entity: kinerja.EntityEmployee, EntityID: e.ID, Subject: out.AuthorName}
		switch {
		case root == nil && n.Request:
			ev.Kind = kinerja.EventFeedbackRequested
			return tx.emitToFeedbackGivers(ctx, e, ev)
		case root == nil:
			ev.Kind, ev.To = kinerja.EventFeedbackGiven, kinerja.ToEmployee(e.ID)
		case !rel.self: // a supervisor answered in the thread
			ev.Kind, ev.To = kinerja.EventFeedbackReply, kinerja.ToEmployee(e.ID)
		case root.AuthorEmployeeID != e.ID: // the employee answered a supervisor's feedback
			ev.Kind, ev.To = kinerja.EventFeedbackReply, kinerja.ToEmployee(root.AuthorEmployeeID)
		default: // the employee added to their own request
			ev.Kind = kinerja.EventFeedbackReply
			return tx.emitToFeedbackGivers(ctx, e, ev)
		}
		return tx.emit(ctx, ev)
	})
	return out, err
}

// emitToFeedbackGivers emits ev for an employee's direct supervisor and pejabat penilai (once
// when they are the same person).
func (tx *Tx) emitToFeedbackGivers(ctx context.Context, e *kinerja.Employee, ev kinerja.Event) error {
	var sent int64
	for _, id := range []*int64{e.SupervisorID, e.AppraiserID} {
		if id == nil || *id == sent {
			continue
		}
		ev.To = kinerja.ToEmployee(*id)
		if err := tx.emit(ctx, ev); err != nil {
			return err
		}
		sent = *id
	}
	return nil
}

// FindFeedback returns the continuous-feedback timeline about an employee for a performance
// year (0: every year): oldest thread first, each reply right after the entry it answers.
// The employee, those above them and their pejabat penilai may read it.
func (db *DB) FindFeedback(ctx context.Context, aboutEmployeeID int64, periodYear int) ([]*kinerja.Feedback, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := readableRelation(ctx, db.db, a, aboutEmployeeID); err != nil {
		return nil, mapError(err)
	}
	var ar args
	q := `SELECT ` + feedbackColumns + feedbackFrom + ` WHERE f.about_employee_id = ` + ar.add(aboutEmployeeID)
	if periodYear != 0 {
		q += ` AND f.year = ` + ar.add(periodYear)
	}
	q += ` ORDER BY COALESCE(f.parent_id, f.id), CASE WHEN f.parent_id IS NULL THEN 0 ELSE 1 END, f.id`
	rows, err := db.db.QueryContext(ctx, q, ar...)
	if err != nil {
		return nil, mapError(fmt.Errorf("find feedback: %w", err))
	}
	defer rows.Close()
	out := []*kinerja.Feedback{}
	for rows.Next() {
		f, err := scanFeedback(rows)
		if err != nil {
			return nil, mapError(fmt.Errorf("find feedback: %w", err))
		}
		out = append(out, f)
	}
	return out, mapError(rows.Err())
}
