package web_test

import (
	"context"
	"html"
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
