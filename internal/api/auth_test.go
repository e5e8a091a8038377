package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

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

// postLogin posts credentials and returns the status, the Retry-After header and the body.
func (c *client) postLogin(username, password string) (int, string, map[string]any) {
	c.t.Helper()
	b, _ := json.Marshal(map[string]string{"username": username, "password": password})
	req, err := http.NewRequest("POST", c.base+"/api/v1/auth/login", bytes.NewReader(b))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, raw := c.send(req)
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		c.t.Fatalf("login: body is not JSON: %q", raw)
	}
	return resp.StatusCode, resp.Header.Get("Retry-After"), body
}

func TestLoginThrottle(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		clock := newTestClock(db)
		c := newServer(t, db)
		for _, username := range []string{"admin", "tidak-ada"} {
			for i := 1; i <= 5; i++ {
				if status, _, _ := c.postLogin(username, "salah-sekali"); status != 401 {
					t.Fatalf("%s attempt %d: status %d; want 401", username, i, status)
				}
			}
			status, retry, body := c.postLogin(username, adminPassword)
			if status != 429 || errorCode(t, body) != "rate_limited" || retry != "1" {
				t.Errorf("%s 6th attempt: status %d, Retry-After %q, %v; want 429 rate_limited after 1 s", username, status, retry, body)
			}
			if msg := body["error"].(map[string]any)["message"]; msg != kinerja.MsgLoginThrottled {
				t.Errorf("%s 6th attempt says %q; want %q", username, msg, kinerja.MsgLoginThrottled)
			}
		}
		// Another username is not affected.
		if status, _, _ := c.postLogin("lain", "salah-sekali"); status != 401 {
			t.Errorf("other username: status %d; want 401", status)
		}
		// After the delay the right password works: no 15-minute lock.
		clock.Add(time.Second)
		if status, _, body := c.postLogin("admin", adminPassword); status != 200 {
			t.Errorf("right password after the delay: status %d, %v; want 200", status, body)
		}
	})
}

// TestLogin_ConcurrentWrongPasswords replays the attack of issue 11 through the API: 200
// wrong passwords for one user sent at once all got 401, because the failures were counted
// only after the check. Each 401 is a password compared with the hash.
func TestLogin_ConcurrentWrongPasswords(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		newTestClock(db)
		c := newServer(t, db)
		const n = 200
		type answer struct {
			status int
			retry  string
		}
		answers := make([]answer, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Go(func() {
				<-start
				b, _ := json.Marshal(map[string]string{"username": "admin", "password": "tebakan-" + strconv.Itoa(i)})
				resp, err := http.Post(c.base+"/api/v1/auth/login", "application/json", bytes.NewReader(b))
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				answers[i] = answer{resp.StatusCode, resp.Header.Get("Retry-After")}
			})
		}
		close(start)
		wg.Wait()
		counts := map[int]int{}
		for _, a := range answers {
			counts[a.status]++
			if a.status == 429 && a.retry == "" {
				t.Errorf("429 without Retry-After")
			}
		}
		if counts[401] > 10 || counts[401]+counts[429] != n {
			t.Errorf("%d concurrent wrong passwords: answers %v; want at most 10 checked (401), the rest 429", n, counts)
		}
	})
}

// TestMustChangePassword: a password set by an admin opens nothing but the calls to change it.
func TestMustChangePassword(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		peg := f.as("staf.pem")
		me, body := peg.do("GET", "/api/v1/me", nil)
		if me != 200 {
			t.Fatalf("GET /api/v1/me: %d %v", me, body)
		}
		id := int(body["id"].(float64))
		if status, body := f.admin.do("POST", "/api/v1/users/"+strconv.Itoa(id)+"/password", map[string]string{"password": "sandi-dari-admin"}); status != 200 || body["must_change_password"] != true {
			t.Fatalf("reset password: %d %v; want 200 with must_change_password", status, body)
		}
		peg = f.c.login("staf.pem", "sandi-dari-admin")

		for _, call := range [][2]string{{"GET", "/api/v1/periods"}, {"GET", "/api/v1/skp"}, {"GET", "/api/v1/employees"},
			{"POST", "/api/v1/activities"}, {"GET", "/api/v1/settings"}, {"GET", "/api/v1/peer-tasks"}} {
			status, body := peg.do(call[0], call[1], map[string]any{})
			if status != 403 || errorCode(t, body) != "forbidden" || body["error"].(map[string]any)["message"] != kinerja.MsgPasswordChange {
				t.Errorf("%s %s before the change: %d %v; want 403 forbidden saying the password must change", call[0], call[1], status, body)
			}
		}
		if status, body := peg.do("GET", "/api/v1/me", nil); status != 200 || body["must_change_password"] != true {
			t.Errorf("GET /api/v1/me: %d %v; want 200 with must_change_password", status, body)
		}
		if status, body := peg.do("PUT", "/api/v1/me/password", map[string]string{"current_password": "sandi-dari-admin", "new_password": "sandi-sendiri-123"}); status != 200 || body["must_change_password"] != false {
			t.Fatalf("PUT /api/v1/me/password: %d %v; want 200", status, body)
		}
		if status, body := peg.do("GET", "/api/v1/periods", nil); status != 200 {
			t.Errorf("GET /api/v1/periods after the change: %d %v; want 200", status, body)
		}

		// Logging out stays open.
		f.admin.do("POST", "/api/v1/users/"+strconv.Itoa(id)+"/password", map[string]string{"password": "sandi-dari-admin-2"})
		peg = f.c.login("staf.pem", "sandi-dari-admin-2")
		if status, _ := peg.do("POST", "/api/v1/auth/logout", nil); status != 204 {
			t.Errorf("logout: status %d; want 204", status)
		}
	})
}
