package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// upload posts a file to the import form as a browser would.
func (c *client) upload(path, name, data string, dryRun bool) *response {
	c.t.Helper()
	var fields url.Values
	if dryRun {
		fields = url.Values{"dry_run": {"1"}}
	}
	return c.postFile(path, fields, name, []byte(data))
}

func TestImportPage(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		s := newTestServer(t, db)
		f := s.newOrg(t, "Kecamatan Asemrowo", "a.", 0)
		admin := f.login(t, s, "admin")
		admin.get("/employees/import").wantBody(t, `id="import-form"`, `enctype="multipart/form-data"`, `id="template-xlsx"`)

		header := "nip,nama,jenis_kelamin,tanggal_lahir,status,golongan,jabatan,jenis_jabatan,unit,nip_atasan\n"
		bad := header +
			"199101012015031001,Andi Pratama,L,1991-01-01,pns,III/a,Staf,pelaksana,Seksi Pemerintahan,\n" +
			"199101012015031002,Budi Rusak,L,1991-01-02,pns,III/a,Staf,pelaksana,Seksi Pemerintahan,\n" + // row 3: birth mismatch
			"199202022016032003,Citra Ayu,P,1992-02-02,pns,III/a,Staf,pelaksana,Seksi Hilang,\n" // row 4: unknown unit
		res := admin.upload("/employees/import", "pegawai.csv", bad, false)
		res.wantStatus(t, 422)
		res.wantBody(t, `id="import-report"`, "<td>3</td>", "<td>4</td>", "Unit tidak ditemukan")
		admin.get("/employees?q=Andi").wantNoBody(t, "Andi Pratama")

		good := header + "199101012015031001,Andi Pratama,L,1991-01-01,pns,III/a,Staf,pelaksana,Seksi Pemerintahan," + f.kasi.NIP + "\n"
		res = admin.upload("/employees/import", "pegawai.csv", good, true)
		res.wantStatus(t, 200)
		res.wantBody(t, `id="import-created">1<`)
		admin.get("/employees?q=Andi").wantNoBody(t, "Andi Pratama")
		res = admin.upload("/employees/import", "pegawai.csv", good, false)
		res.wantStatus(t, 200)
		res.wantBody(t, `id="import-created">1<`, `id="import-see-employees"`)
		admin.get("/employees?q=Andi").wantBody(t, "Andi Pratama")

		admin.upload("/employees/import", "foto.jpg", "\xff\xd8\xff\xe0 bukan berkas", false).wantStatus(t, 422)
		f.login(t, s, "kasi").get("/employees/import").wantStatus(t, 403)
	})
}

func TestTemplateAndExport(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		s := newTestServer(t, db)
		f := s.newOrg(t, "Kecamatan Asemrowo", "a.", 0)
		admin := f.login(t, s, "admin")
		for _, path := range []string{"/employees/import/template", "/employees/export.xlsx"} {
			res := admin.get(path)
			res.wantStatus(t, 200)
			if !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
				t.Errorf("GET %s: Content-Disposition %q", path, res.Header.Get("Content-Disposition"))
			}
			x, err := excelize.OpenReader(strings.NewReader(res.Body))
			if err != nil {
				t.Fatalf("GET %s: not an XLSX: %v", path, err)
			}
			rows, _ := x.GetRows("Pegawai")
			if path == "/employees/export.xlsx" && len(rows) != 6 {
				t.Errorf("export has %d rows; want header and 5 employees", len(rows))
			}
		}
		admin.get("/employees/import/template?format=csv").wantBody(t, "nip,nama,jenis_kelamin")
		f.login(t, s, "camat").get("/employees/export.xlsx").wantStatus(t, 403)
	})
}
