package sqldb

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Restore loads the rows of a dump, each table's read from the reader open returns, into
// this database, which must be migrated to the dump's schema version and hold no rows. It is
// one transaction: a failure leaves the database as empty as it was. Tables are filled in the
// order of their foreign keys; a reference that cannot be in place yet (units and their head,
// a supervisor with a higher id) is written as NULL and set once every row is in. On
// PostgreSQL every identity counter is then moved past the highest id, so that new rows do
// not collide with restored ones.
func (db *DB) Restore(ctx context.Context, d *Dump, open func(table string) (io.ReadCloser, error)) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer tx.Rollback()
	var version sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT MAX(version_id) FROM `+migrationTable+` WHERE is_applied`).Scan(&version); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if version.Int64 != d.SchemaVersion {
		return fmt.Errorf("restore: the database is at schema version %d, the backup at %d", version.Int64, d.SchemaVersion)
	}
	tables, err := readSchema(ctx, tx, db.engine)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if err := matchSchema(tables, d.Tables); err != nil {
		return fmt.Errorf("restore: the backup does not fit schema version %d: %w", d.SchemaVersion, err)
	}
	for _, t := range tables {
		var has bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+quoteIdent(t.name)+`)`).Scan(&has); err != nil {
			return fmt.Errorf("restore: %w", err)
		}
		if has {
			return fmt.Errorf("restore: the database already holds rows in %s", t.name)
		}
	}
	plans, err := insertionOrder(tables)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	var later []deferredUpdate
	for _, p := range plans {
		dt, _ := findDumpTable(d.Tables, p.t.name)
		r, err := open(p.t.name)
		if err != nil {
			return fmt.Errorf("restore %s: %w", p.t.name, err)
		}
		n, upd, err := db.restoreTable(ctx, tx, p, dt, r)
		r.Close()
		if err != nil {
			return fmt.Errorf("restore %s: %w", p.t.name, err)
		}
		if n != dt.Rows {
			return fmt.Errorf("restore %s: %d rows where the backup lists %d", p.t.name, n, dt.Rows)
		}
		later = append(later, upd...)
	}
	for _, u := range later {
		if _, err := tx.ExecContext(ctx, u.query, u.args...); err != nil {
			return fmt.Errorf("restore %s: set a reference: %w", u.table, err)
		}
	}
	if db.engine == Postgres {
		for _, t := range tables {
			for _, c := range t.columns {
				if !c.serial {
					continue
				}
				if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(`+quoteIdent(c.name)+`), 0) + 1, false) FROM `+quoteIdent(t.name),
					quoteIdent(t.name), c.name); err != nil {
					return fmt.Errorf("restore %s: reset the counter of %s: %w", t.name, c.name, err)
				}
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("restore: commit: %w", err)
	}
	return nil
}

func findDumpTable(ts []DumpTable, name string) (DumpTable, bool) {
	for _, t := range ts {
		if t.Name == name {
			return t, true
		}
	}
	return DumpTable{}, false
}

// matchSchema checks that the dump has exactly the tables and columns of the database, each
// of the same type.
func matchSchema(tables []schemaTable, dumped []DumpTable) error {
	var problems []string
	for _, dt := range dumped {
		t, ok := findTable(tables, dt.Name)
		if !ok {
			problems = append(problems, "table "+dt.Name+" is unknown")
			continue
		}
		for _, dc := range dt.Columns {
			i, ok := t.column(dc.Name)
			switch {
			case !ok:
				problems = append(problems, "column "+dt.Name+"."+dc.Name+" is unknown")
			case t.columns[i].typ != dc.Type:
				problems = append(problems, fmt.Sprintf("column %s.%s is %s here, %s in the backup", dt.Name, dc.Name, t.columns[i].typ, dc.Type))
			}
		}
		for _, c := range t.columns {
			if !slices.ContainsFunc(dt.Columns, func(dc DumpColumn) bool { return dc.Name == c.name }) {
				problems = append(problems, "column "+dt.Name+"."+c.name+" is missing")
			}
		}
	}
	for _, t := range tables {
		if _, ok := findDumpTable(dumped, t.name); !ok {
			problems = append(problems, "table "+t.name+" is missing")
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// tablePlan is how one table is filled: which of its foreign keys wait until every table is
// in, and which refer to the table itself.
type tablePlan struct {
	t        schemaTable
	deferred []schemaFK // to tables filled later: NULL first, set at the end
	self     []schemaFK // to the table itself: set at the end when the row referred to comes later
}

// insertionOrder orders the tables so that each comes after the tables it refers to. A cycle
// (units name their head, employees their unit) is broken at a table whose references into
// the cycle all take NULL.
func insertionOrder(tables []schemaTable) ([]tablePlan, error) {
	placed := map[string]bool{}
	deferred := map[string][]schemaFK{}
	remaining := slices.Clone(tables)
	var out []tablePlan
	blocking := func(t schemaTable) []schemaFK {
		var fks []schemaFK
		for _, fk := range t.fks {
			if fk.refTable != t.name && !placed[fk.refTable] && !slices.ContainsFunc(deferred[t.name], func(d schemaFK) bool { return fkEqual(d, fk) }) {
				fks = append(fks, fk)
			}
		}
		return fks
	}
	for len(remaining) > 0 {
		i := slices.IndexFunc(remaining, func(t schemaTable) bool { return len(blocking(t)) == 0 })
		if i < 0 {
			// A cycle: defer the references of the table with the fewest that all take NULL.
			best, bestN := -1, 0
			for j, t := range remaining {
				fks := blocking(t)
				if nullable(t, fks) && (best < 0 || len(fks) < bestN) {
					best, bestN = j, len(fks)
				}
			}
			if best < 0 {
				var names []string
				for _, t := range remaining {
					names = append(names, t.name)
				}
				return nil, fmt.Errorf("the tables %s refer to each other through columns that do not take NULL", strings.Join(names, ", "))
			}
			t := remaining[best]
			deferred[t.name] = append(deferred[t.name], blocking(t)...)
			i = best
		}
		t := remaining[i]
		p := tablePlan{t: t, deferred: deferred[t.name]}
		for _, fk := range t.fks {
			if fk.refTable == t.name {
				p.self = append(p.self, fk)
			}
		}
		out = append(out, p)
		placed[t.name] = true
		remaining = slices.Delete(remaining, i, i+1)
	}
	return out, nil
}

func fkEqual(a, b schemaFK) bool {
	return a.refTable == b.refTable && slices.Equal(a.columns, b.columns) && slices.Equal(a.refColumns, b.refColumns)
}

// nullable tells whether every column of fks takes NULL.
func nullable(t schemaTable, fks []schemaFK) bool {
	for _, fk := range fks {
		for _, name := range fk.columns {
			if i, ok := t.column(name); !ok || t.columns[i].notNull {
				return false
			}
		}
	}
	return true
}

// deferredUpdate sets, at the end of a restore, the references a row could not hold when it
// was inserted.
type deferredUpdate struct {
	table string
	query string
	args  []any
}

// restoreTable inserts the rows of one table, read from r, in batches.
func (db *DB) restoreTable(ctx context.Context, tx *sql.Tx, p tablePlan, dt DumpTable, r io.Reader) (int64, []deferredUpdate, error) {
	t := p.t
	// from[i] is the position in a line of the dump of the table's column i.
	from := make([]int, len(t.columns))
	for i, c := range t.columns {
		from[i] = slices.IndexFunc(dt.Columns, func(dc DumpColumn) bool { return dc.Name == c.name })
	}
	pkCols := t.columnIndexes(t.pk)
	if len(pkCols) == 0 {
		pkCols = t.columnIndexes(columnNames(t))
	}
	var deferredCols, selfCols, selfRef [][]int
	for _, fk := range p.deferred {
		deferredCols = append(deferredCols, t.columnIndexes(fk.columns))
	}
	// A row referred to by a row of the same table is in by the end of that row's statement
	// when it comes first, or is the row itself; only references to rows further on wait.
	seen := make([]map[string]bool, len(p.self))
	for i, fk := range p.self {
		selfCols = append(selfCols, t.columnIndexes(fk.columns))
		selfRef = append(selfRef, t.columnIndexes(fk.refColumns))
		seen[i] = map[string]bool{}
	}

	per := max(1, min(500, 30000/len(t.columns)))
	if db.restoreBatch > 0 {
		per = db.restoreBatch
	}
	insert := func(rows int) string { return insertStatement(db.engine, t, rows) }
	full := insert(per)
	batch := make([]any, 0, per*len(t.columns))
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		q := full
		if rows := len(batch) / len(t.columns); rows < per {
			q = insert(rows)
		}
		_, err := tx.ExecContext(ctx, q, batch...)
		batch = batch[:0]
		return err
	}

	var (
		later []deferredUpdate
		n     int64
	)
	dec := json.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	dec.UseNumber()
	for {
		var line []any
		if err := dec.Decode(&line); err == io.EOF {
			break
		} else if err != nil {
			return n, nil, fmt.Errorf("row %d: %w", n+1, err)
		}
		n++
		if len(line) != len(dt.Columns) {
			return n, nil, fmt.Errorf("row %d has %d values for %d columns", n, len(line), len(dt.Columns))
		}
		row := make([]any, len(t.columns))
		for i, c := range t.columns {
			v, err := argValue(c.typ, line[from[i]])
			if err != nil {
				return n, nil, fmt.Errorf("row %d, column %s: %w", n, c.name, err)
			}
			row[i] = v
		}
		for i := range p.self {
			seen[i][key(row, selfRef[i])] = true
		}
		var wait [][]int
		for _, cols := range deferredCols {
			if !allNil(row, cols) {
				wait = append(wait, cols)
			}
		}
		for i, cols := range selfCols {
			if !allNil(row, cols) && !seen[i][key(row, cols)] {
				wait = append(wait, cols)
			}
		}
		if len(wait) > 0 {
			later = append(later, laterUpdate(t, pkCols, row, wait))
		}
		batch = append(batch, row...)
		if len(batch) == per*len(t.columns) {
			if err := flush(); err != nil {
				return n, nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return n, nil, err
	}
	return n, later, nil
}

// insertStatement inserts rows rows into t, with the ids they had.
func insertStatement(e Engine, t schemaTable, rows int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO ` + quoteIdent(t.name) + ` (` + t.columnList() + `) `)
	if e == Postgres && t.identity {
		b.WriteString(`OVERRIDING SYSTEM VALUE `)
	}
	b.WriteString(`VALUES `)
	n := 0
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(")
		for c := range t.columns {
			if c > 0 {
				b.WriteString(", ")
			}
			n++
			b.WriteString(e.placeholder(n))
		}
		b.WriteString(")")
	}
	return b.String()
}

// laterUpdate takes the references in wait out of row, to be set by an UPDATE at the end.
func laterUpdate(t schemaTable, pkCols []int, row []any, wait [][]int) deferredUpdate {
	u := deferredUpdate{table: t.name}
	var set, where []string
	for _, cols := range wait {
		for _, c := range cols {
			if row[c] == nil || slices.Contains(pkCols, c) {
				continue
			}
			u.args = append(u.args, row[c])
			set = append(set, quoteIdent(t.columns[c].name)+" = $"+strconv.Itoa(len(u.args)))
		}
	}
	for _, c := range pkCols {
		u.args = append(u.args, row[c])
		where = append(where, quoteIdent(t.columns[c].name)+" = $"+strconv.Itoa(len(u.args)))
	}
	for _, cols := range wait {
		for _, c := range cols {
			if !slices.Contains(pkCols, c) {
				row[c] = nil
			}
		}
	}
	u.query = `UPDATE ` + quoteIdent(t.name) + ` SET ` + strings.Join(set, ", ") + ` WHERE ` + strings.Join(where, " AND ")
	return u
}

// placeholder is parameter n in a statement with many: SQLite looks each name such as $7 up
// in a list, which grows slow past a few hundred, and takes plain ? in order instead.
func (e Engine) placeholder(n int) string {
	if e == SQLite {
		return "?"
	}
	return "$" + strconv.Itoa(n)
}

func columnNames(t schemaTable) []string {
	out := make([]string, len(t.columns))
	for i, c := range t.columns {
		out[i] = c.name
	}
	return out
}

func allNil(row []any, cols []int) bool {
	for _, c := range cols {
		if row[c] != nil {
			return false
		}
	}
	return true
}

// key identifies the values of some columns of a row.
func key(row []any, cols []int) string {
	var b strings.Builder
	for _, c := range cols {
		fmt.Fprintf(&b, "%T:%v\x00", row[c], row[c])
	}
	return b.String()
}
