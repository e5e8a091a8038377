package sqldb

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations
var migrations embed.FS

// MigrationsFS returns the migration files of an engine, for tests that compare the folders.
func MigrationsFS(e Engine) (fs.FS, error) { return fs.Sub(migrations, "migrations/"+string(e)) }

// Migrate applies every pending migration. A session lock makes a second instance starting at
// the same time wait until the first has finished, then find nothing left to do.
func (db *DB) Migrate(ctx context.Context) error { return db.migrate(ctx, 0) }

// migrate applies the pending migrations up to version, or all of them for 0.
func (db *DB) migrate(ctx context.Context, version int64) error {
	fsys, err := MigrationsFS(db.engine)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var (
		dialect goose.Dialect
		locker  lock.SessionLocker
	)
	switch db.engine {
	case SQLite:
		dialect = goose.DialectSQLite3
		locker = &fileLocker{path: db.path + ".migrate-lock"}
	case Postgres:
		dialect = goose.DialectPostgres
		// Each database and schema gets its own lock, so separate tenants (or tests in their own
		// schemas) migrate independently.
		var where string
		if err := db.db.QueryRowContext(ctx, "SELECT current_database() || '.' || current_schema()").Scan(&where); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		h := fnv.New64a()
		h.Write([]byte("kinerja-migrate:" + where))
		locker, err = lock.NewPostgresSessionLocker(lock.WithLockID(int64(h.Sum64()>>1)), lock.WithLockTimeout(1, 600))
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	p, err := goose.NewProvider(dialect, db.db, fsys,
		goose.WithSessionLocker(locker), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var results []*goose.MigrationResult
	if version > 0 {
		results, err = p.UpTo(ctx, version)
	} else {
		results, err = p.Up(ctx)
	}
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, r := range results {
		db.Logger.Info("migration applied", "version", r.Source.Version, "file", r.Source.Path, "duration", r.Duration)
	}
	return nil
}

// SchemaVersion returns the newest applied migration.
func (db *DB) SchemaVersion(ctx context.Context) (int64, error) {
	var v sql.NullInt64
	err := db.db.QueryRowContext(ctx, "SELECT MAX(version_id) FROM goose_db_version WHERE is_applied").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v.Int64, nil
}
