package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

const crashAdminPassword = "rahasia-admin-123"

// TestCrashLosesNoCommittedRow kills the server with SIGKILL while clients create
// organisations, then restarts it: every organisation whose creation was answered 201 must
// still be there. Organisations rather than users, because hashing a password made up most
// of the test's time.
func TestCrashLosesNoCommittedRow(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts real server processes")
	}
	for _, engine := range sqldbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			dsn := sqldbtest.DSN(t, engine)
			addr := freeAddr(t)
			srv := startServer(t, addr, dsn)
			token := apiLogin(t, addr)

			var (
				mu        sync.Mutex
				committed []string
				wg        sync.WaitGroup
				stop      = make(chan struct{})
			)
			for g := range 4 {
				wg.Go(func() {
					client := &http.Client{Timeout: 5 * time.Second}
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						name := fmt.Sprintf("Kecamatan Uji %d-%d", g, i)
						status, err := apiCall(client, "POST", addr, "/api/v1/units", token,
							map[string]any{"name": name, "kind": "kecamatan"})
						if err != nil {
							return // the server is gone
						}
						if status == http.StatusCreated {
							mu.Lock()
							committed = append(committed, name)
							mu.Unlock()
						}
					}
				})
			}
			// Kill once writes are well under way.
			deadline := time.Now().Add(20 * time.Second)
			for {
				mu.Lock()
				n := len(committed)
				mu.Unlock()
				if n >= 20 || time.Now().After(deadline) {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			if err := srv.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			srv.Wait()
			close(stop)
			wg.Wait()
			if len(committed) == 0 {
				t.Fatal("no organisation was created before the kill")
			}

			startServer(t, addr, dsn)
			token = apiLogin(t, addr)
			var page struct {
				Items []struct {
					Name string `json:"name"`
				} `json:"items"`
			}
			req, _ := http.NewRequest("GET", "http://"+addr+"/api/v1/organisations", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			json.NewDecoder(resp.Body).Decode(&page)
			resp.Body.Close()
			have := map[string]bool{}
			for _, it := range page.Items {
				have[it.Name] = true
			}
			for _, name := range committed {
				if !have[name] {
					t.Errorf("organisation %s was answered 201 before the kill but is gone after restart", name)
				}
			}
			t.Logf("%s: %d committed organisations survived SIGKILL", engine, len(committed))
		})
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServer runs this test binary as "kinerja serve" and waits until /healthz answers.
func startServer(t *testing.T, addr, dsn string) *exec.Cmd {
	t.Helper()
	args, _ := json.Marshal([]string{"serve", "-addr", addr, "-db", dsn, "-log-level", "warn"})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "KINERJA_TEST_CHILD=1", "KINERJA_TEST_ARGS="+string(args), "KINERJA_ADMIN_PASSWORD="+crashAdminPassword)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return cmd
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("server on %s (%s) did not become healthy: %s", addr, sqldb.RedactDSN(dsn), stderr.String())
	return nil
}

func apiLogin(t *testing.T, addr string) string {
	t.Helper()
	return apiLoginAs(t, addr, "admin", crashAdminPassword)
}

// apiLoginAs logs in to the API of the server at addr and returns the token.
func apiLoginAs(t *testing.T, addr, username, password string) string {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"username": username, "password": password})
	resp, err := http.Post("http://"+addr+"/api/v1/auth/login", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&out)
	if resp.StatusCode != 200 || out.Token == "" {
		t.Fatalf("login %s: status %d", username, resp.StatusCode)
	}
	return out.Token
}

func apiCall(c *http.Client, method, addr, path, token string, body any) (int, error) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, "http://"+addr+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
