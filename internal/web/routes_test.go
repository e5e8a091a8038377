package web_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
	"kinerja/internal/web"
)

func TestFallback(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		tests := []struct {
			method, path string
			status       int
			allow        string
			text         string
		}{
			{http.MethodGet, "/tidak-ada", http.StatusNotFound, "", "Halaman tidak ditemukan"},
			{http.MethodGet, "/admin/users/1/extra", http.StatusNotFound, "", "Halaman tidak ditemukan"},
			{http.MethodGet, "/static/abc/missing.css", http.StatusNotFound, "", "Halaman tidak ditemukan"},
			{http.MethodPost, "/", http.StatusMethodNotAllowed, "GET, HEAD", kinerja.MsgMethodNotAllowed},
			{http.MethodGet, "/logout", http.StatusMethodNotAllowed, "POST", kinerja.MsgMethodNotAllowed},
			{http.MethodDelete, "/profile", http.StatusMethodNotAllowed, "GET, HEAD, POST", kinerja.MsgMethodNotAllowed},
			{http.MethodGet, "/admin/users/7/password", http.StatusMethodNotAllowed, "POST", kinerja.MsgMethodNotAllowed},
		}
		for _, tt := range tests {
			res := srv.client(t).do(tt.method, tt.path, nil)
			res.wantStatus(t, tt.status)
			res.wantBody(t, tt.text, `<a class="button primary" href="/">`)
			if got := res.Header.Get("Allow"); got != tt.allow {
				t.Errorf("%s %s Allow = %q; want %q", tt.method, tt.path, got, tt.allow)
			}
		}
		// A logged-in user sees the page in their own navigation.
		srv.loginAdmin(t).get("/tidak-ada").wantBody(t, `action="/logout"`)
	})
}

func TestServeHTTP_Pattern(t *testing.T) {
	t.Parallel()
	db := sqldbtest.MustOpenDB(t, sqldb.SQLite)
	h, err := web.New(web.Config{DB: db, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ method, path, pattern string }{
		{http.MethodGet, "/login", "GET /login"},
		{http.MethodGet, "/", "GET /{$}"},
		{http.MethodGet, "/admin/users/5", "GET /admin/users/{id}"},
		{http.MethodGet, "/nope", "/"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, tt.path, nil)
		h.ServeHTTP(httptest.NewRecorder(), r)
		if r.Pattern != tt.pattern {
			t.Errorf("%s %s: r.Pattern = %q; want %q", tt.method, tt.path, r.Pattern, tt.pattern)
		}
	}
}

func TestErrorPage(t *testing.T) {
	t.Parallel()
	db := sqldbtest.MustOpenDB(t, sqldb.SQLite)
	h, err := web.New(web.Config{DB: db, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		acceptLanguage string
		status         int
		message        string
		want           []string
	}{
		{"", http.StatusForbidden, kinerja.MsgCrossOrigin, []string{`lang="id"`, "Akses ditolak", kinerja.MsgCrossOrigin}},
		{"en", http.StatusForbidden, kinerja.MsgCrossOrigin, []string{`lang="en"`, "Access denied", "Cross-site request refused for security."}},
		{"", http.StatusNotFound, "", []string{"Halaman tidak ditemukan"}},
		{"", http.StatusTooManyRequests, "", []string{"Terlalu banyak permintaan"}},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodPost, "/profile", nil)
		r.Header.Set("Accept-Language", tt.acceptLanguage)
		w := httptest.NewRecorder()
		h.ErrorPage(w, r, tt.status, tt.message)
		res := &response{method: "ErrorPage", path: r.URL.Path, Status: w.Code, Header: w.Header(), Body: w.Body.String()}
		res.wantStatus(t, tt.status)
		res.wantBody(t, tt.want...)
		if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("ErrorPage Content-Type = %q; want text/html; charset=utf-8", ct)
		}
	}
}

func TestInternalError(t *testing.T) {
	t.Parallel()
	db := sqldbtest.MustOpenDB(t, sqldb.SQLite)
	srv := newTestServer(t, db)
	c := srv.loginAdmin(t)
	u, _ := url.Parse(srv.URL)
	cookies := c.http.Jar.Cookies(u)
	db.Close() // every query now fails

	res := c.get("/")
	res.wantStatus(t, http.StatusInternalServerError)
	res.wantBody(t, kinerja.MsgInternal, `href="/"`)

	// The page names the request id that the server put in the context, for support.
	r := httptest.NewRequest(http.MethodGet, "/profile", nil)
	for _, ck := range cookies {
		r.AddCookie(ck)
	}
	r = r.WithContext(kinerja.NewContextWithRequestID(r.Context(), "req-42"))
	w := httptest.NewRecorder()
	srv.handler.ServeHTTP(w, r)
	if w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), "<code>req-42</code>") {
		t.Errorf("GET /profile with the database down: %d; want 500 naming request id req-42\n%s", w.Code, excerpt(w.Body.String()))
	}
}

func TestForm_TooLarge(t *testing.T) {
	t.Parallel()
	db := sqldbtest.MustOpenDB(t, sqldb.SQLite)
	srv := newTestServer(t, db)
	res := srv.client(t).post("/login", url.Values{"username": {strings.Repeat("a", 100<<10)}})
	res.wantStatus(t, http.StatusRequestEntityTooLarge)
}

func TestNew_NoDB(t *testing.T) {
	t.Parallel()
	if _, err := web.New(web.Config{}); err == nil {
		t.Errorf("web.New(Config{}) error = nil; want an error for the missing DB")
	}
}
