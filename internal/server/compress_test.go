package server_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestCompression: pages and stylesheets go gzipped to a browser that accepts it (a phone on
// 3G fetches a fraction of the bytes), and as they are to a client that does not.
func TestCompression(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newServer(t, db)
		// The transport would ask for gzip itself and hide the encoding: ask by hand.
		client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
		get := func(path, accept string) (*http.Response, string) {
			t.Helper()
			req, _ := http.NewRequest("GET", srv.URL+path, nil)
			if accept != "" {
				req.Header.Set("Accept-Encoding", accept)
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var r io.Reader = resp.Body
			if resp.Header.Get("Content-Encoding") == "gzip" {
				zr, err := gzip.NewReader(resp.Body)
				if err != nil {
					t.Fatalf("GET %s: not gzip: %v", path, err)
				}
				r = zr
			}
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return resp, string(b)
		}

		resp, page := get("/login", "gzip, deflate, br")
		if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(page, `name="password"`) {
			t.Errorf("GET /login accepting gzip: encoding %q, page has the form %v; want gzip and the form",
				resp.Header.Get("Content-Encoding"), strings.Contains(page, `name="password"`))
		}
		if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("Vary = %q; want Accept-Encoding, so that caches keep both", resp.Header.Get("Vary"))
		}
		css := regexp.MustCompile(`/static/[^"]+\.css`).FindString(page)
		if css == "" {
			t.Fatalf("the login page links no stylesheet:\n%s", page)
		}
		if resp, body := get(css, "gzip"); resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(body, "{") {
			t.Errorf("GET %s accepting gzip: encoding %q; want gzip", css, resp.Header.Get("Content-Encoding"))
		}
		if resp, page := get("/login", ""); resp.Header.Get("Content-Encoding") != "" || !strings.Contains(page, `name="password"`) {
			t.Errorf("GET /login without Accept-Encoding: encoding %q; want none", resp.Header.Get("Content-Encoding"))
		}
	})
}
