package demo_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"kinerja/internal/demo"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestLoad(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		first, err := demo.Load(ctx, db)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if first.Employees < 60 || first.EmployeesCreated != first.Employees || first.LoginsCreated != len(demo.Logins) || first.Units != 23 {
			t.Errorf("first load = %+v; want 60+ employees, 23 units, every login created", first)
		}
		audit := func() int {
			e, _, _ := db.FindAuditEntries(ctx, kinerja.AuditFilter{Limit: 500})
			return len(e)
		}
		n := audit()
		second, err := demo.Load(ctx, db)
		if err != nil {
			t.Fatalf("second Load: %v", err)
		}
		if second.UnitsCreated+second.EmployeesCreated+second.Updated+second.HeadsSet+second.LoginsCreated+second.SKPCreated+second.Revisions+second.Activities+second.Assessments != 0 || audit() != n {
			t.Errorf("second load = %+v with %d new audit entries; want no change", second, audit()-n)
		}

		skps, total, err := db.FindSKPs(ctx, kinerja.SKPFilter{Limit: 500})
		byStatus := map[kinerja.SKPStatus]int{}
		for _, s := range skps {
			byStatus[s.Status]++
		}
		if err != nil || total < 55 || byStatus[kinerja.SKPApproved] == 0 || byStatus[kinerja.SKPSubmitted] == 0 ||
			byStatus[kinerja.SKPDraft] == 0 || byStatus[kinerja.SKPReturned] == 0 {
			t.Errorf("demo SKP = %d %v, %v; want most people with a spread of states", total, byStatus, err)
		}

		if first.Activities < 100 {
			t.Errorf("demo activities = %d; want about three months for the staff", first.Activities)
		}
		everyone, _ := db.ExportEmployees(ctx, 0)
		seen := map[string]int{}
		for _, e := range everyone {
			as, _, err := db.FindActivities(ctx, kinerja.ActivityFilter{EmployeeID: &e.ID, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range as {
				seen[string(a.Status)]++
				if a.Late {
					seen["late"]++
				}
			}
		}
		for _, k := range []string{"approved", "rejected", "pending", "late"} {
			if seen[k] == 0 {
				t.Errorf("demo activities %v: none %s", seen, k)
			}
		}
		byPosition := map[string]int64{}
		for _, e := range everyone {
			byPosition[e.Position] = e.ID
		}
		periods, _ := db.FindPeriods(ctx, 0)
		staff := byPosition["Pengelola Kepegawaian"]
		if sum, err := db.PeerAggregate(ctx, periods[0].ID, staff); err != nil || !sum.Visible {
			t.Errorf("peer summary of the Pengelola Kepegawaian = %+v, %v; want visible", sum, err)
		}
		if fb, err := db.FindFeedback(ctx, staff, 0); err != nil || len(fb) < 3 {
			t.Errorf("continuous feedback = %d, %v; want a thread", len(fb), err)
		}
		if ds, err := db.FindDialogs(ctx, staff); err != nil || len(ds) != 1 || len(ds[0].Actions) != 2 {
			t.Errorf("dialogs = %+v, %v; want one with two actions", ds, err)
		}
		// The demo is dated as of today: every quarter that has ended this year is assessed,
		// the one in progress is not, and the newest assessed one has an open objection.
		today := kinerja.Today(db.Now())
		for _, e := range kinerja.EvalPeriods(today.Year(), kinerja.CadenceQuarterly) {
			if len(e.Key) == 4 {
				continue
			}
			xs, err := db.FindAssessments(ctx, e.Key, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !e.End.Before(today) {
				if len(xs) != 0 {
					t.Errorf("%s is not over yet but has %d assessments", e.Key, len(xs))
				}
				continue
			}
			// The next quarter ends a day before its start three months on.
			latest := !e.End.AddDate(0, 0, 1).AddDate(0, 3, -1).Before(today)
			objected, decided, predikat := 0, 0, map[kinerja.Predikat]int{}
			for _, x := range xs {
				predikat[x.Predikat]++
				if x.Status == kinerja.AssessmentObjected {
					objected++
				}
				if x.Decision != "" {
					decided++
				}
			}
			want := [2]int{1, 0} // open, decided objections
			if !latest {
				want = [2]int{0, 1}
			}
			employees := first.Employees
			if latest {
				employees -= 3 // the staff of the Kasi who has not assessed it yet
			}
			if len(xs) != employees || [2]int{objected, decided} != want || len(predikat) < 4 || predikat[""] != 0 {
				t.Errorf("%s assessments = %d of %d employees, predikat %v, %d objected, %d decided; want everyone with a predikat, a spread and objections %v",
					e.Key, len(xs), employees, predikat, objected, decided, want)
			}
		}
		for _, p := range periods {
			if p.Closed != (p.Year < today.Year()) {
				t.Errorf("period %d closed = %v; want only earlier years closed", p.Year, p.Closed)
			}
		}
		if first.Revisions == 0 {
			t.Error("the demo revises no SKP")
		}
		sekcam := byPosition["Sekretaris Kecamatan"]
		if up, err := db.UpwardSummary(ctx, sekcam, kinerja.Today(db.Now()).Year()); err != nil || !up.Visible || up.Count != 3 {
			t.Errorf("upward summary of the Sekcam = %+v, %v; want one batch of 3 answers, visible", up, err)
		}

		login := func(username string) context.Context {
			_, u, err := db.Login(context.Background(), kinerja.Credentials{Username: username, Password: demo.Password}, kinerja.SessionWeb, time.Hour)
			if err != nil {
				t.Fatalf("login %s: %v", username, err)
			}
			return kinerja.NewContextWithUser(context.Background(), u)
		}
		camat := login("camat")
		if r := kinerja.UserFromContext(camat).Roles; !slices.Contains(r, kinerja.RolePimpinan) {
			t.Errorf("camat roles = %v; want pimpinan", r)
		}
		all, total, err := db.FindEmployees(camat, kinerja.EmployeeFilter{Limit: 500})
		if err != nil || total != first.Employees {
			t.Fatalf("camat list = %d, %v", total, err)
		}
		for _, e := range all {
			if e.Access != kinerja.AccessFull {
				t.Errorf("camat lacks full access to %s", e.Name)
			}
		}
		// Two earlier years: one employee below expectations in both, for the HR review.
		flags, err := db.HRReviewFlags(camat, kinerja.Today(db.Now()).Year()-1)
		if err != nil || len(flags) != 1 {
			t.Errorf("HR review flags of last year = %+v, %v; want one employee", flags, err)
		}
		kasi := login("kasi.pemerintahan")
		me := kinerja.UserFromContext(kasi)
		team, err := db.FindTeam(kasi, *me.EmployeeID)
		if err != nil || len(team) != 3 {
			t.Errorf("kasi team = %d, %v; want the 3 staff of the section", len(team), err)
		}
		for _, l := range demo.Logins {
			login(l.Username)
		}
	})
}
