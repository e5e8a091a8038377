package sqldb

import (
	"context"
	"path/filepath"
	"testing"
)

// TestOptimize: after Optimize the planner has statistics for the tables that hold rows, which
// SQLite never gathers on its own.
func TestOptimize(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openTestSQLite(t, filepath.Join(t.TempDir(), "k.db"))
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
		INSERT INTO login_throttle (key_hash, scope, until_at, last_at)
		SELECT 'k' || i, 'pair', '2026-12-06 03:00:00+00:00', '2026-12-06 03:00:00+00:00' FROM n`); err != nil {
		t.Fatal(err)
	}
	if err := db.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_stat1`).Scan(&n); err != nil || n == 0 {
		t.Errorf("statistics rows after Optimize = %d, %v; want some", n, err)
	}
}
