package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// rewriteArchive copies the backup at path to a new file, passing each entry through change,
// which may alter its content or drop it (nil); add entries are appended.
func rewriteArchive(t *testing.T, path string, change func(name string, data []byte) []byte, add map[string][]byte) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := filepath.Join(t.TempDir(), "ubah.zip")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, zf := range zr.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if data = change(zf.Name, data); data == nil {
			continue
		}
		w, err := zw.Create(zf.Name)
		if err == nil {
			_, err = w.Write(data)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(add)) {
		w, err := zw.Create(name)
		if err == nil {
			_, err = w.Write(add[name])
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

// changeManifest rewrites the manifest of a backup.
func changeManifest(t *testing.T, path string, change func(m map[string]any)) string {
	t.Helper()
	return rewriteArchive(t, path, func(name string, data []byte) []byte {
		if name != manifestName {
			return data
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		change(m)
		b, _ := json.Marshal(m)
		return b
	}, nil)
}

// TestRestoreRefuses checks what a restore refuses, each time with a one-line message and
// without changing the database or the data directory: a database or directory that holds
// data (unless -force, which replaces it), a damaged archive, one from a newer program.
func TestRestoreRefuses(t *testing.T) {
	t.Parallel()
	for _, e := range sqldbtest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			srcDSN, _, backup := smallBackup(t, e)
			_, snapshot := readArchive(t, backup)
			latest, _ := sqldb.LatestSchemaVersion()

			// A database in use, and its data directory with a file of its own.
			usedDSN := sqldbtest.DSN(t, e)
			used := sqldbtest.MustOpenDSN(t, usedDSN)
			sqldbtest.MustCreateOrg(t, used, "Kecamatan Lain")
			usedData := filepath.Join(t.TempDir(), "data")
			own := filepath.Join(evidenceDir(usedData), "ab", "cd", "milik-sendiri")
			if err := os.MkdirAll(filepath.Dir(own), 0o750); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(own, []byte("isi"), 0o600); err != nil {
				t.Fatal(err)
			}
			secret := filepath.Join(usedData, "secret.key")
			if err := os.WriteFile(secret, []byte(serverSecret), 0o600); err != nil {
				t.Fatal(err)
			}
			usedBefore := dumpLines(t, used)
			_, stderr, err := run(nil, "restore", backup, "-db", usedDSN, "-data-dir", usedData)
			if err == nil || !strings.Contains(err.Error(), "-force") || !strings.Contains(err.Error(), "holds data") || strings.Contains(err.Error(), "\n") {
				t.Errorf("restore into a database in use = %v, %q; want a one-line refusal naming -force", err, stderr)
			}
			if got := dumpLines(t, used); !maps.EqualFunc(got, usedBefore, bytes.Equal) {
				t.Error("a refused restore changed the database")
			}
			if b, err := os.ReadFile(own); err != nil || string(b) != "isi" {
				t.Errorf("a refused restore changed the data directory: %q, %v", b, err)
			}

			// An empty database beside a data directory in use.
			emptyDSN := sqldbtest.EmptyDSN(t, e)
			_, _, err = run(nil, "restore", backup, "-db", emptyDSN, "-data-dir", usedData)
			if err == nil || !strings.Contains(err.Error(), "holds 1 files") {
				t.Errorf("restore beside a data directory in use = %v; want refused", err)
			}

			// Damaged or foreign archives, refused before anything is written.
			zr, err := zip.OpenReader(backup)
			if err != nil {
				t.Fatal(err)
			}
			var evidenceName string
			for _, f := range zr.File {
				if strings.HasPrefix(f.Name, "evidence/") {
					evidenceName = f.Name
				}
			}
			zr.Close()
			garbage := filepath.Join(t.TempDir(), "bukan.zip")
			os.WriteFile(garbage, []byte("bukan arsip"), 0o600)
			tests := []struct {
				name, path, want string
			}{
				{"an evidence file changed", rewriteArchive(t, backup, func(name string, data []byte) []byte {
					if name == evidenceName {
						data = slices.Clone(data)
						data[len(data)-1] ^= 1
					}
					return data
				}, nil), evidenceName + " does not match the SHA-256"},
				{"a row changed", rewriteArchive(t, backup, func(name string, data []byte) []byte {
					if name == "db/units.jsonl" {
						return bytes.Replace(data, []byte("Kecamatan Cadangan"), []byte("Kecamatan Palsu"), 1)
					}
					return data
				}, nil), "db/units.jsonl does not match the SHA-256"},
				{"an evidence file missing", rewriteArchive(t, backup, func(name string, data []byte) []byte {
					if name == evidenceName {
						return nil
					}
					return data
				}, nil), evidenceName + " is missing"},
				{"a file not in the manifest", rewriteArchive(t, backup, func(_ string, data []byte) []byte { return data },
					map[string][]byte{"../../etc/cron.d/kinerja": []byte("x")}), "which its manifest does not list"},
				{"a newer format", changeManifest(t, backup, func(m map[string]any) { m["format_version"] = archiveVersion + 1 }),
					"newer than this kinerja reads"},
				{"a newer schema", changeManifest(t, backup, func(m map[string]any) { m["schema_version"] = latest + 1 }),
					"newer than this kinerja knows"},
				{"not a backup", garbage, "is not a Kinerja backup"},
			}
			for _, tt := range tests {
				dsn, data := sqldbtest.EmptyDSN(t, e), filepath.Join(t.TempDir(), "data")
				_, _, err := run(nil, "restore", tt.path, "-db", dsn, "-data-dir", data)
				if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
					t.Errorf("%s: restore = %v; want a one-line refusal with %q", tt.name, err, tt.want)
				}
				db, oerr := sqldb.Open(context.Background(), dsn)
				if oerr != nil {
					t.Fatal(oerr)
				}
				_, migrated, merr := db.Migrated(context.Background())
				db.Close()
				if migrated || merr != nil {
					t.Errorf("%s: the refused restore migrated the database (%v)", tt.name, merr)
				}
				if _, err := os.Stat(data); !os.IsNotExist(err) {
					t.Errorf("%s: the refused restore made %s (%v)", tt.name, data, err)
				}
			}

			// -force replaces what the database and the directory held.
			out, stderr, err := run(nil, "restore", "-force", backup, "-db", usedDSN, "-data-dir", usedData)
			if err != nil || !strings.Contains(out, "restored") {
				t.Fatalf("restore -force = %q, %q, %v", out, stderr, err)
			}
			if _, err := os.Stat(own); !os.IsNotExist(err) {
				t.Errorf("after restore -force the evidence directory keeps its old file (%v)", err)
			}
			if b, err := os.ReadFile(secret); err != nil || string(b) != serverSecret {
				t.Errorf("restore -force touched the server's secret beside the evidence: %q, %v", b, err)
			}
			forced := sqldbtest.MustOpenDSN(t, usedDSN)
			if got := dumpLines(t, forced); !maps.EqualFunc(got, snapshot, bytes.Equal) {
				t.Error("after restore -force the database differs from the backup")
			}
			if src := sqldbtest.MustOpenDSN(t, srcDSN); len(dumpLines(t, src)["units"]) == 0 {
				t.Error("the source lost its units")
			}
		})
	}
}

// TestRestoreOlderSchema restores a backup made at an older schema version into a database
// already migrated by this version: the empty database is set back to the backup's version,
// filled, and migrated forward again.
func TestRestoreOlderSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	latest, err := sqldb.LatestSchemaVersion()
	if err != nil {
		t.Fatal(err)
	}
	// The version before the latest: migration numbers may leave gaps.
	previous := int64(0)
	fsys, err := sqldb.MigrationsFS(sqldb.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(fsys, "*.sql")
	for _, name := range names {
		digits, _, _ := strings.Cut(name, "_")
		if v, err := strconv.ParseInt(digits, 10, 64); err == nil && v < latest {
			previous = max(previous, v)
		}
	}
	for _, e := range sqldbtest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			oldDSN := sqldbtest.EmptyDSN(t, e)
			old, err := sqldb.Open(ctx, oldDSN)
			if err != nil {
				t.Fatal(err)
			}
			old.Logger = slog.New(slog.DiscardHandler)
			err = old.MigrateTo(ctx, previous)
			old.Close()
			if err != nil {
				t.Fatal(err)
			}
			backup := filepath.Join(dir, "lama.zip")
			if out, stderr, err := run(nil, "backup", "-db", oldDSN, "-data-dir", filepath.Join(dir, "data"), "-o", backup); err != nil {
				t.Fatalf("backup = %q, %q, %v", out, stderr, err)
			}
			dsn := sqldbtest.DSN(t, e) // migrated to the latest version, empty
			out, stderr, err := run(nil, "restore", backup, "-db", dsn, "-data-dir", filepath.Join(dir, "pulih"))
			if want := fmt.Sprintf("at schema version %d, now %d", previous, latest); err != nil || !strings.Contains(out, want) {
				t.Fatalf("restore = %q, %q, %v; want %q", out, stderr, err, want)
			}
		})
	}
}
