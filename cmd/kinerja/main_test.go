package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"kinerja/internal/sqldb"
)

// TestMain lets the crash test run this test binary as the real server: with
// KINERJA_TEST_CHILD set it runs Main with the JSON arguments in KINERJA_TEST_ARGS.
func TestMain(m *testing.M) {
	if os.Getenv("KINERJA_TEST_CHILD") == "1" {
		var args []string
		if err := json.Unmarshal([]byte(os.Getenv("KINERJA_TEST_ARGS")), &args); err != nil {
			os.Stderr.WriteString("bad KINERJA_TEST_ARGS\n")
			os.Exit(2)
		}
		main2(args)
		return
	}
	code := m.Run()
	if demoDB.dir != "" {
		os.RemoveAll(demoDB.dir)
	}
	os.Exit(code)
}

func main2(args []string) {
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	if err := m.Run(context.Background(), args); err != nil {
		os.Stderr.WriteString("kinerja: " + err.Error() + "\n")
		os.Exit(1)
	}
	os.Exit(0)
}

func run(env map[string]string, args ...string) (stdout, stderr string, err error) {
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	err = m.Run(context.Background(), args)
	return out.String(), errb.String(), err
}

func TestRun_Errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string // part of the error
	}{
		{"unknown command", nil, []string{"jalan"}, `unknown command "jalan"`},
		{"bad addr", nil, []string{"serve", "-addr", "localhost"}, "-addr"},
		{"bad port", nil, []string{"serve", "-addr", "127.0.0.1:99999"}, "-addr"},
		{"bad db", nil, []string{"serve", "-db", "mysql://x"}, "-db"},
		{"memory db", nil, []string{"migrate", "-db", "sqlite::memory:"}, "-db"},
		{"bad ttl", nil, []string{"serve", "-session-ttl", "1s"}, "-session-ttl"},
		{"bad env duration", map[string]string{"KINERJA_TOKEN_TTL": "sehari"}, []string{"serve"}, "KINERJA_TOKEN_TTL"},
		{"bad env db", map[string]string{"KINERJA_DB": "oracle:x"}, []string{"migrate"}, "-db"},
		{"bad log level", nil, []string{"migrate", "-log-level", "loud"}, "-log-level"},
		{"extra argument", nil, []string{"migrate", "lagi"}, "unexpected argument"},
		{"unknown flag", nil, []string{"serve", "-port", "80"}, "flag provided but not defined"},
		{"bad trusted proxy", nil, []string{"serve", "-trusted-proxy", "10.0.0.1,proxy.lan"}, `-trusted-proxy: "proxy.lan"`},
		{"bad env trusted proxy", map[string]string{"KINERJA_TRUSTED_PROXY": "10.0.0.0/33"}, []string{"serve"}, "-trusted-proxy"},
	}
	for _, tt := range tests {
		_, _, err := run(tt.env, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: Run(%v) = %v; want a one-line error containing %q", tt.name, tt.args, err, tt.want)
		}
	}
}

func TestRun_Version(t *testing.T) {
	t.Parallel()
	out, _, err := run(nil, "version")
	if err != nil || !strings.HasPrefix(out, "kinerja ") {
		t.Errorf("version = %q, %v", out, err)
	}
}

func TestRun_Migrate(t *testing.T) {
	t.Parallel()
	fsys, err := sqldb.MigrationsFS(sqldb.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	// Versions need not be contiguous, so the newest is the number of the last file, not the
	// count of files.
	files, _ := fs.ReadDir(fsys, ".")
	newest, _, _ := strings.Cut(files[len(files)-1].Name(), "_")
	want := fmt.Sprintf("schema version %s", strings.TrimLeft(newest, "0"))
	dsn := "sqlite:" + t.TempDir() + "/k.db"
	for range 2 {
		out, _, err := run(nil, "migrate", "-db", dsn)
		if err != nil || !strings.Contains(out, want) {
			t.Fatalf("migrate = %q, %v; want %q", out, err, want)
		}
	}
}
