package sqldb_test

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// dumpOf dumps db into memory: what the dump says and the lines of each table.
func dumpOf(t *testing.T, db *sqldb.DB) (*sqldb.Dump, map[string][]byte) {
	t.Helper()
	bufs := map[string]*bytes.Buffer{}
	d, err := db.Dump(context.Background(), func(table string) (io.Writer, error) {
		bufs[table] = new(bytes.Buffer)
		return bufs[table], nil
	})
	if err != nil {
		t.Fatalf("Dump = %v", err)
	}
	out := map[string][]byte{}
	for name, b := range bufs {
		out[name] = b.Bytes()
	}
	return d, out
}

func opener(lines map[string][]byte) func(string) (io.ReadCloser, error) {
	return func(table string) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(lines[table])), nil
	}
}

// openEmpty opens a database of engine e with no tables at all.
func openEmpty(t *testing.T, e sqldb.Engine) *sqldb.DB {
	t.Helper()
	db, err := sqldb.Open(context.Background(), sqldbtest.EmptyDSN(t, e))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Logger = slog.New(slog.DiscardHandler)
	return db
}

func mustExec(t *testing.T, raw *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := raw.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// TestDumpRestore dumps a database and restores it into an empty one of each engine: the
// restored database dumps to the very same lines, and takes new rows without a clash of ids.
func TestDumpRestore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, src := range sqldbtest.Engines() {
		t.Run(string(src), func(t *testing.T) {
			t.Parallel()
			dsn := sqldbtest.DSN(t, src)
			db := sqldbtest.MustOpenDSN(t, dsn)
			o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Cadangan")
			// Units name their head and employees their unit, a cycle; a supervisor who came
			// after their staff member is a reference to a later row of the same table.
			plt := o.AddPerson(t, sqldbtest.PersonSpec{Key: "plt", Name: "Yuni Astuti", Unit: "seksi.a", Supervisor: "camat"})
			raw := rawDB(t, src, dsn)
			mustExec(t, raw, `UPDATE employees SET supervisor_id = $1 WHERE id = $2`, plt.ID, o.KasiA.ID)
			// Rows inserted in another order than their keys, and values of every type.
			mustExec(t, raw, `INSERT INTO login_throttle (key_hash, scope, until_at, last_at) VALUES
				('zeta', 'pair', '2026-03-01 02:03:04.123456+00:00', '2026-03-01 02:03:04.123456+00:00'),
				('alfa', 'address', '2026-03-01 02:03:04+00:00', '2026-03-01 02:03:04+00:00')`)
			mustExec(t, raw, `INSERT INTO holidays (org_id, day, name) VALUES ($1, '2026-08-17', 'Hari "Kemerdekaan" <RI> & ''cuti'''),
				($1, '2026-01-01', 'Tahun Baru')`, o.ID)
			mustExec(t, raw, `INSERT INTO org_settings (org_id, activity_deadline_days, verification_sla_days, evidence_max_bytes, updated_at,
				advice_above_percent, advice_meets_percent) VALUES ($1, 5, 3, 10485760, '2026-03-01 02:03:04+00:00', 100.5, 0.1)`, o.ID)

			d, lines := dumpOf(t, db)
			if got := string(lines["login_throttle"]); !strings.HasPrefix(got, `["alfa","address","2026-03-01T02:03:04Z","2026-03-01T02:03:04Z"]`+"\n"+
				`["zeta","pair","2026-03-01T02:03:04.123456Z","2026-03-01T02:03:04.123456Z"]`) {
				t.Errorf("login_throttle dumped as\n%s\nwant by key, whatever the order of insertion", got)
			}
			if got := string(lines["org_settings"]); !strings.Contains(got, `100.5,0.1`) {
				t.Errorf("org_settings dumped as %s; want the percentages exact", got)
			}
			if v, _ := db.SchemaVersion(ctx); d.Engine != src || d.SchemaVersion != v || len(d.Tables) != len(lines) {
				t.Errorf("dump = %s at %d with %d tables; want %s at %d with %d", d.Engine, d.SchemaVersion, len(d.Tables), src, v, len(lines))
			}
			for _, tab := range d.Tables {
				if n := int64(bytes.Count(lines[tab.Name], []byte("\n"))); n != tab.Rows {
					t.Errorf("%s: %d lines, the dump counts %d rows", tab.Name, n, tab.Rows)
				}
			}

			for _, dst := range sqldbtest.Engines() {
				t.Run("into_"+string(dst), func(t *testing.T) {
					t.Parallel()
					target := openEmpty(t, dst)
					target.SetRestoreBatch(2)
					if err := target.MigrateTo(ctx, d.SchemaVersion); err != nil {
						t.Fatal(err)
					}
					if err := target.Restore(ctx, d, opener(lines)); err != nil {
						t.Fatalf("Restore = %v", err)
					}
					_, got := dumpOf(t, target)
					for _, name := range slices.Sorted(maps.Keys(lines)) {
						if !bytes.Equal(got[name], lines[name]) {
							t.Errorf("%s restored as\n%s\nwant\n%s", name, got[name], lines[name])
						}
					}
					// New rows take ids past the restored ones: a session at login, a unit.
					_, u, err := target.Login(ctx, kinerja.Credentials{Username: o.AdminUser.Username, Password: sqldbtest.Password}, kinerja.SessionAPI, time.Hour)
					if err != nil {
						t.Fatalf("login on the restored database: %v", err)
					}
					unit, err := target.CreateUnit(kinerja.NewContextWithUser(ctx, u), kinerja.NewUnit{Name: "Seksi Baru", Kind: kinerja.UnitSeksi, ParentID: &o.ID})
					if err != nil || unit.ID <= o.SeksiB.ID {
						t.Errorf("new unit on the restored database = %+v, %v; want a fresh id", unit, err)
					}

					// Wipe leaves the database as if never migrated.
					if err := target.Wipe(ctx); err != nil {
						t.Fatal(err)
					}
					if _, migrated, err := target.Migrated(ctx); err != nil || migrated {
						t.Errorf("after Wipe: migrated %v, %v; want no schema", migrated, err)
					}
					if err := target.MigrateTo(ctx, d.SchemaVersion); err != nil {
						t.Fatalf("migrate after Wipe: %v", err)
					}
					if err := target.Restore(ctx, d, opener(lines)); err != nil {
						t.Fatalf("Restore after Wipe = %v", err)
					}
				})
			}
		})
	}
}

// TestRestoreRefuses checks that a restore that cannot be whole writes nothing.
func TestRestoreRefuses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		sqldbtest.MustCreateOrg(t, db, "Kecamatan Tolak")
		d, lines := dumpOf(t, db)
		target := openEmpty(t, db.Engine())
		if err := target.MigrateTo(ctx, d.SchemaVersion); err != nil {
			t.Fatal(err)
		}
		change := func(f func(d *sqldb.Dump, lines map[string][]byte)) (*sqldb.Dump, map[string][]byte) {
			c := *d
			c.Tables = slices.Clone(d.Tables)
			l := maps.Clone(lines)
			f(&c, l)
			return &c, l
		}
		index := func(d *sqldb.Dump, name string) int {
			return slices.IndexFunc(d.Tables, func(t sqldb.DumpTable) bool { return t.Name == name })
		}
		tests := []struct {
			name   string
			change func(d *sqldb.Dump, lines map[string][]byte)
			want   string
		}{
			{"another schema version", func(d *sqldb.Dump, _ map[string][]byte) { d.SchemaVersion-- }, "schema version"},
			{"a table too many", func(d *sqldb.Dump, _ map[string][]byte) {
				d.Tables = append(d.Tables, sqldb.DumpTable{Name: "extra", Columns: []sqldb.DumpColumn{{Name: "id", Type: sqldb.TypeInteger}}})
			}, "table extra is unknown"},
			{"a table missing", func(d *sqldb.Dump, _ map[string][]byte) { d.Tables = slices.Delete(d.Tables, 0, 1) }, "is missing"},
			{"a column of another type", func(d *sqldb.Dump, _ map[string][]byte) {
				i := index(d, "units")
				d.Tables[i].Columns = slices.Clone(d.Tables[i].Columns)
				d.Tables[i].Columns[0].Type = sqldb.TypeText
			}, "units.id is integer here, text in the backup"},
			{"a row more than listed", func(d *sqldb.Dump, lines map[string][]byte) { d.Tables[index(d, "employees")].Rows-- }, "rows where the backup lists"},
			{"a broken line", func(_ *sqldb.Dump, lines map[string][]byte) {
				lines["users"] = append(slices.Clone(lines["users"]), []byte("[1, \n")...)
			}, "restore users"},
			{"a value of the wrong type", func(_ *sqldb.Dump, lines map[string][]byte) {
				lines["units"] = bytes.Replace(lines["units"], []byte(`"kecamatan"`), []byte(`17`), 1)
			}, "column kind"},
		}
		for _, tt := range tests {
			cd, cl := change(tt.change)
			err := target.Restore(ctx, cd, opener(cl))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s: Restore = %v; want an error with %q", tt.name, err, tt.want)
			}
			if full, err := target.TablesWithRows(ctx); err != nil || len(full) > 0 {
				t.Fatalf("%s: after a refused restore, rows in %v, %v; want none", tt.name, full, err)
			}
		}
		if err := target.Restore(ctx, d, opener(lines)); err != nil {
			t.Fatalf("Restore = %v", err)
		}
		if err := target.Restore(ctx, d, opener(lines)); err == nil {
			t.Error("a second Restore into the same database succeeded")
		}
	})
}

// TestDumpIsOneSnapshot commits a change while a dump is under way, after its snapshot is
// taken: the dump holds none of it, in any table, and the database all of it.
func TestDumpIsOneSnapshot(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Potret")
		_, before := dumpOf(t, db)
		var during *kinerja.Unit
		lines := map[string]*bytes.Buffer{}
		_, err := db.Dump(context.Background(), func(table string) (io.Writer, error) {
			if during == nil {
				// A unit and its audit entry, committed while the first table is being read.
				var err error
				if during, err = db.CreateUnit(o.Admin, kinerja.NewUnit{Name: "Seksi Sementara", Kind: kinerja.UnitSeksi, ParentID: &o.ID}); err != nil {
					return nil, err
				}
			}
			lines[table] = new(bytes.Buffer)
			return lines[table], nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for name, b := range lines {
			if !bytes.Equal(b.Bytes(), before[name]) {
				t.Errorf("%s holds a change committed after the dump began:\n%s\nwant\n%s", name, b.Bytes(), before[name])
			}
		}
		if _, after := dumpOf(t, db); !bytes.Contains(after["units"], []byte("Seksi Sementara")) {
			t.Errorf("the change made during the dump is not in the database: %s", after["units"])
		}
	})
}
