package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
	"kinerja/internal/web"
)

func TestLoginPage_Locale(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		tests := []struct {
			acceptLanguage string
			lang, text     string
		}{
			{"", "id", "Masuk"},
			{"en-US", "en", "Log in"},
			{"en-GB,en;q=0.9", "en", "Log in"},
			{"id-ID,id;q=0.9,en;q=0.8", "id", "Masuk"},
			{"fr-FR", "id", "Masuk"},
			{"fr, en;q=0.5", "en", "Log in"},
		}
		for _, tt := range tests {
			c := srv.client(t)
			if tt.acceptLanguage != "" {
				c.header.Set("Accept-Language", tt.acceptLanguage)
			}
			res := c.get("/login")
			res.wantStatus(t, http.StatusOK)
			if !strings.Contains(res.Body, `<html lang="`+tt.lang+`">`) || !strings.Contains(res.Body, tt.text) {
				t.Errorf("GET /login with Accept-Language %q: want lang=%q and %q\n%s", tt.acceptLanguage, tt.lang, tt.text, excerpt(res.Body))
			}
			res.wantBody(t, `name="username"`, `name="password"`, `name="next"`, `for="username"`, `for="password"`)
		}
	})
}

func TestLogin(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		c := srv.client(t)
		res := c.post("/login", url.Values{"username": {"admin"}, "password": {adminPassword}})
		res.wantRedirect(t, "/")
		var cookie *http.Cookie
		for _, ck := range res.Cookies {
			if ck.Name == web.SessionCookie {
				cookie = ck
			}
		}
		if cookie == nil || cookie.Value == "" {
			t.Fatalf("POST /login cookies = %v; want %s", res.Cookies, web.SessionCookie)
		}
		if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" || cookie.Secure {
			t.Errorf("session cookie = %+v; want HttpOnly, SameSite=Lax, Path=/, not Secure over plain HTTP", cookie)
		}
		if cookie.MaxAge <= 0 {
			t.Errorf("session cookie MaxAge = %d; want the session TTL", cookie.MaxAge)
		}

		res = c.get("/")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="dashboard-title"`, "Administrator", `action="/logout"`)
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET / Cache-Control = %q; want no-store", cc)
		}

		// A logged-in user who opens the login page goes on to where they were headed.
		c.get("/login?next=%2Fprofile").wantRedirect(t, "/profile")
	})
}

func TestLogin_SecureCookies(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServerConfig(t, web.Config{DB: db, SecureCookies: true})
		res := srv.client(t).post("/login", url.Values{"username": {"admin"}, "password": {adminPassword}})
		res.wantStatus(t, http.StatusSeeOther)
		if len(res.Cookies) != 1 || !res.Cookies[0].Secure {
			t.Errorf("POST /login with SecureCookies: cookies = %v; want one Secure cookie", res.Cookies)
		}
	})
}

func TestLogin_Next(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		tests := []struct{ next, want string }{
			{"/profile", "/profile"},
			{"/admin/users?q=budi", "/admin/users?q=budi"},
			{"", "/"},
			{"//evil.example/x", "/"},
			{"/\\evil.example", "/"},
			{"https://evil.example/", "/"},
			{"profile", "/"},
		}
		for _, tt := range tests {
			res := srv.client(t).post("/login", url.Values{"username": {"admin"}, "password": {adminPassword}, "next": {tt.next}})
			if got := res.Header.Get("Location"); res.Status != http.StatusSeeOther || got != tt.want {
				t.Errorf("POST /login next=%q: %d Location %q; want 303 %q", tt.next, res.Status, got, tt.want)
			}
		}
	})
}

func TestLogin_Wrong(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		for _, username := range []string{"admin", "nobody"} {
			res := srv.client(t).post("/login", url.Values{"username": {username}, "password": {"salah-sekali-123"}})
			res.wantStatus(t, http.StatusUnauthorized)
			res.wantBody(t, kinerja.MsgLoginFailed, `id="error-summary"`, `value="`+username+`"`)
			if len(res.Cookies) != 0 {
				t.Errorf("POST /login wrong password for %s set cookies %v; want none", username, res.Cookies)
			}
		}
		c := srv.client(t)
		c.header.Set("Accept-Language", "en")
		res := c.post("/login", url.Values{"username": {"admin"}, "password": {"salah-sekali-123"}})
		res.wantStatus(t, http.StatusUnauthorized)
		res.wantBody(t, "Wrong username or password.")
	})
}

func TestLogin_Throttled(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		clock := newTestClock(db)
		srv := newTestServer(t, db)
		c := srv.client(t)
		wrong := url.Values{"username": {"admin"}, "password": {"salah-sekali-123"}}
		for i := 1; i <= kinerja.LoginLimitPair.Free; i++ {
			if res := c.post("/login", wrong); res.Status != http.StatusUnauthorized {
				t.Fatalf("POST /login attempt %d status = %d; want %d", i, res.Status, http.StatusUnauthorized)
			}
		}
		res := c.post("/login", wrong)
		res.wantStatus(t, http.StatusTooManyRequests)
		res.wantBody(t, kinerja.MsgLoginThrottled, `id="error-summary"`, "Anda dapat mencoba lagi dalam 1 detik.", `value="admin"`)
		if got := res.Header.Get("Retry-After"); got != "1" {
			t.Errorf("Retry-After = %q; want 1", got)
		}
		// The right password waits too: it is not checked before the delay is over.
		res = c.post("/login", url.Values{"username": {"admin"}, "password": {adminPassword}})
		res.wantStatus(t, http.StatusTooManyRequests)
		// In English.
		en := srv.client(t)
		en.header.Set("Accept-Language", "en")
		en.post("/login", wrong).wantBody(t, "Too many login attempts. Wait a moment, then try again.", "You can try again in 1 s.")
		// After the delay the right password works: no 15-minute lock.
		clock.Add(time.Second)
		c.login("admin", adminPassword)
	})
}

func TestAuthRequired(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		tests := []struct{ path, location string }{
			{"/", "/login?next=%2F"},
			{"/profile", "/login?next=%2Fprofile"},
			{"/admin/users?q=budi", "/login?next=%2Fadmin%2Fusers%3Fq%3Dbudi"},
			{"/admin/audit", "/login?next=%2Fadmin%2Faudit"},
		}
		for _, tt := range tests {
			srv.client(t).get(tt.path).wantRedirect(t, tt.location)
		}
		srv.client(t).post("/profile", url.Values{"name": {"x"}}).wantRedirect(t, "/login?next=%2F")
	})
}

func TestLogout(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		c := srv.loginAdmin(t)
		c.get("/").wantStatus(t, http.StatusOK)
		u, _ := url.Parse(srv.URL)
		old := c.http.Jar.Cookies(u)

		res := c.post("/logout", nil)
		res.wantRedirect(t, "/login?ok=logged_out")
		if len(res.Cookies) != 1 || res.Cookies[0].MaxAge >= 0 {
			t.Errorf("POST /logout cookies = %v; want the session cookie cleared", res.Cookies)
		}
		c.get("/").wantRedirect(t, "/login?next=%2F")
		res = c.get("/login?ok=logged_out")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "Anda telah keluar.")

		// The old token no longer works anywhere; the login page says the session ended.
		stale := srv.client(t)
		stale.http.Jar.SetCookies(u, old)
		stale.get("/").wantRedirect(t, "/login?expired=1&next=%2F")
		stale.get("/login?expired=1&next=%2F").wantBody(t, kinerja.MsgSessionExpired)
	})
}

func TestLogin_Deactivated(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		u := srv.createUser(t, "budi", kinerja.RolePegawai)
		budi := srv.client(t)
		budi.login("budi", sqldbtest.Password)

		admin := srv.loginAdmin(t)
		path := "/admin/users/" + itoa(u.ID) + "/deactivate"
		admin.get(path).wantBody(t, `id="confirm-deactivate-button"`)
		admin.post(path, nil).wantRedirect(t, "/admin/users/"+itoa(u.ID)+"?ok=deactivated")

		budi.get("/").wantRedirect(t, "/login?expired=1&next=%2F")
		budi.post("/login", url.Values{"username": {"budi"}, "password": {sqldbtest.Password}}).wantStatus(t, http.StatusUnauthorized)

		admin.post("/admin/users/"+itoa(u.ID)+"/activate", nil).wantRedirect(t, "/admin/users/"+itoa(u.ID)+"?ok=activated")
		budi.login("budi", sqldbtest.Password)
	})
}

// testClock is a store clock the test moves while the server reads it.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newTestClock(db *sqldb.DB) *testClock {
	c := &testClock{now: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.now
	}
	return c
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// TestMustChangePassword: a password set by an admin opens nothing but the password form
// until it is changed.
func TestMustChangePassword(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		u := srv.createUser(t, "rina", kinerja.RolePegawai)
		if err := db.ResetPassword(srv.adminContext(t), u.ID, "sandi-dari-admin"); err != nil {
			t.Fatalf("ResetPassword: %v", err)
		}
		c := srv.client(t)
		c.login("rina", "sandi-dari-admin")

		const form = "/profile?password=required#password"
		for _, path := range []string{"/", "/employees", "/skp", "/notifications", "/activities", "/admin/users"} {
			c.get(path).wantRedirect(t, form)
		}
		for _, path := range []string{"/profile", "/notifications/read", "/activities"} {
			c.post(path, url.Values{"name": {"Nama Baru"}}).wantRedirect(t, form)
		}
		if got, err := db.FindUserByID(srv.adminContext(t), u.ID); err != nil || got.Name == "Nama Baru" {
			t.Errorf("POST /profile while the password must change: user %v, %v; want no change", got, err)
		}

		res := c.get(form)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="notice"`, kinerja.MsgPasswordChange, `id="must-change-password"`, `action="/profile/password"`)
		if res := c.get("/profile"); strings.Contains(res.Body, `id="notice"`) {
			t.Errorf("GET /profile without being sent there shows the notice")
		}
		// The language switch stays open.
		if res := c.post("/language", url.Values{"locale": {"en"}, "next": {"/profile"}}); res.Status != http.StatusSeeOther || res.Header.Get("Location") == form {
			t.Errorf("POST /language: %d to %q; want it to work", res.Status, res.Header.Get("Location"))
		}
		c.post("/language", url.Values{"locale": {"id"}, "next": {"/profile"}})

		// A wrong form stays on the page; the right one lifts the block.
		res = c.post("/profile/password", url.Values{"current_password": {"salah-salah-salah"}, "new_password": {"sandi-rina-sendiri"}, "confirm_password": {"sandi-rina-sendiri"}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		c.post("/profile/password", url.Values{"current_password": {"sandi-dari-admin"}, "new_password": {"sandi-rina-sendiri"}, "confirm_password": {"sandi-rina-sendiri"}}).
			wantRedirect(t, "/profile?ok=password_changed")
		c.get("/").wantStatus(t, http.StatusOK)
		c.get("/employees").wantStatus(t, http.StatusOK)

		// Logging out is open to a user who must change their password.
		if err := db.ResetPassword(srv.adminContext(t), u.ID, "sandi-dari-admin-2"); err != nil {
			t.Fatalf("ResetPassword: %v", err)
		}
		c2 := srv.client(t)
		c2.login("rina", "sandi-dari-admin-2")
		c2.post("/logout", nil).wantRedirect(t, "/login?ok=logged_out")
		c2.get("/").wantRedirect(t, "/login?next=%2F")
	})
}
