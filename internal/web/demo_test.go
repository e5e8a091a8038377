package web_test

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"kinerja/internal/demo"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestDemoChart checks the demo as its users meet it: the Camat's chart holds the whole
// kecamatan, a Kasi's only their section. The chart shows people only, so the test loads the
// demo's organisation without its year of performance data.
func TestDemoChart(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		s := newTestServer(t, db)
		ctx := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		if _, err := demo.LoadOrganisation(ctx, db); err != nil {
			t.Fatal(err)
		}
		all, _ := db.ExportEmployees(ctx, 0)
		if len(all) < 60 {
			t.Fatalf("demo has %d employees; want 60 or more", len(all))
		}
		login := func(username string) *client {
			c := s.client(t)
			c.login(username, demo.Password)
			return c
		}
		camat := login("camat").get("/org/chart")
		camat.wantStatus(t, 200)
		for _, e := range all {
			camat.wantBody(t, html.EscapeString(e.Name))
		}

		kasi := login("kasi.pemerintahan").get("/org/chart")
		kasi.wantStatus(t, 200)
		var team []string
		for _, e := range all {
			if e.Position == "Kepala Seksi Pemerintahan dan Pelayanan Publik" {
				for _, m := range all {
					if m.SupervisorID != nil && *m.SupervisorID == e.ID {
						team = append(team, html.EscapeString(m.Name))
					}
				}
				kasi.wantBody(t, html.EscapeString(e.Name))
			}
		}
		if len(team) != 3 {
			t.Fatalf("kasi.pemerintahan has %d staff; want 3", len(team))
		}
		kasi.wantBody(t, team...)
		for _, e := range all {
			if e.Position == "Camat Asemrowo" || e.Position == "Lurah Tambak Sarioso" || e.Name == "Rini Astuti, S.E." {
				kasi.wantNoBody(t, html.EscapeString(e.Name))
			}
		}
	})
}

// TestDemoPages opens the pages of the full demo as its users meet them today: the assessment
// pages open on the newest quarter that has ended, which the demo has assessed; every
// percentage is written the Indonesian way ("64,62 %", never "100.0%" or "75%"); and every NIP
// is kept on one line.
func TestDemoPages(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		s := newTestServer(t, db)
		ctx := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		if _, err := demo.Load(ctx, db); err != nil {
			t.Fatal(err)
		}
		today := kinerja.Today(db.Now())
		var latest string
		for _, e := range kinerja.EvalPeriods(today.Year(), kinerja.CadenceQuarterly) {
			if len(e.Key) > 4 && e.End.Before(today) {
				latest = e.Key
			}
		}
		if latest == "" {
			t.Skip("no quarter of the year has ended yet")
		}
		login := func(username string) *client {
			c := s.client(t)
			c.login(username, demo.Password)
			return c
		}
		// A percentage in the English style, or without the space before the sign.
		wrongPercent := regexp.MustCompile(`[0-9]\.[0-9]+ ?%|[0-9]%`)
		// A NIP (18 digits) outside its unbreakable span.
		nip := regexp.MustCompile(`(<span class="nip">)?\b[0-9]{18}\b`)
		check := func(c *client, path string) *response {
			t.Helper()
			res := c.get(path)
			res.wantStatus(t, 200)
			if m := wrongPercent.FindString(res.Body); m != "" {
				t.Errorf("GET %s shows the percentage %q; want the Indonesian style like \"64,62 %%\"", path, m)
			}
			for _, m := range nip.FindAllStringSubmatch(res.Body, -1) {
				if m[1] == "" && !strings.Contains(res.Body, "value=\""+m[0]+"\"") {
					t.Errorf("GET %s shows the NIP %s outside <span class=\"nip\">", path, m[0])
					break
				}
			}
			return res
		}

		camat := login("camat")
		cal := check(camat, "/calibration")
		cal.wantBody(t, `<option value="`+latest+`" selected>`, `href="/assessments/`)
		check(camat, "/employees")
		kasi := login("kasi.pemerintahan")
		team := check(kasi, "/assessments/team")
		team.wantBody(t, `<option value="`+latest+`" selected>`, `id="open-assessment-`)
		xs, err := db.FindAssessments(ctx, latest, nil)
		if err != nil || len(xs) == 0 {
			t.Fatalf("assessments of %s = %d, %v", latest, len(xs), err)
		}
		admin := login("admin.asemrowo")
		shown := 0
		for _, x := range xs {
			res := check(admin, "/assessments/"+itoa(x.ID))
			if strings.Contains(res.Body, " %</progress>") {
				shown++
			}
			if shown > 0 && x.ID%7 == 0 {
				check(admin, "/skp/"+itoa(x.SKPID))
				check(admin, "/skp/"+itoa(x.SKPID)+"/realisation?period="+latest)
				check(admin, "/employees/"+itoa(x.EmployeeID))
				break
			}
		}
		if shown == 0 {
			t.Errorf("no assessment of %s shows an achievement in per cent", latest)
		}
		check(admin, "/admin/users")
		check(admin, "/admin/audit")
	})
}
