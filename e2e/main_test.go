// Package e2e drives the real kinerja binary in headless Chromium through the main user
// journeys. The tests run when KINERJA_E2E=1 (as .ci/run sets); otherwise they skip, so that
// "go test ./..." needs no browser.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var binary string // the kinerja binary built by TestMain

func TestMain(m *testing.M) {
	if os.Getenv("KINERJA_E2E") != "1" {
		os.Exit(m.Run()) // every test skips
	}
	dir, err := os.MkdirTemp("", "kinerja-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "kinerja")
	build := exec.Command("go", "build", "-o", binary, "../cmd/kinerja")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build kinerja:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const adminPassword = "sandi-awal-admin"

// server is a running kinerja binary on a fresh SQLite database.
type server struct {
	URL    string
	stderr *bytes.Buffer
}

func startServer(t *testing.T, setup ...string) *server {
	t.Helper()
	if os.Getenv("KINERJA_E2E") != "1" {
		t.Skip("browser tests run with KINERJA_E2E=1")
	}
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "kinerja.db")
	dataDir := t.TempDir()
	for _, cmd := range setup { // e.g. "demo": run "kinerja demo" on the database first
		out, err := exec.Command(binary, cmd, "-db", dsn, "-data-dir", dataDir).CombinedOutput()
		if err != nil {
			t.Fatalf("kinerja %s: %v\n%s", cmd, err, out)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	s := &server{URL: "http://" + addr, stderr: new(bytes.Buffer)}
	cmd := exec.Command(binary, "serve", "-addr", addr, "-db", dsn, "-data-dir", dataDir)
	cmd.Env = append(os.Environ(), "KINERJA_ADMIN_PASSWORD="+adminPassword)
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
		if t.Failed() {
			t.Logf("server log:\n%s", s.stderr.String())
		}
	})
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(s.URL + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s
			}
		}
	}
	t.Fatalf("server did not start: %s", s.stderr.String())
	return nil
}

// newBrowser starts headless Chromium and returns a context to run actions in.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("KINERJA_CHROMIUM")
	if path == "" {
		for _, p := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if lp, err := exec.LookPath(p); err == nil {
				path = lp
				break
			}
		}
	}
	if path == "" {
		t.Fatal("KINERJA_E2E=1 but no Chromium found; install the chromium package")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("accept-lang", "id-ID,id"), // an Indonesian user's browser
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(390, 844), // a phone
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}
