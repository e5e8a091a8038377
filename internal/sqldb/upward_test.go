package sqldb_test

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// rawDB opens a second, plain connection to the database at dsn, to inspect it as an
// administrator with the database in hand would.
func rawDB(t *testing.T, e sqldb.Engine, dsn string) *sql.DB {
	t.Helper()
	driver, src := "pgx", dsn
	if e == sqldb.SQLite {
		driver, src = "sqlite", "file:"+strings.TrimPrefix(dsn, "sqlite:")
	}
	raw, err := sql.Open(driver, src)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func queryStrings(t *testing.T, raw *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := raw.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

func tableColumns(t *testing.T, e sqldb.Engine, raw *sql.DB, table string) []string {
	if e == sqldb.SQLite {
		return queryStrings(t, raw, `SELECT name FROM pragma_table_info($1)`, table)
	}
	return queryStrings(t, raw, `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`, table)
}

// tableRows returns every row of every table, each cell as text, by table.
func tableRows(t *testing.T, e sqldb.Engine, raw *sql.DB) map[string][][]string {
	t.Helper()
	q := `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	if e == sqldb.SQLite {
		q = `SELECT name FROM sqlite_master WHERE type = 'table'`
	}
	out := map[string][][]string{}
	for _, table := range queryStrings(t, raw, q) {
		rows, err := raw.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			cells := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range cells {
				ptrs[i] = &cells[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("read %s: %v", table, err)
			}
			row := make([]string, len(cells))
			for i, c := range cells {
				if b, ok := c.([]byte); ok {
					c = string(b)
				}
				row[i] = fmt.Sprint(c)
			}
			out[table] = append(out[table], row)
		}
		rows.Close()
	}
	return out
}

func countRows(t *testing.T, raw *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func scores(n int) kinerja.UpwardScores {
	return kinerja.UpwardScores{Clarity: n, Support: n, Openness: n, Fairness: 4}
}

// TestUpwardFeedbackAnonymous gives upward feedback, then reads the database as an admin with
// the files in hand would: no table has a column for the author of an answer, and no row of
// any table links an author to an answer.
func TestUpwardFeedbackAnonymous(t *testing.T) {
	t.Parallel()
	for _, engine := range sqldbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			dsn := sqldbtest.DSN(t, engine)
			db := sqldbtest.MustOpenDSN(t, dsn)
			raw := rawDB(t, engine, dsn)
			o := mustFeedbackOrg(t, db)
			sqldbtest.SettleReportingLines(t, db)

			// The schema: answers know what they are about (the leader), never their author or a
			// time of day.
			suspicious := regexp.MustCompile(`author|user|employee|actor|creat|_at$|time|session|ip`)
			for table, want := range map[string][]string{
				"survey_answers": {"answered_on", "comment", "id", "org_id", "questionnaire", "subject_id", "year"},
				"survey_scores":  {"answer_id", "question", "value"},
			} {
				cols := tableColumns(t, engine, raw, table)
				if !slices.Equal(cols, want) {
					t.Errorf("%s columns = %v; want exactly %v", table, cols, want)
				}
				for _, c := range cols {
					if suspicious.MatchString(c) {
						t.Errorf("%s has column %q that could identify the author", table, c)
					}
				}
			}
			if cols := tableColumns(t, engine, raw, "upward_participation"); !slices.Equal(cols, []string{"author_id", "leader_id", "year"}) {
				t.Errorf("upward_participation columns = %v; want only leader_id, author_id, year (no answer id, no time)", cols)
			}
			if engine == sqldb.SQLite {
				for _, table := range []string{"survey_answers", "survey_scores", "upward_participation"} {
					if _, err := raw.Exec(`SELECT rowid FROM ` + table); err == nil {
						t.Errorf("%s has a rowid, which keeps the insertion order", table)
					}
				}
			}

			audit, notes, events := countRows(t, raw, "audit_log"), countRows(t, raw, "notifications"), countRows(t, raw, "outbox")
			gives := []struct {
				name   string
				ctx    context.Context
				leader int64
				year   int
				scores kinerja.UpwardScores
				code   string
				field  string
			}{
				{"staff A to kasi A", o.StafACtx, o.KasiA.ID, o.Year, scores(3), "", ""},
				{"staff A to kasi A again", o.StafACtx, o.KasiA.ID, o.Year, scores(1), kinerja.ECONFLICT, ""},
				{"staff A to the camat above", o.StafACtx, o.Camat.ID, o.Year, scores(2), "", ""},
				{"staff B to kasi A", o.StafBCtx, o.KasiA.ID, o.Year, scores(3), kinerja.EFORBIDDEN, ""},
				{"kasi A to staff A", o.KasiACtx, o.StafA.ID, o.Year, scores(3), kinerja.EFORBIDDEN, ""},
				{"kasi A to themself", o.KasiACtx, o.KasiA.ID, o.Year, scores(3), kinerja.EFORBIDDEN, ""},
				{"a score of 5", o.StafA2Ctx, o.KasiA.ID, o.Year, kinerja.UpwardScores{Clarity: 5, Support: 1, Openness: 1, Fairness: 1}, kinerja.EINVALID, "clarity"},
				{"a score of 0", o.StafA2Ctx, o.KasiA.ID, o.Year, kinerja.UpwardScores{Clarity: 1, Support: 1, Openness: 1}, kinerja.EINVALID, "fairness"},
				{"a future year", o.StafA2Ctx, o.KasiA.ID, o.Year + 1, scores(3), kinerja.EINVALID, "year"},
				{"staff A2 to kasi A", o.StafA2Ctx, o.KasiA.ID, o.Year, scores(4), "", ""},
			}
			marker := func(name string) string { return "penanda-" + strings.ReplaceAll(name, " ", "-") }
			for _, tt := range gives {
				err := db.GiveUpwardFeedback(tt.ctx, tt.leader, tt.year, tt.scores, "  "+marker(tt.name)+" ")
				if kinerja.ErrorCode(err) != tt.code || tt.field != "" && kinerja.ErrorFields(err)[tt.field] == "" {
					t.Errorf("%s: GiveUpwardFeedback = %v; want %q on %q", tt.name, err, tt.code, tt.field)
				}
			}
			if n := countRows(t, raw, "audit_log"); n != audit {
				t.Errorf("audit rows grew from %d to %d; upward answers must leave no trace naming their author", audit, n)
			}
			if n := countRows(t, raw, "notifications"); n != notes {
				t.Errorf("notifications grew from %d to %d; their time would point at the author", notes, n)
			}
			if n := countRows(t, raw, "outbox"); n != events {
				t.Errorf("events grew from %d to %d; their time would point at the author", events, n)
			}

			// With 2 answers the leader sees nothing, not even the count; the 3rd publishes the batch.
			sum, err := db.UpwardSummary(o.KasiACtx, o.KasiA.ID, o.Year)
			if err != nil || sum.Visible || sum.Count != 0 || len(sum.Texts) != 0 || sum.Clarity != 0 {
				t.Fatalf("summary after 2 answers = %+v, %v; want nothing visible", sum, err)
			}
			if err := db.GiveUpwardFeedback(o.StafA3Ctx, o.KasiA.ID, o.Year, scores(1), ""); err != nil {
				t.Fatal(err)
			}
			sum, err = db.UpwardSummary(o.KasiACtx, o.KasiA.ID, o.Year)
			if err != nil || !sum.Visible || sum.Count != 3 || sum.Clarity != 2.67 || sum.Fairness != 4 || len(sum.Texts) != 2 {
				t.Fatalf("summary after 3 answers = %+v, %v; want averages 2.67 … 4 and the 2 texts", sum, err)
			}
			readers := []struct {
				name string
				ctx  context.Context
				code string
			}{
				{"admin", o.Admin, ""},
				{"staff of the leader", o.StafACtx, kinerja.EFORBIDDEN},
				{"camat above the leader", o.CamatCtx, kinerja.EFORBIDDEN},
			}
			for _, r := range readers {
				if _, err := db.UpwardSummary(r.ctx, o.KasiA.ID, o.Year); kinerja.ErrorCode(err) != r.code {
					t.Errorf("%s: UpwardSummary = %v; want %q", r.name, err, r.code)
				}
			}
			leaders, err := db.FindUpwardLeaders(o.StafA2Ctx, o.Year)
			if err != nil || len(leaders) != 2 || leaders[0].Leader.ID != o.KasiA.ID || !leaders[0].Answered || leaders[1].Answered {
				t.Errorf("FindUpwardLeaders = %+v, %v; want kasi A answered, camat not", leaders, err)
			}

			// The rows: the published answers' ids and texts appear in the survey tables and
			// nowhere else, the one still waiting (staff A's about the camat) appears nowhere in
			// clear, and the participation rows hold nothing of an answer.
			ids := queryStrings(t, raw, `SELECT CAST(id AS TEXT) FROM survey_answers WHERE questionnaire = 'upward'`)
			if len(ids) != 3 {
				t.Fatalf("published upward answers = %d; want the batch of 3 about kasi A", len(ids))
			}
			if n := countRows(t, raw, "upward_pending"); n != 1 {
				t.Errorf("waiting upward answers = %d; want 1, about the camat", n)
			}
			// The ids are random: none small, none following another.
			var nums []int64
			for _, s := range ids {
				n, err := strconv.ParseInt(s, 10, 64)
				if err != nil || n < 1<<32 {
					t.Errorf("answer id %s; want a large random number", s)
				}
				nums = append(nums, n)
			}
			slices.Sort(nums)
			for i := 1; i < len(nums); i++ {
				if nums[i]-nums[i-1] < 1000 {
					t.Errorf("answer ids %v lie close together; want random ids", nums)
				}
			}
			// The only time is the date.
			for _, d := range queryStrings(t, raw, `SELECT CAST(answered_on AS TEXT) FROM survey_answers`) {
				if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(d) {
					t.Errorf("answered_on = %q; want a date without time", d)
				}
			}
			var secrets []string
			secrets = append(secrets, ids...)
			waiting := marker("staff A to the camat above")
			for _, tt := range gives {
				if tt.code == "" && marker(tt.name) != waiting {
					secrets = append(secrets, marker(tt.name))
				}
			}
			found := map[string]bool{}
			for table, rows := range tableRows(t, engine, raw) {
				for _, row := range rows {
					if slices.ContainsFunc(row, func(cell string) bool { return strings.Contains(cell, waiting) }) {
						t.Errorf("table %s row %v holds the text of an answer still waiting, in clear", table, row)
					}
					for _, s := range secrets {
						if !slices.ContainsFunc(row, func(cell string) bool { return strings.Contains(cell, s) }) {
							continue
						}
						if table != "survey_answers" && table != "survey_scores" {
							t.Errorf("table %s row %v holds %q of an upward answer", table, row, s)
						}
						found[s] = true
					}
				}
			}
			if len(found) != len(secrets) {
				t.Errorf("found %d of the %d ids and texts of the answers; the scan misses rows", len(found), len(secrets))
			}
		})
	}
}

func TestUpwardReplies(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := mustFeedbackOrg(t, db)
		sqldbtest.SettleReportingLines(t, db)
		if _, err := db.ReplyUpward(o.StafBCtx, o.Year, "Saya tidak punya bawahan."); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("reply by someone without a team: %v; want forbidden", err)
		}
		if _, err := db.ReplyUpward(o.KasiACtx, o.Year, " "); kinerja.ErrorFields(err)["text"] == "" {
			t.Errorf("empty reply: %v; want an error on text", err)
		}
		r, err := db.ReplyUpward(o.KasiACtx, o.Year, "Terima kasih atas masukannya; rapat koordinasi kini tiap Senin.")
		if err != nil || r.LeaderName != o.KasiA.Name {
			t.Fatalf("ReplyUpward = %+v, %v", r, err)
		}
		for _, ctx := range []context.Context{o.StafACtx, o.StafA2Ctx} {
			if got := lastNotification(t, db, ctx); got != "upward_reply" {
				t.Errorf("team notification = %q; want upward_reply", got)
			}
		}
		readers := []struct {
			name string
			ctx  context.Context
			code string
		}{
			{"the leader", o.KasiACtx, ""},
			{"the team", o.StafACtx, ""},
			{"the camat above", o.CamatCtx, ""},
			{"another team", o.StafBCtx, kinerja.EFORBIDDEN},
			{"another kasi", o.KasiBCtx, kinerja.EFORBIDDEN},
		}
		for _, rd := range readers {
			list, err := db.FindUpwardReplies(rd.ctx, o.KasiA.ID, o.Year)
			if kinerja.ErrorCode(err) != rd.code || rd.code == "" && (len(list) != 1 || list[0].Text != r.Text) {
				t.Errorf("%s: FindUpwardReplies = %+v, %v; want %q", rd.name, list, err, rd.code)
			}
		}
	})
}
