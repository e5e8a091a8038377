package sqldb

import (
	"context"
	"fmt"
	"strings"

	"kinerja/internal/kinerja"
)

// Upward feedback is anonymous by construction. The answer goes to the survey tables (see
// survey.go), which have no author column and no time finer than the date;
// upward_participation only remembers that the author answered about the leader that year, so
// a second answer can be refused, and holds nothing of the answer. Answers get random ids, and
// nothing else is written about them: no audit entry (it would name the actor) and no
// notification (its timestamp would point at the author). Even an admin reading every table
// cannot tell who wrote what.
//
// Known limit: PostgreSQL's system columns (xmin) and physical row order still reveal which
// rows one transaction wrote to a superuser reading the raw tables; the application, its admins
// and the table contents cannot link them.

// GiveUpwardFeedback records the caller's anonymous feedback on a leader for a year: scores of
// 1–4 for clarity, support, openness and fairness, and an optional text. Only an employee below
// the leader (directly or not) may, once per leader and year.
func (db *DB) GiveUpwardFeedback(ctx context.Context, leaderID int64, year int, scores kinerja.UpwardScores, text string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	answer := scores.Answer(text)
	if err := kinerja.ValidateUpward(year, &answer, kinerja.Today(db.now())); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		leader, err := leaderOf(ctx, tx, a, leaderID)
		if err != nil {
			return err
		}
		f, err := upwardFacts(ctx, tx, a, leader.ID, year)
		if err != nil {
			return err
		}
		if err := kinerja.CheckUpward(a, leader.ID, f, kinerja.ActionGiveUpward); err != nil {
			return err
		}
		me := *a.EmployeeID
		// The check saw no earlier answer; the unique key still refuses one given meanwhile.
		res, err := tx.ExecContext(ctx, `INSERT INTO upward_participation (leader_id, author_id, year) VALUES ($1, $2, $3)
			ON CONFLICT DO NOTHING`, leader.ID, me, year)
		if err != nil {
			return fmt.Errorf("give upward feedback: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return kinerja.Errorf(kinerja.ECONFLICT, kinerja.MsgUpwardGiven)
		}
		if _, err := tx.insertSurveyAnswer(ctx, kinerja.UpwardQuestionnaire, surveySubject{leader.OrgID, leader.ID, year}, answer); err != nil {
			return fmt.Errorf("give upward feedback: %w", err)
		}
		// Deliberately no tx.audit and no notification: see the comment at the top of this file.
		return nil
	})
}

// leaderOf loads the leader an upward feedback is about: an employee of the caller's
// organisation, else not found.
func leaderOf(ctx context.Context, q queryer, a *kinerja.User, id int64) (*kinerja.Employee, error) {
	leader, err := findEmployee(ctx, q, id)
	if err != nil {
		return nil, err
	}
	if !a.InOrg(leader.OrgID) {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgEmployeeNotFound)
	}
	return leader, nil
}

// upwardFacts reads what the upward feedback rules need about the caller and a leader for a
// year: whether the caller is below the leader and already answered, and the leader's team.
func upwardFacts(ctx context.Context, q queryer, a *kinerja.User, leaderID int64, year int) (kinerja.UpwardFacts, error) {
	var f kinerja.UpwardFacts
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM employees WHERE supervisor_id = $1 AND active`, leaderID).Scan(&f.Team); err != nil {
		return f, fmt.Errorf("upward facts: %w", err)
	}
	if a.EmployeeID == nil || *a.EmployeeID == leaderID {
		return f, nil
	}
	me := *a.EmployeeID
	var err error
	if f.Below, err = reportsTo(ctx, q, me, leaderID); err != nil {
		return f, err
	}
	err = q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM upward_participation WHERE leader_id = $1 AND author_id = $2 AND year = $3)`,
		leaderID, me, year).Scan(&f.Answered)
	if err != nil {
		return f, fmt.Errorf("upward facts: %w", err)
	}
	return f, nil
}

// UpwardActions returns what the caller may do about a leader's upward feedback for a year
// (kinerja.UpwardActions), with the facts read here.
func (db *DB) UpwardActions(ctx context.Context, leaderID int64, year int) (kinerja.Permitted, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	leader, err := leaderOf(ctx, db.db, a, leaderID)
	if err != nil {
		return nil, mapError(err)
	}
	f, err := upwardFacts(ctx, db.db, a, leader.ID, year)
	if err != nil {
		return nil, mapError(err)
	}
	return kinerja.UpwardActions(a, leader.ID, f), nil
}

// FindUpwardLeaders lists the leaders above the caller, nearest first, and whether the caller
// already gave each of them feedback for year.
func (db *DB) FindUpwardLeaders(ctx context.Context, year int) ([]*kinerja.UpwardLeader, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	out := []*kinerja.UpwardLeader{}
	if a.EmployeeID == nil {
		return out, nil
	}
	rows, err := db.db.QueryContext(ctx, `WITH RECURSIVE up(id, depth) AS (
			SELECT supervisor_id, 1 FROM employees WHERE id = $1
			UNION ALL
			SELECT e.supervisor_id, up.depth + 1 FROM employees e JOIN up ON e.id = up.id
			WHERE e.supervisor_id IS NOT NULL AND up.depth < 100)
		SELECT c.id, c.name, c.position, c.position_kind, c.unit_id, c.supervisor_id, c.active, up.depth,
			EXISTS (SELECT 1 FROM upward_participation pp WHERE pp.leader_id = c.id AND pp.author_id = $1 AND pp.year = $2)
		FROM up JOIN employees c ON c.id = up.id ORDER BY up.depth`, *a.EmployeeID, year)
	if err != nil {
		return nil, mapError(fmt.Errorf("find upward leaders: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		l := &kinerja.UpwardLeader{Year: year}
		var sup nullID
		d := &l.Leader
		if err := rows.Scan(&d.ID, &d.Name, &d.Position, &d.PositionKind, &d.UnitID, &sup, &d.Active, &l.Depth, &l.Answered); err != nil {
			return nil, mapError(fmt.Errorf("find upward leaders: %w", err))
		}
		d.SupervisorID = sup.ptr()
		out = append(out, l)
	}
	return out, mapError(rows.Err())
}

// UpwardSummary returns what a leader sees of their staff's feedback for a year: averages,
// count and texts once kinerja.MinUpwardAnswers answered, never who. The leader and the
// organisation's admins may read it.
func (db *DB) UpwardSummary(ctx context.Context, leaderID int64, year int) (*kinerja.UpwardSummary, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	leader, err := leaderOf(ctx, db.db, a, leaderID)
	if err != nil {
		return nil, mapError(err)
	}
	if !(a.EmployeeID != nil && *a.EmployeeID == leader.ID || kinerja.CanManageEmployees(a, leader.OrgID)) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	answers, err := findSurveyAnswers(ctx, db.db, kinerja.UpwardQuestionnaire, surveySubject{leader.OrgID, leader.ID, year})
	if err != nil {
		return nil, mapError(fmt.Errorf("upward summary: %w", err))
	}
	return kinerja.SummarizeUpward(leader.ID, year, answersOf(answers)), nil
}

// ReplyUpward publishes the caller's reply, as a leader, to their team's upward feedback for
// a year, and tells everyone below them.
func (db *DB) ReplyUpward(ctx context.Context, year int, text string) (*kinerja.UpwardReply, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	text = strings.TrimSpace(text)
	var v kinerja.Validation
	if today := kinerja.Today(db.now()); year < today.Year()-1 || year > today.Year() {
		v.Add("year", kinerja.MsgUpwardYear)
	}
	if text == "" || len([]rune(text)) > kinerja.MaxFeedbackText {
		v.Add("text", kinerja.MsgUpwardReplyText)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var me int64
	if a.EmployeeID != nil {
		me = *a.EmployeeID
	}
	var out *kinerja.UpwardReply
	err = db.update(ctx, func(tx *Tx) error {
		f, err := upwardFacts(ctx, tx, a, me, year)
		if err != nil {
			return err
		}
		if err := kinerja.CheckUpward(a, me, f, kinerja.ActionReplyUpward); err != nil {
			return err
		}
		leader, err := findEmployee(ctx, tx, me)
		if err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO upward_replies (org_id, leader_id, year, text, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, leader.OrgID, me, year, text, tx.now).Scan(&id); err != nil {
			return fmt.Errorf("reply upward: %w", err)
		}
		out = &kinerja.UpwardReply{ID: id, OrgID: leader.OrgID, LeaderID: me, LeaderName: leader.Name, Year: year, Text: text, CreatedAt: tx.now}
		if err := tx.audit(ctx, a, &leader.OrgID, kinerja.EntityUpwardReply, id, kinerja.ActionCreate, nil, out); err != nil {
			return err
		}
		return tx.emit(ctx, kinerja.Event{Kind: kinerja.EventUpwardReply, OrgID: leader.OrgID, Entity: kinerja.EntityUpwardReply, EntityID: id,
			To: kinerja.ToTeamOf(me), Subject: leader.Name})
	})
	return out, err
}

// FindUpwardReplies lists a leader's replies for a year (0: every year), newest first. The
// leader, everyone below them, and those with full access to the leader may read them.
func (db *DB) FindUpwardReplies(ctx context.Context, leaderID int64, year int) ([]*kinerja.UpwardReply, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	rel, err := relationTo(ctx, db.db, a, leaderID)
	if err != nil {
		return nil, mapError(err)
	}
	if rel.access != kinerja.AccessFull {
		below := false
		if a.EmployeeID != nil {
			if below, err = reportsTo(ctx, db.db, *a.EmployeeID, leaderID); err != nil {
				return nil, mapError(err)
			}
		}
		if !below {
			return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
		}
	}
	var ar args
	q := `SELECT r.id, r.org_id, r.leader_id, e.name, r.year, r.text, r.created_at FROM upward_replies r
		JOIN employees e ON e.id = r.leader_id WHERE r.leader_id = ` + ar.add(leaderID)
	if year != 0 {
		q += ` AND r.year = ` + ar.add(year)
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY r.id DESC LIMIT 500`, ar...)
	if err != nil {
		return nil, mapError(fmt.Errorf("find upward replies: %w", err))
	}
	defer rows.Close()
	out := []*kinerja.UpwardReply{}
	for rows.Next() {
		r := new(kinerja.UpwardReply)
		if err := rows.Scan(&r.ID, &r.OrgID, &r.LeaderID, &r.LeaderName, &r.Year, &r.Text, &r.CreatedAt); err != nil {
			return nil, mapError(fmt.Errorf("find upward replies: %w", err))
		}
		out = append(out, r)
	}
	return out, mapError(rows.Err())
}
