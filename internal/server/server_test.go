package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"kinerja/internal/server"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func newServer(t *testing.T, db *sqldb.DB) *httptest.Server {
	t.Helper()
	return newServerWith(t, db, server.Config{})
}

// newServerWith serves the handler of cfg (with db, the admin and short limits filled in).
func newServerWith(t *testing.T, db *sqldb.DB, cfg server.Config) *httptest.Server {
	t.Helper()
	if _, _, err := db.EnsureAdmin(context.Background(), "rahasia-admin-123"); err != nil {
		t.Fatal(err)
	}
	cfg.DB, cfg.SessionTTL, cfg.TokenTTL, cfg.MaxBodyBytes = db, time.Hour, time.Hour, 4096
	h, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newServer(t, db)
		resp, err := http.Get(srv.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != "ok" {
			t.Errorf("GET /healthz = %d %q; want 200 ok", resp.StatusCode, body)
		}
		db.Close()
		resp, err = http.Get(srv.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 503 {
			t.Errorf("GET /healthz with the database closed = %d; want 503", resp.StatusCode)
		}
	})
}

// TestCrossOriginPost checks CSRF protection: a form posted from another site is refused,
// in the UI with a page and in the API with the error shape; a same-origin post goes through.
func TestCrossOriginPost(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newServer(t, db)
		form := url.Values{"username": {"admin"}, "password": {"rahasia-admin-123"}}.Encode()
		tests := []struct {
			name, path, origin, site string
			want                     int
		}{
			{"cross-site form to UI", "/login", "https://jahat.example", "cross-site", 403},
			{"cross-origin without fetch metadata", "/login", "https://jahat.example", "", 403},
			{"cross-site to API", "/api/v1/auth/login", "https://jahat.example", "cross-site", 403},
			{"same-origin form", "/login", srv.URL, "same-origin", 303},
		}
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		for _, tt := range tests {
			req, _ := http.NewRequest("POST", srv.URL+tt.path, strings.NewReader(form))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", tt.origin)
			if tt.site != "" {
				req.Header.Set("Sec-Fetch-Site", tt.site)
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("%s: status %d; want %d", tt.name, resp.StatusCode, tt.want)
			}
			if tt.want == 403 && strings.HasPrefix(tt.path, "/api/") {
				var e struct {
					Error struct{ Code string } `json:"error"`
				}
				if json.Unmarshal(body, &e) != nil || e.Error.Code != "forbidden" {
					t.Errorf("%s: body %q; want the API error shape with code forbidden", tt.name, body)
				}
			}
		}
	})
}

func TestSecurityHeadersAndRequestID(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newServer(t, db)
		for _, path := range []string{"/login", "/api/v1/openapi.json", "/tidak-ada"} {
			req, _ := http.NewRequest("GET", srv.URL+path, nil)
			req.Header.Set("X-Request-ID", "uji-123")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			h := resp.Header
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("GET %s: CSP %q", path, csp)
			}
			for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Request-Id": "uji-123"} {
				if got := h.Get(k); got != want {
					t.Errorf("GET %s: %s = %q; want %q", path, k, got, want)
				}
			}
		}
	})
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newServer(t, db)
		big := `{"username":"admin","password":"` + strings.Repeat("x", 5000) + `"}`
		resp, err := http.Post(srv.URL+"/api/v1/auth/login", "application/json", strings.NewReader(big))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 413 || !strings.Contains(string(body), `"code":"invalid"`) {
			t.Errorf("oversized body: %d %s; want 413 with the error shape", resp.StatusCode, body)
		}
	})
}
