//go:build unix

package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"syscall"
	"time"
)

// fileLocker serialises migrations of one SQLite file across processes with an advisory lock
// on a file beside it. SQLite's own locks cannot do it: goose runs each migration in its own
// transaction, and the version check between them must not interleave with another process.
type fileLocker struct {
	path string
	f    *os.File
}

func (l *fileLocker) SessionLock(ctx context.Context, _ *sql.Conn) error {
	f, err := os.OpenFile(l.path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			l.f = f
			return nil
		}
		if err != syscall.EWOULDBLOCK {
			f.Close()
			return fmt.Errorf("migration lock: %w", err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (l *fileLocker) SessionUnlock(_ context.Context, _ *sql.Conn) error {
	if l.f == nil {
		return nil
	}
	// Closing the descriptor releases the flock.
	err := l.f.Close()
	l.f = nil
	return err
}
