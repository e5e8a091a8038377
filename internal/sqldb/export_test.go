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

// SetRestoreBatch makes a restore insert n rows per statement, so that a test of a few rows
// sees references cross from one statement to the next.
func (db *DB) SetRestoreBatch(n int) { db.restoreBatch = n }
