package document

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/kinerja"
)

// templateExample is the example row of the template: a valid employee of a typical unit.
var templateExample = []string{"198005172005031001", "Drs. Bambang Sutrisno, M.Si.", "L", "1980-05-17", "pns", "III/d",
	"Kepala Seksi Pemerintahan dan Pelayanan Publik", "pengawas", "Seksi Pemerintahan dan Pelayanan Publik", "", "bambang@example.go.id", "0812-3456-7890"}

// columnHelp explains each column of the template in Bahasa Indonesia.
var columnHelp = [][2]string{
	{"nip", "18 digit (PNS/CPNS: NIP; PPPK: NI PPPK). Boleh memakai spasi atau titik. Wajib."},
	{"nama", "Nama lengkap dengan gelar. Wajib."},
	{"jenis_kelamin", "L atau P; harus sesuai digit ke-15 NIP. Wajib."},
	{"tanggal_lahir", "YYYY-MM-DD; harus sesuai digit 1–8 NIP. Wajib."},
	{"status", "pns, pppk atau cpns. Wajib."},
	{"golongan", "PNS/CPNS: I/a sampai IV/e; PPPK: I sampai XVII. Wajib."},
	{"jabatan", "Nama jabatan. Wajib."},
	{"jenis_jabatan", "jpt, administrator, pengawas, pelaksana atau fungsional. Wajib."},
	{"unit", "Nama unit kerja seperti di Kinerja (lihat lembar Unit). Bila namanya dipakai lebih dari satu unit, tulis jalurnya dengan \" / \". Wajib."},
	{"nip_atasan", "NIP atasan langsung: pegawai di berkas ini (baris mana pun) atau pegawai aktif yang sudah terdaftar. Kosongkan untuk pimpinan tertinggi."},
	{"email", "Alamat e-mail dinas. Boleh kosong."},
	{"telepon", "Nomor telepon. Boleh kosong."},
}

// WriteEmployeeTemplate writes the XLSX import template: the header and an example row, a
// sheet explaining the columns and a sheet listing the organisation's units by path.
func WriteEmployeeTemplate(w io.Writer, units []*kinerja.Unit) error {
	f, err := newSheetFile("Pegawai")
	if err != nil {
		return fmt.Errorf("template: %w", err)
	}
	defer f.Close()
	example := make([]any, len(templateExample))
	for i, v := range templateExample {
		example[i] = v
	}
	// The example names a real unit of the organisation, so that it imports as it stands.
	for _, u := range units {
		if u.Depth > 0 {
			example[slices.Index(kinerja.ImportColumns, "unit")] = u.Path
			break
		}
	}
	if err := f.SetSheetRow("Pegawai", "A2", &example); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	if err := guardFormulas(f, "Pegawai", "A2", [][]any{example}); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	if _, err := f.NewSheet("Petunjuk"); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	rows := [][]any{{"Kolom", "Keterangan"}}
	for _, h := range columnHelp {
		rows = append(rows, []any{h[0], h[1]})
	}
	rows = append(rows, []any{}, []any{"", "Hapus baris contoh sebelum mengunggah. Baris judul (baris 1) jangan diubah; urutan kolom bebas."},
		[]any{"", "Pegawai dicocokkan menurut NIP: NIP baru ditambahkan, NIP yang sudah ada diperbarui. Bila ada satu kesalahan, tidak ada data yang disimpan."})
	if err := writeRows(f, "Petunjuk", rows); err != nil {
		return err
	}
	f.SetColWidth("Petunjuk", "A", "A", 16)
	f.SetColWidth("Petunjuk", "B", "B", 110)
	if _, err := f.NewSheet("Unit"); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	unitRows := [][]any{{"unit", "jenis"}}
	for _, u := range units {
		if u.Depth > 0 {
			unitRows = append(unitRows, []any{u.Path, string(u.Kind)})
		}
	}
	if err := writeRows(f, "Unit", unitRows); err != nil {
		return err
	}
	f.SetColWidth("Unit", "A", "A", 80)
	return f.Write(w)
}

// writeRows writes rows from the top left of a sheet, every text as a string cell and those
// that start like a formula formatted as text.
func writeRows(f *excelize.File, sheet string, rows [][]any) error {
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return fmt.Errorf("write %s: %w", sheet, err)
		}
	}
	if err := guardFormulas(f, sheet, "A1", rows); err != nil {
		return fmt.Errorf("write %s: %w", sheet, err)
	}
	return nil
}

// WriteEmployeeTemplateCSV writes the CSV import template: the header and the example row.
func WriteEmployeeTemplateCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	for _, rec := range [][]string{kinerja.ImportColumns, templateExample} {
		cells := make([]string, len(rec))
		for i, v := range rec {
			cells[i] = csvCell(v)
		}
		cw.Write(cells)
	}
	cw.Flush()
	return cw.Error()
}

// EmployeeExport is what the export needs besides the employees: unit paths and NIPs by id.
type EmployeeExport struct {
	Employees []*kinerja.Employee
	UnitPath  map[int64]string
	NIPByID   map[int64]string
}

// NewEmployeeExport gathers employees with the paths of their units and their supervisors' NIPs.
func NewEmployeeExport(employees []*kinerja.Employee, units []*kinerja.Unit) EmployeeExport {
	x := EmployeeExport{Employees: employees, UnitPath: map[int64]string{}, NIPByID: map[int64]string{}}
	for _, u := range units {
		x.UnitPath[u.ID] = u.Path
	}
	for _, e := range employees {
		x.NIPByID[e.ID] = e.NIP
	}
	return x
}

// WriteEmployeesXLSX writes employees in the import layout, plus their active state, so that
// an exported file can be edited and imported again.
func WriteEmployeesXLSX(w io.Writer, x EmployeeExport) error {
	f, err := newSheetFile("Pegawai", "aktif", "alasan_nonaktif")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer f.Close()
	sw, err := f.NewStreamWriter("Pegawai")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	// The stream writer rewrites the sheet, so the header goes in again.
	header := make([]any, 0, len(kinerja.ImportColumns)+2)
	for _, c := range append(append([]string{}, kinerja.ImportColumns...), "aktif", "alasan_nonaktif") {
		header = append(header, excelize.Cell{Value: c})
	}
	if err := sw.SetRow("A1", header); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: textFormat})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	for i, e := range x.Employees {
		gender := "L"
		if e.Gender == kinerja.GenderFemale {
			gender = "P"
		}
		sup := ""
		if e.SupervisorID != nil {
			sup = x.NIPByID[*e.SupervisorID]
		}
		active := "ya"
		if !e.Active {
			active = "tidak"
		}
		texts := []string{e.NIP, e.Name, gender, e.BirthDate.String(), string(e.Status), e.Grade, e.Position, string(e.PositionKind),
			x.UnitPath[e.UnitID], sup, e.Email, e.Phone, active, string(e.InactiveReason)}
		row := make([]any, len(texts))
		for j, v := range texts {
			// Strings all (the stream writer makes them inline strings); one that starts
			// like a formula is formatted as text, so that editing it keeps it text.
			if formulaLike(v) {
				row[j] = excelize.Cell{StyleID: text, Value: v}
			} else {
				row[j] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return f.Write(w)
}

// ExportFileName names an export after the organisation and the date.
func ExportFileName(org string, today kinerja.Date) string {
	slug := strings.ToLower(strings.Join(strings.FieldsFunc(org, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}), "-"))
	return fmt.Sprintf("pegawai-%s-%s.xlsx", slug, today)
}
