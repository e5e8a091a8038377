package api_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

const importHeader = "nip,nama,jenis_kelamin,tanggal_lahir,status,golongan,jabatan,jenis_jabatan,unit,nip_atasan\n"

func TestImportEmployeesAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		admin := f.as("admin.asemrowo")
		bad := importHeader +
			"199001012015031001,Budi,L,1990-01-01,pns,III/a,Staf,pelaksana,Seksi Ekonomi,\n" +
			"1990010120150310,Rusak,L,1990-01-01,pns,III/a,Staf,pelaksana,Seksi Ekonomi,\n" + // row 3
			"199202022016032002,Sari,P,1992-02-02,pns,II/c,Staf,pelaksana,Seksi Entah,\n" + // row 4
			"199303032017031003,Andi,L,1993-03-03,pns,II/z,Staf,pelaksana,Seksi Ekonomi,\n" // row 5
		status, body := admin.upload("/api/v1/imports/employees", "pegawai.csv", formField{"file", bad})
		errs, _ := body["errors"].([]any)
		if status != 422 || len(errs) != 3 || errorCode(t, body) != "invalid" {
			t.Fatalf("bad file: %d %v; want 422 with 3 errors", status, body)
		}
		for i, want := range []struct {
			row   float64
			field string
		}{{3, "nip"}, {4, "unit"}, {5, "golongan"}} {
			e := errs[i].(map[string]any)
			if e["row"] != want.row || e["field"] != want.field || e["message"] == "" {
				t.Errorf("error %d = %v; want row %v field %s", i, e, want.row, want.field)
			}
		}
		_, list := admin.do("GET", "/api/v1/employees?q=Budi", nil)
		if items := list["items"].([]any); len(items) != 0 {
			t.Errorf("a failed import wrote %v", items)
		}

		good := importHeader + "199001012015031001,Budi,L,1990-01-01,pns,III/a,Staf,pelaksana,Seksi Ekonomi,\n"
		status, body = admin.upload("/api/v1/imports/employees?dry_run=1", "pegawai.csv", formField{"file", good})
		if status != 200 || body["created"] != 1.0 || body["dry_run"] != true {
			t.Errorf("dry run: %d %v", status, body)
		}
		status, body = admin.upload("/api/v1/imports/employees", "pegawai.csv", formField{"file", good})
		if status != 200 || body["created"] != 1.0 || body["updated"] != 0.0 {
			t.Errorf("import: %d %v", status, body)
		}
		status, body = admin.upload("/api/v1/imports/employees", "pegawai.csv", formField{"file", good})
		if status != 200 || body["created"] != 0.0 || body["updated"] != 0.0 {
			t.Errorf("re-import: %d %v; want nothing created or updated", status, body)
		}
		if status, body = f.as("camat").upload("/api/v1/imports/employees", "pegawai.csv", formField{"file", good}); status != 403 {
			t.Errorf("camat import: %d %v; want 403", status, body)
		}
		if status, body = admin.upload("/api/v1/imports/employees", "gambar.png", formField{"file", "\x89PNG\r\n\x1a\n\x00\x00"}); status != 422 || field(body, "file") == "" {
			t.Errorf("png upload: %d %v; want 422 naming file", status, body)
		}
	})
}

func TestExportEmployeesAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		get := func(c *client, path string) (*http.Response, []byte) { return c.raw("GET", path) }
		resp, data := get(f.as("admin.asemrowo"), "/api/v1/employees/export.xlsx")
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), ".xlsx") {
			t.Fatalf("export: %d %s", resp.StatusCode, resp.Header)
		}
		x, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := x.GetRows("Pegawai")
		if len(rows) != 1+len(f.emp) || rows[0][0] != "nip" {
			t.Errorf("export rows = %d (header %v); want header + %d", len(rows), rows[0], len(f.emp))
		}
		if resp, _ := get(f.as("kasi.pem"), "/api/v1/employees/export.xlsx"); resp.StatusCode != 403 {
			t.Errorf("kasi export: %d; want 403", resp.StatusCode)
		}
		if resp, data := get(f.as("admin.asemrowo"), "/api/v1/imports/employees/template.xlsx"); resp.StatusCode != 200 || len(data) < 1000 {
			t.Errorf("template: %d, %d bytes", resp.StatusCode, len(data))
		}
	})
}

// TestImportEmployeesAPI_LeavesNoFiles replays an admin filling the disk through the import:
// a file over 32 MB used to be parsed into a multipart-* temporary file that stayed after the
// import refused it. Now the file is read as it arrives, refused past 10 MB, and nothing is
// written to disk.
func TestImportEmployeesAPI_LeavesNoFiles(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		admin := newOrgFixture(t, db).as("admin.asemrowo")
		for _, size := range []int{20 << 20, 40 << 20} {
			data := importHeader + strings.Repeat("199001012015031001,Budi,L,1990-01-01,pns,III/a,Staf,pelaksana,Seksi Ekonomi,\n", size/80)
			status, body := admin.upload("/api/v1/imports/employees", "pegawai.csv", formField{"file", data})
			if status != http.StatusRequestEntityTooLarge || errorCode(t, body) != "invalid" || field(body, "file") != kinerja.MsgImportTooLarge {
				t.Errorf("%d MB import: %d %v; want 413 naming the file", size>>20, status, body)
			}
		}
		left, err := filepath.Glob(filepath.Join(os.TempDir(), "multipart-*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range left {
			t.Errorf("an import left %s in the temporary directory", path)
		}
	})
}
