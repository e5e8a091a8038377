// Package sqldbtest opens real, migrated test databases: SQLite in a temporary directory
// always, and PostgreSQL in a database of its own when KINERJA_TEST_POSTGRES holds a DSN.
//
// Migrating a fresh schema for every test was most of the suite's time, so each engine is
// migrated once into a template, keyed by a hash of the migration files, and every test gets
// a copy: a file copy for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL. Tests therefore
// run in parallel on both engines without sharing a database.
package sqldbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"kinerja/internal/kinerja"
	"kinerja/internal/seal"
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

// DSN returns a DSN for a fresh database of engine e, already migrated, that is removed when
// tb ends.
func DSN(tb testing.TB, e sqldb.Engine) string {
	tb.Helper()
	switch e {
	case sqldb.SQLite:
		tpl, err := sqliteTemplate()
		if err != nil {
			tb.Fatalf("sqlite template: %v", err)
		}
		path := filepath.Join(tb.TempDir(), "kinerja.db")
		if err := copyFile(path, tpl); err != nil {
			tb.Fatalf("copy sqlite template: %v", err)
		}
		return "sqlite:" + path
	case sqldb.Postgres:
		tpl, err := postgresTemplate()
		if err != nil {
			tb.Fatalf("postgres template: %v", err)
		}
		return pooledPostgres(tb, tpl)
	}
	tb.Fatalf("unknown engine %q", e)
	return ""
}

// EmptyDSN returns a DSN for a fresh database of engine e with no tables at all, for tests of
// migrations and of a first start. It is removed when tb ends.
func EmptyDSN(tb testing.TB, e sqldb.Engine) string {
	tb.Helper()
	switch e {
	case sqldb.SQLite:
		return "sqlite:" + filepath.Join(tb.TempDir(), "kinerja.db")
	case sqldb.Postgres:
		return newPostgresDatabase(tb)
	}
	tb.Fatalf("unknown engine %q", e)
	return ""
}

// MustOpenDB opens a fresh migrated database of engine e. Passwords are hashed at the lowest
// bcrypt cost to keep tests quick.
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
	db.AnswerKey = seal.RandomKey()
	if err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return db
}

// migrationsHash names a template after the migrations it holds, so that a changed or added
// migration makes a new template instead of reusing a stale one.
func migrationsHash(e sqldb.Engine) (string, error) {
	fsys, err := sqldb.MigrationsFS(e)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	err = fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		buf, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(buf))
		h.Write(buf)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

var sqliteTpl struct {
	once sync.Once
	path string
	err  error
}

// sqliteTemplate returns the path of a migrated SQLite file to copy. It lives in the system's
// temporary directory under the hash of the migrations, shared by every test binary; a
// process that finds none builds one beside it and renames it into place, so two packages
// building it at once never see half a file.
func sqliteTemplate() (string, error) {
	sqliteTpl.once.Do(func() {
		hash, err := migrationsHash(sqldb.SQLite)
		if err != nil {
			sqliteTpl.err = err
			return
		}
		path := filepath.Join(os.TempDir(), "kinerja-test-template-"+hash+".db")
		if _, err := os.Stat(path); err == nil {
			sqliteTpl.path = path
			return
		}
		dir, err := os.MkdirTemp("", "kinerja-template-")
		if err != nil {
			sqliteTpl.err = err
			return
		}
		defer os.RemoveAll(dir)
		tmp := filepath.Join(dir, "kinerja.db")
		if err := migrate("sqlite:" + tmp); err != nil {
			sqliteTpl.err = err
			return
		}
		if err := os.Rename(tmp, path); err != nil {
			sqliteTpl.err = err
			return
		}
		sqliteTpl.path = path
	})
	return sqliteTpl.path, sqliteTpl.err
}

// migrate migrates the database at dsn and closes it; for SQLite, closing checkpoints the
// write-ahead log into the file, so the file alone is the whole database.
func migrate(dsn string) error {
	ctx := context.Background()
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		return err
	}
	db.Logger = slog.New(slog.DiscardHandler)
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return err
	}
	return db.Close()
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

var pgTpl struct {
	once sync.Once
	name string
	err  error
}

// postgresTemplate returns the name of a migrated template database. An advisory lock makes
// test binaries that start together build it once; the others wait and reuse it.
func postgresTemplate() (string, error) {
	pgTpl.once.Do(func() {
		hash, err := migrationsHash(sqldb.Postgres)
		if err != nil {
			pgTpl.err = err
			return
		}
		name := "kinerja_tpl_" + hash
		ctx := context.Background()
		admin, err := sql.Open("pgx", os.Getenv(PostgresEnv))
		if err != nil {
			pgTpl.err = err
			return
		}
		defer admin.Close()
		conn, err := admin.Conn(ctx)
		if err != nil {
			pgTpl.err = err
			return
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(hashtext('kinerja-test-template'))"); err != nil {
			pgTpl.err = err
			return
		}
		defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(hashtext('kinerja-test-template'))")
		// A template is marked as one only once it is fully migrated, so a build that died
		// halfway is dropped and made again.
		var ready bool
		err = conn.QueryRowContext(ctx, "SELECT datistemplate FROM pg_database WHERE datname = $1", name).Scan(&ready)
		switch {
		case err == nil && ready:
			pgTpl.name = name
			return
		case err == nil:
			if _, err := conn.ExecContext(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
				pgTpl.err = err
				return
			}
		case err != sql.ErrNoRows:
			pgTpl.err = err
			return
		}
		if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			pgTpl.err = fmt.Errorf("create template database (the role needs CREATEDB): %w", err)
			return
		}
		dsn, err := withDatabase(os.Getenv(PostgresEnv), name)
		if err != nil {
			pgTpl.err = err
			return
		}
		if err := migrate(dsn); err != nil {
			pgTpl.err = err
			return
		}
		if _, err := conn.ExecContext(ctx, "ALTER DATABASE "+name+" WITH IS_TEMPLATE true"); err != nil {
			pgTpl.err = err
			return
		}
		pgTpl.name = name
	})
	return pgTpl.name, pgTpl.err
}

// newPostgresDatabase creates an empty database for tb, drops it when tb ends and returns its
// DSN.
func newPostgresDatabase(tb testing.TB) string {
	tb.Helper()
	if err := initPool(); err != nil {
		tb.Fatalf("postgres: %v", err)
	}
	name := "kinerja_test_" + strings.ToLower(rand.Text())
	if err := createDatabase(context.Background(), name, ""); err != nil {
		tb.Fatalf("create database: %v", err)
	}
	tb.Cleanup(func() {
		pgPool.admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	dsn, err := withDatabase(os.Getenv(PostgresEnv), name)
	if err != nil {
		tb.Fatal(err)
	}
	return dsn
}

// withDatabase returns dsn pointed at database name. Its sessions commit without waiting for
// the disk: a test database need not survive a crash of the server, and waiting for the disk
// was most of the time of the PostgreSQL tests.
func withDatabase(dsn, name string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	q := u.Query()
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// AdminContext returns a context acting as a freshly created admin user.
func AdminContext(tb testing.TB, db *sqldb.DB) (context.Context, *kinerja.User) {
	tb.Helper()
	ctx := context.Background()
	if _, _, err := db.EnsureAdmin(ctx, "rahasia-admin-123"); err != nil {
		tb.Fatalf("ensure admin: %v", err)
	}
	// Looked up rather than logged in, so that a database migrated only part of the way, whose
	// login tables may be older, still gives an admin.
	u, err := db.FindUserByUsername(kinerja.NewContextWithUser(ctx, kinerja.SystemUser()), "admin")
	if err != nil {
		tb.Fatalf("find admin: %v", err)
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
