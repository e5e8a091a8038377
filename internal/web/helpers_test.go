package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinerja/internal/blob"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
	"kinerja/internal/web"
)

// adminPassword is the password of the admin every test server starts with.
const adminPassword = "rahasia-admin-123"

// testServer is the real web handler on a real store, with an admin account.
type testServer struct {
	*httptest.Server
	db      *sqldb.DB
	blobs   *blob.Store
	handler *web.Handler
}

func newTestServer(t *testing.T, db *sqldb.DB) *testServer {
	t.Helper()
	return newTestServerConfig(t, web.Config{DB: db})
}

// newTestServerConfig starts a server for cfg; evidence files go to a temporary directory
// unless cfg names a store.
func newTestServerConfig(t *testing.T, cfg web.Config) *testServer {
	t.Helper()
	if cfg.Blobs == nil {
		cfg.Blobs = &blob.Store{Dir: t.TempDir()}
	}
	if _, _, err := cfg.DB.EnsureAdmin(context.Background(), adminPassword); err != nil {
		t.Fatalf("EnsureAdmin: %v", err)
	}
	cfg.Logger = slog.New(slog.DiscardHandler)
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = time.Hour
	}
	cfg.Version = "test"
	h, err := web.New(cfg)
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &testServer{Server: srv, db: cfg.DB, blobs: cfg.Blobs, handler: h}
}

// adminContext returns a context acting as the admin, for preparing data in the store.
func (s *testServer) adminContext(t *testing.T) context.Context {
	t.Helper()
	ctx, _ := sqldbtest.AdminContext(t, s.db)
	return ctx
}

// createUser creates a user with password sqldbtest.Password.
func (s *testServer) createUser(t *testing.T, username string, roles ...kinerja.Role) *kinerja.User {
	t.Helper()
	return sqldbtest.MustCreateUser(t, s.db, s.adminContext(t), username, roles...)
}

// client is a browser: it keeps cookies and does not follow redirects, so tests see them.
type client struct {
	t      *testing.T
	srv    *testServer
	http   *http.Client
	header http.Header
}

func (s *testServer) client(t *testing.T) *client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &client{t: t, srv: s, header: http.Header{}, http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// response is a read response.
type response struct {
	method, path string
	Status       int
	Header       http.Header
	Body         string
	Cookies      []*http.Cookie
}

func (c *client) do(method, path string, form url.Values) *response {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.srv.URL+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	buf, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return &response{method: method, path: path, Status: res.StatusCode, Header: res.Header, Body: string(buf), Cookies: res.Cookies()}
}

// postFile posts a multipart form with fields and, when content is not nil, a file in the
// field "file" named filename, as a browser form with enctype multipart/form-data does.
func (c *client) postFile(path string, fields url.Values, filename string, content []byte) *response {
	c.t.Helper()
	var parts []sqldbtest.FormPart
	for k, vs := range fields {
		for _, v := range vs {
			parts = append(parts, sqldbtest.FormPart{Name: k, Value: v})
		}
	}
	if content != nil {
		parts = append(parts, sqldbtest.FormPart{Name: "file", Value: string(content), Filename: filename})
	}
	body, contentType := sqldbtest.MultipartForm(c.t, parts...)
	req, err := http.NewRequest(http.MethodPost, c.srv.URL+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", contentType)
	return c.send(req)
}

// send sends req and reads the response.
func (c *client) send(req *http.Request) *response {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	buf, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read body: %v", req.Method, req.URL.Path, err)
	}
	return &response{method: req.Method, path: req.URL.RequestURI(), Status: res.StatusCode, Header: res.Header, Body: string(buf), Cookies: res.Cookies()}
}

func (c *client) get(path string) *response { c.t.Helper(); return c.do(http.MethodGet, path, nil) }

func (c *client) post(path string, form url.Values) *response {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	return c.do(http.MethodPost, path, form)
}

// login logs in and fails the test unless it succeeds.
func (c *client) login(username, password string) {
	c.t.Helper()
	res := c.post("/login", url.Values{"username": {username}, "password": {password}})
	res.wantRedirect(c.t, "/")
}

// loginAdmin returns a client logged in as the admin.
func (s *testServer) loginAdmin(t *testing.T) *client {
	t.Helper()
	c := s.client(t)
	c.login("admin", adminPassword)
	return c
}

func (r *response) wantStatus(t *testing.T, want int) {
	t.Helper()
	if r.Status != want {
		t.Fatalf("%s %s status = %d; want %d\n%s", r.method, r.path, r.Status, want, excerpt(r.Body))
	}
}

func (r *response) wantRedirect(t *testing.T, location string) {
	t.Helper()
	r.wantStatus(t, http.StatusSeeOther)
	if got := r.Header.Get("Location"); got != location {
		t.Fatalf("%s %s Location = %q; want %q", r.method, r.path, got, location)
	}
}

func (r *response) wantBody(t *testing.T, substrings ...string) {
	t.Helper()
	for _, s := range substrings {
		if !strings.Contains(r.Body, s) {
			t.Errorf("%s %s body does not contain %q\n%s", r.method, r.path, s, excerpt(r.Body))
		}
	}
}

func (r *response) wantNoBody(t *testing.T, substrings ...string) {
	t.Helper()
	for _, s := range substrings {
		if strings.Contains(r.Body, s) {
			t.Errorf("%s %s body contains %q; want it absent", r.method, r.path, s)
		}
	}
}

// excerpt shortens a body for a failure message: the <main> element when there is one.
func excerpt(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	if len(body) > 3000 {
		body = body[:3000] + "…"
	}
	return body
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
