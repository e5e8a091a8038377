package sqldb

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// ErrBackupEngine says that the engine is backed up by its own tools (pg_dump for PostgreSQL).
var ErrBackupEngine = errors.New("backup: use the engine's own tool")

// Backup writes a consistent copy of a SQLite database to path while others keep using it.
// The file must not exist yet.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.engine != SQLite {
		return ErrBackupEngine
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists", path)
	}
	// VACUUM INTO reads one snapshot of the database and writes a compact copy.
	if _, err := db.db.ExecContext(ctx, `VACUUM INTO $1`, path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}
