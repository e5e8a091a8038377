package document_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

// part is a part of a crafted archive: text, repeated; declared, when not zero, is the
// uncompressed size its directory entry claims instead of the true one.
type part struct {
	name     string
	text     string
	repeat   int
	declared uint64
}

// craftZip writes an archive of parts, deflating each repeated text once and repeating the
// compressed blocks, so that a part of hundreds of megabytes costs milliseconds to make:
// blocks from a fresh compressor refer to nothing before them, and decode the same anywhere.
func craftZip(tb testing.TB, parts ...part) []byte {
	tb.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, p := range parts {
		if p.repeat <= 1 && p.declared == 0 {
			w, err := zw.Create(p.name)
			if err != nil {
				tb.Fatal(err)
			}
			w.Write([]byte(p.text))
			continue
		}
		var seg bytes.Buffer
		fw, _ := flate.NewWriter(&seg, flate.BestCompression)
		fw.Write([]byte(p.text))
		fw.Flush() // ends the blocks on a byte boundary, without marking the last one
		var end bytes.Buffer
		fw, _ = flate.NewWriter(&end, flate.BestCompression)
		fw.Close() // an empty last block
		repeat := max(p.repeat, 1)
		crc := uint32(0) // left out: checking it would cost the time the trick saves, and no reader gets that far
		size := uint64(len(p.text)) * uint64(repeat)
		if p.declared != 0 {
			size = p.declared
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(seg.Len()*repeat + end.Len()), UncompressedSize64: size})
		if err != nil {
			tb.Fatal(err)
		}
		for range repeat {
			w.Write(seg.Bytes())
		}
		w.Write(end.Bytes())
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// workbook returns the parts of a one-sheet workbook around sheet data and shared strings.
func workbook(sheetData part, extra ...part) []part {
	const (
		types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
		rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
		book = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>`
		bookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	)
	return append([]part{{name: "[Content_Types].xml", text: types}, {name: "_rels/.rels", text: rels},
		{name: "xl/workbook.xml", text: book}, {name: "xl/_rels/workbook.xml.rels", text: bookRels}, sheetData}, extra...)
}

// sheet returns the worksheet part: the import header, then row repeated n times, as the
// three pieces of one XML document (the repeated middle is its own part of the archive's
// compressed stream, so the head and tail are written around it by the caller).
const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

// bombRows is a worksheet of one row repeated n times, with no end: what a reader meets first.
func bombRows(n int) part {
	row := `<row><c t="inlineStr"><is><t>198005172005031001</t></is></c><c t="inlineStr"><is><t>Budi Santoso</t></is></c></row>`
	return part{name: "xl/worksheets/sheet1.xml", text: strings.Repeat(row, 4096), repeat: n / 4096}
}

// TestReadEmployeeFile_ZipBomb replays the import of crafted workbooks: a 600 KB file whose
// sheet unpacks to 600 MB (it took the server to 3.45 GB), one whose shared strings do, one
// whose directory lies about the size of its sheet, and one of thousands of parts. Each is
// refused with a message in Bahasa Indonesia, having allocated a few megabytes at most.
func TestReadEmployeeFile_ZipBomb(t *testing.T) {
	t.Parallel()
	bigString := part{name: "xl/sharedStrings.xml", text: strings.Repeat("A", 1<<20), repeat: 200}
	many := workbook(part{name: "xl/worksheets/sheet1.xml", text: sheetHead + sheetTail})
	for i := range 5000 {
		many = append(many, part{name: fmt.Sprintf("xl/media/image%d.png", i), text: "x"})
	}
	tests := []struct {
		name  string
		file  []byte
		msg   string
		small bool // the file weighs under 1 MB
	}{
		{"rows", craftZip(t, workbook(bombRows(1_400_000))...), kinerja.MsgImportArchive, true},
		{"shared strings", craftZip(t, workbook(part{name: "xl/worksheets/sheet1.xml", text: sheetHead + sheetTail}, bigString)...), kinerja.MsgImportArchive, true},
		{"sheet size understated", craftZip(t, workbook(func() part { p := bombRows(1_400_000); p.declared = 1 << 20; return p }())...), kinerja.MsgImportFormat, true},
		{"many parts", craftZip(t, many...), kinerja.MsgImportArchive, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.small && len(tt.file) > 1<<20 {
				t.Fatalf("the crafted file weighs %d bytes; want under 1 MB", len(tt.file))
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			rows, headerErrs, err := document.ReadEmployeeFile(bytes.NewReader(tt.file), "pegawai.xlsx")
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			allocated := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d KB file refused in %v, %d MB allocated", len(tt.file)>>10, took, allocated>>20)
			if kinerja.ErrorCode(err) != kinerja.EINVALID || kinerja.ErrorMessage(err) != tt.msg {
				t.Errorf("ReadEmployeeFile = %d rows, %v, %v; want refused with %q", len(rows), headerErrs, err, tt.msg)
			}
			// Everything this process allocated meanwhile, other tests' included, is counted.
			if allocated > 300<<20 {
				t.Errorf("reading allocated %d MB; want under 300 MB", allocated>>20)
			}
		})
	}
}

// TestReadEmployeeFile_CraftedWithinLimits reads workbooks that stay inside the limits but
// are made to cost: 20,001 rows each with a cell in the last column (XFD), which used to
// cost 40 s and 22 GB of allocations, and more rows than an import takes. They are read
// in a bounded amount of memory, the wide cells ignored, the rows cut one past the limit.
func TestReadEmployeeFile_CraftedWithinLimits(t *testing.T) {
	t.Parallel()
	header := `<row r="1"><c r="A1" t="inlineStr"><is><t>nip</t></is></c><c r="B1" t="inlineStr"><is><t>nama</t></is></c></row>`
	var wide, long strings.Builder
	wide.WriteString(sheetHead + header)
	long.WriteString(sheetHead + header)
	for i := 2; i <= kinerja.MaxImportRows+1; i++ {
		fmt.Fprintf(&wide, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%d</t></is></c><c r="XFD%d"><v>1</v></c></row>`, i, i, i, i)
	}
	for i := 2; i <= 3*kinerja.MaxImportRows; i++ {
		fmt.Fprintf(&long, `<row><c><v>%d</v></c><c t="inlineStr"><is><t>Pegawai</t></is></c></row>`, i)
	}
	wide.WriteString(sheetTail)
	long.WriteString(sheetTail)
	tests := []struct {
		name  string
		sheet string
		rows  int
	}{
		{"a cell in the last column of every row", wide.String(), kinerja.MaxImportRows},
		{"three times the rows an import takes", long.String(), kinerja.MaxImportRows + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := craftZip(t, workbook(part{name: "xl/worksheets/sheet1.xml", text: tt.sheet})...)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			rows, _, err := document.ReadEmployeeFile(bytes.NewReader(file), "pegawai.xlsx")
			runtime.ReadMemStats(&after)
			allocated := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d KB file read: %d rows, %d MB allocated", len(file)>>10, len(rows), allocated>>20)
			if err != nil || len(rows) != tt.rows || rows[0].Row != 2 || rows[0].Get("nip") != "2" {
				t.Fatalf("ReadEmployeeFile = %d rows, %v; want %d from row 2", len(rows), err, tt.rows)
			}
			if allocated > 300<<20 {
				t.Errorf("reading allocated %d MB; want under 300 MB", allocated>>20)
			}
		})
	}
}

// BenchmarkReadEmployeeFile reads an export of 20,000 employees, the largest import.
func BenchmarkReadEmployeeFile(b *testing.B) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	header := make([]any, len(kinerja.ImportColumns))
	for i, c := range kinerja.ImportColumns {
		header[i] = c
	}
	sw.SetRow("A1", header)
	for i := 2; i <= kinerja.MaxImportRows+1; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		sw.SetRow(cell, []any{fmt.Sprintf("1980051720050310%02d", i%100), fmt.Sprintf("Pegawai %d, S.Kom.", i), "L", "1980-05-17", "pns",
			"III/d", "Pengadministrasi Umum", "pelaksana", "Kelurahan Asemrowo / Seksi Pemerintahan", "", fmt.Sprintf("p%d@example.go.id", i), "0812-3456-7890"})
	}
	sw.Flush()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		rows, _, err := document.ReadEmployeeFile(bytes.NewReader(buf.Bytes()), "pegawai.xlsx")
		if err != nil || len(rows) != kinerja.MaxImportRows {
			b.Fatalf("ReadEmployeeFile = %d rows, %v", len(rows), err)
		}
	}
}

// BenchmarkReadEmployeeFile_ZipBomb refuses a 600 KB workbook that unpacks to 170 MB.
func BenchmarkReadEmployeeFile_ZipBomb(b *testing.B) {
	file := craftZip(b, workbook(bombRows(1_400_000))...)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := document.ReadEmployeeFile(bytes.NewReader(file), "pegawai.xlsx"); kinerja.ErrorMessage(err) != kinerja.MsgImportArchive {
			b.Fatal(err)
		}
	}
}
