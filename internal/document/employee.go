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

// ReadEmployeeFile reads an employee file, CSV (comma or semicolon separated, UTF-8) or XLSX
// (the first sheet), told apart by content. It returns the data rows, numbered as in the file
// with the header as row 1, and the problems of the header row.
func ReadEmployeeFile(r io.Reader, name string) ([]kinerja.ImportRow, []kinerja.ImportError, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read employee file: %w", err)
	}
	if len(data) > MaxFileBytes {
		return nil, nil, kinerja.Errorf(kinerja.EINVALID, "Berkas lebih dari 10 MB.")
	}
	var records [][]string
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		records, err = readXLSX(data)
	case strings.EqualFold(filepath.Ext(name), ".xlsx"), strings.EqualFold(filepath.Ext(name), ".xls"), !utf8.Valid(data):
		return nil, nil, kinerja.Errorf(kinerja.EINVALID, kinerja.MsgImportFormat)
	default:
		records, err = readCSV(data)
	}
	if err != nil {
		return nil, nil, err
	}
	return toRows(records)
}

func readXLSX(data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, kinerja.Errorf(kinerja.EINVALID, kinerja.MsgImportFormat)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, kinerja.Errorf(kinerja.EINVALID, kinerja.MsgImportEmpty)
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, kinerja.Errorf(kinerja.EINVALID, kinerja.MsgImportFormat)
	}
	return rows, nil
}

func readCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first, _, _ := bufio.NewReader(bytes.NewReader(data)).ReadLine()
	cr := csv.NewReader(bytes.NewReader(data))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';' // as spreadsheets set to Indonesian export
	}
	cr.FieldsPerRecord = -1
	records, err := cr.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &kinerja.Error{Code: kinerja.EINVALID, Message: fmt.Sprintf("Baris %d berkas CSV tidak dapat dibaca.", pe.Line), Err: err}
		}
		return nil, kinerja.Errorf(kinerja.EINVALID, kinerja.MsgImportFormat)
	}
	return records, nil
}

// toRows maps records to rows by the header's column names, skipping blank rows.
func toRows(records [][]string) ([]kinerja.ImportRow, []kinerja.ImportError, error) {
	if len(records) == 0 {
		return nil, []kinerja.ImportError{{Row: 1, Message: kinerja.MsgImportEmpty}}, nil
	}
	index := map[string]int{}
	for i, h := range records[0] {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := index[h]; h != "" && !dup {
			index[h] = i
		}
	}
	var headerErrs []kinerja.ImportError
	for _, c := range kinerja.RequiredImportColumns {
		if _, ok := index[c]; !ok {
			headerErrs = append(headerErrs, kinerja.ImportError{Row: 1, Field: c, Message: kinerja.MsgImportMissingColumn})
		}
	}
	var rows []kinerja.ImportRow
	for n, rec := range records[1:] {
		if slices.IndexFunc(rec, func(s string) bool { return strings.TrimSpace(s) != "" }) < 0 {
			continue
		}
		r := kinerja.ImportRow{Row: n + 2, Values: make(map[string]string, len(kinerja.ImportColumns))}
		for _, c := range kinerja.ImportColumns {
			if i, ok := index[c]; ok {
				v := ""
				if i < len(rec) {
					v = cellText(c, rec[i])
				}
				r.Values[c] = v
			}
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 && len(headerErrs) == 0 {
		headerErrs = append(headerErrs, kinerja.ImportError{Row: 1, Message: kinerja.MsgImportEmpty})
	}
	return rows, headerErrs, nil
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
