package sqldb_test

import (
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// column is what the schema test compares of a column on both engines.
type column struct {
	class   string // integer, text, boolean, date, timestamp, real or blob
	notNull bool
}

func (c column) String() string {
	null := "NULL"
	if c.notNull {
		null = "NOT NULL"
	}
	return c.class + " " + null
}

// sqliteClasses maps the types the SQLite migrations declare to a class. SQLite would take any
// word as a type, so a type missing here fails the test instead of passing unchecked.
var sqliteClasses = map[string]string{
	"INTEGER":  "integer",
	"TEXT":     "text",
	"BOOLEAN":  "boolean",
	"DATE":     "date",
	"DATETIME": "timestamp",
	"REAL":     "real",
	"BLOB":     "blob",
}

// postgresClasses maps PostgreSQL's information_schema data types to a class: BIGINT and
// INTEGER are both an integer, as SQLite's INTEGER holds 64 bits.
var postgresClasses = map[string]string{
	"bigint":                   "integer",
	"integer":                  "integer",
	"smallint":                 "integer",
	"text":                     "text",
	"character varying":        "text",
	"boolean":                  "boolean",
	"date":                     "date",
	"timestamp with time zone": "timestamp",
	"double precision":         "real",
	"real":                     "real",
	"bytea":                    "blob",
}

// schemaDifferences are deliberate differences between the engines, by table.column, with the
// reason. None today.
var schemaDifferences = map[string]string{}

// TestSchemasMatch migrates both engines and compares them table by table: the same tables,
// the same columns, each of the same class and nullability. It then changes one copy of each
// to see that the comparison would have caught the change.
func TestSchemasMatch(t *testing.T) {
	t.Parallel()
	if !slices.Contains(sqldbtest.Engines(), sqldb.Postgres) {
		t.Skipf("%s is not set", sqldbtest.PostgresEnv)
	}
	lite, pg := rawDB(t, sqldb.SQLite, sqldbtest.DSN(t, sqldb.SQLite)), rawDB(t, sqldb.Postgres, sqldbtest.DSN(t, sqldb.Postgres))
	for _, d := range schemaDiff(sqliteSchema(t, lite), postgresSchema(t, pg)) {
		t.Error(d)
	}

	for _, stmt := range []string{`ALTER TABLE units ADD COLUMN code TEXT`, `CREATE TABLE extra (id INTEGER PRIMARY KEY)`} {
		if _, err := lite.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	for _, stmt := range []string{`ALTER TABLE employees ALTER COLUMN phone DROP NOT NULL`, `ALTER TABLE employees ALTER COLUMN grade TYPE INTEGER USING 0`} {
		if _, err := pg.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		"table extra is in SQLite only",
		"column units.code is in SQLite only",
		"column employees.grade is text NOT NULL in SQLite, integer NOT NULL in PostgreSQL",
		"column employees.phone is text NOT NULL in SQLite, text NULL in PostgreSQL",
	}
	got := schemaDiff(sqliteSchema(t, lite), postgresSchema(t, pg))
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("differences after changing one engine's copy:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// schemaDiff describes every difference between two schemas that schemaDifferences does not
// explain.
func schemaDiff(lite, pg map[string]map[string]column) []string {
	var out []string
	for _, table := range slices.Sorted(maps.Keys(lite)) {
		if _, ok := pg[table]; !ok {
			out = append(out, "table "+table+" is in SQLite only")
		}
	}
	for _, table := range slices.Sorted(maps.Keys(pg)) {
		l, ok := lite[table]
		if !ok {
			out = append(out, "table "+table+" is in PostgreSQL only")
			continue
		}
		p := pg[table]
		for _, name := range slices.Sorted(maps.Keys(l)) {
			if _, ok := p[name]; !ok && schemaDifferences[table+"."+name] == "" {
				out = append(out, "column "+table+"."+name+" is in SQLite only")
			}
		}
		for _, name := range slices.Sorted(maps.Keys(p)) {
			lc, ok := l[name]
			switch {
			case schemaDifferences[table+"."+name] != "":
			case !ok:
				out = append(out, "column "+table+"."+name+" is in PostgreSQL only")
			case lc != p[name]:
				out = append(out, fmt.Sprintf("column %s.%s is %v in SQLite, %v in PostgreSQL", table, name, lc, p[name]))
			}
		}
	}
	return out
}

// The migration runner's own table is left out: each engine's runner makes it its own way.
const migrationTable = "goose_db_version"

func sqliteSchema(t *testing.T, db *sql.DB) map[string]map[string]column {
	t.Helper()
	tables := queryStrings(t, db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> $1`, migrationTable)
	out := map[string]map[string]column{}
	for _, table := range tables {
		out[table] = map[string]column{}
		rows, err := db.Query(`SELECT name, type, "notnull", pk, (SELECT COUNT(*) FROM pragma_table_info($1) WHERE pk > 0)
			FROM pragma_table_info($1)`, table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var (
				name, typ        string
				notNull, pk, pks int
			)
			if err := rows.Scan(&name, &typ, &notNull, &pk, &pks); err != nil {
				t.Fatal(err)
			}
			class, ok := sqliteClasses[strings.ToUpper(typ)]
			if !ok {
				t.Errorf("column %s.%s: SQLite type %q has no class; add it to sqliteClasses", table, name, typ)
			}
			// A lone INTEGER PRIMARY KEY is the rowid, never null though SQLite does not say so.
			// Other primary key columns take NULL in SQLite unless declared NOT NULL.
			rowid := pk > 0 && pks == 1 && strings.EqualFold(typ, "INTEGER")
			out[table][name] = column{class: class, notNull: notNull == 1 || rowid}
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func postgresSchema(t *testing.T, db *sql.DB) map[string]map[string]column {
	t.Helper()
	rows, err := db.Query(`SELECT c.table_name, c.column_name, c.data_type, c.is_nullable
		FROM information_schema.columns c JOIN information_schema.tables t
		  ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> $1`, migrationTable)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]map[string]column{}
	for rows.Next() {
		var table, name, typ, nullable string
		if err := rows.Scan(&table, &name, &typ, &nullable); err != nil {
			t.Fatal(err)
		}
		class, ok := postgresClasses[typ]
		if !ok {
			t.Errorf("column %s.%s: PostgreSQL type %q has no class; add it to postgresClasses", table, name, typ)
		}
		if out[table] == nil {
			out[table] = map[string]column{}
		}
		out[table][name] = column{class: class, notNull: nullable == "NO"}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
