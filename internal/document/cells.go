package document

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// Text that people typed into Kinerja goes into the spreadsheets it writes. A cell whose text
// starts like a formula (=, +, -, @, or a tab or carriage return before one) must never be
// run as one (CSV or formula injection: =HYPERLINK(…), =cmd|…). Kinerja writes every text
// as a string cell, never as a formula, so no spreadsheet evaluates it when the file opens;
// such a cell is also formatted as text ("@"), so that editing it in Excel keeps it text.
// In CSV, which has no cell types, such a text gets a leading apostrophe, as spreadsheets
// themselves write it; the import takes one leading apostrophe off again.

// formulaLike reports whether a spreadsheet would read s, typed into a cell, as a formula.
func formulaLike(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// csvCell is s as a CSV cell that no spreadsheet reads as a formula.
func csvCell(s string) string {
	if formulaLike(s) {
		return "'" + s
	}
	return s
}

// textFormat is the number format of text cells, "@".
const textFormat = 49

// guardFormulas formats as text every cell of rows, written from cell first on a sheet, whose
// text starts like a formula.
func guardFormulas(f *excelize.File, sheet, first string, rows [][]any) error {
	col, row, err := excelize.CellNameToCoordinates(first)
	if err != nil {
		return err
	}
	style := -1
	for i, r := range rows {
		for j, v := range r {
			if s, ok := v.(string); !ok || !formulaLike(s) {
				continue
			}
			if style < 0 {
				if style, err = f.NewStyle(&excelize.Style{NumFmt: textFormat}); err != nil {
					return err
				}
			}
			cell, _ := excelize.CoordinatesToCellName(col+j, row+i)
			if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
				return err
			}
		}
	}
	return nil
}
