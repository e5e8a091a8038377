// Package sqldbtest opens real, migrated test databases: SQLite in a temporary directory
// always, and PostgreSQL in a schema of its own when KINERJA_TEST_POSTGRES holds a DSN.
package sqldbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// PostgresEnv names the variable that holds the PostgreSQL DSN for tests.
const PostgresEnv = "KINERJA_TEST_POSTGRES"

// Engines returns the engines to test on: sqlite, and postgres when configured.
func Engines() []sqldb.Engine {
	if os.Getenv(PostgresEnv) != "" {
		return []sqldb.Engine{sqldb.SQLite, sqldb.Postgres}
	}
	return []sqldb.Engine{sqldb.SQLite}
}

// ForEachDB runs fn as one subtest per engine, named "sqlite" and "postgres", each on a fresh
// migrated database.
func ForEachDB(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	for _, e := range Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			fn(t, MustOpenDB(t, e))
		})
	}
}

// DSN returns a DSN for a fresh, empty database of engine e that is removed when tb ends.
func DSN(tb testing.TB, e sqldb.Engine) string {
	tb.Helper()
	switch e {
	case sqldb.SQLite:
		return "sqlite:" + filepath.Join(tb.TempDir(), "kinerja.db")
	case sqldb.Postgres:
		base := os.Getenv(PostgresEnv)
		if base == "" {
			tb.Fatalf("%s is not set", PostgresEnv)
		}
		schema := "test_" + strings.ToLower(rand.Text())
		admin, err := sql.Open("pgx", base)
		if err != nil {
			tb.Fatal(err)
		}
		ctx := context.Background()
		if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
			tb.Fatalf("create schema: %v", err)
		}
		tb.Cleanup(func() {
			admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			admin.Close()
		})
		u, err := url.Parse(base)
		if err != nil {
			tb.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	tb.Fatalf("unknown engine %q", e)
	return ""
}

// MustOpenDB opens and migrates a fresh database of engine e. Passwords are hashed at the
// lowest bcrypt cost to keep tests quick.
func MustOpenDB(tb testing.TB, e sqldb.Engine) *sqldb.DB {
	tb.Helper()
	return MustOpenDSN(tb, DSN(tb, e))
}

// MustOpenDSN opens and migrates the database at dsn, closing it when tb ends.
func MustOpenDSN(tb testing.TB, dsn string) *sqldb.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		tb.Fatalf("open %s: %v", sqldb.RedactDSN(dsn), err)
	}
	tb.Cleanup(func() { db.Close() })
	db.PasswordCost = bcrypt.MinCost
	db.Logger = slog.New(slog.DiscardHandler)
	if err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return db
}

// AdminContext returns a context acting as a freshly created admin user.
func AdminContext(tb testing.TB, db *sqldb.DB) (context.Context, *kinerja.User) {
	tb.Helper()
	ctx := context.Background()
	if _, _, err := db.EnsureAdmin(ctx, "rahasia-admin-123"); err != nil {
		tb.Fatalf("ensure admin: %v", err)
	}
	_, u, err := db.Login(ctx, kinerja.Credentials{Username: "admin", Password: "rahasia-admin-123"}, kinerja.SessionAPI, time.Hour)
	if err != nil {
		tb.Fatalf("admin login: %v", err)
	}
	return kinerja.NewContextWithUser(ctx, u), u
}

// MustCreateUser creates a user with the given roles and password "rahasia-123456" as admin.
func MustCreateUser(tb testing.TB, db *sqldb.DB, adminCtx context.Context, username string, roles ...kinerja.Role) *kinerja.User {
	tb.Helper()
	u, err := db.CreateUser(adminCtx, kinerja.NewUser{Username: username, Password: Password, Roles: roles})
	if err != nil {
		tb.Fatalf("create user %s: %v", username, err)
	}
	return u
}

// Password is the password MustCreateUser gives.
const Password = "rahasia-123456"
