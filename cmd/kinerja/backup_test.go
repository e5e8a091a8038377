package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kinerja/internal/app"
	"kinerja/internal/blob"
	"kinerja/internal/demo"
	"kinerja/internal/kinerja"
	"kinerja/internal/server"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// pngOf returns a small PNG of its own for each n, as an uploaded photo.
func pngOf(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 3+n%50, 1+n/50))
	img.Pix[0] = byte(n)
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dumpLines dumps db into memory, table by table.
func dumpLines(t *testing.T, db *sqldb.DB) map[string][]byte {
	t.Helper()
	bufs := map[string]*bytes.Buffer{}
	if _, err := db.Dump(context.Background(), func(table string) (io.Writer, error) {
		bufs[table] = new(bytes.Buffer)
		return bufs[table], nil
	}); err != nil {
		t.Fatalf("dump: %v", err)
	}
	out := map[string][]byte{}
	for name, b := range bufs {
		out[name] = b.Bytes()
	}
	return out
}

// readArchive opens and verifies the backup at path and returns its manifest and the lines of
// each table.
func readArchive(t *testing.T, path string) (*archive, map[string][]byte) {
	t.Helper()
	latest, err := sqldb.LatestSchemaVersion()
	if err != nil {
		t.Fatal(err)
	}
	a, err := openArchive(path, latest)
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	if err := a.verify(context.Background(), path); err != nil {
		t.Fatalf("verify backup: %v", err)
	}
	out := map[string][]byte{}
	for _, tab := range a.m.Tables {
		r, err := a.openTable(tab.Name)
		if err != nil {
			t.Fatal(err)
		}
		out[tab.Name], err = io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return a, out
}

// rows splits the lines of a table and decodes each.
func rows(t *testing.T, lines []byte) [][]any {
	t.Helper()
	var out [][]any
	dec := json.NewDecoder(bytes.NewReader(lines))
	dec.UseNumber()
	for dec.More() {
		var row []any
		if err := dec.Decode(&row); err != nil {
			t.Fatal(err)
		}
		out = append(out, row)
	}
	return out
}

// column returns the values of column name in the rows of a table of the backup.
func column(t *testing.T, a *archive, table string, lines []byte, name string) []any {
	t.Helper()
	i := slices.IndexFunc(a.m.Tables, func(mt manifestTable) bool { return mt.Name == table })
	if i < 0 {
		t.Fatalf("no table %s in the backup", table)
	}
	c := slices.IndexFunc(a.m.Tables[i].Columns, func(dc sqldb.DumpColumn) bool { return dc.Name == name })
	var out []any
	for _, r := range rows(t, lines) {
		out = append(out, r[c])
	}
	return out
}

func lineSet(lines []byte) map[string]bool {
	out := map[string]bool{}
	for l := range strings.Lines(string(lines)) {
		out[l] = true
	}
	return out
}

// comparePK orders two rows of a table of the backup by its primary key.
func comparePK(a, b []any, cols []int, types []string) int {
	for _, c := range cols {
		x, y := fmt.Sprint(a[c]), fmt.Sprint(b[c])
		if types[c] == sqldb.TypeInteger {
			xi, _ := strconv.ParseInt(x, 10, 64)
			yi, _ := strconv.ParseInt(y, 10, 64)
			if xi != yi {
				return int(max(-1, min(1, xi-yi)))
			}
			continue
		}
		if d := strings.Compare(x, y); d != 0 {
			return d
		}
	}
	return 0
}

func loginAs(t *testing.T, db *sqldb.DB, username string) context.Context {
	t.Helper()
	_, u, err := db.Login(context.Background(), kinerja.Credentials{Username: username, Password: demo.Password}, kinerja.SessionAPI, time.Hour)
	if err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
	return kinerja.NewContextWithUser(context.Background(), u)
}

// checkSnapshot checks that the tables of a backup hold one snapshot of a database taken
// between the dumps before and after: every row of before, no row that after lacks, each
// write whole, some of the concurrent writes and not all; and that each table's rows come in
// primary key order.
func checkSnapshot(t *testing.T, a *archive, snapshot, before, after map[string][]byte) {
	t.Helper()
	for _, mt := range a.m.Tables {
		lines := snapshot[mt.Name]
		// One snapshot: every row there before the backup, none that was not there after it.
		have, later := lineSet(lines), lineSet(after[mt.Name])
		for l := range lineSet(before[mt.Name]) {
			if !have[l] {
				t.Errorf("%s: the backup lacks a row that was there before it: %s", mt.Name, l)
			}
		}
		for l := range have {
			if !later[l] {
				t.Errorf("%s: the backup holds a row that never was: %s", mt.Name, l)
			}
		}
		if n := int64(len(have)); n != mt.Rows {
			t.Errorf("%s: %d rows in the backup, the manifest counts %d", mt.Name, n, mt.Rows)
		}
		// Rows in primary key order, whatever the order they went in.
		var pk []int
		var types []string
		for _, c := range mt.Columns {
			types = append(types, c.Type)
		}
		for _, k := range mt.PrimaryKey {
			pk = append(pk, slices.IndexFunc(mt.Columns, func(dc sqldb.DumpColumn) bool { return dc.Name == k }))
		}
		rs := rows(t, lines)
		for i := 1; i < len(rs); i++ {
			if comparePK(rs[i-1], rs[i], pk, types) >= 0 {
				t.Errorf("%s: row %d does not follow row %d in primary key order", mt.Name, i+1, i)
				break
			}
		}
	}
	// The writers were at work while the backup read: some of their rows are in it,
	// not all, and each write is whole: an activity with its audit entry.
	count := func(lines []byte, what string) int { return strings.Count(string(lines), what) }
	for _, w := range []struct{ table, text string }{{"activities", "Aktivitas serentak"}, {"feedback", "Umpan balik serentak"}} {
		if in, total := count(snapshot[w.table], w.text), count(after[w.table], w.text); in == 0 || in == total {
			t.Errorf("the backup holds %d of %d concurrent rows of %s; want some but not all", in, total, w.table)
		}
	}
	if in, total := count(snapshot["evidence"], "\n"), count(after["evidence"], "\n"); in <= 4 || in == total {
		t.Errorf("the backup holds %d of %d evidence rows; want the first 4, some concurrent ones, not all", in, total)
	}
	audited := map[string]bool{}
	auditIDs, entities := column(t, a, "audit_log", snapshot["audit_log"], "entity_id"), column(t, a, "audit_log", snapshot["audit_log"], "entity")
	for i := range auditIDs {
		if entities[i] == string(kinerja.EntityActivity) {
			audited[fmt.Sprint(auditIDs[i])] = true
		}
	}
	held := map[string]bool{}
	for _, id := range column(t, a, "activities", snapshot["activities"], "id") {
		held[fmt.Sprint(id)] = true
		if !audited[fmt.Sprint(id)] {
			t.Errorf("the backup holds activity %v without its audit entry", id)
		}
	}
	for id := range audited {
		if !held[id] {
			t.Errorf("the backup audits activity %s, which it does not hold", id)
		}
	}
}

// TestBackupRestore is the round trip of issue #11 on each engine and across them: the demo
// with evidence files, backed up while three writers add activities, feedback and evidence,
// restored into a new database and data directory. The archive holds one snapshot (everything
// before the backup, part of the writes, each write whole, rows in primary key order); the
// restored database dumps to the archive's very lines; every evidence file comes back
// byte for byte and downloads through the real handler; new rows take new ids.
func TestBackupRestore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, src := range sqldbtest.Engines() {
		t.Run(string(src), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			dsn := sqldbtest.DSN(t, src)
			db := sqldbtest.MustOpenDSN(t, dsn)
			if _, err := demo.Load(kinerja.NewContextWithUser(ctx, kinerja.SystemUser()), db); err != nil {
				t.Fatalf("demo: %v", err)
			}
			dataDir := filepath.Join(dir, "data")
			store := &blob.Store{Dir: evidenceDir(dataDir)}
			files := app.New(db, store)
			staff, kasi := loginAs(t, db, "staf.trantib"), loginAs(t, db, "kasi.trantib")
			me := *kinerja.UserFromContext(staff).EmployeeID
			acts, _, err := db.FindActivities(staff, kinerja.ActivityFilter{EmployeeID: &me, Limit: 100})
			if err != nil || len(acts) == 0 {
				t.Fatalf("activities of staf.trantib: %d, %v", len(acts), err)
			}
			latest := slices.MaxFunc(acts, func(a, b *kinerja.Activity) int { return a.Date.Time().Compare(b.Date.Time()) })
			upload := func(ctx context.Context, content []byte, target sqldb.EvidenceTarget) error {
				limit, err := files.EvidenceLimit(ctx, target)
				if err != nil {
					return err
				}
				up, err := files.StageEvidence(bytes.NewReader(content), "foto.png", limit)
				if err != nil {
					return err
				}
				_, err = files.AttachEvidence(ctx, target, up)
				return err
			}
			// Three files, one of them uploaded twice: the archive holds it once. Evidence goes
			// on activities not verified yet.
			var pending []*kinerja.Activity
			for i := range 2 {
				a, err := db.CreateActivity(staff, kinerja.ActivityInput{Date: latest.Date, ResultID: latest.ResultID,
					Description: fmt.Sprintf("Aktivitas dengan bukti %d", i), Output: 1, Minutes: 30})
				if err != nil {
					t.Fatal(err)
				}
				pending = append(pending, a)
			}
			for i, n := range []int{1, 2, 3, 1} {
				if err := upload(staff, pngOf(t, n), sqldb.EvidenceTarget{ActivityID: &pending[i%2].ID}); err != nil {
					t.Fatalf("upload %d: %v", i, err)
				}
			}
			before := dumpLines(t, db)

			// Three writers, each counting its commits: the backup starts after each has
			// committed twice and the writers stop after each has committed twice more after it
			// finished, so that some of every writer's rows are in the snapshot and some not.
			var (
				wg      sync.WaitGroup
				written [3]atomic.Int64
				stop    = make(chan struct{})
				failed  = make(chan error, 3)
			)
			writer := func(n int, write func(i int) error) {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						if err := write(i); err != nil {
							failed <- err
							return
						}
						written[n].Add(1)
						// A pause between writes, as between requests: SQLite's wait for its
						// write lock is not fair, and writers back to back could starve one
						// another past the busy timeout on a loaded machine.
						time.Sleep(2 * time.Millisecond)
					}
				}()
			}
			writer(0, func(i int) error {
				_, err := db.CreateActivity(staff, kinerja.ActivityInput{Date: latest.Date, ResultID: latest.ResultID,
					Description: fmt.Sprintf("Aktivitas serentak %d", i), Output: 1, Minutes: 30})
				return err
			})
			writer(1, func(i int) error {
				_, err := db.CreateFeedback(kasi, kinerja.NewFeedback{AboutEmployeeID: me, Text: fmt.Sprintf("Umpan balik serentak %d", i)})
				return err
			})
			writer(2, func(i int) error {
				return upload(staff, pngOf(t, 100+i), sqldb.EvidenceTarget{ActivityID: &pending[0].ID})
			})
			counts := func() (c [3]int64) {
				for i := range written {
					c[i] = written[i].Load()
				}
				return c
			}
			waitFor := func(at [3]int64) {
				t.Helper()
				for i := range written {
					for written[i].Load() < at[i] {
						select {
						case err := <-failed:
							close(stop)
							wg.Wait()
							t.Fatalf("writer %d: %v", i, err)
						case <-time.After(time.Millisecond):
						}
					}
				}
			}
			waitFor([3]int64{2, 2, 2})
			backup := filepath.Join(dir, "kinerja.zip")
			out, stderr, err := run(nil, "backup", "-db", dsn, "-data-dir", dataDir, "-o", backup)
			done := counts()
			waitFor([3]int64{done[0] + 2, done[1] + 2, done[2] + 2})
			close(stop)
			wg.Wait()
			if err != nil || !strings.Contains(out, "backup written to") {
				t.Fatalf("backup = %q, %q, %v", out, stderr, err)
			}
			after := dumpLines(t, db)

			a, snapshot := readArchive(t, backup)
			if a.m.Engine != src || a.m.FormatVersion != archiveVersion || a.m.KinerjaVersion == "" || a.m.CreatedAt.IsZero() {
				t.Errorf("manifest = %+v", a.m)
			}
			if !slices.Equal(slices.Sorted(maps.Keys(snapshot)), slices.Sorted(maps.Keys(before))) {
				t.Errorf("tables in the backup %v; want %v", slices.Sorted(maps.Keys(snapshot)), slices.Sorted(maps.Keys(before)))
			}
			checkSnapshot(t, a, snapshot, before, after)
			// Every evidence file the rows name, once, and nothing else.
			var want []string
			for _, sha := range column(t, a, "evidence", snapshot["evidence"], "sha256") {
				want = append(want, sha.(string))
			}
			want = slices.Compact(slices.Sorted(slices.Values(want)))
			if got := a.dump().Evidence; !slices.Equal(got, want) || len(want) < 4 {
				t.Errorf("evidence in the backup %v; want %v (at least 4)", got, want)
			}

			for _, dst := range sqldbtest.Engines() {
				t.Run("into_"+string(dst), func(t *testing.T) {
					t.Parallel()
					restoreDir := t.TempDir()
					restoreDSN, restoreData := sqldbtest.EmptyDSN(t, dst), filepath.Join(restoreDir, "data")
					out, stderr, err := run(nil, "restore", backup, "-db", restoreDSN, "-data-dir", restoreData)
					if err != nil || !strings.Contains(out, "restored "+backup) {
						t.Fatalf("restore = %q, %q, %v", out, stderr, err)
					}
					rdb := sqldbtest.MustOpenDSN(t, restoreDSN)
					restored := dumpLines(t, rdb)
					for _, name := range slices.Sorted(maps.Keys(snapshot)) {
						if !bytes.Equal(restored[name], snapshot[name]) {
							t.Errorf("%s restored differs from the backup:\n%s\nwant\n%s", name, restored[name], snapshot[name])
						}
					}
					if len(restored) != len(snapshot) {
						t.Errorf("%d tables restored; want %d", len(restored), len(snapshot))
					}
					rstore := &blob.Store{Dir: evidenceDir(restoreData)}
					read := func(s *blob.Store, sha string) []byte {
						f, err := s.Open(sha)
						if err != nil {
							t.Fatalf("evidence file %s: %v", sha, err)
						}
						defer f.Close()
						b, err := io.ReadAll(f)
						if err != nil {
							t.Fatal(err)
						}
						return b
					}
					for _, sha := range want {
						if !bytes.Equal(read(rstore, sha), read(store, sha)) {
							t.Errorf("evidence file %s differs after the restore", sha)
						}
					}

					// Downloads through the real handler on the restored database and directory.
					h, err := server.New(server.Config{DB: rdb, DataDir: restoreData, Logger: slog.New(slog.DiscardHandler), Version: "test"})
					if err != nil {
						t.Fatal(err)
					}
					srv := httptest.NewServer(h)
					defer srv.Close()
					addr := strings.TrimPrefix(srv.URL, "http://")
					token := apiLoginAs(t, addr, "staf.trantib", demo.Password)
					get := func(path string) (int, []byte) {
						req, _ := http.NewRequest("GET", srv.URL+path, nil)
						req.Header.Set("Authorization", "Bearer "+token)
						resp, err := http.DefaultClient.Do(req)
						if err != nil {
							t.Fatal(err)
						}
						defer resp.Body.Close()
						b, _ := io.ReadAll(resp.Body)
						return resp.StatusCode, b
					}
					ids, shas := column(t, a, "evidence", snapshot["evidence"], "id"), column(t, a, "evidence", snapshot["evidence"], "sha256")
					var maxID int64
					for i, id := range ids {
						n, _ := strconv.ParseInt(fmt.Sprint(id), 10, 64)
						maxID = max(maxID, n)
						status, body := get(fmt.Sprintf("/api/v1/evidence/%d", n))
						if status != http.StatusOK || !bytes.Equal(body, read(store, shas[i].(string))) {
							t.Errorf("GET evidence %d after the restore = %d, %d bytes; want 200 with the original file", n, status, len(body))
						}
					}
					// A new upload takes a fresh id and is served too.
					content := pngOf(t, 9999)
					body, ctype := sqldbtest.MultipartForm(t, sqldbtest.FormPart{Name: "activity_id", Value: strconv.FormatInt(pending[1].ID, 10)},
						sqldbtest.FormPart{Name: "file", Filename: "baru.png", Value: string(content)})
					req, _ := http.NewRequest("POST", srv.URL+"/api/v1/evidence", body)
					req.Header.Set("Authorization", "Bearer "+token)
					req.Header.Set("Content-Type", ctype)
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						t.Fatal(err)
					}
					var created struct{ ID int64 }
					json.NewDecoder(resp.Body).Decode(&created)
					resp.Body.Close()
					if resp.StatusCode != http.StatusCreated || created.ID <= maxID {
						t.Fatalf("upload after the restore = %d, id %d; want 201 with an id above %d", resp.StatusCode, created.ID, maxID)
					}
					if status, got := get(fmt.Sprintf("/api/v1/evidence/%d", created.ID)); status != http.StatusOK || !bytes.Equal(got, content) {
						t.Errorf("GET the new evidence = %d; want 200 with the file", status)
					}
				})
			}
		})
	}
}

const serverSecret = "kunci-rahasia-server-jangan-dicadangkan"

// smallBackup makes a small organisation with one evidence file in a database of engine e
// and backs it up; it returns the source's DSN and data directory and the backup's path.
func smallBackup(t *testing.T, e sqldb.Engine) (dsn, dataDir, backup string) {
	t.Helper()
	dir := t.TempDir()
	dsn, dataDir = sqldbtest.DSN(t, e), filepath.Join(dir, "data")
	db := sqldbtest.MustOpenDSN(t, dsn)
	o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Cadangan")
	period, err := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: kinerja.Today(db.Now()).Year()})
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.CreateSKP(o.CamatCtx, o.Camat.ID, period.ID, kinerja.ApproachQuantitative)
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.AddResult(o.CamatCtx, s.ID, kinerja.ResultInput{Kind: kinerja.ResultMain, Text: "Pelayanan prima",
		Indicators: []kinerja.IndicatorInput{{Aspect: kinerja.AspectQuantity, Text: "Layanan", Target: "12", Unit: "laporan"}}})
	if err != nil {
		t.Fatal(err)
	}
	files := app.New(db, &blob.Store{Dir: evidenceDir(dataDir)})
	up, err := files.StageEvidence(bytes.NewReader(pngOf(t, 7)), "foto.png", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := files.AttachEvidence(o.CamatCtx, sqldb.EvidenceTarget{ResultID: &res.ID}, up); err != nil {
		t.Fatal(err)
	}
	// A secret of the server beside the evidence, which no backup may hold.
	if err := os.WriteFile(filepath.Join(dataDir, "secret.key"), []byte(serverSecret), 0o600); err != nil {
		t.Fatal(err)
	}
	backup = filepath.Join(dir, "cadangan.zip")
	if out, stderr, err := run(nil, "backup", "-db", dsn, "-data-dir", dataDir, "-o", backup); err != nil {
		t.Fatalf("backup = %q, %q, %v", out, stderr, err)
	}
	return dsn, dataDir, backup
}

// TestBackupRefuses checks that a backup never replaces a file, never leaves a partial one,
// and refuses to leave out evidence files it cannot find unless told to.
func TestBackupRefuses(t *testing.T) {
	t.Parallel()
	dsn, dataDir, backup := smallBackup(t, sqldb.SQLite)
	dir := filepath.Dir(backup)
	before, _ := os.ReadFile(backup)
	if _, _, err := run(nil, "backup", "-db", dsn, "-data-dir", dataDir, "-o", backup); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("backup over an existing file = %v; want refused", err)
	}
	if after, _ := os.ReadFile(backup); !bytes.Equal(after, before) {
		t.Error("a refused backup changed the existing file")
	}
	// The archive holds the manifest, the tables and the evidence, nothing else of the data
	// directory.
	zr, err := zip.OpenReader(backup)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		if f.Name != manifestName && !strings.HasPrefix(f.Name, "db/") && !strings.HasPrefix(f.Name, "evidence/") || bytes.Contains(b, []byte(serverSecret)) {
			t.Errorf("the backup holds %s", f.Name)
		}
	}
	zr.Close()
	if _, _, err := run(nil, "backup", "-db", dsn); err == nil || !strings.Contains(err.Error(), "-o FILE") {
		t.Errorf("backup without -o = %v; want refused", err)
	}

	// Wrong data directory: the evidence file is not found.
	missing := filepath.Join(dir, "tanpa-bukti.zip")
	_, _, err = run(nil, "backup", "-db", dsn, "-data-dir", filepath.Join(dir, "salah"), "-o", missing)
	if err == nil || !strings.Contains(err.Error(), "1 evidence files") || !strings.Contains(err.Error(), "-data-dir") {
		t.Errorf("backup without the evidence files = %v; want refused naming -data-dir", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != filepath.Base(backup) && e.Name() != "data" {
			t.Errorf("a failed backup left %s behind", e.Name())
		}
	}
	out, stderr, err := run(nil, "backup", "-db", dsn, "-data-dir", filepath.Join(dir, "salah"), "-o", missing, "-allow-missing")
	if err != nil || !strings.Contains(stderr, "1 evidence files were missing") {
		t.Fatalf("backup -allow-missing = %q, %q, %v", out, stderr, err)
	}
	a, _ := readArchive(t, missing)
	if len(a.m.MissingEvidence) != 1 || len(a.dump().Evidence) != 0 {
		t.Errorf("manifest lists missing %v, evidence %v; want the one file missing", a.m.MissingEvidence, a.dump().Evidence)
	}
	_, stderr, err = run(nil, "restore", missing, "-db", "sqlite:"+filepath.Join(t.TempDir(), "k.db"), "-data-dir", filepath.Join(t.TempDir(), "data"))
	if err != nil || !strings.Contains(stderr, "already missing when the backup was made") {
		t.Errorf("restore of a backup without a file = %q, %v; want restored with a warning", stderr, err)
	}
}
