package server_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"kinerja/internal/server"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
	"kinerja/internal/web"
)

// scrape reads the metrics through h with the Authorization header auth ("" for none).
func scrape(t *testing.T, h http.Handler, auth string) (int, string) {
	t.Helper()
	req := httptest.NewRequest("GET", "/metrics", nil)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// syncBuffer is a log sink that handlers on several goroutines may write to.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestMetrics checks that the metrics are not on the public port, that their own handler
// wants the token when there is one, and that they count requests by route and status.
func TestMetrics(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		m := server.NewMetrics()
		srv := newServerWith(t, db, server.Config{Metrics: m})
		for range 2 {
			resp, err := http.Post(srv.URL+"/api/v1/auth/login", "application/json", strings.NewReader(`{"username":"admin","password":"salah-salah"}`))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		}
		resp, err := http.Get(srv.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound || strings.Contains(string(body), "kinerja_http_requests_total") {
			t.Errorf("GET /metrics on the public port = %d; want 404 without the metrics", resp.StatusCode)
		}

		const token = "rahasia-metrik-123"
		tests := []struct {
			name, token, auth string
			want              int
		}{
			{"no token configured", "", "", 200},
			{"token missing", token, "", 401},
			{"token wrong", token, "Bearer rahasia-metrik-124", 401},
			{"token as basic auth", token, "Basic " + token, 401},
			{"token right", token, "Bearer " + token, 200},
		}
		for _, tt := range tests {
			status, body := scrape(t, m.Handler(tt.token), tt.auth)
			if status != tt.want {
				t.Errorf("%s: GET /metrics = %d; want %d", tt.name, status, tt.want)
			}
			if tt.want != 200 {
				if strings.Contains(body, "kinerja_http_requests_total") {
					t.Errorf("%s: the refusal shows the metrics", tt.name)
				}
				continue
			}
			for _, want := range []string{
				`kinerja_http_requests_total{route="POST /api/v1/auth/login",status="401"} 2`,
				`kinerja_http_request_duration_seconds_count{route="POST /api/v1/auth/login",status="401"} 2`,
			} {
				if !strings.Contains(body, want) {
					t.Errorf("%s: /metrics lacks %q", tt.name, want)
				}
			}
		}
		req := httptest.NewRequest("GET", "/healthz", nil)
		rec := httptest.NewRecorder()
		m.Handler("").ServeHTTP(rec, req)
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET /healthz on the metrics handler = %d; want 404: it serves only /metrics", rec.Code)
		}
	})
}

// TestMetricsHideAnswers checks that neither the metrics nor the access log tell when an
// upward or peer answer arrived: every write of the feedback family is counted and logged
// under one label, without its path.
func TestMetricsHideAnswers(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		m := server.NewMetrics()
		var logs syncBuffer
		log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		srv := newServerWith(t, db, server.Config{Metrics: m, Logger: log})
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		answers := []struct{ path, contentType, body string }{
			{"/api/v1/upward-feedback", "application/json", `{"leader_id":1,"year":2025,"clarity":4,"support":4,"openness":4,"fairness":4}`},
			{"/api/v1/upward-feedback/replies", "application/json", `{"year":2025,"text":"terima kasih"}`},
			{"/api/v1/peer-tasks/7/answer", "application/json", `{"ratings":{},"comment":""}`},
			{"/api/v1/feedback", "application/json", `{"about_employee_id":1,"text":"bagus"}`},
			{"/upward/give", "application/x-www-form-urlencoded", "leader_id=1&year=2025"},
			{"/peer-tasks/7", "application/x-www-form-urlencoded", "comment=x"},
			{"/employees/3/feedback", "application/x-www-form-urlencoded", "mode=give&text=x"},
		}
		for _, a := range answers {
			req, _ := http.NewRequest("POST", srv.URL+a.path, strings.NewReader(a.body))
			req.Header.Set("Content-Type", a.contentType)
			req.Header.Set("Authorization", "Bearer token-yang-tidak-ada")
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		}
		status, body := scrape(t, m.Handler(""), "")
		if status != 200 {
			t.Fatalf("GET /metrics = %d", status)
		}
		for _, line := range strings.Split(body, "\n") {
			if strings.HasPrefix(line, "kinerja_http_") && (strings.Contains(line, "upward") || strings.Contains(line, "peer") || strings.Contains(line, "feedback\"") || strings.Contains(line, "/feedback")) {
				t.Errorf("/metrics counts a feedback write under its own route: %s", line)
			}
		}
		var grouped int
		for _, line := range strings.Split(body, "\n") {
			if strings.HasPrefix(line, `kinerja_http_requests_total{route="feedback writes"`) {
				n, err := strconv.Atoi(line[strings.LastIndex(line, " ")+1:])
				if err != nil {
					t.Fatalf("bad metric line %q", line)
				}
				grouped += n
			}
		}
		if grouped != len(answers) {
			t.Errorf("/metrics counts %d requests under route=\"feedback writes\"; want %d\n%s", grouped, len(answers), body)
		}
		for _, line := range strings.Split(logs.String(), "\n") {
			if strings.Contains(line, "msg=request") && (strings.Contains(line, "upward") || strings.Contains(line, "peer-tasks") || strings.Contains(line, "/feedback")) {
				t.Errorf("the access log names a feedback write: %s", line)
			}
		}
	})
}

// TestClientClosedRequest checks that a request whose client went away before the store
// answered is recorded as 499 and logged without an error, on the pages and in the API.
func TestClientClosedRequest(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		m := server.NewMetrics()
		var logs syncBuffer
		log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		h, err := server.New(server.Config{DB: db, Metrics: m, Logger: log})
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name, path, route string
			prepare           func(*http.Request)
		}{
			// Both need the database to look the session or token up.
			{"page", "/", "GET /{$}", func(r *http.Request) { r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: "sesi-apa-saja"}) }},
			{"api", "/api/v1/me", "GET /api/v1/me", func(r *http.Request) { r.Header.Set("Authorization", "Bearer token-apa-saja") }},
		}
		for _, tt := range tests {
			ctx, cancel := context.WithCancel(context.Background())
			cancel() // the client is gone before the store is asked
			req := httptest.NewRequest("GET", tt.path, nil).WithContext(ctx)
			tt.prepare(req)
			h.ServeHTTP(httptest.NewRecorder(), req)
		}
		_, body := scrape(t, m.Handler(""), "")
		for _, tt := range tests {
			want := `kinerja_http_requests_total{route="` + tt.route + `",status="499"} 1`
			if !strings.Contains(body, want) {
				t.Errorf("%s: /metrics lacks %q", tt.name, want)
			}
		}
		if strings.Contains(body, `status="500"`) {
			t.Errorf("/metrics counts a closed request as 500:\n%s", body)
		}
		if out := logs.String(); strings.Contains(out, "level=ERROR") || !strings.Contains(out, "client closed request") {
			t.Errorf("log of closed requests: want no ERROR line and \"client closed request\":\n%s", out)
		}
	})
}
