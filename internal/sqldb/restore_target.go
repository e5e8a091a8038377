package sqldb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

// A restore goes into a database that holds no data. These tell what a database holds and
// empty it when asked to.

// LatestSchemaVersion returns the newest migration this program holds.
func LatestSchemaVersion() (int64, error) {
	fsys, err := MigrationsFS(SQLite)
	if err != nil {
		return 0, err
	}
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return 0, err
	}
	var latest int64
	for _, name := range names {
		digits, _, _ := strings.Cut(name, "_")
		v, err := strconv.ParseInt(digits, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("migration %s: no version number", name)
		}
		latest = max(latest, v)
	}
	return latest, nil
}

// MigrateTo applies the pending migrations up to version and no further.
func (db *DB) MigrateTo(ctx context.Context, version int64) error {
	if version <= 0 {
		return errors.New("migrate: no version to migrate to")
	}
	return db.migrate(ctx, version)
}

// Migrated tells whether the database has been migrated at all, and to which version.
func (db *DB) Migrated(ctx context.Context) (version int64, ok bool, err error) {
	names, err := tableNames(ctx, db.db, db.engine)
	if err != nil {
		return 0, false, err
	}
	if !slices.Contains(names, migrationTable) {
		return 0, false, nil
	}
	v, err := db.SchemaVersion(ctx)
	return v, true, err
}

// TablesWithRows names the tables that hold at least one row, every table of the database's
// schema counted but the migration runner's: a restore goes only into a database where it
// names none.
func (db *DB) TablesWithRows(ctx context.Context) ([]string, error) {
	names, err := tableNames(ctx, db.db, db.engine)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, name := range names {
		if name == migrationTable {
			continue
		}
		var has bool
		if err := db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+quoteIdent(name)+`)`).Scan(&has); err != nil {
			return nil, fmt.Errorf("count rows of %s: %w", name, err)
		}
		if has {
			out = append(out, name)
		}
	}
	return out, nil
}

// tableNames lists the tables of the database's schema, sorted.
func tableNames(ctx context.Context, q queryer, e Engine) ([]string, error) {
	query := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`
	if e == Postgres {
		query = `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`
	}
	names, err := queryNames(ctx, q, query)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	slices.Sort(names)
	return names, nil
}

// Wipe drops every table of the database's schema with its data, and on PostgreSQL also its
// views, sequences, functions and types, except what belongs to an extension: the database
// is left as if it had never been migrated. It is the -force of a restore.
func (db *DB) Wipe(ctx context.Context) error {
	if db.engine == SQLite {
		return db.wipeSQLite(ctx)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("wipe: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT kind, string_agg(name, ', ') FROM (
		SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
			format('%I', c.relname)
		FROM pg_class c
		WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
		  AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
		  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
		UNION ALL
		SELECT 'ROUTINE', format('%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid))
		FROM pg_proc p
		WHERE p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND p.prokind IN ('f', 'p')
		  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
		UNION ALL
		SELECT 'TYPE', format('%I', t.typname)
		FROM pg_type t
		WHERE t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND t.typtype IN ('e', 'd')
		  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
	) o(kind, name) GROUP BY kind`)
	if err != nil {
		return fmt.Errorf("wipe: %w", err)
	}
	drops := map[string]string{}
	for rows.Next() {
		var kind, names string
		if err := rows.Scan(&kind, &names); err != nil {
			rows.Close()
			return fmt.Errorf("wipe: %w", err)
		}
		drops[kind] = names
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("wipe: %w", err)
	}
	// Views first, then tables (their identity sequences go with them), then what is left.
	for _, kind := range []string{"MATERIALIZED VIEW", "VIEW", "TABLE", "SEQUENCE", "ROUTINE", "TYPE"} {
		if drops[kind] == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DROP `+kind+` IF EXISTS `+drops[kind]+` CASCADE`); err != nil {
			return fmt.Errorf("wipe: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("wipe: %w", err)
	}
	return nil
}

// wipeSQLite drops the tables and views with foreign keys off on its connection, so that
// dropping a table deletes nothing row by row and no trigger or constraint stands in the way.
func (db *DB) wipeSQLite(ctx context.Context) error {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("wipe: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return fmt.Errorf("wipe: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("wipe: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT type, name FROM sqlite_master
		WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY type DESC, name`)
	if err != nil {
		return fmt.Errorf("wipe: %w", err)
	}
	var stmts []string
	for rows.Next() {
		var kind, name string
		if err := rows.Scan(&kind, &name); err != nil {
			rows.Close()
			return fmt.Errorf("wipe: %w", err)
		}
		stmts = append(stmts, `DROP `+strings.ToUpper(kind)+` IF EXISTS `+quoteIdent(name))
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("wipe: %w", err)
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("wipe: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("wipe: %w", err)
	}
	return nil
}
