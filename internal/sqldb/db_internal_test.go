package sqldb

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// TestMigrationsInStep checks that both engines have migrations of the same names.
func TestMigrationsInStep(t *testing.T) {
	t.Parallel()
	names := map[Engine][]string{}
	for _, e := range []Engine{SQLite, Postgres} {
		fsys, err := MigrationsFS(e)
		if err != nil {
			t.Fatal(err)
		}
		entries, err := fs.ReadDir(fsys, ".")
		if err != nil {
			t.Fatal(err)
		}
		for _, en := range entries {
			names[e] = append(names[e], en.Name())
		}
	}
	if !slices.Equal(names[SQLite], names[Postgres]) {
		t.Errorf("migrations differ: sqlite %v, postgres %v", names[SQLite], names[Postgres])
	}
}

func openTestSQLite(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Logger = discardLogger
	return db
}

// TestConcurrentMigrate starts two instances on one fresh file at once: both must succeed.
func TestConcurrentMigrate(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "k.db")
	dbs := []*DB{openTestSQLite(t, path), openTestSQLite(t, path), openTestSQLite(t, path)}
	var wg sync.WaitGroup
	errs := make([]error, len(dbs))
	for i, db := range dbs {
		wg.Go(func() { errs[i] = db.Migrate(context.Background()) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: Migrate = %v", i, err)
		}
	}
	if v, err := dbs[0].SchemaVersion(context.Background()); err != nil || v < 1 {
		t.Errorf("SchemaVersion = %d, %v", v, err)
	}
	if pg := os.Getenv("KINERJA_TEST_POSTGRES"); pg != "" {
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				db, err := Open(context.Background(), pg)
				if err != nil {
					t.Error(err)
					return
				}
				defer db.Close()
				db.Logger = discardLogger
				if err := db.Migrate(context.Background()); err != nil {
					t.Errorf("postgres Migrate: %v", err)
				}
			})
		}
		wg.Wait()
	}
}

// TestAuditAppendOnly checks that the database itself refuses to change or delete audit rows.
func TestAuditAppendOnly(t *testing.T) {
	t.Parallel()
	db := openTestSQLite(t, filepath.Join(t.TempDir(), "k.db"))
	ctx := context.Background()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.EnsureAdmin(ctx, "rahasia-admin-123"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE audit_log SET actor_name = 'x'`, `DELETE FROM audit_log`} {
		if _, err := db.db.ExecContext(ctx, q); err == nil {
			t.Errorf("%s succeeded; want the trigger to refuse it", q)
		}
	}
	var n int
	db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE actor_name <> 'x'`).Scan(&n)
	if n != 1 {
		t.Errorf("audit rows after refused changes = %d; want 1", n)
	}
}
