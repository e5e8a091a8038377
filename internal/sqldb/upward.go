package sqldb

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"kinerja/internal/kinerja"
)

// Upward feedback is anonymous against anyone who can read the whole database and its backups
// (docs/model-ancaman.md). An answer is never written in a transaction of its own:
//
//   - The author's transaction writes upward_participation (that the author answered about the
//     leader that year, to refuse a second answer) and the answer sealed with a key that is kept
//     outside the database (DB.AnswerKey) in upward_pending: a random id and a record of fixed
//     length, nothing readable.
//   - When kinerja.MinUpwardAnswers answers about the leader and year wait, the transaction of the
//     one that completes the batch opens them all and publishes them together in survey_answers
//     (see survey.go), in random order, with random ids and the day of publication as their date.
//
// So the rows of a batch share one transaction id, one date and a random order: they tell only
// that each answer came from one of the batch's authors. Only people below the leader without a
// break for kinerja.MinUpwardTenureDays, by the reporting lines recorded in employee_history,
// may answer, so an admin cannot fill a batch with people added that day. Nothing else is
// written: no audit entry (it would name the actor) and no notification.

// upwardContext binds a sealed answer to its leader and year.
func upwardContext(leaderID int64, year int) []byte {
	return fmt.Appendf(nil, "upward %d %d", leaderID, year)
}

// GiveUpwardFeedback records the caller's anonymous feedback on a leader for a year: scores of
// 1–4 for clarity, support, openness and fairness, and an optional text. Only an employee below
// the leader (directly or not, for long enough) may, once per leader and year.
func (db *DB) GiveUpwardFeedback(ctx context.Context, leaderID int64, year int, scores kinerja.UpwardScores, text string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	answer := scores.Answer(text)
	if err := kinerja.ValidateUpward(year, &answer, kinerja.Today(db.now())); err != nil {
		return err
	}
	if db.AnswerKey == nil {
		return errors.New("give upward feedback: no answer key configured")
	}
	record, err := json.Marshal(answer)
	if err != nil {
		return fmt.Errorf("give upward feedback: %w", err)
	}
	return db.update(ctx, func(tx *Tx) error {
		leader, err := leaderOf(ctx, tx, a, leaderID)
		if err != nil {
			return err
		}
		// Answers about one leader take turns, so that two cannot both see a batch complete.
		if err := tx.lockRow(ctx, "employees", leader.ID); err != nil {
			return err
		}
		f, err := upwardFacts(ctx, tx, a, leader.ID, year, kinerja.Today(tx.now))
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
		sealed, err := db.AnswerKey.Seal(record, upwardContext(leader.ID, year))
		if err != nil {
			return fmt.Errorf("give upward feedback: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO upward_pending (id, org_id, leader_id, year, sealed) VALUES ($1, $2, $3, $4, $5)`,
			randomAnswerID(), leader.OrgID, leader.ID, year, sealed); err != nil {
			return fmt.Errorf("give upward feedback: %w", err)
		}
		// Deliberately no tx.audit and no notification: see the comment at the top of this file.
		return tx.publishUpward(ctx, leader, year)
	})
}

// publishUpward publishes the answers waiting about leader for year once there are at least
// kinerja.MinUpwardAnswers of them: all together, in random order. A record the key cannot
// open (the key was lost or replaced) can never be published; it is dropped and counted in
// the log, without anything that says whose it was.
func (tx *Tx) publishUpward(ctx context.Context, leader *kinerja.Employee, year int) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, sealed FROM upward_pending WHERE leader_id = $1 AND year = $2`, leader.ID, year)
	if err != nil {
		return fmt.Errorf("publish upward: %w", err)
	}
	type pending struct {
		id     int64
		sealed []byte
	}
	var waiting []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.id, &p.sealed); err != nil {
			rows.Close()
			return fmt.Errorf("publish upward: %w", err)
		}
		waiting = append(waiting, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("publish upward: %w", err)
	}
	if len(waiting) < kinerja.MinUpwardAnswers {
		return nil
	}
	var answers []kinerja.Answer
	unreadable := 0
	for _, p := range waiting {
		var a kinerja.Answer
		record, err := tx.db.AnswerKey.Open(p.sealed, upwardContext(leader.ID, year))
		if err == nil {
			err = json.Unmarshal(record, &a)
		}
		if err != nil {
			unreadable++
			continue
		}
		answers = append(answers, a)
	}
	if unreadable > 0 {
		tx.db.Logger.WarnContext(ctx, "upward feedback: answers sealed with another key were dropped", "count", unreadable)
	}
	if len(answers) > 0 && len(answers) < kinerja.MinUpwardAnswers {
		return nil // the readable ones wait for more; the unreadable stay until they can be counted out
	}
	shuffle(answers)
	for _, a := range answers {
		if _, err := tx.insertSurveyAnswer(ctx, kinerja.UpwardQuestionnaire, surveySubject{leader.OrgID, leader.ID, year}, a); err != nil {
			return fmt.Errorf("publish upward: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM upward_pending WHERE leader_id = $1 AND year = $2`, leader.ID, year); err != nil {
		return fmt.Errorf("publish upward: %w", err)
	}
	return nil
}

// shuffle puts answers in an order drawn from the operating system's random source.
func shuffle(answers []kinerja.Answer) {
	for i := len(answers) - 1; i > 0; i-- {
		j, err := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		if err != nil {
			panic(err) // crypto/rand does not fail
		}
		answers[i], answers[j.Int64()] = answers[j.Int64()], answers[i]
	}
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
// year on day today: whether the caller is below the leader, for long enough, and already
// answered, and the leader's team.
func upwardFacts(ctx context.Context, q queryer, a *kinerja.User, leaderID int64, year int, today kinerja.Date) (kinerja.UpwardFacts, error) {
	var f kinerja.UpwardFacts
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM employees WHERE supervisor_id = $1 AND active`, leaderID).Scan(&f.Team); err != nil {
		return f, fmt.Errorf("upward facts: %w", err)
	}
	if a.EmployeeID == nil || *a.EmployeeID == leaderID {
		return f, nil
	}
	me := *a.EmployeeID
	chain, err := reportingChain(ctx, q, me)
	if err != nil {
		return f, err
	}
	for _, l := range chain {
		if l.supervisor == leaderID {
			f.Below, f.Tenured = true, kinerja.UpwardTenured(l.since, today)
			break
		}
	}
	err = q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM upward_participation WHERE leader_id = $1 AND author_id = $2 AND year = $3)`,
		leaderID, me, year).Scan(&f.Answered)
	if err != nil {
		return f, fmt.Errorf("upward facts: %w", err)
	}
	return f, nil
}

// chainLink is one step up the caller's reporting line: employee reports to supervisor, and
// the line from the caller up to supervisor has been as it is since the date since (zero when
// the history does not show it).
type chainLink struct {
	employee, supervisor int64
	since                kinerja.Date
}

// reportingChain returns the reporting line above employee id, nearest supervisor first, with
// the date since when each part of it stands, read from employee_history by the time each
// change was recorded (never the effective date an admin typed, which may lie in the past).
// Two queries.
func reportingChain(ctx context.Context, q queryer, id int64) ([]chainLink, error) {
	rows, err := q.QueryContext(ctx, `WITH RECURSIVE up(id, sup, depth) AS (
			SELECT id, supervisor_id, 1 FROM employees WHERE id = $1
			UNION ALL
			SELECT e.id, e.supervisor_id, up.depth + 1 FROM employees e JOIN up ON e.id = up.sup
			WHERE up.depth < 100)
		SELECT id, sup FROM up WHERE sup IS NOT NULL ORDER BY depth`, id)
	if err != nil {
		return nil, fmt.Errorf("reporting chain: %w", err)
	}
	var chain []chainLink
	var ar args
	var ids []string
	for rows.Next() {
		var l chainLink
		if err := rows.Scan(&l.employee, &l.supervisor); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reporting chain: %w", err)
		}
		chain = append(chain, l)
		ids = append(ids, ar.add(l.employee))
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(chain) == 0 {
		return chain, err
	}
	rows, err = q.QueryContext(ctx, `SELECT employee_id, supervisor_id, recorded_at FROM employee_history
		WHERE employee_id IN (`+strings.Join(ids, ", ")+`) ORDER BY employee_id, recorded_at DESC, id DESC`, ar...)
	if err != nil {
		return nil, fmt.Errorf("reporting chain: %w", err)
	}
	defer rows.Close()
	current := map[int64]int64{} // employee → supervisor now
	for _, l := range chain {
		current[l.employee] = l.supervisor
	}
	since := map[int64]kinerja.Date{} // employee → since when they report to the current supervisor
	broken := map[int64]bool{}        // an older period with another supervisor was met
	for rows.Next() {
		var (
			emp  int64
			sup  nullID
			when time.Time
		)
		if err := rows.Scan(&emp, &sup, &when); err != nil {
			return nil, fmt.Errorf("reporting chain: %w", err)
		}
		if broken[emp] {
			continue
		}
		if !sup.Valid || sup.Int64 != current[emp] {
			broken[emp] = true
			continue
		}
		since[emp] = kinerja.Today(when)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reporting chain: %w", err)
	}
	var latest kinerja.Date
	known := true
	for i := range chain {
		s, ok := since[chain[i].employee]
		known = known && ok
		if !known {
			break // the history does not show this part of the line: unknown from here up
		}
		if s.After(latest) {
			latest = s
		}
		chain[i].since = latest
	}
	return chain, nil
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
	f, err := upwardFacts(ctx, db.db, a, leader.ID, year, kinerja.Today(db.now()))
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
	if err := rows.Err(); err != nil {
		return nil, mapError(err)
	}
	rows.Close()
	chain, err := reportingChain(ctx, db.db, *a.EmployeeID)
	if err != nil {
		return nil, mapError(err)
	}
	today := kinerja.Today(db.now())
	for _, l := range out {
		for _, c := range chain {
			if c.supervisor == l.Leader.ID {
				l.Since, l.Tenured = c.since, kinerja.UpwardTenured(c.since, today)
				break
			}
		}
	}
	return out, nil
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
		f, err := upwardFacts(ctx, tx, a, me, year, kinerja.Today(tx.now))
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
