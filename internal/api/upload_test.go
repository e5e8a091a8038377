package api_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// bombZip returns an archive of the files given, plus a part named bomb of text repeated
// n times, deflated once and its compressed blocks repeated: a few hundred kilobytes that
// unpack to hundreds of megabytes.
func bombZip(t *testing.T, files map[string]string, bomb, text string, n int) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	var seg, end bytes.Buffer
	fw, _ := flate.NewWriter(&seg, flate.BestCompression)
	fw.Write([]byte(text))
	fw.Flush()
	fw, _ = flate.NewWriter(&end, flate.BestCompression)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: bomb, Method: zip.Deflate,
		CompressedSize64: uint64(seg.Len()*n + end.Len()), UncompressedSize64: uint64(len(text) * n)})
	if err != nil {
		t.Fatal(err)
	}
	for range n {
		w.Write(seg.Bytes())
	}
	w.Write(end.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

const contentTypes = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="xml" ContentType="application/xml"/>%s</Types>`

// TestImportEmployeesAPI_ZipBomb replays the import of a 600 KB workbook whose sheet unpacks
// to 170 MB, which took the server to 3.45 GB of memory: it is refused at once, with a
// message that says why.
func TestImportEmployeesAPI_ZipBomb(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		admin := newOrgFixture(t, db).as("admin.asemrowo")
		row := `<row><c t="inlineStr"><is><t>198005172005031001</t></is></c><c t="inlineStr"><is><t>Budi Santoso</t></is></c></row>`
		bomb := bombZip(t, map[string]string{"[Content_Types].xml": strings.Replace(contentTypes, "%s", "", 1),
			"xl/workbook.xml": `<workbook><sheets><sheet name="Pegawai" sheetId="1"/></sheets></workbook>`},
			"xl/worksheets/sheet1.xml", strings.Repeat(row, 4096), 340)
		if len(bomb) > 1<<20 {
			t.Fatalf("the bomb weighs %d bytes; want under 1 MB", len(bomb))
		}
		start := time.Now()
		status, body := admin.upload("/api/v1/imports/employees", "pegawai.xlsx", formField{"file", string(bomb)})
		t.Logf("%d KB bomb answered %d in %v", len(bomb)>>10, status, time.Since(start))
		if status != 422 || errorCode(t, body) != "invalid" || field(body, "file") != kinerja.MsgImportArchive {
			t.Errorf("zip bomb import: %d %v; want 422 naming the file with %q", status, body, kinerja.MsgImportArchive)
		}
	})
}

// TestEvidenceAPI_OfficeFiles uploads a plain workbook, a macro workbook renamed .xlsx and a
// document that is a zip bomb: only the first is kept.
func TestEvidenceAPI_OfficeFiles(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newActivityFixture(t, db)
		staff := f.as("staf.pem")
		act := f.mustActivity(t, staff, "staf.pem", "2026-03-10", 2)

		x := excelize.NewFile()
		x.SetCellStr("Sheet1", "A1", "Rekap kegiatan")
		var plain bytes.Buffer
		if err := x.Write(&plain); err != nil {
			t.Fatal(err)
		}
		var macro bytes.Buffer
		zw := zip.NewWriter(&macro)
		for name, content := range map[string]string{
			"[Content_Types].xml": strings.Replace(contentTypes, "%s", `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>`+
				`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>`, 1),
			"xl/workbook.xml": "<workbook/>", "xl/vbaProject.bin": "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
		} {
			w, _ := zw.Create(name)
			w.Write([]byte(content))
		}
		zw.Close()
		bomb := bombZip(t, map[string]string{"[Content_Types].xml": strings.Replace(contentTypes, "%s", "", 1)}, "word/document.xml", strings.Repeat("A", 1<<20), 200)

		status, body := staff.upload("/api/v1/evidence", "rekap.xlsx", formField{"activity_id", id(act)}, formField{"file", plain.String()})
		if status != 201 || body["content_type"] != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Errorf("plain workbook: %d %v; want 201", status, body)
		}
		for _, tt := range []struct {
			name, filename string
			data           []byte
			msg            string
		}{
			{"macro workbook", "rekap.xlsx", macro.Bytes(), kinerja.MsgEvidenceActive},
			{"zip bomb", "laporan.docx", bomb, kinerja.MsgEvidenceArchive},
		} {
			status, body := staff.upload("/api/v1/evidence", tt.filename, formField{"activity_id", id(act)}, formField{"file", string(tt.data)})
			if status != 422 || field(body, "file") != tt.msg {
				t.Errorf("%s: %d %v; want 422 naming the file with %q", tt.name, status, body, tt.msg)
			}
		}
		body = mustDo(t, staff, "GET", pathOf("/api/v1/activities", act), nil, 200)
		if evs := body["evidence"].([]any); len(evs) != 1 {
			t.Errorf("activity evidence = %v; want the plain workbook alone", evs)
		}
	})
}
