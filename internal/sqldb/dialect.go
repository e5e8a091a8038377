package sqldb

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers driver "pgx"
	_ "modernc.org/sqlite"             // registers driver "sqlite"

	"kinerja/internal/kinerja"
)

// Engine is a supported database engine.
type Engine string

// Supported engines.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// sqlitePragmas apply to every pooled connection because they sit in the DSN. _txlock=immediate
// takes the write lock at BEGIN, so two writers wait on busy_timeout instead of failing with
// SQLITE_BUSY when a read lock would have to be upgraded.
const sqlitePragmas = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
	"&_pragma=synchronous(FULL)&_time_format=sqlite&_txlock=immediate"

// ValidateDSN reports whether dsn names a supported database, with a message for the operator.
func ValidateDSN(dsn string) error {
	_, _, _, _, err := parseDSN(dsn)
	return err
}

func parseDSN(dsn string) (engine Engine, driverName, driverDSN, path string, err error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		path = strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "//")
		if path == "" || strings.Contains(path, ":memory:") || strings.HasPrefix(path, "file::memory:") {
			return "", "", "", "", kinerja.Errorf(kinerja.EINVALID,
				"-db: a SQLite DSN needs a file path, e.g. sqlite:kinerja.db (in-memory databases are not supported)")
		}
		if strings.Contains(path, "?") {
			return "", "", "", "", kinerja.Errorf(kinerja.EINVALID, "-db: a SQLite DSN takes no options; Kinerja sets them")
		}
		return SQLite, "sqlite", "file:" + path + "?" + sqlitePragmas, path, nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		if _, err := url.Parse(dsn); err != nil {
			return "", "", "", "", kinerja.Errorf(kinerja.EINVALID, "-db: invalid PostgreSQL URL: %v", err)
		}
		return Postgres, "pgx", dsn, "", nil
	}
	return "", "", "", "", kinerja.Errorf(kinerja.EINVALID,
		"-db: %q is not supported; use sqlite:PATH or postgres://USER@HOST:PORT/DB", redactDSN(dsn))
}

// redactDSN hides a password in a DSN so it can be printed.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	return u.Redacted()
}

// lockRow takes the write lock of one row until tx ends, so that a read, merge and write in
// one transaction cannot lose a change made at the same time. PostgreSQL needs it at READ
// COMMITTED; SQLite's transactions already hold the database's write lock from BEGIN
// (_txlock=immediate).
func (tx *Tx) lockRow(ctx context.Context, table string, id int64) error {
	if tx.db.engine != Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT 1 FROM `+table+` WHERE id = $1 FOR UPDATE`, id); err != nil {
		return fmt.Errorf("lock %s %d: %w", table, id, err)
	}
	return nil
}

// replace is a change that puts in over the stored values, for updates that send every field.
func replace[T any](in T) func(*T) error {
	return func(cur *T) error {
		*cur = in
		return nil
	}
}

// RedactDSN is redactDSN for the command line's log.
func RedactDSN(dsn string) string { return redactDSN(dsn) }

// skipLocked ends a query that claims rows: on PostgreSQL it locks them and passes over rows
// another transaction holds, so that two processes never claim the same row. SQLite has no
// row locks and needs none: its write lock, taken at BEGIN, admits one claimer at a time.
func (e Engine) skipLocked() string {
	if e == Postgres {
		return ` FOR UPDATE SKIP LOCKED`
	}
	return ""
}
