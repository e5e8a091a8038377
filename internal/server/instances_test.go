package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/server"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestTwoInstances runs two servers on one database, as two `kinerja serve` processes behind
// one address would: a token or a browser session made on one is valid on the other, and an
// event both deliver at once reaches its recipient once.
func TestTwoInstances(t *testing.T) {
	t.Parallel()
	for _, engine := range sqldbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			dsn := sqldbtest.DSN(t, engine)
			dbA, dbB := sqldbtest.MustOpenDSN(t, dsn), sqldbtest.MustOpenDSN(t, dsn)
			dbB.AnswerKey = dbA.AnswerKey // the instances share one answer key, as the README says
			o := sqldbtest.MustCreateOrg(t, dbA, "Kecamatan Dua Server")
			dataDir := t.TempDir() // shared, like the evidence directory of both processes
			a := newServerWith(t, dbA, server.Config{DataDir: dataDir})
			b := newServerWith(t, dbB, server.Config{DataDir: dataDir})
			staf := o.Username(o.StafA)

			// An API token made on A answers on B.
			body := strings.NewReader(`{"username":"` + staf + `","password":"` + sqldbtest.Password + `"}`)
			resp, err := http.Post(a.URL+"/api/v1/auth/login", "application/json", body)
			if err != nil {
				t.Fatal(err)
			}
			var login struct{ Token string }
			json.NewDecoder(resp.Body).Decode(&login)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || login.Token == "" {
				t.Fatalf("login on A: status %d", resp.StatusCode)
			}
			req, _ := http.NewRequest("GET", b.URL+"/api/v1/me", nil)
			req.Header.Set("Authorization", "Bearer "+login.Token)
			if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("GET /api/v1/me on B with A's token: %v, %v; want 200", resp, err)
			} else {
				resp.Body.Close()
			}

			// A browser session made on A opens pages on B. The cookie jar is per host, and both
			// servers listen on 127.0.0.1, so one jar carries the cookie to both, as one address would.
			jar, _ := cookiejar.New(nil)
			browser := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			resp, err = browser.PostForm(a.URL+"/login", url.Values{"username": {staf}, "password": {sqldbtest.Password}})
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("web login on A: status %d; want 303", resp.StatusCode)
			}
			resp, err = browser.Get(b.URL + "/")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("home page on B with A's session: status %d (%s); want 200", resp.StatusCode, resp.Header.Get("Location"))
			}

			// Both instances deliver the outbox at once; the staff member is told once.
			if _, err := dbA.CreateFeedback(o.KasiACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Value: "adaptif",
				Text: "Cepat belajar aplikasi baru."}); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			for _, db := range []*sqldb.DB{dbA, dbB} {
				wg.Go(func() {
					for range 5 {
						if _, err := db.DeliverEvents(context.Background(), 100); err != nil {
							t.Error(err)
						}
					}
				})
			}
			wg.Wait()
			notes, _, err := dbB.FindNotifications(o.StafACtx, false, 50)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, x := range notes {
				if x.Kind == kinerja.EventFeedbackGiven {
					n++
				}
			}
			if n != 1 {
				t.Errorf("notifications of the feedback = %d; want exactly 1", n)
			}
		})
	}
}
