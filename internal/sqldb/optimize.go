package sqldb

import (
	"context"
	"fmt"
)

// Optimize keeps the query planner's statistics current. SQLite gathers none by itself: without
// them it scans every SKP of a period for a team page at city size. PRAGMA optimize analyses the
// tables whose row counts changed enough since the last run (all of them the first time), with
// a bounded sample each, so that it stays cheap to call at start and every few minutes.
// PostgreSQL's autovacuum already does this.
func (db *DB) Optimize(ctx context.Context) error {
	if db.engine != SQLite {
		return nil
	}
	for _, q := range []string{`PRAGMA analysis_limit = 1000`, `PRAGMA optimize = 0x10002`} {
		if _, err := db.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("optimize: %w", err)
		}
	}
	return nil
}
