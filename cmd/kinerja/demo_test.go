package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// demoDB is one database loaded by "kinerja demo" into an empty file, which the tests that need
// a loaded demo copy: loading it is by far the slowest thing they do.
var demoDB struct {
	once      sync.Once
	dir, path string
	out       string
	err       error
}

// loadedDemo returns the DSN of a copy of demoDB in a directory of t, and what the command that
// loaded it printed.
func loadedDemo(t *testing.T) (dsn, out string) {
	t.Helper()
	demoDB.once.Do(func() {
		if demoDB.dir, demoDB.err = os.MkdirTemp("", "kinerja-demo-"); demoDB.err != nil {
			return
		}
		demoDB.path = filepath.Join(demoDB.dir, "k.db")
		demoDB.out, _, demoDB.err = run(nil, "demo", "-db", "sqlite:"+demoDB.path, "-data-dir", filepath.Dir(demoDB.path))
	})
	if demoDB.err != nil {
		t.Fatalf("demo = %q, %v", demoDB.out, demoDB.err)
	}
	// The command closed the database, which folds the write-ahead log into the file.
	data, err := os.ReadFile(demoDB.path)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "k.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return "sqlite:" + path, demoDB.out
}

func TestRun_DemoAndImport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dsn, out := loadedDemo(t)
	if !strings.Contains(out, "64 employees (64 new") || !strings.Contains(out, "camat") {
		t.Fatalf("demo = %q", out)
	}
	out, _, err := run(nil, "demo", "-db", dsn, "-data-dir", t.TempDir())
	if err != nil || !strings.Contains(out, "(0 new, 0 updated)") {
		t.Errorf("second demo = %q, %v; want nothing new", out, err)
	}

	header := "nip,nama,jenis_kelamin,tanggal_lahir,status,golongan,jabatan,jenis_jabatan,unit,nip_atasan\n"
	good := header +
		"199001012015031001,Budi Baru,L,1990-01-01,pns,III/a,Pengadministrasi Umum,pelaksana,Kelurahan Asemrowo / Sekretariat Kelurahan,\n" +
		"199202022016032002,Sari Baru,P,1992-02-02,pns,II/c,Pengadministrasi Umum,pelaksana,Seksi Kesejahteraan Rakyat,199001012015031001\n"
	bad := header +
		"199001012015031001,Budi Baru,L,1990-01-01,pns,III/a,Pengadministrasi Umum,pelaksana,Sekretariat Kelurahan,\n" + // row 2: ambiguous unit
		"19920202201603200,Sari Baru,P,1992-02-02,pns,II/c,Pengadministrasi Umum,pelaksana,Seksi Kesejahteraan Rakyat,\n" + // row 3: 17 digits
		"199303032017031003,Andi Baru,L,1993-03-03,pns,II/c,Staf,pelaksana,Seksi Kesejahteraan Rakyat,\n" + // row 4: fine
		"199404042018032004,Tari Baru,L,1994-04-04,pns,II/c,Staf,pelaksana,Seksi Kesejahteraan Rakyat,\n" // row 5: gender mismatch
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	_, stderr, err := run(nil, "import", "employees", write("bad.csv", bad), "-db", dsn)
	if err == nil || strings.Count(stderr, "baris ") != 3 || !strings.Contains(stderr, "baris 2, kolom unit") ||
		!strings.Contains(stderr, "baris 3, kolom nip") || !strings.Contains(stderr, "baris 5, kolom nip") {
		t.Errorf("bad import: err %v, stderr %q; want exactly rows 2, 3 and 5 reported", err, stderr)
	}
	file := write("good.csv", good)
	out, _, err = run(nil, "import", "employees", file, "-db", dsn, "-dry-run")
	if err != nil || !strings.Contains(out, "2 created") || !strings.Contains(out, "dry run") {
		t.Errorf("dry run = %q, %v", out, err)
	}
	out, _, err = run(nil, "import", "employees", file, "-db", dsn)
	if err != nil || !strings.Contains(out, "2 created, 0 updated") {
		t.Errorf("import = %q, %v", out, err)
	}
	out, _, err = run(nil, "import", "employees", "-db", dsn, file)
	if err != nil || !strings.Contains(out, "0 created, 0 updated, 2 unchanged") {
		t.Errorf("re-import = %q, %v; want no change", out, err)
	}
}

func TestRun_Backup(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dsn, _ := loadedDemo(t)
	archive := filepath.Join(dir, "cadangan.zip")
	out, _, err := run(nil, "backup", "-db", dsn, "-data-dir", filepath.Join(dir, "data"), "-o", archive)
	if err != nil || !strings.Contains(out, "backup written") {
		t.Fatalf("backup = %q, %v", out, err)
	}
	// The restored copy is a working database with the same people.
	restored := "sqlite:" + filepath.Join(dir, "pulih.db")
	out, _, err = run(nil, "restore", archive, "-db", restored, "-data-dir", filepath.Join(dir, "pulih"))
	if err != nil || !strings.Contains(out, "restored") {
		t.Fatalf("restore = %q, %v", out, err)
	}
	out, _, err = run(nil, "demo", "-db", restored, "-data-dir", filepath.Join(dir, "pulih"))
	if err != nil || !strings.Contains(out, "(0 new, 0 updated)") {
		t.Errorf("demo on the restored copy = %q, %v; want the data already there", out, err)
	}
	if _, _, err := run(nil, "backup", "-db", dsn, "-o", archive); err == nil {
		t.Error("backup over an existing file succeeded")
	}
	if _, _, err := run(nil, "backup", "-db", dsn); err == nil {
		t.Error("backup without -o succeeded")
	}
}
