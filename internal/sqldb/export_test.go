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

// ActivationHashes returns the stored code hash of every account with an activation code.
func (db *DB) ActivationHashes(ctx context.Context) (map[int64]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT user_id, code_hash FROM activation_codes`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var (
			id int64
			h  string
		)
		if err := rows.Scan(&id, &h); err != nil {
			return nil, err
		}
		out[id] = h
	}
	return out, rows.Err()
}

// AuditMentions reports whether any audit entry's values contain s.
func (db *DB) AuditMentions(ctx context.Context, s string) (bool, error) {
	var n int
	err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE COALESCE(CAST(before_json AS TEXT), '') LIKE $1 OR COALESCE(CAST(after_json AS TEXT), '') LIKE $1`,
		"%"+s+"%").Scan(&n)
	return n > 0, err
}
