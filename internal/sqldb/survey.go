package sqldb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"fmt"
	"strings"

	"kinerja/internal/kinerja"
)

// Every questionnaire (kinerja.Questionnaire) keeps its answers in two tables: survey_answers,
// one row per answer with what it is about (subject_id and year, whose meaning the
// questionnaire gives: the employee rated, the leader), its comment and its date; and
// survey_scores, one row per question. Neither has an author column or a time finer than the
// date, answers take random ids, and on SQLite both are WITHOUT ROWID, so that nothing in the
// tables orders or links an answer to whoever gave it. A questionnaire that is not anonymous
// links its answers from its own tables (peer_assignments.answer_id).

// surveySubject names what an answer is about.
type surveySubject struct {
	OrgID     int64
	SubjectID int64
	Year      int
}

// randomAnswerID returns a positive random id that says nothing about when the row was written.
func randomAnswerID() int64 {
	var b [8]byte
	rand.Read(b[:])
	return int64(binary.BigEndian.Uint64(b[:])>>1) | 1
}

// insertSurveyAnswer stores a, a validated answer to q about s, dated today (WIB). It returns
// the answer's id only when q is not anonymous: the id of an anonymous answer must not be
// written anywhere else.
func (tx *Tx) insertSurveyAnswer(ctx context.Context, q *kinerja.Questionnaire, s surveySubject, a kinerja.Answer) (int64, error) {
	id := randomAnswerID()
	if _, err := tx.ExecContext(ctx, `INSERT INTO survey_answers (id, questionnaire, org_id, subject_id, year, comment, answered_on)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, q.Code, s.OrgID, s.SubjectID, s.Year, a.Comment, dateValue(kinerja.Today(tx.now))); err != nil {
		return 0, fmt.Errorf("insert survey answer: %w", err)
	}
	var ar args
	values := make([]string, 0, len(q.Questions))
	for _, x := range q.Questions {
		if v, ok := a.Scores[x.Code]; ok {
			values = append(values, "("+ar.add(id)+", "+ar.add(x.Code)+", "+ar.add(v)+")")
		}
	}
	if len(values) > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO survey_scores (answer_id, question, value) VALUES `+strings.Join(values, ", "), ar...); err != nil {
			return 0, fmt.Errorf("insert survey scores: %w", err)
		}
	}
	if q.Anonymous {
		return 0, nil
	}
	return id, nil
}

// surveyAnswer is a stored answer with its id.
type surveyAnswer struct {
	ID int64
	kinerja.Answer
}

// findSurveyAnswers reads the answers to q about s with their scores, in one query.
func findSurveyAnswers(ctx context.Context, qr queryer, q *kinerja.Questionnaire, s surveySubject) ([]*surveyAnswer, error) {
	rows, err := qr.QueryContext(ctx, `SELECT a.id, a.comment, s.question, s.value
		FROM survey_answers a LEFT JOIN survey_scores s ON s.answer_id = a.id
		WHERE a.questionnaire = $1 AND a.org_id = $2 AND a.subject_id = $3 AND a.year = $4
		ORDER BY a.id, s.question`, q.Code, s.OrgID, s.SubjectID, s.Year)
	if err != nil {
		return nil, fmt.Errorf("find survey answers: %w", err)
	}
	defer rows.Close()
	out := []*surveyAnswer{}
	var last *surveyAnswer
	for rows.Next() {
		var (
			id       int64
			comment  string
			question sql.NullString
			value    sql.NullInt64
		)
		if err := rows.Scan(&id, &comment, &question, &value); err != nil {
			return nil, fmt.Errorf("find survey answers: %w", err)
		}
		if last == nil || last.ID != id {
			last = &surveyAnswer{ID: id, Answer: kinerja.Answer{Scores: map[string]int{}, Comment: comment}}
			out = append(out, last)
		}
		if question.Valid {
			last.Scores[question.String] = int(value.Int64)
		}
	}
	return out, rows.Err()
}

// answersOf returns the answers without their ids.
func answersOf(list []*surveyAnswer) []kinerja.Answer {
	out := make([]kinerja.Answer, len(list))
	for i, a := range list {
		out[i] = a.Answer
	}
	return out
}
