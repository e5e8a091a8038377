package sqldbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// The PostgreSQL copies of the template are reused by the tests of one process: DROP DATABASE
// forces a checkpoint, which made dropping a test's database cost more than its test. When a
// test ends its database is emptied (TRUNCATE … RESTART IDENTITY, which leaves it as the
// template was) and kept for the next test, unless the test changed its schema or left a
// session open, in which case it is dropped.
//
// A process holds a session advisory lock on the name of every database it owns, taken before
// the database is made. The locks go when the process does, so a later process can tell which
// pooled databases are left over and drops them in the background.
var pgPool struct {
	once  sync.Once
	err   error
	admin *sql.DB   // connected to the database of KINERJA_TEST_POSTGRES
	locks *sql.Conn // holds the advisory locks

	mu   sync.Mutex // guards locks, idle and own
	idle []pooledDB
	own  map[string]bool
}

const pooledPrefix = "kinerja_pool_"

// pooledDB is a database of the pool with the fingerprint of its schema as it was made.
type pooledDB struct{ name, schema string }

func initPool() error {
	pgPool.once.Do(func() {
		ctx := context.Background()
		if pgPool.admin, pgPool.err = sql.Open("pgx", os.Getenv(PostgresEnv)); pgPool.err != nil {
			return
		}
		if pgPool.locks, pgPool.err = pgPool.admin.Conn(ctx); pgPool.err != nil {
			return
		}
		pgPool.own = map[string]bool{}
		go sweepPool()
	})
	return pgPool.err
}

// pooledPostgres returns the DSN of a copy of template for tb, from the pool or new.
func pooledPostgres(tb testing.TB, template string) string {
	tb.Helper()
	if err := initPool(); err != nil {
		tb.Fatalf("postgres: %v", err)
	}
	ctx := context.Background()
	db, ok := popIdle()
	if !ok {
		db.name = pooledPrefix + strings.ToLower(rand.Text())
		if err := own(db.name); err != nil {
			tb.Fatalf("lock %s: %v", db.name, err)
		}
		if err := createDatabase(ctx, db.name, template); err != nil {
			forget(db.name)
			tb.Fatalf("create database: %v", err)
		}
		var err error
		if db.schema, err = schemaFingerprint(ctx, db.name); err != nil {
			dropPooled(db.name)
			tb.Fatalf("read schema of %s: %v", db.name, err)
		}
	}
	tb.Cleanup(func() {
		if err := resetPooled(ctx, db); err != nil {
			dropPooled(db.name)
			return
		}
		pgPool.mu.Lock()
		pgPool.idle = append(pgPool.idle, db)
		pgPool.mu.Unlock()
	})
	dsn, err := withDatabase(os.Getenv(PostgresEnv), db.name)
	if err != nil {
		tb.Fatal(err)
	}
	return dsn
}

func popIdle() (pooledDB, bool) {
	pgPool.mu.Lock()
	defer pgPool.mu.Unlock()
	n := len(pgPool.idle)
	if n == 0 {
		return pooledDB{}, false
	}
	db := pgPool.idle[n-1]
	pgPool.idle = pgPool.idle[:n-1]
	return db, true
}

// own takes the advisory lock on name, before the database is made, so that no sweep of
// another process drops it. The lock is taken on two keys, a space apart from the one-key
// locks that the migrations and the application take.
func own(name string) error {
	pgPool.mu.Lock()
	defer pgPool.mu.Unlock()
	var ok bool
	if err := pgPool.locks.QueryRowContext(context.Background(), "SELECT pg_try_advisory_lock(hashtext('kinerja_pool'), hashtext($1))", name).Scan(&ok); err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("another process holds the lock of %s", name)
	}
	pgPool.own[name] = true
	return nil
}

// createDatabase creates database name, a copy of template or empty when template is "".
func createDatabase(ctx context.Context, name, template string) error {
	stmt := "CREATE DATABASE " + name
	if template != "" {
		stmt += " TEMPLATE " + template
	}
	// Two copies of one template cannot start in the very same instant; PostgreSQL then says
	// the template is in use, which passes in a moment.
	for attempt := 0; ; attempt++ {
		_, err := pgPool.admin.ExecContext(ctx, stmt)
		if err == nil || attempt == 50 || !strings.Contains(err.Error(), "is being accessed by other users") {
			return err
		}
		time.Sleep(time.Duration(20+attempt*10) * time.Millisecond)
	}
}

// resetPooled empties db for the next test, or says why it cannot be reused.
func resetPooled(ctx context.Context, db pooledDB) error {
	conn, err := openPooled(db.name)
	if err != nil {
		return err
	}
	defer conn.Close()
	var others int
	if err := conn.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid()`).Scan(&others); err != nil {
		return err
	}
	if others > 0 {
		return fmt.Errorf("%d sessions still open", others)
	}
	if schema, err := fingerprint(ctx, conn); err != nil {
		return err
	} else if schema != db.schema {
		return errors.New("the test changed the schema")
	}
	tables, err := queryNames(ctx, conn, `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables
		WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'goose_db_version'`)
	if err != nil || len(tables) == 0 {
		return err
	}
	// The audit log refuses TRUNCATE by a trigger of its own.
	triggered, err := queryNames(ctx, conn, `SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal`)
	if err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var stmts []string
	for _, t := range triggered {
		stmts = append(stmts, "ALTER TABLE "+t+" DISABLE TRIGGER USER")
	}
	stmts = append(stmts, "TRUNCATE "+strings.Join(tables, ", ")+" RESTART IDENTITY CASCADE")
	for _, t := range triggered {
		stmts = append(stmts, "ALTER TABLE "+t+" ENABLE TRIGGER USER")
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// fingerprint sums up the schema of the database of conn: namespaces, relations, columns,
// triggers, functions, database settings and the migration version.
func fingerprint(ctx context.Context, conn *sql.DB) (string, error) {
	var s string
	err := conn.QueryRowContext(ctx, `SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
		SELECT 'n:' || nspname FROM pg_namespace
		UNION ALL SELECT 'c:' || n.nspname || '.' || c.relname || ':' || c.relkind::text
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
		UNION ALL SELECT 'a:' || c.relname || '.' || a.attname || ':' || a.atttypid || ':' || a.attnotnull
			FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND a.attnum > 0 AND NOT a.attisdropped
		UNION ALL SELECT 't:' || tgname || ':' || tgenabled::text FROM pg_trigger
		UNION ALL SELECT 'p:' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
			WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
		UNION ALL SELECT 's:' || array_to_string(setconfig, ';') FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
			WHERE d.datname = current_database()
		UNION ALL SELECT 'v:' || COALESCE(MAX(version_id), 0) FROM goose_db_version
	) f(x)`).Scan(&s)
	return s, err
}

func schemaFingerprint(ctx context.Context, name string) (string, error) {
	conn, err := openPooled(name)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	return fingerprint(ctx, conn)
}

// openPooled opens one connection to the pooled database name.
func openPooled(name string) (*sql.DB, error) {
	dsn, err := withDatabase(os.Getenv(PostgresEnv), name)
	if err != nil {
		return nil, err
	}
	conn, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	conn.SetMaxOpenConns(1)
	return conn, nil
}

func queryNames(ctx context.Context, conn *sql.DB, query string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// dropPooled drops a database of this process and lets go of its name.
func dropPooled(name string) {
	pgPool.admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	forget(name)
}

func forget(name string) {
	pgPool.mu.Lock()
	defer pgPool.mu.Unlock()
	delete(pgPool.own, name)
	pgPool.locks.ExecContext(context.Background(), "SELECT pg_advisory_unlock(hashtext('kinerja_pool'), hashtext($1))", name)
}

// sweepPool drops the pooled databases of processes that have ended.
func sweepPool() {
	ctx := context.Background()
	rows, err := pgPool.admin.QueryContext(ctx, "SELECT datname FROM pg_database WHERE datname LIKE $1", pooledPrefix+"%")
	if err != nil {
		return
	}
	var names []string
	for rows.Next() {
		var n string
		if rows.Scan(&n) == nil {
			names = append(names, n)
		}
	}
	rows.Close()
	for _, n := range names {
		pgPool.mu.Lock()
		free := false
		if !pgPool.own[n] {
			// An advisory lock is re-entrant within a session, hence the check of own first.
			pgPool.locks.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(hashtext('kinerja_pool'), hashtext($1))", n).Scan(&free)
		}
		pgPool.mu.Unlock()
		if !free {
			continue
		}
		pgPool.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+n+" WITH (FORCE)")
		pgPool.mu.Lock()
		pgPool.locks.ExecContext(ctx, "SELECT pg_advisory_unlock(hashtext('kinerja_pool'), hashtext($1))", n)
		pgPool.mu.Unlock()
	}
}
