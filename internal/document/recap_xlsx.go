package document

import (
	"cmp"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/kinerja"
)

// RecapRow is one employee in a unit's recap.
type RecapRow struct {
	Employee   kinerja.DirectoryEntry
	NIP        string
	Assessment *kinerja.Assessment // nil when not assessed yet
}

// Sheets and layout of the recap.
const (
	recapSheet        = "Rekap"
	distributionSheet = "Distribusi"
	recapHeaderRow    = 4 // rows above: title, unit, period
	notAssessed       = "belum dinilai"
)

var recapHeader = []string{"No", "NIP", "Nama", "Jabatan", "Rating Hasil Kerja", "Rating Perilaku Kerja",
	"Predikat", "Status", "Justifikasi"}

var recapWidths = []float64{5, 22, 34, 36, 22, 22, 20, 18, 50}

// WriteRecapXLSX writes the recap of a unit's assessments for a period: sheet Rekap with one
// row per employee (both ratings, predikat, status and justification, all as text, in
// Bahasa Indonesia) and sheet Distribusi with the spread of predikat against the curve of
// the organisation predikat, with the broken rules. d may be nil.
func WriteRecapXLSX(w io.Writer, unit string, period string, rows []RecapRow, d *kinerja.Distribution) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := writeRecapSheet(f, unit, period, rows); err != nil {
		return fmt.Errorf("write recap: %w", err)
	}
	if err := writeDistributionSheet(f, unit, period, d); err != nil {
		return fmt.Errorf("write recap: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write recap: %w", err)
	}
	return nil
}

func writeRecapSheet(f *excelize.File, unit, period string, rows []RecapRow) error {
	if err := f.SetSheetName("Sheet1", recapSheet); err != nil {
		return err
	}
	styles, err := newRecapStyles(f)
	if err != nil {
		return err
	}
	for i, w := range recapWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(recapSheet, col, col, w); err != nil {
			return err
		}
	}
	title := [][]any{
		{"REKAPITULASI PENILAIAN KINERJA PEGAWAI"},
		{"Unit kerja: " + orDash(unit)},
		{"Periode: " + orDash(period)},
	}
	if err := writeRows(f, recapSheet, title); err != nil {
		return err
	}
	if err := f.SetCellStyle(recapSheet, "A1", "A1", styles.title); err != nil {
		return err
	}
	header := make([]any, len(recapHeader))
	for i, h := range recapHeader {
		header[i] = h
	}
	first, _ := excelize.CoordinatesToCellName(1, recapHeaderRow)
	last, _ := excelize.CoordinatesToCellName(len(recapHeader), recapHeaderRow)
	if err := f.SetSheetRow(recapSheet, first, &header); err != nil {
		return err
	}
	if err := f.SetCellStyle(recapSheet, first, last, styles.header); err != nil {
		return err
	}
	for i, r := range rows {
		cells := recapCells(i+1, r)
		values := make([]any, len(cells))
		for j, c := range cells {
			values[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, recapHeaderRow+1+i)
		if err := f.SetSheetRow(recapSheet, cell, &values); err != nil {
			return err
		}
	}
	if len(rows) > 0 {
		first, _ := excelize.CoordinatesToCellName(1, recapHeaderRow+1)
		last, _ := excelize.CoordinatesToCellName(len(recapHeader), recapHeaderRow+len(rows))
		if err := f.SetCellStyle(recapSheet, first, last, styles.text); err != nil {
			return err
		}
	}
	top, _ := excelize.CoordinatesToCellName(1, recapHeaderRow+1)
	return f.SetPanes(recapSheet, &excelize.Panes{Freeze: true, YSplit: recapHeaderRow, TopLeftCell: top, ActivePane: "bottomLeft"})
}

// recapCells is the row of one employee, every cell a string.
func recapCells(no int, r RecapRow) []string {
	cells := []string{strconv.Itoa(no), r.NIP, r.Employee.Name, r.Employee.Position}
	a := r.Assessment
	if a == nil {
		return append(cells, emptyText, emptyText, emptyText, notAssessed, "")
	}
	return append(cells, ratingName(a.ResultRating), ratingName(a.BehaviorRating), predikatName(a.Predikat),
		cmp.Or(assessmentStatusNames[a.Status], string(a.Status), emptyText), a.Justification)
}

func ratingName(r kinerja.Rating) string {
	if r == "" {
		return emptyText
	}
	return cmp.Or(r.Label(), string(r))
}

func predikatName(p kinerja.Predikat) string {
	if p == "" {
		return emptyText
	}
	return cmp.Or(p.Label(), string(p))
}

func writeDistributionSheet(f *excelize.File, unit, period string, d *kinerja.Distribution) error {
	if _, err := f.NewSheet(distributionSheet); err != nil {
		return err
	}
	styles, err := newRecapStyles(f)
	if err != nil {
		return err
	}
	f.SetColWidth(distributionSheet, "A", "A", 34)
	f.SetColWidth(distributionSheet, "B", "C", 14)
	f.SetColWidth(distributionSheet, "D", "D", 80)
	rows := [][]any{
		{"DISTRIBUSI PREDIKAT KINERJA PEGAWAI"},
		{"Unit kerja: " + orDash(unit)},
		{"Periode: " + orDash(period)},
		{},
	}
	if d == nil {
		rows = append(rows, []any{"Data distribusi tidak tersedia."})
		if err := writeRows(f, distributionSheet, rows); err != nil {
			return err
		}
		return f.SetCellStyle(distributionSheet, "A1", "A1", styles.title)
	}
	headerRow := len(rows) + 1
	rows = append(rows, []any{"Predikat", "Jumlah", "Persentase"})
	assessed := 0
	share := func(n int) any {
		if d.Total == 0 {
			return ""
		}
		return float64(n) / float64(d.Total)
	}
	for _, p := range kinerja.Predikats {
		n := d.Counts[p]
		assessed += n
		rows = append(rows, []any{p.Label(), n, share(n)})
	}
	rows = append(rows, []any{"Belum dinilai", max(d.Total-assessed, 0), share(max(d.Total-assessed, 0))})
	totalRow := len(rows) + 1
	rows = append(rows, []any{"Total", d.Total, share(d.Total)}, []any{})
	org := emptyText
	if d.OrgPredikat != "" {
		org = cmp.Or(orgPredikatNames[d.OrgPredikat], string(d.OrgPredikat))
	}
	rows = append(rows, []any{"Predikat Kinerja Organisasi", org}, []any{})
	violRow := len(rows) + 1
	rows = append(rows, []any{"Pelanggaran kurva distribusi"})
	if len(d.Violations) == 0 {
		rows = append(rows, []any{"Tidak ada pelanggaran."})
	}
	for _, v := range d.Violations {
		rows = append(rows, []any{v.Message})
	}
	if err := writeRows(f, distributionSheet, rows); err != nil {
		return err
	}
	for _, s := range []struct {
		from, to string
		style    int
	}{
		{"A1", "A1", styles.title},
		{"A" + strconv.Itoa(headerRow), "C" + strconv.Itoa(headerRow), styles.header},
		{"C" + strconv.Itoa(headerRow+1), "C" + strconv.Itoa(totalRow), styles.percent},
		{"A" + strconv.Itoa(totalRow), "B" + strconv.Itoa(totalRow), styles.bold},
		{"A" + strconv.Itoa(violRow), "A" + strconv.Itoa(violRow), styles.bold},
	} {
		if err := f.SetCellStyle(distributionSheet, s.from, s.to, s.style); err != nil {
			return err
		}
	}
	return nil
}

type recapStyles struct{ title, header, text, bold, percent int }

// newRecapStyles makes the recap's cell styles; the header is styled like the employee files.
func newRecapStyles(f *excelize.File) (recapStyles, error) {
	var s recapStyles
	border := []excelize.Border{{Type: "left", Style: 1, Color: "A0A0A0"}, {Type: "right", Style: 1, Color: "A0A0A0"},
		{Type: "top", Style: 1, Color: "A0A0A0"}, {Type: "bottom", Style: 1, Color: "A0A0A0"}}
	for _, st := range []struct {
		dst   *int
		style *excelize.Style
	}{
		{&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}},
		{&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&s.text, &excelize.Style{NumFmt: 49, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.bold, &excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&s.percent, &excelize.Style{NumFmt: 10}}, // 0.00%
	} {
		id, err := f.NewStyle(st.style)
		if err != nil {
			return s, err
		}
		*st.dst = id
	}
	return s, nil
}
