//go:build !unix

package sqldb

import (
	"context"
	"database/sql"
)

// fileLocker does nothing where flock is unavailable: there, start one instance at a time.
type fileLocker struct{ path string }

func (*fileLocker) SessionLock(context.Context, *sql.Conn) error   { return nil }
func (*fileLocker) SessionUnlock(context.Context, *sql.Conn) error { return nil }
