package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"kinerja/internal/kinerja"
)

const peerAssignmentColumns = `pa.id, pa.org_id, pa.period_id, p.year, pa.employee_id, e.name, pa.peer_id, pe.name,
	pa.assigned_by, pa.answered_at, p.closed, pa.created_at`

const peerAssignmentFrom = ` FROM peer_assignments pa JOIN periods p ON p.id = pa.period_id
	JOIN employees e ON e.id = pa.employee_id JOIN employees pe ON pe.id = pa.peer_id`

func scanPeerAssignment(sc interface{ Scan(...any) error }) (*kinerja.PeerAssignment, error) {
	pa := new(kinerja.PeerAssignment)
	var answered sql.NullTime
	if err := sc.Scan(&pa.ID, &pa.OrgID, &pa.PeriodID, &pa.Year, &pa.EmployeeID, &pa.EmployeeName, &pa.PeerID, &pa.PeerName,
		nullInt{&pa.AssignedBy}, &answered, &pa.PeriodClosed, &pa.CreatedAt); err != nil {
		return nil, err
	}
	if answered.Valid {
		t := answered.Time
		pa.Answered, pa.AnsweredAt = true, &t
	}
	return pa, nil
}

// findPeerAssignments reads the assignments matching where, in the given order, with a bound.
func findPeerAssignments(ctx context.Context, q queryer, where, order string, arg ...any) ([]*kinerja.PeerAssignment, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+peerAssignmentColumns+peerAssignmentFrom+` WHERE `+where+` ORDER BY `+order+` LIMIT 500`, arg...)
	if err != nil {
		return nil, fmt.Errorf("find peer assignments: %w", err)
	}
	defer rows.Close()
	out := []*kinerja.PeerAssignment{}
	for rows.Next() {
		pa, err := scanPeerAssignment(rows)
		if err != nil {
			return nil, fmt.Errorf("find peer assignments: %w", err)
		}
		out = append(out, pa)
	}
	return out, rows.Err()
}

// orgPeriod reads a period of organisation org.
func orgPeriod(ctx context.Context, q queryer, id, org int64) (*kinerja.Period, error) {
	p, err := findPeriod(ctx, q, id)
	if kinerja.ErrorCode(err) == kinerja.ENOTFOUND || err == nil && p.OrgID != org {
		return nil, kinerja.FieldError("period_id", kinerja.MsgPeriodNotFound)
	}
	return p, err
}

// peerAssigner loads the employee whose peers the caller chooses, with the period, to suggest
// peers: who may choose them is asked, not whether the period still allows it.
func peerAssigner(ctx context.Context, q queryer, a *kinerja.User, periodID, employeeID int64) (*kinerja.Employee, *kinerja.Period, error) {
	rel, err := relationTo(ctx, q, a, employeeID)
	if err != nil {
		return nil, nil, err
	}
	if !kinerja.CanAssignPeers(a, rel.e) {
		return nil, nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgPeerAssigner)
	}
	p, err := orgPeriod(ctx, q, periodID, rel.e.OrgID)
	if err != nil {
		return nil, nil, err
	}
	return rel.e, p, nil
}

// AssignPeers sets the 3–5 colleagues who give peer feedback on an employee for a period:
// active employees of the same organisation, neither the employee, their direct supervisor
// nor their pejabat penilai. Peers no longer listed are released unless they already
// answered. The direct supervisor, the pejabat penilai or an admin may. It returns every
// assignment of the employee for the period and tells the new peers.
func (db *DB) AssignPeers(ctx context.Context, periodID, employeeID int64, peerIDs []int64) ([]*kinerja.PeerAssignment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out []*kinerja.PeerAssignment
	err = db.update(ctx, func(tx *Tx) error {
		rel, err := relationTo(ctx, tx, a, employeeID)
		if err != nil {
			return err
		}
		e := rel.e
		// Someone who may not choose the peers learns nothing of the period.
		p, perr := orgPeriod(ctx, tx, periodID, e.OrgID)
		f := rel.facts()
		f.PeriodClosed = perr == nil && p.Closed
		if err := kinerja.CheckFeedback(a, e, f, kinerja.ActionAssignPeers); err != nil {
			return err
		}
		if perr != nil {
			return perr
		}
		ids, err := checkPeerSet(ctx, tx, e, peerIDs)
		if err != nil {
			return err
		}
		before, err := findPeerAssignments(ctx, tx, `pa.period_id = $1 AND pa.employee_id = $2`, `pa.id`, p.ID, e.ID)
		if err != nil {
			return err
		}
		var old []int64
		for _, pa := range before {
			old = append(old, pa.PeerID)
			if slices.Contains(ids, pa.PeerID) {
				continue
			}
			if pa.Answered {
				return &kinerja.Error{Code: kinerja.ECONFLICT, Message: kinerja.MsgPeerRemove, Fields: map[string]string{"peer_ids": kinerja.MsgPeerRemove}}
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM peer_assignments WHERE id = $1 AND answered_at IS NULL`, pa.ID); err != nil {
				return fmt.Errorf("assign peers: %w", err)
			}
		}
		for _, id := range ids {
			if slices.Contains(old, id) {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO peer_assignments (org_id, period_id, employee_id, peer_id, assigned_by, created_at)
				VALUES ($1, $2, $3, $4, $5, $6)`, e.OrgID, p.ID, e.ID, id, userRef(a), tx.now); err != nil {
				return fmt.Errorf("assign peers: %w", err)
			}
			if err := tx.emit(ctx, kinerja.Event{Kind: kinerja.EventPeerRequested, OrgID: e.OrgID, Entity: kinerja.EntityEmployee, EntityID: e.ID,
				To: kinerja.ToEmployee(id), Subject: e.Name}); err != nil {
				return err
			}
		}
		if out, err = findPeerAssignments(ctx, tx, `pa.period_id = $1 AND pa.employee_id = $2`, `lower(pe.name), pa.id`, p.ID, e.ID); err != nil {
			return err
		}
		// Assigning is the approval of the employee's proposal, whatever was chosen.
		if _, err := tx.ExecContext(ctx, `DELETE FROM peer_proposals WHERE period_id = $1 AND employee_id = $2`, p.ID, e.ID); err != nil {
			return fmt.Errorf("assign peers: %w", err)
		}
		return tx.audit(ctx, a, &e.OrgID, kinerja.EntityPeer, e.ID, kinerja.ActionAssign,
			map[string]any{"period_id": p.ID, "peer_ids": old}, map[string]any{"period_id": p.ID, "peer_ids": ids})
	})
	return out, err
}

// checkPeerSet checks peerIDs as the peers of e's review: the rules of kinerja.CheckPeerIDs,
// and active employees of e's organisation. It returns the ids without repeats.
func checkPeerSet(ctx context.Context, q queryer, e *kinerja.Employee, peerIDs []int64) ([]int64, error) {
	ids, err := kinerja.CheckPeerIDs(e, peerIDs)
	if err != nil {
		return nil, err
	}
	return ids, checkPeersActive(ctx, q, e.OrgID, ids)
}

// checkPeersActive checks that every one of ids is an active employee of organisation org.
func checkPeersActive(ctx context.Context, q queryer, org int64, ids []int64) error {
	var ar args
	ph := make([]string, len(ids))
	for i, id := range ids {
		ph[i] = ar.add(id)
	}
	var valid int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM employees WHERE active AND org_id = `+ar.add(org)+
		` AND id IN (`+strings.Join(ph, ", ")+`)`, ar...).Scan(&valid)
	if err != nil {
		return fmt.Errorf("check peers: %w", err)
	}
	if valid != len(ids) {
		return kinerja.FieldError("peer_ids", kinerja.MsgPeerInvalid)
	}
	return nil
}

// peersChosen reports whether peers are assigned to the employee for the period.
func peersChosen(ctx context.Context, q queryer, periodID, employeeID int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM peer_assignments WHERE period_id = $1 AND employee_id = $2`,
		periodID, employeeID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("peers chosen: %w", err)
	}
	return n > 0, nil
}

// findPeerProposal reads the proposal of an employee for a period, nil when there is none.
func findPeerProposal(ctx context.Context, q queryer, periodID int64, e *kinerja.Employee) (*kinerja.PeerProposal, error) {
	rows, err := q.QueryContext(ctx, `SELECT pe.id, pe.name, pe.position, pp.created_at
		FROM peer_proposals pp JOIN employees pe ON pe.id = pp.peer_id
		WHERE pp.period_id = $1 AND pp.employee_id = $2 ORDER BY pp.position, pp.id`, periodID, e.ID)
	if err != nil {
		return nil, fmt.Errorf("find peer proposal: %w", err)
	}
	defer rows.Close()
	var out *kinerja.PeerProposal
	for rows.Next() {
		if out == nil {
			out = &kinerja.PeerProposal{PeriodID: periodID, EmployeeID: e.ID, EmployeeName: e.Name, Peers: []kinerja.ProposedPeer{}}
		}
		var pp kinerja.ProposedPeer
		if err := rows.Scan(&pp.ID, &pp.Name, &pp.Position, &out.CreatedAt); err != nil {
			return nil, fmt.Errorf("find peer proposal: %w", err)
		}
		out.Peers = append(out.Peers, pp)
	}
	return out, rows.Err()
}

// ProposePeers records the 3–5 colleagues an employee proposes for their own peer review of a
// period, by the rules of AssignPeers, replacing an earlier proposal, and tells the employee's
// pejabat penilai, who approves by assigning peers. Only the employee may (employeeID 0: the
// caller's own); once peers are assigned there is nothing left to propose.
func (db *DB) ProposePeers(ctx context.Context, periodID, employeeID int64, peerIDs []int64) (*kinerja.PeerProposal, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if a.EmployeeID == nil {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgFeedbackNoEmployee)
	}
	if employeeID == 0 {
		employeeID = *a.EmployeeID
	}
	var out *kinerja.PeerProposal
	err = db.update(ctx, func(tx *Tx) error {
		rel, err := relationTo(ctx, tx, a, employeeID)
		if err != nil {
			return err
		}
		e := rel.e
		// Someone who may not propose learns nothing of the period.
		if !rel.self {
			return kinerja.CheckFeedback(a, e, rel.facts(), kinerja.ActionProposePeers)
		}
		p, err := orgPeriod(ctx, tx, periodID, e.OrgID)
		if err != nil {
			return err
		}
		f := rel.facts()
		f.PeriodClosed = p.Closed
		if f.PeersChosen, err = peersChosen(ctx, tx, p.ID, e.ID); err != nil {
			return err
		}
		if err := kinerja.CheckFeedback(a, e, f, kinerja.ActionProposePeers); err != nil {
			return err
		}
		ids, err := checkPeerSet(ctx, tx, e, peerIDs)
		if err != nil {
			return err
		}
		before, err := findPeerProposal(ctx, tx, p.ID, e)
		if err != nil {
			return err
		}
		var old []int64
		if before != nil {
			old = before.PeerIDs()
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM peer_proposals WHERE period_id = $1 AND employee_id = $2`, p.ID, e.ID); err != nil {
			return fmt.Errorf("propose peers: %w", err)
		}
		for i, id := range ids {
			if _, err := tx.ExecContext(ctx, `INSERT INTO peer_proposals (org_id, period_id, employee_id, peer_id, position, created_at)
				VALUES ($1, $2, $3, $4, $5, $6)`, e.OrgID, p.ID, e.ID, id, i, tx.now); err != nil {
				return fmt.Errorf("propose peers: %w", err)
			}
		}
		if out, err = findPeerProposal(ctx, tx, p.ID, e); err != nil {
			return err
		}
		if err := tx.emit(ctx, kinerja.Event{Kind: kinerja.EventPeerProposed, OrgID: e.OrgID, Entity: kinerja.EntityEmployee, EntityID: e.ID,
			To: kinerja.ToEmployee(*e.AppraiserID), Subject: e.Name}); err != nil {
			return err
		}
		return tx.audit(ctx, a, &e.OrgID, kinerja.EntityPeer, e.ID, kinerja.ActionPropose,
			map[string]any{"period_id": p.ID, "peer_ids": old}, map[string]any{"period_id": p.ID, "peer_ids": ids})
	})
	return out, err
}

// FindPeerProposal returns the peers an employee proposed for a period and not yet approved;
// NotFound when there are none. The employee and those who may assign the peers may read it.
func (db *DB) FindPeerProposal(ctx context.Context, periodID, employeeID int64) (*kinerja.PeerProposal, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	rel, err := relationTo(ctx, db.db, a, employeeID)
	if err != nil {
		return nil, mapError(err)
	}
	if !rel.self && !kinerja.CanAssignPeers(a, rel.e) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	if _, err := orgPeriod(ctx, db.db, periodID, rel.e.OrgID); err != nil {
		return nil, mapError(err)
	}
	out, err := findPeerProposal(ctx, db.db, periodID, rel.e)
	if err != nil {
		return nil, mapError(err)
	}
	if out == nil {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgPeerNoProposal)
	}
	return out, nil
}

// SuggestPeers proposes up to MaxPeers colleagues by the automatic rule: active employees of
// the same unit first (the same position kind before others), then those of the same
// position kind elsewhere in the organisation; never the employee, their supervisor, their
// pejabat penilai or their direct subordinates. Those who may assign peers may ask.
func (db *DB) SuggestPeers(ctx context.Context, periodID, employeeID int64) ([]kinerja.DirectoryEntry, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	e, _, err := peerAssigner(ctx, db.db, a, periodID, employeeID)
	if err != nil {
		return nil, mapError(err)
	}
	var sup, appr int64
	if e.SupervisorID != nil {
		sup = *e.SupervisorID
	}
	if e.AppraiserID != nil {
		appr = *e.AppraiserID
	}
	rows, err := db.db.QueryContext(ctx, `SELECT c.id, c.name, c.position, c.position_kind, c.unit_id, c.supervisor_id, c.active
		FROM employees c
		WHERE c.org_id = $1 AND c.active AND c.id NOT IN ($2, $3, $4)
			AND (c.supervisor_id IS NULL OR c.supervisor_id <> $2)
			AND (c.unit_id = $5 OR c.position_kind = $6)
		ORDER BY CASE WHEN c.unit_id = $5 AND c.position_kind = $6 THEN 0 WHEN c.unit_id = $5 THEN 1 ELSE 2 END, lower(c.name), c.id
		LIMIT $7`, e.OrgID, e.ID, sup, appr, e.UnitID, e.PositionKind, kinerja.MaxPeers)
	if err != nil {
		return nil, mapError(fmt.Errorf("suggest peers: %w", err))
	}
	defer rows.Close()
	out := []kinerja.DirectoryEntry{}
	for rows.Next() {
		var d kinerja.DirectoryEntry
		var s nullID
		if err := rows.Scan(&d.ID, &d.Name, &d.Position, &d.PositionKind, &d.UnitID, &s, &d.Active); err != nil {
			return nil, mapError(fmt.Errorf("suggest peers: %w", err))
		}
		d.SupervisorID = s.ptr()
		out = append(out, d)
	}
	return out, mapError(rows.Err())
}

// FindPeerAssignments lists the peers assigned to an employee for a period and whether each
// answered. Those who may assign and those above the employee may; the employee may not.
func (db *DB) FindPeerAssignments(ctx context.Context, periodID, employeeID int64) ([]*kinerja.PeerAssignment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	rel, err := relationTo(ctx, db.db, a, employeeID)
	if err != nil {
		return nil, mapError(err)
	}
	if rel.self || !rel.reads() && !kinerja.CanAssignPeers(a, rel.e) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	if _, err := orgPeriod(ctx, db.db, periodID, rel.e.OrgID); err != nil {
		return nil, mapError(err)
	}
	out, err := findPeerAssignments(ctx, db.db, `pa.period_id = $1 AND pa.employee_id = $2`, `lower(pe.name), pa.id`, periodID, employeeID)
	return out, mapError(err)
}

// FindPeerTasks lists the peer reviews asked of the caller: unanswered first, newest year first.
func (db *DB) FindPeerTasks(ctx context.Context) ([]*kinerja.PeerAssignment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if a.EmployeeID == nil {
		return []*kinerja.PeerAssignment{}, nil
	}
	out, err := findPeerAssignments(ctx, db.db, `pa.peer_id = $1`,
		`CASE WHEN pa.answered_at IS NULL THEN 0 ELSE 1 END, p.year DESC, lower(e.name), pa.id`, *a.EmployeeID)
	return out, mapError(err)
}

// AnswerPeer records the caller's answer to a peer review: a rating for each of the seven
// BerAKHLAK values and a comment. Only the assigned peer may, once, while the period is open.
func (db *DB) AnswerPeer(ctx context.Context, assignmentID int64, ratings map[string]kinerja.Rating, comment string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	answer := kinerja.NewPeerAnswer(ratings, comment)
	if err := kinerja.PeerQuestionnaire.Validate(&answer); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		list, err := findPeerAssignments(ctx, tx, `pa.id = $1`, `pa.id`, assignmentID)
		if err != nil {
			return err
		}
		if len(list) == 0 || !a.InOrg(list[0].OrgID) {
			return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgPeerNotFound)
		}
		pa := list[0]
		if err := kinerja.CheckPeerTask(a, pa, kinerja.ActionAnswerPeer); err != nil {
			return err
		}
		answerID, err := tx.insertSurveyAnswer(ctx, kinerja.PeerQuestionnaire, surveySubject{pa.OrgID, pa.EmployeeID, pa.Year}, answer)
		if err != nil {
			return fmt.Errorf("answer peer: %w", err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE peer_assignments SET answer_id = $1, answered_at = $2 WHERE id = $3 AND answered_at IS NULL`,
			answerID, tx.now, pa.ID)
		if err != nil {
			return fmt.Errorf("answer peer: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return kinerja.Errorf(kinerja.ECONFLICT, kinerja.MsgPeerAnswered)
		}
		if err := tx.audit(ctx, a, &pa.OrgID, kinerja.EntityPeer, pa.EmployeeID, kinerja.ActionAnswer, nil,
			map[string]any{"assignment_id": pa.ID, "period_id": pa.PeriodID}); err != nil {
			return err
		}
		var answered, assigned int
		err = tx.QueryRowContext(ctx, `SELECT COUNT(answered_at), COUNT(*) FROM peer_assignments WHERE period_id = $1 AND employee_id = $2`,
			pa.PeriodID, pa.EmployeeID).Scan(&answered, &assigned)
		if err != nil {
			return fmt.Errorf("answer peer: %w", err)
		}
		if answered%kinerja.MinPeerAnswers == 0 {
			// A batch of answers has just been added to the summary; the subject is the year,
			// never a name.
			if err := tx.emit(ctx, kinerja.Event{Kind: kinerja.EventPeerSummaryReady, OrgID: pa.OrgID, Entity: kinerja.EntityEmployee,
				EntityID: pa.EmployeeID, To: kinerja.ToEmployee(pa.EmployeeID), Subject: fmt.Sprint(pa.Year)}); err != nil {
				return err
			}
		}
		if answered == assigned {
			e, err := findEmployee(ctx, tx, pa.EmployeeID)
			if err != nil {
				return err
			}
			if e.AppraiserID != nil {
				return tx.emit(ctx, kinerja.Event{Kind: kinerja.EventPeerComplete, OrgID: pa.OrgID, Entity: kinerja.EntityEmployee,
					EntityID: pa.EmployeeID, To: kinerja.ToEmployee(*e.AppraiserID), Subject: e.Name})
			}
		}
		return nil
	})
}

// loadPeerAnswers reads the answers given about an employee for period p, oldest first, with
// the peers' names: two queries.
func loadPeerAnswers(ctx context.Context, q queryer, p *kinerja.Period, employeeID int64) ([]*kinerja.PeerAnswer, error) {
	rows, err := q.QueryContext(ctx, `SELECT pa.id, pa.period_id, pa.employee_id, pa.peer_id, pe.name, pa.answer_id, pa.answered_at
		FROM peer_assignments pa JOIN employees pe ON pe.id = pa.peer_id
		WHERE pa.period_id = $1 AND pa.employee_id = $2 AND pa.answered_at IS NOT NULL ORDER BY pa.answered_at, pa.id`, p.ID, employeeID)
	if err != nil {
		return nil, fmt.Errorf("find peer answers: %w", err)
	}
	defer rows.Close()
	out := []*kinerja.PeerAnswer{}
	var answerIDs []int64 // of each of out
	for rows.Next() {
		pa := &kinerja.PeerAnswer{Ratings: map[string]kinerja.Rating{}}
		var answerID nullID
		if err := rows.Scan(&pa.AssignmentID, &pa.PeriodID, &pa.EmployeeID, &pa.PeerID, &pa.PeerName, &answerID, &pa.AnsweredAt); err != nil {
			return nil, fmt.Errorf("find peer answers: %w", err)
		}
		out = append(out, pa)
		answerIDs = append(answerIDs, answerID.Int64)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find peer answers: %w", err)
	}
	rows.Close()
	if len(out) == 0 {
		return out, nil
	}
	answers, err := findSurveyAnswers(ctx, q, kinerja.PeerQuestionnaire, surveySubject{p.OrgID, employeeID, p.Year})
	if err != nil {
		return nil, err
	}
	byID := map[int64]*surveyAnswer{}
	for _, a := range answers {
		byID[a.ID] = a
	}
	for i, pa := range out {
		if a := byID[answerIDs[i]]; a != nil {
			pa.Ratings, pa.Comment = kinerja.PeerRatings(a.Answer), a.Comment
		}
	}
	return out, nil
}

// FindPeerAnswers returns each peer answer about an employee for a period with the peer's
// name. Only the pejabat penilai and those above the employee may (kinerja.ActionReadPeerAnswers);
// the employee and admins see PeerAggregate instead.
func (db *DB) FindPeerAnswers(ctx context.Context, periodID, employeeID int64) ([]*kinerja.PeerAnswer, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	rel, err := relationTo(ctx, db.db, a, employeeID)
	if err != nil {
		return nil, mapError(err)
	}
	if err := kinerja.CheckFeedback(a, rel.e, rel.facts(), kinerja.ActionReadPeerAnswers); err != nil {
		return nil, err
	}
	p, err := orgPeriod(ctx, db.db, periodID, rel.e.OrgID)
	if err != nil {
		return nil, mapError(err)
	}
	out, err := loadPeerAnswers(ctx, db.db, p, employeeID)
	return out, mapError(err)
}

// PeerAggregate returns the anonymous summary of the peer answers about an employee for a
// period: the answers in whole batches of kinerja.MinPeerAnswers, in the order they were given,
// so that comparing the summary before and after never isolates one peer's answer. The
// employee, those above them and their pejabat penilai may read it.
func (db *DB) PeerAggregate(ctx context.Context, periodID, employeeID int64) (*kinerja.PeerSummary, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	rel, err := readableRelation(ctx, db.db, a, employeeID)
	if err != nil {
		return nil, mapError(err)
	}
	p, err := orgPeriod(ctx, db.db, periodID, rel.e.OrgID)
	if err != nil {
		return nil, mapError(err)
	}
	given, err := loadPeerAnswers(ctx, db.db, p, employeeID)
	if err != nil {
		return nil, mapError(err)
	}
	answers := make([]kinerja.Answer, len(given))
	for i, g := range given {
		answers[i] = kinerja.NewPeerAnswer(g.Ratings, g.Comment)
	}
	return kinerja.SummarizePeerAnswers(periodID, employeeID, answers), nil
}
