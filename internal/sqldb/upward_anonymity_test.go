package sqldb_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// teamsOrg is a camat above leaders kasi.0 … kasi.N-1, each with staff staf.I.0 … staf.I.M-1.
func teamsOrg(t *testing.T, db *sqldb.DB, leaders, staff int) *sqldbtest.Fixture {
	t.Helper()
	spec := sqldbtest.OrgSpec{Name: "Kecamatan Anonim", People: []sqldbtest.PersonSpec{
		{Key: "camat", Name: "Camat Anonim", Kind: kinerja.PositionAdministrator, Position: "Camat", Head: true}}}
	for i := range leaders {
		unit := fmt.Sprintf("seksi.%d", i)
		spec.Units = append(spec.Units, sqldbtest.UnitSpec{Key: unit, Name: fmt.Sprintf("Seksi %d", i)})
		spec.People = append(spec.People, sqldbtest.PersonSpec{Key: fmt.Sprintf("kasi.%d", i), Name: fmt.Sprintf("Kasi %d", i),
			Kind: kinerja.PositionPengawas, Position: "Kepala Seksi", Unit: unit, Supervisor: "camat", Head: true})
		for j := range staff {
			spec.People = append(spec.People, sqldbtest.PersonSpec{Key: fmt.Sprintf("staf.%d.%d", i, j), Name: fmt.Sprintf("Staf %d-%d", i, j),
				Unit: unit, Supervisor: fmt.Sprintf("kasi.%d", i)})
		}
	}
	return sqldbtest.Build(t, db, spec)
}

// marker is the text staff key writes, so that the test knows the truth the attacker seeks.
func marker(key string) string { return "jawaban-" + key }

// TestUpwardAnonymity_DatabaseReader plays someone who can read every table, with the
// engine's system columns (on PostgreSQL the transaction id xmin and the physical position
// ctid), and tries to name the author of each published upward answer. Twenty leaders get a
// batch of three answers each; the attacker guesses by physical order, by id order, by
// transaction id and by date. Before answers were batched, each answer had its author's
// transaction id and the insertion order of its author's participation row, and every guess
// was right.
func TestUpwardAnonymity_DatabaseReader(t *testing.T) {
	t.Parallel()
	const leaders, k = 20, kinerja.MinUpwardAnswers
	for _, engine := range sqldbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			dsn := sqldbtest.DSN(t, engine)
			db := sqldbtest.MustOpenDSN(t, dsn)
			raw := rawDB(t, engine, dsn)
			f := teamsOrg(t, db, leaders, k)
			sqldbtest.SettleReportingLines(t, db)
			year := kinerja.Today(db.Now()).Year()

			author := map[string]int64{} // marker → author's employee id: the truth
			for i := range leaders {
				for j := range k {
					key := fmt.Sprintf("staf.%d.%d", i, j)
					author[marker(key)] = f.Employee(key).ID
					if err := db.GiveUpwardFeedback(f.As(key), f.Employee(fmt.Sprintf("kasi.%d", i)).ID, year,
						kinerja.UpwardScores{Clarity: 1 + j, Support: 2, Openness: 3, Fairness: 4}, marker(key)); err != nil {
						t.Fatalf("%s: %v", key, err)
					}
				}
			}

			attackUpward(t, engine, raw, author, leaders, k)
			// A fourth answer about the camat waits: sealed, its text nowhere in clear, and the
			// camat's summary unchanged.
			if err := db.GiveUpwardFeedback(f.As("staf.0.0"), f.Employee("camat").ID, year, kinerja.UpwardScores{Clarity: 1, Support: 1, Openness: 1, Fairness: 1}, "rahasia-menunggu"); err != nil {
				t.Fatal(err)
			}
			for table, rows := range tableRows(t, engine, raw) {
				for _, row := range rows {
					if slices.ContainsFunc(row, func(c string) bool { return strings.Contains(c, "rahasia-menunggu") }) {
						t.Errorf("table %s holds a waiting answer in clear: %v", table, row)
					}
				}
			}
			sealed := queryRows(t, raw, `SELECT CAST(length(sealed) AS TEXT) FROM upward_pending`)
			if len(sealed) != 1 {
				t.Fatalf("waiting answers = %v; want 1", sealed)
			}

			// The same reader with a backup in hand, and with the database restored from it.
			d, lines := dumpOf(t, db)
			for table, b := range lines {
				if bytes.Contains(b, []byte("rahasia-menunggu")) {
					t.Errorf("the backup of %s holds a waiting answer in clear", table)
				}
			}
			restoredDSN := sqldbtest.EmptyDSN(t, engine)
			restored, err := sqldb.Open(context.Background(), restoredDSN)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { restored.Close() })
			restored.Logger = db.Logger
			if err := restored.MigrateTo(context.Background(), d.SchemaVersion); err != nil {
				t.Fatal(err)
			}
			if err := restored.Restore(context.Background(), d, opener(lines)); err != nil {
				t.Fatal(err)
			}
			attackUpward(t, engine, rawDB(t, engine, restoredDSN), author, leaders, k)
		})
	}
}

// attackUpward reads the published upward answers and the participation rows of the database
// raw as someone with full SQL access, and names the author of each answer the best it can, by
// physical order, id order, transaction id and date. author is the truth: marker → employee
// id. Each of leaders has a batch of k answers.
func attackUpward(t *testing.T, engine sqldb.Engine, raw *sql.DB, author map[string]int64, leaders, k int) {
	t.Helper()
	system := "'', ''"
	if engine == sqldb.Postgres {
		system = "xmin::text, ctid::text"
	}
	order := "id"
	if engine == sqldb.Postgres {
		order = "ctid"
	}
	answers := queryRows(t, raw, `SELECT CAST(subject_id AS TEXT), comment, CAST(answered_on AS TEXT), `+system+`
		FROM survey_answers WHERE questionnaire = 'upward' ORDER BY `+order)
	if len(answers) != leaders*k {
		t.Fatalf("published answers = %d; want %d", len(answers), leaders*k)
	}
	partOrder := "leader_id, author_id"
	if engine == sqldb.Postgres {
		partOrder = "ctid"
	}
	parts := queryRows(t, raw, `SELECT CAST(leader_id AS TEXT), CAST(author_id AS TEXT), `+system+` FROM upward_participation ORDER BY `+partOrder)

	// Order: the i-th answer about a leader, in physical order, is guessed to be from the
	// i-th participant about that leader, in physical order. Random order leaves the
	// attacker a third right on average; 40 of 60 has a chance below 1e-8.
	byLeader := map[string][]string{}
	for _, p := range parts {
		byLeader[p[0]] = append(byLeader[p[0]], p[1])
	}
	seen, right := map[string]int{}, 0
	for _, a := range answers {
		i := seen[a[0]]
		seen[a[0]]++
		if strconv.FormatInt(author[a[1]], 10) == byLeader[a[0]][i] {
			right++
		}
	}
	if right >= 2*leaders*k/3 {
		t.Errorf("guessing by physical order named %d of %d authors; want no better than chance", right, leaders*k)
	}

	// Transaction ids and dates: the answers of a batch share both, so either names a
	// group of at least k, never one author.
	xmins, dates := map[string]int{}, map[string]map[string]bool{}
	for _, a := range answers {
		xmins[a[3]]++
		if dates[a[0]] == nil {
			dates[a[0]] = map[string]bool{}
		}
		dates[a[0]][a[2]] = true
	}
	if engine == sqldb.Postgres {
		for x, n := range xmins {
			if n < k {
				t.Errorf("transaction %s wrote %d answers; want batches of at least %d", x, n, k)
			}
		}
	}
	for leader, d := range dates {
		if len(d) != 1 {
			t.Errorf("answers about leader %s carry %d dates; want one per batch", leader, len(d))
		}
	}

}

// TestUpwardAnonymity_Differencing compares the leader's summary before and after every answer:
// it changes only when a batch of k is published, and an admin who adds subordinates the same
// day cannot complete a batch around a real answer.
func TestUpwardAnonymity_Differencing(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := teamsOrg(t, db, 2, 7)
		sqldbtest.SettleReportingLines(t, db)
		year := kinerja.Today(db.Now()).Year()
		leader, leaderCtx := f.Employee("kasi.0"), f.As("kasi.0")
		summary := func() *kinerja.UpwardSummary {
			t.Helper()
			s, err := db.UpwardSummary(leaderCtx, leader.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		give := func(ctx context.Context, score int, text string) error {
			return db.GiveUpwardFeedback(ctx, leader.ID, year, kinerja.UpwardScores{Clarity: score, Support: score, Openness: score, Fairness: score}, text)
		}

		// One real answer, then the admin adds two subordinates who try to answer at once.
		if err := give(f.As("staf.0.0"), 1, "jawaban asli"); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"Palsu Satu", "Palsu Dua"} {
			f.AddPerson(t, sqldbtest.PersonSpec{Key: name, Name: name, Unit: "seksi.0", Supervisor: "kasi.0"})
			if err := give(f.As(name), 4, "palsu"); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
				t.Errorf("%s, added today: GiveUpwardFeedback = %v; want forbidden", name, err)
			}
		}
		// Nor can a long-standing employee of another team whom the admin moves below the
		// leader today, even with an effective date in the past: the move is recorded today.
		moved := f.Employee("staf.1.0")
		if _, err := db.PatchEmployee(f.Admin, moved.ID, func(in *kinerja.EmployeeInput) error {
			in.SupervisorID, in.UnitID = &leader.ID, leader.UnitID
			in.EffectiveDate = kinerja.Today(db.Now()).AddDate(-1, 0, 0)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if err := give(f.As("staf.1.0"), 4, "dipindah"); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("moved below the leader today: GiveUpwardFeedback = %v; want forbidden", err)
		}
		if s := summary(); s.Visible || s.Count != 0 || len(s.Texts) != 0 {
			t.Fatalf("summary after one real answer and two refused fakes = %+v; want nothing", s)
		}

		// Six more real answers: the summary changes after the 3rd and the 6th only.
		prev := summary()
		for j := 1; j <= 6; j++ {
			if err := give(f.As(fmt.Sprintf("staf.0.%d", j)), 1+j%4, fmt.Sprintf("jawaban %d", j)); err != nil {
				t.Fatal(err)
			}
			s := summary()
			changed := s.Count != prev.Count || s.Clarity != prev.Clarity || !slices.Equal(s.Texts, prev.Texts)
			if want := (j+1)%kinerja.MinUpwardAnswers == 0; changed != want {
				t.Errorf("after answer %d: summary changed %v; want %v (%+v → %+v)", j+1, changed, want, prev, s)
			}
			if s.Count%kinerja.MinUpwardAnswers != 0 {
				t.Errorf("after answer %d: count %d; want whole batches", j+1, s.Count)
			}
			prev = s
		}
		if prev.Count != 6 || !slices.IsSorted(prev.Texts) {
			t.Errorf("final summary = %+v; want 6 answers with the texts sorted", prev)
		}
	})
}
