package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// sqliteTypes maps the types the SQLite migrations declare to a type of a dump, as
// schema_test.go does; a type missing here makes a dump fail rather than guess.
var sqliteTypes = map[string]string{
	"INTEGER":  TypeInteger,
	"TEXT":     TypeText,
	"BOOLEAN":  TypeBoolean,
	"DATE":     TypeDate,
	"DATETIME": TypeTimestamp,
	"REAL":     TypeReal,
	"BLOB":     TypeBlob,
}

// postgresTypes maps PostgreSQL's information_schema data types to a type of a dump.
var postgresTypes = map[string]string{
	"bigint":                   TypeInteger,
	"integer":                  TypeInteger,
	"smallint":                 TypeInteger,
	"text":                     TypeText,
	"character varying":        TypeText,
	"boolean":                  TypeBoolean,
	"date":                     TypeDate,
	"timestamp with time zone": TypeTimestamp,
	"double precision":         TypeReal,
	"real":                     TypeReal,
	"bytea":                    TypeBlob,
}

// readSchema describes every table of the database but the migration runner's, sorted by
// name: columns in their order, primary key and foreign keys.
func readSchema(ctx context.Context, q queryer, e Engine) ([]schemaTable, error) {
	var (
		tables []schemaTable
		err    error
	)
	if e == SQLite {
		tables, err = readSQLiteSchema(ctx, q)
	} else {
		tables, err = readPostgresSchema(ctx, q)
	}
	if err != nil {
		return nil, fmt.Errorf("read schema: %w", err)
	}
	slices.SortFunc(tables, func(a, b schemaTable) int { return strings.Compare(a.name, b.name) })
	return tables, nil
}

func readSQLiteSchema(ctx context.Context, q queryer) ([]schemaTable, error) {
	names, err := queryNames(ctx, q, `SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> $1`, migrationTable)
	if err != nil {
		return nil, err
	}
	var tables []schemaTable
	for _, name := range names {
		t := schemaTable{name: name}
		rows, err := q.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info($1) ORDER BY cid`, name)
		if err != nil {
			return nil, err
		}
		pkAt := map[int]string{} // position in the primary key → column
		for rows.Next() {
			var (
				col, typ     string
				notNull, pos int
			)
			if err := rows.Scan(&col, &typ, &notNull, &pos); err != nil {
				rows.Close()
				return nil, err
			}
			class, ok := sqliteTypes[strings.ToUpper(typ)]
			if !ok {
				rows.Close()
				return nil, fmt.Errorf("column %s.%s: type %q has no form in a backup", name, col, typ)
			}
			t.columns = append(t.columns, schemaColumn{name: col, typ: class, notNull: notNull == 1 || pos > 0})
			if pos > 0 {
				pkAt[pos] = col
			}
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		for pos := 1; pos <= len(pkAt); pos++ {
			t.pk = append(t.pk, pkAt[pos])
		}
		rows, err = q.QueryContext(ctx, `SELECT id, "table", "from", "to" FROM pragma_foreign_key_list($1) ORDER BY id, seq`, name)
		if err != nil {
			return nil, err
		}
		last := -1
		for rows.Next() {
			var (
				id        int
				ref, from string
				to        sql.NullString
			)
			if err := rows.Scan(&id, &ref, &from, &to); err != nil {
				rows.Close()
				return nil, err
			}
			if id != last {
				t.fks = append(t.fks, schemaFK{refTable: ref})
				last = id
			}
			fk := &t.fks[len(t.fks)-1]
			fk.columns = append(fk.columns, from)
			if to.Valid {
				fk.refColumns = append(fk.refColumns, to.String)
			}
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	// A foreign key without its columns names the referenced table's primary key.
	for i := range tables {
		for j, fk := range tables[i].fks {
			if len(fk.refColumns) == 0 {
				if ref, ok := findTable(tables, fk.refTable); ok {
					tables[i].fks[j].refColumns = ref.pk
				}
			}
		}
	}
	return tables, nil
}

func readPostgresSchema(ctx context.Context, q queryer) ([]schemaTable, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable = 'NO',
			c.is_identity = 'YES' OR COALESCE(c.column_default, '') LIKE 'nextval(%'
		FROM information_schema.columns c JOIN information_schema.tables t
		  ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> $1
		  AND c.is_generated = 'NEVER'
		ORDER BY c.table_name, c.ordinal_position`, migrationTable)
	if err != nil {
		return nil, err
	}
	var tables []schemaTable
	index := map[string]int{}
	for rows.Next() {
		var (
			name, col, typ  string
			notNull, serial bool
		)
		if err := rows.Scan(&name, &col, &typ, &notNull, &serial); err != nil {
			rows.Close()
			return nil, err
		}
		class, ok := postgresTypes[typ]
		if !ok {
			rows.Close()
			return nil, fmt.Errorf("column %s.%s: type %q has no form in a backup", name, col, typ)
		}
		i, ok := index[name]
		if !ok {
			i = len(tables)
			index[name] = i
			tables = append(tables, schemaTable{name: name})
		}
		tables[i].columns = append(tables[i].columns, schemaColumn{name: col, typ: class, notNull: notNull, serial: serial})
		tables[i].identity = tables[i].identity || serial
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT c.relname, a.attname
		FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
		WHERE i.indisprimary AND n.nspname = current_schema()
		ORDER BY c.relname, k.ord`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var name, col string
		if err := rows.Scan(&name, &col); err != nil {
			rows.Close()
			return nil, err
		}
		if i, ok := index[name]; ok {
			tables[i].pk = append(tables[i].pk, col)
		}
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT con.conname, cl.relname, rf.relname, a.attname, af.attname
		FROM pg_constraint con
		JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
		JOIN pg_class rf ON rf.oid = con.confrelid
		CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(col, refcol, ord)
		JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.col
		JOIN pg_attribute af ON af.attrelid = con.confrelid AND af.attnum = k.refcol
		WHERE con.contype = 'f' AND n.nspname = current_schema()
		ORDER BY cl.relname, con.conname, k.ord`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	lastTable, lastName := "", ""
	for rows.Next() {
		var con, name, ref, col, refCol string
		if err := rows.Scan(&con, &name, &ref, &col, &refCol); err != nil {
			return nil, err
		}
		i, ok := index[name]
		if !ok {
			continue
		}
		if name != lastTable || con != lastName {
			tables[i].fks = append(tables[i].fks, schemaFK{refTable: ref})
			lastTable, lastName = name, con
		}
		fk := &tables[i].fks[len(tables[i].fks)-1]
		fk.columns = append(fk.columns, col)
		fk.refColumns = append(fk.refColumns, refCol)
	}
	return tables, rows.Err()
}
