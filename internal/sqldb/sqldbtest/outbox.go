package sqldbtest

import (
	"context"
	"testing"

	"kinerja/internal/sqldb"
)

// Deliver delivers every due event of db, as the worker of a running server would right after
// a commit. Tests call it before they look at notifications. A failed event fails tb.
func Deliver(tb testing.TB, db *sqldb.DB) {
	tb.Helper()
	for {
		d, err := db.DeliverEvents(context.Background(), 1000)
		if err != nil {
			tb.Fatalf("DeliverEvents: %v", err)
		}
		if d.Failed > 0 {
			tb.Fatalf("DeliverEvents: %d events failed", d.Failed)
		}
		if d.Delivered == 0 {
			return
		}
	}
}
