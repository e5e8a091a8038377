package sqldb

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// A dump is the content of every table in a form that does not depend on the engine: one
// stream of JSON lines per table, one line per row, each line an array of the row's values
// in the order of the table's columns. The types are those both engines' migrations agree on
// (schema_test.go): integer and real as JSON numbers, text as a string, boolean as true or
// false, date as "YYYY-MM-DD", timestamp as RFC 3339 in UTC, blob as base64, NULL as null.
// Text that is not valid UTF-8 is written as {"base64": "..."} so that nothing is lost, and a
// real that is not finite as the string "NaN", "+Inf" or "-Inf".

// Column types of a dump.
const (
	TypeInteger   = "integer"
	TypeReal      = "real"
	TypeText      = "text"
	TypeBoolean   = "boolean"
	TypeDate      = "date"
	TypeTimestamp = "timestamp"
	TypeBlob      = "blob"
)

// DumpColumn is a column of a dumped table with its engine-neutral type.
type DumpColumn struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// DumpTable describes one table of a dump.
type DumpTable struct {
	Name       string       `json:"name"`
	Columns    []DumpColumn `json:"columns"`
	PrimaryKey []string     `json:"primary_key"`
	Rows       int64        `json:"rows"`
}

// Dump is what a dump holds besides the rows themselves.
type Dump struct {
	Engine        Engine      // the engine the rows were read from
	SchemaVersion int64       // the newest migration applied to that database
	Tables        []DumpTable // every table but the migration runner's, by name
	// Evidence holds the SHA-256 of every evidence file the rows refer to, sorted.
	Evidence []string
}

// migrationTable is the migration runner's own table: each engine's runner makes it its own
// way, and a restore makes it by migrating.
const migrationTable = "goose_db_version"

// blobReferences are the columns that name a file of the evidence store by its SHA-256.
var blobReferences = []struct{ table, column string }{{"evidence", "sha256"}}

// Dump writes every table to the writer open returns for it, one table after the other, all
// read in one snapshot of the database: a read-only transaction at REPEATABLE READ on
// PostgreSQL, a read transaction under WAL on SQLite. Writers carry on meanwhile and none of
// their changes committed after the snapshot appears. Rows are written in primary key order,
// so that a dump says nothing about the order in which rows were inserted.
func (db *DB) Dump(ctx context.Context, open func(table string) (io.Writer, error)) (*Dump, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.engine == Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	// On SQLite a read-only transaction begins DEFERRED, whatever _txlock says: it takes no
	// write lock, and its first read fixes the snapshot.
	tx, err := db.db.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("dump: %w", err)
	}
	defer tx.Rollback()
	d := &Dump{Engine: db.engine}
	var version sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT MAX(version_id) FROM `+migrationTable+` WHERE is_applied`).Scan(&version); err != nil {
		return nil, fmt.Errorf("dump: the database has no Kinerja schema: %w", err)
	}
	d.SchemaVersion = version.Int64
	tables, err := readSchema(ctx, tx, db.engine)
	if err != nil {
		return nil, fmt.Errorf("dump: %w", err)
	}
	for _, t := range tables {
		w, err := open(t.name)
		if err != nil {
			return nil, fmt.Errorf("dump %s: %w", t.name, err)
		}
		n, err := dumpTable(ctx, tx, db.engine, t, w)
		if err != nil {
			return nil, fmt.Errorf("dump %s: %w", t.name, err)
		}
		d.Tables = append(d.Tables, t.dumpTable(n))
	}
	for _, ref := range blobReferences {
		if _, ok := findTable(tables, ref.table); !ok {
			continue
		}
		hashes, err := queryNames(ctx, tx, `SELECT DISTINCT `+quoteIdent(ref.column)+` FROM `+quoteIdent(ref.table)+
			` WHERE `+quoteIdent(ref.column)+` IS NOT NULL`)
		if err != nil {
			return nil, fmt.Errorf("dump: %w", err)
		}
		d.Evidence = append(d.Evidence, hashes...)
	}
	slices.Sort(d.Evidence)
	d.Evidence = slices.Compact(d.Evidence)
	return d, tx.Commit()
}

// dumpTable writes the rows of t to w in primary key order and returns how many there were.
func dumpTable(ctx context.Context, tx *sql.Tx, e Engine, t schemaTable, w io.Writer) (int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+t.columnList()+` FROM `+quoteIdent(t.name)+` ORDER BY `+t.orderBy(e))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	vals := make([]any, len(t.columns))
	ptrs := make([]any, len(t.columns))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	line := make([]any, len(t.columns))
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, c := range t.columns {
			if line[i], err = neutralValue(c.typ, vals[i]); err != nil {
				return n, fmt.Errorf("column %s: %w", c.name, err)
			}
		}
		if err := enc.Encode(line); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// neutralValue turns a value as the driver scanned it into its form in a dump.
func neutralValue(typ string, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	bad := func() (any, error) { return nil, fmt.Errorf("%T %v is not a %s", v, v, typ) }
	switch typ {
	case TypeInteger:
		if n, ok := v.(int64); ok {
			return n, nil
		}
	case TypeReal:
		var f float64
		switch x := v.(type) {
		case float64:
			f = x
		case int64:
			f = float64(x)
		default:
			return bad()
		}
		switch {
		case math.IsNaN(f):
			return "NaN", nil
		case math.IsInf(f, 1):
			return "+Inf", nil
		case math.IsInf(f, -1):
			return "-Inf", nil
		}
		return f, nil
	case TypeText:
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case []byte:
			s = string(x)
		default:
			return bad()
		}
		if !utf8.ValidString(s) {
			return map[string]string{"base64": base64.StdEncoding.EncodeToString([]byte(s))}, nil
		}
		return s, nil
	case TypeBoolean:
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			return x != 0, nil
		}
	case TypeDate:
		switch x := v.(type) {
		case time.Time:
			return x.Format(time.DateOnly), nil
		case string:
			if t, err := parseStoredTime(x); err == nil {
				return t.Format(time.DateOnly), nil
			}
		}
	case TypeTimestamp:
		switch x := v.(type) {
		case time.Time:
			return x.UTC().Format(time.RFC3339Nano), nil
		case string:
			if t, err := parseStoredTime(x); err == nil {
				return t.UTC().Format(time.RFC3339Nano), nil
			}
		}
	case TypeBlob:
		switch x := v.(type) {
		case []byte:
			return base64.StdEncoding.EncodeToString(x), nil
		case string:
			return base64.StdEncoding.EncodeToString([]byte(x)), nil
		}
	}
	return bad()
}

// storedTimeLayouts are the ways SQLite may hold a date or time as text: the driver's own
// format (_time_format=sqlite) and the shorter ones SQL functions write.
var storedTimeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	time.DateOnly,
}

func parseStoredTime(s string) (time.Time, error) {
	for _, layout := range storedTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date or time", s)
}

// argValue turns a value of a dump into an argument for the driver, as Kinerja itself writes
// that type: dates as YYYY-MM-DD, timestamps as time.Time in UTC.
func argValue(typ string, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	bad := func() (any, error) { return nil, fmt.Errorf("%v is not a %s", v, typ) }
	switch typ {
	case TypeInteger:
		if n, ok := v.(json.Number); ok {
			if i, err := n.Int64(); err == nil {
				return i, nil
			}
		}
	case TypeReal:
		switch x := v.(type) {
		case json.Number:
			if f, err := x.Float64(); err == nil {
				return f, nil
			}
		case string:
			switch x {
			case "NaN":
				return math.NaN(), nil
			case "+Inf":
				return math.Inf(1), nil
			case "-Inf":
				return math.Inf(-1), nil
			}
		}
	case TypeText:
		switch x := v.(type) {
		case string:
			return x, nil
		case map[string]any:
			if s, ok := x["base64"].(string); ok && len(x) == 1 {
				if b, err := base64.StdEncoding.DecodeString(s); err == nil {
					return string(b), nil
				}
			}
		}
	case TypeBoolean:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case TypeDate:
		if s, ok := v.(string); ok {
			if _, err := time.Parse(time.DateOnly, s); err == nil {
				return s, nil
			}
		}
	case TypeTimestamp:
		if s, ok := v.(string); ok {
			if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
				return t.UTC(), nil
			}
		}
	case TypeBlob:
		if s, ok := v.(string); ok {
			if b, err := base64.StdEncoding.DecodeString(s); err == nil {
				return b, nil
			}
		}
	}
	return bad()
}

// table is a table of the database as the dump and the restore see it.
type schemaTable struct {
	name     string
	columns  []schemaColumn
	pk       []string
	fks      []schemaFK
	identity bool // PostgreSQL: a column takes its default from an identity or sequence
}

type schemaColumn struct {
	name, typ string
	notNull   bool
	serial    bool // PostgreSQL: identity or sequence default
}

type schemaFK struct {
	columns    []string
	refTable   string
	refColumns []string // empty: the referenced table's primary key (SQLite)
}

func (t schemaTable) dumpTable(rows int64) DumpTable {
	d := DumpTable{Name: t.name, PrimaryKey: t.pk, Rows: rows}
	for _, c := range t.columns {
		d.Columns = append(d.Columns, DumpColumn{Name: c.name, Type: c.typ})
	}
	return d
}

func (t schemaTable) column(name string) (int, bool) {
	for i, c := range t.columns {
		if c.name == name {
			return i, true
		}
	}
	return -1, false
}

// columnIndexes returns the positions of the named columns; a name not found is -1.
func (t schemaTable) columnIndexes(names []string) []int {
	out := make([]int, len(names))
	for i, n := range names {
		out[i], _ = t.column(n)
	}
	return out
}

func (t schemaTable) columnList() string {
	names := make([]string, len(t.columns))
	for i, c := range t.columns {
		names[i] = quoteIdent(c.name)
	}
	return strings.Join(names, ", ")
}

// orderBy orders by the primary key, or by every column for a table without one. Text sorts
// by its bytes on both engines.
func (t schemaTable) orderBy(e Engine) string {
	keys := t.pk
	if len(keys) == 0 {
		for _, c := range t.columns {
			keys = append(keys, c.name)
		}
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = quoteIdent(k)
		if j, _ := t.column(k); e == Postgres && j >= 0 && t.columns[j].typ == TypeText {
			out[i] += ` COLLATE "C"`
		}
	}
	return strings.Join(out, ", ")
}

func findTable(ts []schemaTable, name string) (schemaTable, bool) {
	for _, t := range ts {
		if t.name == name {
			return t, true
		}
	}
	return schemaTable{}, false
}

// quoteIdent quotes a name for SQL on both engines.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func queryNames(ctx context.Context, q queryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
