// Package document reads and writes the files people exchange with Kinerja: employee lists
// as CSV and XLSX, and (later) the official PDF documents.
package document

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/kinerja"
)

// MaxFileBytes bounds an uploaded employee file.
const MaxFileBytes = 10 << 20

// ErrFileTooLarge is the cause of the refusal of an employee file over MaxFileBytes.
var ErrFileTooLarge = errors.New("document: employee file over 10 MB")

// importZip bounds what an XLSX employee file may unpack to: 50 MB is three times an export
// of 20,000 employees (the most one import takes).
var importZip = zipLimits{entries: maxZipEntries, total: 50 << 20, ratio: maxZipRatio}

// maxColumns bounds the columns of an employee file that are read: the import has a dozen.
const maxColumns = 1000

// ReadEmployeeFile reads an employee file, CSV (comma or semicolon separated, UTF-8) or XLSX
// (the first sheet), told apart by content. It returns the data rows, numbered as in the file
// with the header as row 1, and the problems of the header row. It reads at most
// MaxFileBytes, keeps only the import columns, and stops one data row past what an import
// takes, so that no file, however it is made, costs more than a bounded amount of memory.
func ReadEmployeeFile(r io.Reader, name string) ([]kinerja.ImportRow, []kinerja.ImportError, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read employee file: %w", err)
	}
	if len(data) > MaxFileBytes {
		return nil, nil, &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgImportTooLarge, Err: ErrFileTooLarge}
	}
	var t importTable
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		err = readXLSX(data, &t)
	case strings.EqualFold(filepath.Ext(name), ".xlsx"), strings.EqualFold(filepath.Ext(name), ".xls"), !utf8.Valid(data):
		return nil, nil, kinerja.Errorf(kinerja.EINVALID, kinerja.MsgImportFormat)
	default:
		err = readCSV(data, &t)
	}
	if err != nil {
		return nil, nil, err
	}
	rows, headerErrs := t.result()
	return rows, headerErrs, nil
}

func readCSV(data []byte, t *importTable) error {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first, _, _ := bufio.NewReader(bytes.NewReader(data)).ReadLine()
	comma := ','
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		comma = ';' // as spreadsheets set to Indonesian export
	}
	// A record of a million empty fields is 1 MB of text and 40 MB once split: refuse it
	// before it is.
	if csvTooWide(data, byte(comma), maxColumns) {
		return kinerja.Errorf(kinerja.EINVALID, kinerja.MsgImportTooManyColumns)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var cells []fileCell
	for n := 1; !t.full(); n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &kinerja.Error{Code: kinerja.EINVALID, Message: fmt.Sprintf("Baris %d berkas CSV tidak dapat dibaca.", pe.Line), Err: err}
			}
			return kinerja.Errorf(kinerja.EINVALID, kinerja.MsgImportFormat)
		}
		if n == 1 {
			t.setHeader(rec)
			continue
		}
		if !slices.ContainsFunc(rec, func(s string) bool { return strings.TrimSpace(s) != "" }) {
			continue
		}
		cells = cells[:0]
		for i, v := range rec {
			if t.wants(i) {
				cells = append(cells, fileCell{i, v})
			}
		}
		t.add(n, cells)
	}
	return nil
}

// csvTooWide reports whether a record of data has more than max fields. Separators inside
// quotes do not count; a stray quote, which csv.Reader refuses where it stands, can only make
// the count wrong after that point.
func csvTooWide(data []byte, sep byte, max int) bool {
	fields, quoted := 1, false
	for _, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n' && !quoted:
			fields = 1
		case c == sep && !quoted:
			if fields++; fields > max {
				return true
			}
		}
	}
	return false
}

// fileCell is the text of a cell in column col, from 0.
type fileCell struct {
	col  int
	text string
}

// importTable gathers the rows of an employee file as a reader meets them: the header names the
// columns, and each later row that is not blank becomes an ImportRow of the import columns
// the header has. Only those columns are kept, so a row costs the same however wide it is.
type importTable struct {
	columns map[int]string // column of the file, from 0 → the import column the header names there
	rows    []kinerja.ImportRow
}

// setHeader reads the header row: the first column of each name counts.
func (t *importTable) setHeader(cells []string) {
	t.columns = map[int]string{}
	taken := map[string]bool{}
	for i, h := range cells[:min(len(cells), maxColumns)] {
		h = strings.ToLower(strings.TrimSpace(h))
		if slices.Contains(kinerja.ImportColumns, h) && !taken[h] {
			taken[h] = true
			t.columns[i] = h
		}
	}
}

func (t *importTable) hasHeader() bool { return t.columns != nil }

// wants reports whether column col, from 0, holds an import column.
func (t *importTable) wants(col int) bool {
	_, ok := t.columns[col]
	return ok
}

// add adds row n, which is not blank, from its cells in the import columns.
func (t *importTable) add(n int, cells []fileCell) {
	r := kinerja.ImportRow{Row: n, Values: make(map[string]string, len(t.columns))}
	for _, c := range t.columns {
		r.Values[c] = ""
	}
	for _, c := range cells {
		if name, ok := t.columns[c.col]; ok {
			r.Values[name] = cellText(name, c.text)
		}
	}
	t.rows = append(t.rows, r)
}

// full reports whether the table holds one data row more than an import takes: the import
// then says there are too many, and the rest of the file need not be read.
func (t *importTable) full() bool { return len(t.rows) > kinerja.MaxImportRows }

// result returns the rows and the problems of the header.
func (t *importTable) result() ([]kinerja.ImportRow, []kinerja.ImportError) {
	if !t.hasHeader() {
		return nil, []kinerja.ImportError{{Row: 1, Message: kinerja.MsgImportEmpty}}
	}
	var headerErrs []kinerja.ImportError
	present := slices.Collect(maps.Values(t.columns))
	for _, c := range kinerja.RequiredImportColumns {
		if !slices.Contains(present, c) {
			headerErrs = append(headerErrs, kinerja.ImportError{Row: 1, Field: c, Message: kinerja.MsgImportMissingColumn})
		}
	}
	if len(t.rows) == 0 && len(headerErrs) == 0 {
		headerErrs = append(headerErrs, kinerja.ImportError{Row: 1, Message: kinerja.MsgImportEmpty})
	}
	return t.rows, headerErrs
}

// cellText undoes what spreadsheets do to cells: a date typed as a date arrives as a serial
// number, and a number written with a leading apostrophe keeps it.
func cellText(col, v string) string {
	v = strings.TrimSpace(strings.TrimPrefix(v, "'"))
	if col == "tanggal_lahir" {
		if serial, err := strconv.ParseFloat(v, 64); err == nil && serial > 1 && serial < 100000 {
			if t, err := excelize.ExcelDateToTime(serial, false); err == nil {
				return t.Format("2006-01-02")
			}
		}
	}
	return v
}

// textColumns are stored as text in the spreadsheets Kinerja writes, so that an NIP keeps all
// 18 digits and a phone number its leading zero.
var textColumns = []string{"nip", "tanggal_lahir", "nip_atasan", "telepon", "golongan"}

// newSheetFile returns a workbook whose first sheet, named sheet, has the import columns as a
// bold, frozen header, text-formatted where needed.
func newSheetFile(sheet string, extra ...string) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	header := append(slices.Clone(kinerja.ImportColumns), extra...)
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = h
	}
	if err := f.SetSheetRow(sheet, "A1", &cells); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}}})
	if err != nil {
		return nil, err
	}
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		return nil, err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return nil, err
	}
	for i, h := range header {
		col, _ := excelize.ColumnNumberToName(i + 1)
		width := 18.0
		switch h {
		case "nama", "jabatan", "unit":
			width = 40
		case "nip", "nip_atasan":
			width = 22
		}
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return nil, err
		}
		if slices.Contains(textColumns, h) {
			if err := f.SetColStyle(sheet, col, text); err != nil {
				return nil, err
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	return f, nil
}
