package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinerja/internal/api"
	"kinerja/internal/blob"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// client calls the API of a test server.
type client struct {
	t     *testing.T
	base  string
	token string
	db    *sqldb.DB // the server's store, to deliver its events
}

func newServer(t *testing.T, db *sqldb.DB) *client {
	t.Helper()
	if _, _, err := db.EnsureAdmin(t.Context(), adminPassword); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.New(api.Config{DB: db, Blobs: &blob.Store{Dir: t.TempDir()}, TokenTTL: time.Hour}))
	t.Cleanup(srv.Close)
	return &client{t: t, base: srv.URL, db: db}
}

const adminPassword = "rahasia-admin-123"

// do sends a request with a JSON body (nil for none) and decodes a JSON answer into a map.
func (c *client) do(method, path string, body any) (int, map[string]any) {
	c.t.Helper()
	var rd io.Reader
	if s, ok := body.(string); ok {
		rd = strings.NewReader(s)
	} else if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, raw := c.send(req)
	var out map[string]any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &out); err != nil {
			c.t.Fatalf("%s %s: body is not JSON: %q", method, path, raw)
		}
	}
	return resp.StatusCode, out
}

// send sends req with the client's token and reads the answer, which must match openapi.json.
func (c *client) send(req *http.Request) (*http.Response, []byte) {
	c.t.Helper()
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := (&http.Client{Transport: validating{c.t}}).Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp, raw
}

// login returns a client holding the token of username.
func (c *client) login(username, password string) *client {
	c.t.Helper()
	status, body := c.do("POST", "/api/v1/auth/login", map[string]string{"username": username, "password": password})
	if status != http.StatusOK {
		c.t.Fatalf("login %s: status %d, %v", username, status, body)
	}
	return &client{t: c.t, base: c.base, token: body["token"].(string), db: c.db}
}

// errorCode checks the error shape of CONTRACT.md and returns its code.
func errorCode(t *testing.T, body map[string]any) string {
	t.Helper()
	e, ok := body["error"].(map[string]any)
	if !ok {
		t.Fatalf("body %v has no error object", body)
	}
	if _, ok := e["message"].(string); !ok {
		t.Errorf("error %v has no message", e)
	}
	if _, ok := e["fields"].(map[string]any); !ok {
		t.Errorf("error %v has no fields object", e)
	}
	code, _ := e["code"].(string)
	return code
}

func field(body map[string]any, name string) string {
	e, _ := body["error"].(map[string]any)
	f, _ := e["fields"].(map[string]any)
	s, _ := f[name].(string)
	return s
}

func TestLogin(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		c := newServer(t, db)
		tests := []struct {
			name       string
			body       any
			wantStatus int
			wantCode   string
		}{
			{"wrong password", map[string]string{"username": "admin", "password": "salah-sekali"}, 401, "unauthorized"},
			{"unknown user", map[string]string{"username": "siapa", "password": "salah-sekali"}, 401, "unauthorized"},
			{"malformed json", `{"username":`, 400, "invalid"},
		}
		var messages []string
		for _, tt := range tests {
			status, body := c.do("POST", "/api/v1/auth/login", tt.body)
			if status != tt.wantStatus || errorCode(t, body) != tt.wantCode {
				t.Errorf("%s: status %d, %v; want %d %s", tt.name, status, body, tt.wantStatus, tt.wantCode)
			}
			if tt.wantStatus == 401 {
				messages = append(messages, body["error"].(map[string]any)["message"].(string))
			}
		}
		if messages[0] != messages[1] {
			t.Errorf("wrong password says %q, unknown user says %q; want the same answer", messages[0], messages[1])
		}

		status, body := c.do("POST", "/api/v1/auth/login", map[string]string{"username": "Admin", "password": adminPassword})
		if status != 200 || body["token"] == "" {
			t.Fatalf("login: status %d, %v; want 200 with token", status, body)
		}
		u := body["user"].(map[string]any)
		for _, k := range []string{"id", "username", "roles", "employee_id"} {
			if _, ok := u[k]; !ok {
				t.Errorf("login user lacks %q: %v", k, u)
			}
		}
	})
}

func TestAuthRequired(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		c := newServer(t, db)
		for _, tok := range []string{"", "bukan-token"} {
			c.token = tok
			status, body := c.do("GET", "/api/v1/users", nil)
			if status != 401 || errorCode(t, body) != "unauthorized" {
				t.Errorf("GET /api/v1/users with token %q: status %d, %v; want 401 unauthorized", tok, status, body)
			}
		}
		admin := c.login("admin", adminPassword)
		admin.do("POST", "/api/v1/users", map[string]any{"username": "pegawai1", "password": "kata-sandi-kuat", "roles": []string{"pegawai"}})
		peg := c.login("pegawai1", "kata-sandi-kuat")
		for _, call := range [][2]string{{"GET", "/api/v1/users"}, {"POST", "/api/v1/users"}, {"GET", "/api/v1/audit"}} {
			status, body := peg.do(call[0], call[1], map[string]any{"username": "x"})
			if status != 403 || errorCode(t, body) != "forbidden" {
				t.Errorf("pegawai %s %s: status %d, %v; want 403 forbidden", call[0], call[1], status, body)
			}
		}
		// The installation admin belongs to no organisation: to others it does not exist.
		if status, body := peg.do("GET", "/api/v1/users/1", nil); status != 404 || errorCode(t, body) != "not_found" {
			t.Errorf("pegawai GET /api/v1/users/1: status %d, %v; want 404 not_found", status, body)
		}
		if status, body := peg.do("GET", "/api/v1/me", nil); status != 200 || body["username"] != "pegawai1" {
			t.Errorf("pegawai GET /api/v1/me: %d %v", status, body)
		}
		if status, _ := peg.do("POST", "/api/v1/auth/logout", nil); status != 204 {
			t.Errorf("logout: status %d; want 204", status)
		}
		if status, _ := peg.do("GET", "/api/v1/me", nil); status != 401 {
			t.Errorf("after logout GET /api/v1/me: status %d; want 401", status)
		}
	})
}

func TestUsersAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		admin := f.admin
		status, body := admin.do("POST", "/api/v1/users", map[string]any{"org_id": f.org, "username": "siti", "name": "Siti Aminah, S.E.", "password": "kata-sandi-kuat", "roles": []string{"pegawai", "atasan"}})
		if status != 201 || body["id"] == nil {
			t.Fatalf("create: status %d, %v; want 201 with id", status, body)
		}
		id := int(body["id"].(float64))
		path := "/api/v1/users/" + itoa(id)

		status, body = admin.do("POST", "/api/v1/users", map[string]any{"username": "siti", "password": "kata-sandi-kuat", "roles": []string{"pegawai"}})
		if status != 409 || errorCode(t, body) != "conflict" {
			t.Errorf("duplicate: status %d, %v; want 409", status, body)
		}
		status, body = admin.do("POST", "/api/v1/users", map[string]any{"username": "a b", "password": "x", "roles": []string{}})
		if status != 422 || field(body, "username") == "" || field(body, "password") == "" || field(body, "roles") == "" {
			t.Errorf("invalid: status %d, %v; want 422 naming username, password, roles", status, body)
		}

		status, body = admin.do("PATCH", path, map[string]any{"name": "Siti Aminah", "employee_id": f.emp["kasi.pem"]})
		if status != 200 || body["name"] != "Siti Aminah" || body["employee_id"] != float64(f.emp["kasi.pem"]) || body["org_id"] != float64(f.org) {
			t.Errorf("patch: status %d, %v", status, body)
		}
		if status, body = admin.do("PATCH", path, map[string]any{"employee_id": 424242}); status != 422 || field(body, "employee_id") == "" {
			t.Errorf("patch unknown employee: status %d, %v; want 422 naming employee_id", status, body)
		}
		status, body = admin.do("PATCH", path, map[string]any{"employee_id": nil})
		if status != 200 || body["employee_id"] != nil || body["name"] != "Siti Aminah" {
			t.Errorf("patch unlink: status %d, %v; want employee_id null, name kept", status, body)
		}

		siti := admin.login("siti", "kata-sandi-kuat")
		status, body = siti.do("PUT", "/api/v1/me/password", map[string]string{"current_password": "salah", "new_password": "kata-sandi-baru"})
		if status != 422 || field(body, "current_password") == "" {
			t.Errorf("change with wrong current: %d %v; want 422 naming current_password", status, body)
		}
		if status, _ = siti.do("PUT", "/api/v1/me/password", map[string]string{"current_password": "kata-sandi-kuat", "new_password": "kata-sandi-baru"}); status != 200 {
			t.Errorf("change password: status %d; want 200", status)
		}
		if status, _ = admin.do("POST", "/api/v1/auth/login", map[string]string{"username": "siti", "password": "kata-sandi-kuat"}); status != 401 {
			t.Errorf("login with old password: status %d; want 401", status)
		}

		status, body = admin.do("PATCH", path, map[string]any{"active": false})
		if status != 200 || body["active"] != false {
			t.Errorf("deactivate: status %d, %v", status, body)
		}
		if status, _ = siti.do("GET", "/api/v1/me", nil); status != 401 {
			t.Errorf("deactivated user's token: status %d; want 401", status)
		}
		if status, _ = admin.do("POST", "/api/v1/auth/login", map[string]string{"username": "siti", "password": "kata-sandi-baru"}); status != 401 {
			t.Errorf("deactivated user login: status %d; want 401", status)
		}

		if status, _ = admin.do("GET", "/api/v1/users/99999", nil); status != 404 {
			t.Errorf("unknown user: status %d; want 404", status)
		}
		status, body = admin.do("GET", "/api/v1/audit?entity=user&entity_id="+itoa(id)+"&limit=2", nil)
		items, _ := body["items"].([]any)
		if status != 200 || len(items) != 2 || body["next_cursor"] == "" {
			t.Fatalf("audit page 1: status %d, %v; want 2 items and a cursor", status, body)
		}
		status, body = admin.do("GET", "/api/v1/audit?entity=user&entity_id="+itoa(id)+"&cursor="+body["next_cursor"].(string), nil)
		items, _ = body["items"].([]any)
		if status != 200 || len(items) < 2 {
			t.Errorf("audit page 2: status %d, %v", status, body)
		}
		if status, body = admin.do("GET", "/api/v1/audit?from=kemarin", nil); status != 422 || field(body, "from") == "" {
			t.Errorf("audit bad date: status %d, %v; want 422 naming from", status, body)
		}
	})
}

func TestUsersList(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		admin := newServer(t, db).login("admin", adminPassword)
		for _, n := range []string{"ani", "budi", "citra"} {
			admin.do("POST", "/api/v1/users", map[string]any{"username": n, "password": "kata-sandi-kuat", "roles": []string{"pegawai"}})
		}
		var seen []string
		cursor := ""
		for range 5 {
			status, body := admin.do("GET", "/api/v1/users?role=pegawai&limit=2&cursor="+cursor, nil)
			if status != 200 {
				t.Fatalf("list: status %d, %v", status, body)
			}
			for _, it := range body["items"].([]any) {
				seen = append(seen, it.(map[string]any)["username"].(string))
			}
			if cursor = body["next_cursor"].(string); cursor == "" {
				break
			}
		}
		if strings.Join(seen, ",") != "ani,budi,citra" {
			t.Errorf("paged list = %v; want ani,budi,citra", seen)
		}
		for _, q := range []string{"limit=0", "limit=501", "cursor=xyz", "role=raja", "active=mungkin"} {
			if status, body := admin.do("GET", "/api/v1/users?"+q, nil); status != 422 || errorCode(t, body) != "invalid" {
				t.Errorf("GET /api/v1/users?%s: status %d; want 422", q, status)
			}
		}
	})
}

func TestUnrouted(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		c := newServer(t, db)
		if status, body := c.do("GET", "/api/v1/tidak-ada", nil); status != 404 || errorCode(t, body) != "not_found" {
			t.Errorf("unknown path: status %d, %v; want 404 not_found", status, body)
		}
		if status, body := c.do("DELETE", "/api/v1/users", nil); status != 405 || errorCode(t, body) != "invalid" {
			t.Errorf("wrong method: status %d, %v; want 405", status, body)
		}
		if status, body := c.do("GET", "/api/v1/openapi.json", nil); status != 200 || body["openapi"] == nil {
			t.Errorf("openapi.json: status %d", status)
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }
