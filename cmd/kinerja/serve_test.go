package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRun_ServeMetrics runs "kinerja serve" with -metrics-addr and a token: the metrics are on
// their own address behind the token, never on the public one, and both listeners stop with
// the server.
func TestRun_ServeMetrics(t *testing.T) {
	t.Parallel()
	addr, maddr := freeAddr(t), freeAddr(t)
	const token = "rahasia-metrik-123"
	env := map[string]string{"KINERJA_METRICS_TOKEN": token, "KINERJA_ADMIN_PASSWORD": "rahasia-admin-123"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr lockedBuffer
	m := &Main{Stdout: io.Discard, Stderr: &stderr, Getenv: func(k string) string { return env[k] }}
	done := make(chan error, 1)
	go func() {
		done <- m.Run(ctx, []string{"serve", "-addr", addr, "-metrics-addr", maddr,
			"-db", "sqlite:" + t.TempDir() + "/k.db", "-data-dir", t.TempDir()})
	}()
	get := func(url, auth string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", url, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if status, _ := get("http://"+addr+"/healthz", ""); status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not become healthy: %s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	tests := []struct {
		name, url, auth string
		want            int
	}{
		{"public port", "http://" + addr + "/metrics", "Bearer " + token, 404},
		{"metrics without token", "http://" + maddr + "/metrics", "", 401},
		{"metrics with a wrong token", "http://" + maddr + "/metrics", "Bearer salah", 401},
		{"metrics with the token", "http://" + maddr + "/metrics", "Bearer " + token, 200},
		{"pages on the metrics address", "http://" + maddr + "/login", "Bearer " + token, 404},
	}
	for _, tt := range tests {
		status, body := get(tt.url, tt.auth)
		if status != tt.want {
			t.Errorf("%s: GET %s = %d; want %d", tt.name, tt.url, status, tt.want)
		}
		if got := strings.Contains(body, `kinerja_http_requests_total{route="GET /healthz",status="200"}`); got != (tt.want == 200) {
			t.Errorf("%s: body shows the request metrics = %v; want %v", tt.name, got, tt.want == 200)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve = %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if status, _ := get("http://"+maddr+"/metrics", "Bearer "+token); status != 0 {
		t.Errorf("the metrics address still answers %d after the server stopped", status)
	}
}

func TestRun_MetricsConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string // part of the error
	}{
		{"bad metrics addr", nil, []string{"serve", "-metrics-addr", "metrics"}, "-metrics-addr"},
		{"metrics on the public addr", nil, []string{"serve", "-addr", "127.0.0.1:8080", "-metrics-addr", "127.0.0.1:8080"}, "-metrics-addr"},
		{"bad env metrics addr", map[string]string{"KINERJA_METRICS_ADDR": "127.0.0.1:99999"}, []string{"serve"}, "-metrics-addr"},
		{"token without addr", map[string]string{"KINERJA_METRICS_TOKEN": "rahasia"}, []string{"serve"}, "KINERJA_METRICS_TOKEN"},
	}
	for _, tt := range tests {
		_, _, err := run(tt.env, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: Run(%v) = %v; want a one-line error containing %q", tt.name, tt.args, err, tt.want)
		}
	}
}

// lockedBuffer is a log sink for a server running on other goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
