// Package sqldb stores Kinerja's data in SQLite or PostgreSQL. It is the only package that
// speaks SQL or imports a database driver; business rules from package kinerja are enforced
// inside the transactions that write.
package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/bcrypt"

	"kinerja/internal/kinerja"
	"kinerja/internal/seal"
)

// DB is a handle on the database. Its exported fields may be set before first use.
type DB struct {
	db     *sql.DB
	engine Engine
	path   string // SQLite file path, for the migration lock

	// Now returns the current time; tests replace it to control the clock.
	Now func() time.Time
	// PasswordCost is the bcrypt cost for new password hashes.
	PasswordCost int
	// Logger receives migration progress.
	Logger *slog.Logger
	// AnswerKey seals anonymous answers while they wait for their batch (see upward.go). It is
	// kept outside the database and its backups; without it no upward feedback can be given.
	AnswerKey *seal.Key

	dummyOnce sync.Once
	dummyHash []byte
	// passwordChecks counts the bcrypt comparisons Login made, for tests of the throttle.
	passwordChecks atomic.Int64

	// wake tells this process's outbox worker that a transaction has committed events.
	wake chan struct{}

	// restoreBatch is how many rows a restore inserts per statement; 0 is the default.
	restoreBatch int
}

// Open connects to the database named by dsn: "sqlite:PATH" or "postgres://…". It does not
// migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	engine, driverName, driverDSN, path, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	sqlDB, err := sql.Open(driverName, driverDSN)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if engine == SQLite {
		// One writer at a time is SQLite's rule anyway; a few connections let reads proceed
		// beside it under WAL.
		sqlDB.SetMaxOpenConns(max(4, runtime.NumCPU()))
	} else {
		sqlDB.SetMaxOpenConns(max(10, 4*runtime.NumCPU()))
	}
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	db := &DB{db: sqlDB, engine: engine, path: path, Now: time.Now, PasswordCost: bcrypt.DefaultCost, Logger: slog.Default(),
		wake: make(chan struct{}, 1)}
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return db, nil
}

// Close closes the connection pool.
func (db *DB) Close() error { return db.db.Close() }

// Engine tells which database engine is in use.
func (db *DB) Engine() Engine { return db.engine }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.db.PingContext(ctx) }

// now is the current time as stored: UTC, to the microsecond both engines keep.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// Tx is a transaction with one timestamp for everything it writes.
type Tx struct {
	*sql.Tx
	db      *DB
	now     time.Time
	emitted bool // events were written to the outbox
}

// BeginTx starts a read-write transaction.
func (db *DB) BeginTx(ctx context.Context) (*Tx, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin transaction: %w", err)
	}
	return &Tx{Tx: tx, db: db, now: db.now()}, nil
}

// update runs fn in a transaction and commits it when fn returns nil.
func (db *DB) update(ctx context.Context, fn func(tx *Tx) error) error {
	tx, err := db.BeginTx(ctx)
	if err != nil {
		return mapError(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return mapError(err)
	}
	if err := tx.Commit(); err != nil {
		return mapError(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// actor returns the acting user of ctx or an Unauthorized error.
func actor(ctx context.Context) (*kinerja.User, error) {
	u := kinerja.UserFromContext(ctx)
	if u == nil {
		return nil, kinerja.Errorf(kinerja.EUNAUTHORIZED, kinerja.MsgUnauthorized)
	}
	return u, nil
}

// args collects positional parameters for a query built piece by piece.
type args []any

// add appends v and returns its placeholder.
func (a *args) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

// nullID scans a nullable id.
type nullID struct{ sql.NullInt64 }

func (n nullID) ptr() *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

// userRef is the id of an acting user for a column naming who did something, or nil for the
// installation or the demo acting without an account.
func userRef(u *kinerja.User) *int64 {
	if u == nil || u.ID == 0 {
		return nil
	}
	return &u.ID
}

// nullInt scans a nullable integer into an int64, NULL being 0.
type nullInt struct{ p *int64 }

func (n nullInt) Scan(v any) error {
	var x sql.NullInt64
	if err := x.Scan(v); err != nil {
		return err
	}
	*n.p = x.Int64
	return nil
}
