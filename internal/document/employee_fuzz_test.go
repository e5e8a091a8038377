package document_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

// checkEmployeeFile checks what ReadEmployeeFile answers for any file: a refusal is an invalid
// *kinerja.Error; problems of the header are on row 1 and name a required column or none; data
// rows are numbered from 2 upwards, in file order, and carry only import columns. That no file
// makes it hang is the fuzzing engine's check: it fails an input that runs over 10 s.
func checkEmployeeFile(t *testing.T, data []byte, name string) ([]kinerja.ImportRow, []kinerja.ImportError, error) {
	t.Helper()
	rows, headerErrs, err := document.ReadEmployeeFile(bytes.NewReader(data), name)
	if err != nil {
		var e *kinerja.Error
		if !errors.As(err, &e) || e.Code != kinerja.EINVALID || e.Message == "" || rows != nil || headerErrs != nil {
			t.Fatalf("ReadEmployeeFile(%q) = %d rows, %v, %#v; want an invalid *kinerja.Error alone", data, len(rows), headerErrs, err)
		}
		return nil, nil, err
	}
	for _, e := range headerErrs {
		if e.Row != 1 || (e.Field != "" && !slices.Contains(kinerja.RequiredImportColumns, e.Field)) || e.Message == "" {
			t.Fatalf("ReadEmployeeFile(%q) header error %+v; want row 1, a required column or none, and a message", data, e)
		}
	}
	if len(rows) == 0 && len(headerErrs) == 0 {
		t.Fatalf("ReadEmployeeFile(%q) gave no rows and no error", data)
	}
	prev := 1
	for _, r := range rows {
		if r.Row <= prev {
			t.Fatalf("ReadEmployeeFile(%q) row %d after row %d; want rows from 2, in file order", data, r.Row, prev)
		}
		prev = r.Row
		for c := range r.Values {
			if !slices.Contains(kinerja.ImportColumns, c) {
				t.Fatalf("ReadEmployeeFile(%q) row %d has column %q; want import columns only", data, r.Row, c)
			}
		}
	}
	return rows, headerErrs, nil
}

// FuzzReadEmployeeCSV reads any bytes as a CSV employee file.
func FuzzReadEmployeeCSV(f *testing.F) {
	var template bytes.Buffer
	if err := document.WriteEmployeeTemplateCSV(&template); err != nil {
		f.Fatal(err)
	}
	f.Add(template.Bytes())
	for _, s := range []string{
		"nip,nama,jenis_kelamin,tanggal_lahir,status,golongan,jabatan,jenis_jabatan,unit\n198005172005031001,Budi,L,1980-05-17,pns,III/a,Staf,pelaksana,Seksi A\n",
		"\ufeffNIP;Nama;Jenis_Kelamin;Tanggal_Lahir;Status;Golongan;Jabatan;Jenis_Jabatan;Unit\r\n198005172005031001;Budi;L;1980-05-17;pns;III/a;Staf;pelaksana;Seksi A\r\n;;;;;;;;\r\n",
		"unit,nama,nip,jenis_kelamin,tanggal_lahir,status,golongan,jabatan,jenis_jabatan,ekstra\nSeksi A,Budi,'198005172005031001,L,1980-05-17,pns,III/a,Staf,pelaksana,abaikan\n",
		"nip,nama\n1,2\n", "", "\n\n\n", "nip,nip,nama\n\"1\n2\",x,\"y\"\"\"\n", "nip,\"nama\n", "a\"b,c\n",
		"tanggal_lahir,nip\n29000,1\n1e308,2\n-5,3\n", "\xff\xfe\x00\x01",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, _, err := checkEmployeeFile(t, data, "pegawai.csv")
		if err == nil && !utf8.Valid(data) {
			t.Fatalf("ReadEmployeeFile(%q) read a file that is not UTF-8", data)
		}
		if n := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) + 1; len(rows) > 0 && rows[len(rows)-1].Row > n {
			t.Fatalf("ReadEmployeeFile(%q) row %d; the file has at most %d lines", data, rows[len(rows)-1].Row, n)
		}
	})
}

// FuzzReadEmployeeCSVCells writes a CSV file of three data rows from any cell texts, with a
// comma or a semicolon, and reads it back: every data row that is not blank comes back, with
// its number, and every cell as written, trimmed.
func FuzzReadEmployeeCSVCells(f *testing.F) {
	f.Add(false, "198005172005031001", "Budi Santoso", "Seksi A", "", false)
	f.Add(true, "'198005172005031001", " Siti, S.E. ", "Kelurahan \"Asemrowo\"", "x;y", true)
	f.Add(false, "", "", "", "", true)
	f.Add(false, "1\r\n2", "\u00a0", "a\nb", "\"", false)
	f.Fuzz(func(t *testing.T, semicolon bool, nip, name, unit, extra string, blankRow bool) {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		if semicolon {
			w.Comma = ';'
		}
		header := append(slices.Clone(kinerja.ImportColumns), "catatan")
		w.Write(header)
		data := [][]string{
			rowOf(header, "nip", nip, "nama", name, "unit", unit, "catatan", extra),
			rowOf(header, "nama", nip, "unit", name, "jabatan", unit),
			rowOf(header, "nip", extra, "nama", unit, "unit", nip, "telepon", name),
		}
		if blankRow {
			data = slices.Insert(data, 1, rowOf(header))
		}
		w.WriteAll(data)
		rows, headerErrs, err := checkEmployeeFile(t, buf.Bytes(), "pegawai.csv")
		if !utf8.Valid(buf.Bytes()) {
			if err == nil {
				t.Fatalf("ReadEmployeeFile(%q) read a file that is not UTF-8", buf.Bytes())
			}
			return
		}
		var want []int
		for i, rec := range data {
			if slices.ContainsFunc(rec, func(s string) bool { return strings.TrimSpace(s) != "" }) {
				want = append(want, i)
			}
		}
		if err != nil || !onlyEmptyError(headerErrs, len(want)) {
			t.Fatalf("ReadEmployeeFile(%q) = %v, %v; want the rows", buf.Bytes(), headerErrs, err)
		}
		if len(rows) != len(want) {
			t.Fatalf("ReadEmployeeFile(%q) = %d rows; want the %d that are not blank", buf.Bytes(), len(rows), len(want))
		}
		for k, i := range want {
			if rows[k].Row != i+2 {
				t.Errorf("row %d numbered %d; want %d", k, rows[k].Row, i+2)
			}
			for j, c := range header {
				got, ok := rows[k].Values[c]
				if c == "catatan" || c == "tanggal_lahir" {
					continue
				}
				if cell := strings.ReplaceAll(data[i][j], "\r\n", "\n"); !ok || got != strings.TrimSpace(strings.TrimPrefix(cell, "'")) {
					t.Errorf("row %d column %s = %q, %v; want %q", rows[k].Row, c, got, ok, cell)
				}
			}
		}
	})
}

// rowOf returns a record of the header's width with the given column values.
func rowOf(header []string, kv ...string) []string {
	rec := make([]string, len(header))
	for i := 0; i+1 < len(kv); i += 2 {
		rec[slices.Index(header, kv[i])] = kv[i+1]
	}
	return rec
}

// xlsxOf returns a workbook whose first sheet holds rows.
func xlsxOf(tb testing.TB, rows [][]string) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, rec := range rows {
		cells := make([]any, len(rec))
		for j, v := range rec {
			cells[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &cells); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzReadEmployeeXLSX reads any bytes, seeded with real workbooks (the import template, an
// export, small sheets), as an XLSX employee file.
func FuzzReadEmployeeXLSX(f *testing.F) {
	var template bytes.Buffer
	units := []*kinerja.Unit{{ID: 1, Name: "Kecamatan Asemrowo"}, {ID: 2, Name: "Seksi A", Path: "Seksi A", Depth: 1, Kind: kinerja.UnitSeksi}}
	if err := document.WriteEmployeeTemplate(&template, units); err != nil {
		f.Fatal(err)
	}
	f.Add(template.Bytes())
	var export bytes.Buffer
	x := document.EmployeeExport{Employees: []*kinerja.Employee{{ID: 1, NIP: "198005172005031001", Name: "Budi", Gender: kinerja.GenderMale,
		BirthDate: kinerja.NewDate(1980, 5, 17), Status: kinerja.StatusPNS, Grade: "III/d", Position: "Kasi", PositionKind: kinerja.PositionPengawas,
		UnitID: 2, Active: true, Phone: "0812"}}, UnitPath: map[int64]string{2: "Seksi A"}}
	if err := document.WriteEmployeesXLSX(&export, x); err != nil {
		f.Fatal(err)
	}
	f.Add(export.Bytes())
	f.Add(xlsxOf(f, [][]string{{"nip", "nama"}, {"198005172005031001", "Budi"}}))
	f.Add(xlsxOf(f, [][]string{kinerja.ImportColumns, {"1", "2", "L", "29000"}, {}, {"", "", "", "", "", "", "", "", "", "", "", "x"}}))
	f.Add(xlsxOf(f, nil))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, _, err := checkEmployeeFile(t, data, "pegawai.xlsx")
		if err == nil && !bytes.HasPrefix(data, []byte("PK\x03\x04")) && len(rows) > 0 {
			t.Fatalf("ReadEmployeeFile(%q, pegawai.xlsx) read rows from a file that is no ZIP archive", data)
		}
	})
}

// FuzzReadEmployeeXLSXCells writes a workbook of data rows from any cell texts and reads it
// back: every data row that is not blank comes back, numbered as in the sheet, with its cells.
func FuzzReadEmployeeXLSXCells(f *testing.F) {
	f.Add("198005172005031001", "Budi Santoso", "Seksi A", false)
	f.Add("'198005172005031001", " Siti, S.E. ", "Kelurahan <Asemrowo> & \"Co\"", true)
	f.Add("", "", "", true)
	f.Add("1\r\n2", "\u00a0", "a\x00b", false)
	f.Fuzz(func(t *testing.T, nip, name, unit string, blankRow bool) {
		data := [][]string{
			rowOf(kinerja.ImportColumns, "nip", nip, "nama", name, "unit", unit),
			rowOf(kinerja.ImportColumns, "nama", nip, "unit", name, "jabatan", unit),
		}
		if blankRow {
			data = slices.Insert(data, 1, rowOf(kinerja.ImportColumns))
		}
		file := xlsxOf(t, append([][]string{kinerja.ImportColumns}, data...))
		rows, headerErrs, err := checkEmployeeFile(t, file, "pegawai.xlsx")
		if err != nil {
			t.Fatalf("ReadEmployeeFile(workbook of %q) = %v; want the rows", data, err)
		}
		// What the workbook holds is what excelize wrote, which may differ from the texts given
		// (characters XML cannot carry); the rows are judged against it.
		sheet := readSheet(t, file)
		var want []int
		for i := 1; i < len(sheet); i++ {
			if slices.ContainsFunc(sheet[i], func(s string) bool { return strings.TrimSpace(s) != "" }) {
				want = append(want, i)
			}
		}
		if !onlyEmptyError(headerErrs, len(want)) {
			t.Fatalf("ReadEmployeeFile(workbook of %q) header errors %v", sheet, headerErrs)
		}
		if len(rows) != len(want) {
			t.Fatalf("ReadEmployeeFile(workbook of %q) = %d rows; want the %d that are not blank", sheet, len(rows), len(want))
		}
		for k, i := range want {
			if rows[k].Row != i+1 {
				t.Errorf("row %d numbered %d; want %d", k, rows[k].Row, i+1)
			}
			for j, c := range kinerja.ImportColumns {
				cell := ""
				if j < len(sheet[i]) {
					cell = sheet[i][j]
				}
				if c != "tanggal_lahir" && rows[k].Values[c] != strings.TrimSpace(strings.TrimPrefix(cell, "'")) {
					t.Errorf("row %d column %s = %q; want %q", rows[k].Row, c, rows[k].Values[c], cell)
				}
			}
		}
	})
}

// readSheet returns the raw cells of a workbook's first sheet.
func readSheet(tb testing.TB, data []byte) [][]string {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// onlyEmptyError reports whether a file with every column has the header errors it should:
// none, or the one saying there are no data rows when there are none.
func onlyEmptyError(errs []kinerja.ImportError, dataRows int) bool {
	if dataRows > 0 {
		return len(errs) == 0
	}
	return len(errs) == 1 && errs[0].Message == kinerja.MsgImportEmpty
}
