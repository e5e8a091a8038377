package sqldb

import (
	"context"

	"kinerja/internal/kinerja"
)

// EmitInTx writes ev in a transaction of its own, which commits when commit is set and
// rolls back otherwise.
func (db *DB) EmitInTx(ctx context.Context, ev kinerja.Event, commit bool) error {
	tx, err := db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.emit(ctx, ev); err != nil {
		return err
	}
	if !commit {
		return tx.Rollback()
	}
	return tx.Commit()
}

// PasswordChecks returns how many passwords Login has compared with a hash.
func (db *DB) PasswordChecks() int64 { return db.passwordChecks.Load() }

// LoginThrottleRows returns how many rows login_throttle holds.
func (db *DB) LoginThrottleRows(ctx context.Context) (n int, err error) {
	err = db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_throttle`).Scan(&n)
	return n, err
}

// SetRestoreBatch makes a restore insert n rows per statement, so that a test of a few rows
// sees references cross from one statement to the next.
func (db *DB) SetRestoreBatch(n int) { db.restoreBatch = n }
