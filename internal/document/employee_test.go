package document_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

func TestReadEmployeeFile_CSV(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, data string
	}{
		{"comma", "nip,nama,jenis_kelamin,tanggal_lahir,status,golongan,jabatan,jenis_jabatan,unit\n198005172005031001,Budi,L,1980-05-17,pns,III/a,Staf,pelaksana,Seksi A\n"},
		{"semicolon with BOM and CRLF", "\ufeffNIP;Nama;Jenis_Kelamin;Tanggal_Lahir;Status;Golongan;Jabatan;Jenis_Jabatan;Unit\r\n198005172005031001;Budi;L;1980-05-17;pns;III/a;Staf;pelaksana;Seksi A\r\n;;;;;;;;\r\n"},
		{"columns in another order", "unit,nama,nip,jenis_kelamin,tanggal_lahir,status,golongan,jabatan,jenis_jabatan,ekstra\nSeksi A,Budi,'198005172005031001,L,1980-05-17,pns,III/a,Staf,pelaksana,abaikan\n"},
	}
	for _, tt := range tests {
		rows, headerErrs, err := document.ReadEmployeeFile(strings.NewReader(tt.data), "pegawai.csv")
		if err != nil || len(headerErrs) != 0 || len(rows) != 1 {
			t.Fatalf("%s: ReadEmployeeFile = %d rows, %v, %v; want 1 row", tt.name, len(rows), headerErrs, err)
		}
		r := rows[0]
		if r.Row != 2 || r.Get("nip") != "198005172005031001" || r.Get("nama") != "Budi" || r.Get("unit") != "Seksi A" {
			t.Errorf("%s: row = %+v", tt.name, r)
		}
	}
}

func TestReadEmployeeFile_Errors(t *testing.T) {
	t.Parallel()
	rows, headerErrs, err := document.ReadEmployeeFile(strings.NewReader("nip,nama\n1,2\n"), "x.csv")
	if err != nil || len(rows) != 1 || len(headerErrs) != len(kinerja.RequiredImportColumns)-2 {
		t.Errorf("missing columns: %d rows, %v, %v; want an error per missing column", len(rows), headerErrs, err)
	}
	if _, _, err := document.ReadEmployeeFile(bytes.NewReader([]byte{0xff, 0xfe, 0x00, 0x01}), "x.xls"); kinerja.ErrorCode(err) != kinerja.EINVALID {
		t.Errorf("binary file: %v; want invalid", err)
	}
	if _, errs, _ := document.ReadEmployeeFile(strings.NewReader(""), "x.csv"); len(errs) != 1 {
		t.Errorf("empty file: %v; want one error", errs)
	}
}

// TestTemplateRoundTrip reads the XLSX template back: its example row is a valid import row.
func TestTemplateRoundTrip(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	units := []*kinerja.Unit{{ID: 1, Name: "Kecamatan Asemrowo"}, {ID: 2, Name: "Seksi A", Path: "Seksi A", Depth: 1, Kind: kinerja.UnitSeksi}}
	if err := document.WriteEmployeeTemplate(&buf, units); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); strings.Join(got, ",") != "Pegawai,Petunjuk,Unit" {
		t.Errorf("sheets = %v", got)
	}
	rows, headerErrs, err := document.ReadEmployeeFile(bytes.NewReader(buf.Bytes()), "template.xlsx")
	if err != nil || len(headerErrs) != 0 || len(rows) != 1 {
		t.Fatalf("read template = %d rows, %v, %v", len(rows), headerErrs, err)
	}
	in, errs := kinerja.ParseImportRow(rows[0])
	in.UnitID = 2
	if len(errs) != 0 || in.Validate(kinerja.NewDate(2026, 11, 27)) != nil {
		t.Errorf("template example is not valid: %v, %v", errs, in.Validate(kinerja.NewDate(2026, 11, 27)))
	}
}

func TestExportRoundTrip(t *testing.T) {
	t.Parallel()
	sup := int64(1)
	x := document.EmployeeExport{
		Employees: []*kinerja.Employee{
			{ID: 1, NIP: "198005172005031001", Name: "Budi", Gender: kinerja.GenderMale, BirthDate: kinerja.NewDate(1980, 5, 17),
				Status: kinerja.StatusPNS, Grade: "III/d", Position: "Kasi", PositionKind: kinerja.PositionPengawas, UnitID: 2, Active: true, Phone: "0812"},
			{ID: 2, NIP: "199001012015032002", Name: "Sari", Gender: kinerja.GenderFemale, BirthDate: kinerja.NewDate(1990, 1, 1),
				Status: kinerja.StatusPNS, Grade: "II/c", Position: "Staf", PositionKind: kinerja.PositionPelaksana, UnitID: 2, SupervisorID: &sup},
		},
		UnitPath: map[int64]string{2: "Seksi A"},
		NIPByID:  map[int64]string{1: "198005172005031001", 2: "199001012015032002"},
	}
	var buf bytes.Buffer
	if err := document.WriteEmployeesXLSX(&buf, x); err != nil {
		t.Fatal(err)
	}
	rows, headerErrs, err := document.ReadEmployeeFile(&buf, "export.xlsx")
	if err != nil || len(headerErrs) != 0 || len(rows) != 2 {
		t.Fatalf("read export = %d rows, %v, %v", len(rows), headerErrs, err)
	}
	if r := rows[1]; r.Get("nip") != "199001012015032002" || r.Get("nip_atasan") != "198005172005031001" || r.Get("jenis_kelamin") != "P" ||
		r.Get("tanggal_lahir") != "1990-01-01" || r.Get("unit") != "Seksi A" {
		t.Errorf("exported row = %+v", r.Values)
	}
	if rows[0].Get("telepon") != "0812" {
		t.Errorf("phone lost its leading zero: %q", rows[0].Get("telepon"))
	}
}
