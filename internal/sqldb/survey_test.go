package sqldb_test

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestSurveyStorage answers peer and upward feedback through the store and reads the survey
// tables back: one answer row per answer, one score row per question with the value of the
// scale, the comment intact, the date of the day (WIB) and the peer answer linked from its
// assignment.
func TestSurveyStorage(t *testing.T) {
	t.Parallel()
	for _, engine := range sqldbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			dsn := sqldbtest.DSN(t, engine)
			db := sqldbtest.MustOpenDSN(t, dsn)
			raw := rawDB(t, engine, dsn)
			o := mustFeedbackOrg(t, db)
			sqldbtest.SettleReportingLines(t, db)
			today := kinerja.Today(time.Now()).String()

			if _, err := db.AssignPeers(o.KasiACtx, o.Period.ID, o.StafA.ID, []int64{o.StafA2.ID, o.StafA3.ID, o.StafB.ID}); err != nil {
				t.Fatal(err)
			}
			tasks, err := db.FindPeerTasks(o.StafA2Ctx)
			if err != nil || len(tasks) != 1 {
				t.Fatalf("FindPeerTasks = %v, %v", tasks, err)
			}
			ratings := allRatings(kinerja.RatingMeets)
			ratings["loyal"], ratings["adaptif"] = kinerja.RatingAbove, kinerja.RatingBelow
			// A comment of the maximum in characters of two bytes each is accepted, trimmed and kept whole.
			comment := strings.Repeat("é", kinerja.MaxFeedbackText)
			if err := db.AnswerPeer(o.StafA2Ctx, tasks[0].ID, ratings, "  "+comment+"\n"); err != nil {
				t.Fatalf("AnswerPeer with %d two-byte characters: %v", kinerja.MaxFeedbackText, err)
			}
			others, _ := db.FindPeerTasks(o.StafA3Ctx)
			if err := db.AnswerPeer(o.StafA3Ctx, others[0].ID, ratings, comment+"é"); kinerja.ErrorFields(err)["comment"] != kinerja.MsgPeerComment {
				t.Errorf("AnswerPeer with one character too many: %v; want %q on comment", err, kinerja.MsgPeerComment)
			}

			rows := queryRows(t, raw, `SELECT CAST(a.id AS TEXT), a.questionnaire, CAST(a.org_id AS TEXT), CAST(a.subject_id AS TEXT),
				CAST(a.year AS TEXT), CAST(a.answered_on AS TEXT), a.comment
				FROM peer_assignments pa JOIN survey_answers a ON a.id = pa.answer_id WHERE pa.id = $1`, tasks[0].ID)
			want := []string{"peer", itoa(o.ID), itoa(o.StafA.ID), strconv.Itoa(o.Year), today, comment}
			if len(rows) != 1 || !slices.Equal(rows[0][1:], want) {
				t.Fatalf("peer answer rows = %.80q; want one %.80q", rows, want)
			}
			scores := scoreRows(t, raw, rows[0][0])
			wantScores := map[string]string{}
			for code, r := range ratings {
				wantScores[code] = strconv.Itoa(map[kinerja.Rating]int{kinerja.RatingBelow: 1, kinerja.RatingMeets: 2, kinerja.RatingAbove: 3}[r])
			}
			if !maps.Equal(scores, wantScores) {
				t.Errorf("peer scores = %v; want %v", scores, wantScores)
			}
			answers, err := db.FindPeerAnswers(o.KasiACtx, o.Period.ID, o.StafA.ID)
			if err != nil || len(answers) != 1 || !maps.Equal(answers[0].Ratings, ratings) || answers[0].Comment != comment {
				t.Errorf("FindPeerAnswers = %+v, %v; want the ratings and the comment as given", answers, err)
			}

			text := strings.Repeat("€", kinerja.MaxFeedbackText)
			up := kinerja.UpwardScores{Clarity: 1, Support: 2, Openness: 3, Fairness: 4}
			if err := db.GiveUpwardFeedback(o.StafACtx, o.KasiA.ID, o.Year, up, text); err != nil {
				t.Fatalf("GiveUpwardFeedback with %d three-byte characters: %v", kinerja.MaxFeedbackText, err)
			}
			// The answer waits, sealed, for two more to be published with.
			if rows := queryRows(t, raw, `SELECT id FROM survey_answers WHERE questionnaire = 'upward'`); len(rows) != 0 {
				t.Fatalf("upward answers published alone: %v", rows)
			}
			for _, c := range []context.Context{o.StafA2Ctx, o.StafA3Ctx} {
				if err := db.GiveUpwardFeedback(c, o.KasiA.ID, o.Year, up, text); err != nil {
					t.Fatal(err)
				}
			}
			rows = queryRows(t, raw, `SELECT CAST(id AS TEXT), questionnaire, CAST(org_id AS TEXT), CAST(subject_id AS TEXT),
				CAST(year AS TEXT), CAST(answered_on AS TEXT), comment FROM survey_answers WHERE questionnaire = 'upward'`)
			want = []string{"upward", itoa(o.ID), itoa(o.KasiA.ID), strconv.Itoa(o.Year), today, text}
			if len(rows) != 3 || !slices.Equal(rows[0][1:], want) {
				t.Fatalf("upward answer rows = %.80q; want three %.80q", rows, want)
			}
			if got, want := scoreRows(t, raw, rows[0][0]), map[string]string{"clarity": "1", "support": "2", "openness": "3", "fairness": "4"}; !maps.Equal(got, want) {
				t.Errorf("upward scores = %v; want %v", got, want)
			}
		})
	}
}

// scoreRows returns the scores of answer id by question.
func scoreRows(t *testing.T, raw *sql.DB, id string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range queryRows(t, raw, `SELECT question, CAST(value AS TEXT) FROM survey_scores WHERE CAST(answer_id AS TEXT) = $1`, id) {
		out[r[0]] = r[1]
	}
	return out
}

// queryRows returns the rows of a query whose columns are all text.
func queryRows(t *testing.T, raw *sql.DB, q string, args ...any) [][]string {
	t.Helper()
	rows, err := raw.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		row := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		cells := make([]string, len(cols))
		for i, c := range row {
			cells[i] = c.String
			if !c.Valid {
				cells[i] = "NULL"
			}
		}
		out = append(out, cells)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
