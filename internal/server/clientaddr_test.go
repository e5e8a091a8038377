package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/server"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// newProxiedServer is the whole server behind a reverse proxy at 127.0.0.1, with its clock
// stopped at a fixed time.
func newProxiedServer(t *testing.T, db *sqldb.DB, trustedProxy string) *httptest.Server {
	t.Helper()
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	if _, _, err := db.EnsureAdmin(context.Background(), "rahasia-admin-123"); err != nil {
		t.Fatal(err)
	}
	proxies, err := server.ParseTrustedProxies(trustedProxy)
	if err != nil {
		t.Fatal(err)
	}
	h, err := server.New(server.Config{DB: db, SessionTTL: time.Hour, TokenTTL: time.Hour, TrustedProxies: proxies})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// apiLogin posts credentials to the API as forwarded for client and returns the answer.
func apiLogin(t *testing.T, srv *httptest.Server, client, username, password string) (status int, retryAfter string) {
	b, _ := json.Marshal(map[string]string{"username": username, "password": password})
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/auth/login", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", client)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0, ""
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Retry-After")
}

// TestLoginThrottle_BehindProxy replays the attack of issue 11 against the whole server: 200
// wrong passwords for the admin at once from one client, then the owner from another.
func TestLoginThrottle_BehindProxy(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newProxiedServer(t, db, "127.0.0.1")
		const n = 200
		statuses := make([]int, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Go(func() {
				<-start
				statuses[i], _ = apiLogin(t, srv, "203.0.113.7", "admin", "tebakan-salah")
			})
		}
		close(start)
		wg.Wait()
		counts := map[int]int{}
		for _, s := range statuses {
			counts[s]++
		}
		if counts[401] > 10 || counts[401]+counts[429] != n {
			t.Errorf("%d concurrent wrong passwords: %v; want at most 10 checked (401), the rest 429", n, counts)
		}

		// The web form from the attacking client is refused too, in Indonesian, with Retry-After.
		form := url.Values{"username": {"admin"}, "password": {"rahasia-admin-123"}}
		req, _ := http.NewRequest("POST", srv.URL+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", "203.0.113.7")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(body), kinerja.MsgLoginThrottled) {
			t.Errorf("web login from the attacker: %d, Retry-After %q; want 429 with the message and Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
		}

		// The owner, from another address, logs in with the right password at once.
		if status, _ := apiLogin(t, srv, "198.51.100.9", "admin", "rahasia-admin-123"); status != 200 {
			t.Errorf("the owner from another address: status %d; want 200", status)
		}
	})
}

// TestLoginThrottle_SpoofedForwardedFor: without a trusted proxy a client cannot pass for
// many addresses by writing X-Forwarded-For itself.
func TestLoginThrottle_SpoofedForwardedFor(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newProxiedServer(t, db, "")
		for i := range kinerja.LoginLimitPair.Free {
			if status, _ := apiLogin(t, srv, "198.51.100."+string(rune('1'+i)), "admin", "tebakan-salah"); status != 401 {
				t.Fatalf("attempt %d: status %d; want 401", i+1, status)
			}
		}
		if status, retry := apiLogin(t, srv, "192.0.2.200", "admin", "tebakan-salah"); status != 429 || retry != "1" {
			t.Errorf("next attempt with yet another made-up address: %d, Retry-After %q; want 429 after 1 s", status, retry)
		}
	})
}
