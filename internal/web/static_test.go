package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestStatic(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		c := srv.client(t)
		page := c.get("/login").Body
		for _, tt := range []struct{ file, contentType, content string }{
			{"app.css", "text/css; charset=utf-8", ":root"},
			{"icon.svg", "image/svg+xml", "<svg"},
		} {
			m := regexp.MustCompile(`"(/static/([0-9a-f]+)/` + regexp.QuoteMeta(tt.file) + `)"`).FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("GET /login: no hashed URL for %s", tt.file)
			}
			res := c.get(m[1])
			res.wantStatus(t, http.StatusOK)
			res.wantBody(t, tt.content)
			if got := res.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
				t.Errorf("GET %s Cache-Control = %q; want immutable", m[1], got)
			}
			if got := res.Header.Get("Content-Type"); got != tt.contentType {
				t.Errorf("GET %s Content-Type = %q; want %q", m[1], got, tt.contentType)
			}

			// The browser revalidates with the ETag and gets 304.
			c.header.Set("If-None-Match", res.Header.Get("ETag"))
			c.get(m[1]).wantStatus(t, http.StatusNotModified)
			c.header.Del("If-None-Match")

			// A stale hash still gets the file, but it must not be cached forever.
			stale := strings.Replace(m[1], m[2], "0000000000000000", 1)
			res = c.get(stale)
			res.wantStatus(t, http.StatusOK)
			if got := res.Header.Get("Cache-Control"); got != "no-cache" {
				t.Errorf("GET %s Cache-Control = %q; want no-cache", stale, got)
			}
		}
		c.get("/static/0000/nope.css").wantStatus(t, http.StatusNotFound)
	})
}
