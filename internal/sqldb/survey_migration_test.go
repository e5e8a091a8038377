package sqldb_test

import (
	"context"
	"database/sql"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// beforeQuestionnaire is the schema version before the survey tables replaced the peer and
// upward answer columns (migration 13).
const beforeQuestionnaire = 12

// oldPeerAnswer is a peer answer as the tables before migration 13 held it.
type oldPeerAnswer struct {
	peer       int64
	answeredAt time.Time
	comment    string
	ratings    map[string]kinerja.Rating
	date       string // answered_at's day in WIB
}

// oldUpwardAnswer is an upward answer as upward_answers held it.
type oldUpwardAnswer struct {
	id                                   int64
	clarity, support, openness, fairness int
	text, date                           string
}

// TestQuestionnaireMigration fills the peer and upward answer tables of schema version 12,
// migrates, and finds every answer with the same values through the store and in the survey
// tables; then migrates down and up again and finds them once more.
func TestQuestionnaireMigration(t *testing.T) {
	t.Parallel()
	for _, engine := range sqldbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			dsn := sqldbtest.EmptyDSN(t, engine)
			raw, migrator := openMigrator(t, engine, dsn)
			if _, err := migrator.UpTo(ctx, beforeQuestionnaire); err != nil {
				t.Fatalf("migrate to %d: %v", beforeQuestionnaire, err)
			}
			peers, upward := fillOldAnswers(t, raw)
			// Migration 14 dates every upward answer about a leader and year by the last of
			// them, so that dates no longer tell answers apart; the values stay.
			for i := range upward {
				upward[i].date = "2025-05-03"
			}
			db, err := sqldb.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			db.Logger = slog.New(slog.DiscardHandler)
			if err := db.Migrate(ctx); err != nil {
				t.Fatalf("migrate: %v", err)
			}
			checkMovedAnswers(t, engine, db, raw, peers, upward)

			// Down restores the old tables with the same values, and up moves them once more.
			if _, err := migrator.DownTo(ctx, beforeQuestionnaire); err != nil {
				t.Fatalf("migrate down to %d: %v", beforeQuestionnaire, err)
			}
			for _, a := range peers {
				got := map[string]kinerja.Rating{}
				for _, r := range queryRows(t, raw, `SELECT r.value, r.rating FROM peer_ratings r JOIN peer_assignments pa ON pa.id = r.assignment_id
					WHERE pa.peer_id = $1`, a.peer) {
					got[r[0]] = kinerja.Rating(r[1])
				}
				c := queryRows(t, raw, `SELECT comment FROM peer_assignments WHERE peer_id = $1`, a.peer)
				if !maps.Equal(got, a.ratings) || len(c) != 1 || c[0][0] != a.comment {
					t.Errorf("after down, peer %d: ratings %v, comment %q; want %v, %q", a.peer, got, c, a.ratings, a.comment)
				}
			}
			var gotUp []string
			for _, r := range queryRows(t, raw, `SELECT CAST(id AS TEXT), CAST(clarity AS TEXT), CAST(support AS TEXT), CAST(openness AS TEXT),
				CAST(fairness AS TEXT), text, CAST(answered_on AS TEXT) FROM upward_answers`) {
				gotUp = append(gotUp, strings.Join(r, "|"))
			}
			var wantUp []string
			for _, a := range upward {
				wantUp = append(wantUp, strings.Join([]string{itoa(a.id), itoa(int64(a.clarity)), itoa(int64(a.support)),
					itoa(int64(a.openness)), itoa(int64(a.fairness)), a.text, a.date}, "|"))
			}
			slices.Sort(gotUp)
			slices.Sort(wantUp)
			if !slices.Equal(gotUp, wantUp) {
				t.Errorf("after down, upward_answers = %q; want %q", gotUp, wantUp)
			}
			if err := db.Migrate(ctx); err != nil {
				t.Fatalf("migrate up again: %v", err)
			}
			checkMovedAnswers(t, engine, db, raw, peers, upward)
		})
	}
}

// openMigrator opens a plain connection to dsn, as the store would, and a goose provider on it.
func openMigrator(t *testing.T, engine sqldb.Engine, dsn string) (*sql.DB, *goose.Provider) {
	t.Helper()
	driver, src, dialect := "pgx", dsn, goose.DialectPostgres
	if engine == sqldb.SQLite {
		driver, dialect = "sqlite", goose.DialectSQLite3
		src = "file:" + strings.TrimPrefix(dsn, "sqlite:") + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_time_format=sqlite"
	}
	raw, err := sql.Open(driver, src)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	fsys, err := sqldb.MigrationsFS(engine)
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(dialect, raw, fsys, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	return raw, p
}

// fillOldAnswers writes an organisation, a leader with five staff, a period, and the peer and
// upward answers about them into the tables of schema version 12.
func fillOldAnswers(t *testing.T, raw *sql.DB) ([]oldPeerAnswer, []oldUpwardAnswer) {
	t.Helper()
	now := time.Date(2025, 1, 2, 3, 0, 0, 0, time.UTC)
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO units (id, org_id, name, kind, created_at, updated_at) VALUES (1, 1, 'Kecamatan Lama', 'kecamatan', $1, $1)`, now)
	for i, name := range []string{"Camat Lama", "Ani Staf", "Budi Rekan", "Citra Rekan", "Dedi Rekan", "Eka Rekan"} {
		id := int64(i + 1)
		var sup any
		if id > 1 {
			sup = 1
		}
		exec(`INSERT INTO employees (id, org_id, nip, name, gender, birth_date, status, grade, position, position_kind, unit_id,
			supervisor_id, appraiser_id, created_at, updated_at)
			VALUES ($1, 1, $2, $3, 'perempuan', '1985-05-05', 'pns', 'III/a', 'Staf', 'pelaksana', 1, $4, $4, $5, $5)`,
			id, "19850505201001200"+itoa(id), name, sup, now)
	}
	exec(`INSERT INTO periods (id, org_id, year, start_date, end_date, cadence, created_at, updated_at)
		VALUES (1, 1, 2025, '2025-01-01', '2025-12-31', 'quarterly', $1, $1)`, now)

	all := func(r kinerja.Rating, set map[string]kinerja.Rating) map[string]kinerja.Rating {
		m := allRatings(r)
		maps.Copy(m, set)
		return m
	}
	peers := []oldPeerAnswer{
		{3, time.Date(2025, 3, 10, 2, 0, 0, 0, time.UTC), "Sigap membantu warga.",
			all(kinerja.RatingMeets, map[string]kinerja.Rating{"loyal": kinerja.RatingAbove}), "2025-03-10"},
		// 18:30 UTC is already the next day in WIB.
		{4, time.Date(2025, 6, 30, 18, 30, 0, 0, time.UTC), "Kerja sama bagus 👍 — terima kasih.",
			all(kinerja.RatingAbove, map[string]kinerja.Rating{"adaptif": kinerja.RatingBelow}), "2025-07-01"},
		{5, time.Date(2025, 7, 2, 9, 0, 0, 123456000, time.UTC), "", all(kinerja.RatingBelow, nil), "2025-07-02"},
	}
	for _, a := range peers {
		exec(`INSERT INTO peer_assignments (id, org_id, period_id, employee_id, peer_id, comment, answered_at, created_at)
			VALUES ($1, 1, 1, 2, $1, $2, $3, $4)`, a.peer, a.comment, a.answeredAt, now)
		for code, r := range a.ratings {
			exec(`INSERT INTO peer_ratings (assignment_id, value, rating) VALUES ($1, $2, $3)`, a.peer, code, string(r))
		}
	}
	exec(`INSERT INTO peer_assignments (id, org_id, period_id, employee_id, peer_id, created_at) VALUES (6, 1, 1, 2, 6, $1)`, now)

	upward := []oldUpwardAnswer{
		{6154328956473820017, 4, 3, 2, 1, "Arahan jelas", "2025-05-01"},
		{4100200300400500601, 3, 3, 3, 3, "", "2025-05-02"},
		{987654321987654321, 2, 4, 4, 2, "Mohon rapat lebih singkat", "2025-05-03"},
	}
	for i, a := range upward {
		exec(`INSERT INTO upward_answers (id, org_id, leader_id, year, clarity, support, openness, fairness, text, answered_on)
			VALUES ($1, 1, 1, 2025, $2, $3, $4, $5, $6, $7)`, a.id, a.clarity, a.support, a.openness, a.fairness, a.text, a.date)
		exec(`INSERT INTO upward_participation (leader_id, author_id, year) VALUES (1, $1, 2025)`, i+2)
	}
	return peers, upward
}

// checkMovedAnswers finds the answers fillOldAnswers wrote, through the store and in the survey
// tables.
func checkMovedAnswers(t *testing.T, engine sqldb.Engine, db *sqldb.DB, raw *sql.DB, peers []oldPeerAnswer, upward []oldUpwardAnswer) {
	t.Helper()
	// Named peer answers are read by those above the employee: the Camat, employee 1.
	org, camat := int64(1), int64(1)
	admin := kinerja.NewContextWithUser(context.Background(), &kinerja.User{OrgID: &org, EmployeeID: &camat, Roles: []kinerja.Role{kinerja.RolePegawai, kinerja.RoleAtasan}})

	// Peer answers: each with its peer, time, ratings and comment, oldest first.
	got, err := db.FindPeerAnswers(admin, 1, 2)
	if err != nil || len(got) != len(peers) {
		t.Fatalf("FindPeerAnswers = %v, %v; want %d answers", got, err, len(peers))
	}
	for i, a := range peers {
		g := got[i]
		if g.PeerID != a.peer || !g.AnsweredAt.Equal(a.answeredAt) || g.Comment != a.comment || !maps.Equal(g.Ratings, a.ratings) {
			t.Errorf("peer answer %d = %+v; want peer %d at %v, %q, %v", i, g, a.peer, a.answeredAt, a.comment, a.ratings)
		}
	}
	sum, err := db.PeerAggregate(admin, 1, 2)
	if err != nil || !sum.Visible || sum.Count != 3 || strings.Join(sum.Comments, "|") != "Kerja sama bagus 👍 — terima kasih.|Sigap membantu warga." {
		t.Errorf("PeerAggregate = %+v, %v; want 3 answers and the 2 comments, sorted", sum, err)
	}
	for _, v := range sum.Values {
		want := map[kinerja.Rating]int{}
		for _, a := range peers {
			want[a.ratings[v.Value]]++
		}
		if v.Above != want[kinerja.RatingAbove] || v.Meets != want[kinerja.RatingMeets] || v.Below != want[kinerja.RatingBelow] {
			t.Errorf("peer value %s = %d/%d/%d; want %v", v.Value, v.Above, v.Meets, v.Below, want)
		}
	}
	for _, a := range peers {
		rows := queryRows(t, raw, `SELECT a.questionnaire, CAST(a.subject_id AS TEXT), CAST(a.year AS TEXT), CAST(a.answered_on AS TEXT)
			FROM peer_assignments pa JOIN survey_answers a ON a.id = pa.answer_id WHERE pa.peer_id = $1`, a.peer)
		if want := []string{"peer", "2", "2025", a.date}; len(rows) != 1 || !slices.Equal(rows[0], want) {
			t.Errorf("peer %d's survey answer = %q; want %q", a.peer, rows, want)
		}
	}
	if rows := queryRows(t, raw, `SELECT CAST(answer_id AS TEXT) FROM peer_assignments WHERE peer_id = 6`); len(rows) != 1 || rows[0][0] != "NULL" {
		t.Errorf("unanswered assignment's answer_id = %q; want NULL", rows)
	}

	// Upward answers: the same ids, dates and scores; the summary as before.
	var ids []string
	for _, r := range queryRows(t, raw, `SELECT CAST(id AS TEXT), CAST(answered_on AS TEXT), comment FROM survey_answers WHERE questionnaire = 'upward'`) {
		ids = append(ids, strings.Join(r, "|"))
	}
	var want []string
	for _, a := range upward {
		want = append(want, itoa(a.id)+"|"+a.date+"|"+a.text)
		wantScores := map[string]string{"clarity": itoa(int64(a.clarity)), "support": itoa(int64(a.support)),
			"openness": itoa(int64(a.openness)), "fairness": itoa(int64(a.fairness))}
		if got := scoreRows(t, raw, itoa(a.id)); !maps.Equal(got, wantScores) {
			t.Errorf("upward answer %d scores = %v; want %v", a.id, got, wantScores)
		}
	}
	slices.Sort(ids)
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Errorf("upward survey answers = %q; want %q", ids, want)
	}
	us, err := db.UpwardSummary(admin, 1, 2025)
	if err != nil || !us.Visible || us.Count != 3 || us.Clarity != 3 || us.Support != 3.33 || us.Openness != 3 || us.Fairness != 2 ||
		strings.Join(us.Texts, "|") != "Arahan jelas|Mohon rapat lebih singkat" {
		t.Errorf("UpwardSummary = %+v, %v; want averages 3, 3.33, 3, 2 and the 2 texts", us, err)
	}
	staff := int64(2)
	leaders, err := db.FindUpwardLeaders(kinerja.NewContextWithUser(context.Background(), &kinerja.User{OrgID: &org, EmployeeID: &staff}), 2025)
	if err != nil || len(leaders) != 1 || !leaders[0].Answered {
		t.Errorf("FindUpwardLeaders = %+v, %v; want the leader, answered", leaders, err)
	}

	// The old tables and columns are gone.
	for _, table := range []string{"peer_ratings", "upward_answers"} {
		if _, err := raw.Exec(`SELECT 1 FROM ` + table); err == nil {
			t.Errorf("table %s is still there", table)
		}
	}
	if cols := tableColumns(t, engine, raw, "peer_assignments"); slices.Contains(cols, "comment") || !slices.Contains(cols, "answer_id") {
		t.Errorf("peer_assignments columns = %v; want answer_id and no comment", cols)
	}
}
