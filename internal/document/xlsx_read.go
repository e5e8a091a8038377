package document

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"kinerja/internal/kinerja"
)

// An uploaded workbook is read here rather than by excelize, which Kinerja uses to write
// them: excelize holds each part whole in memory, parses the shared strings into structures
// ten times their size, and fills a row up to its last cell (a row with one cell in column
// XFD costs 16,384 strings). This reader streams the first sheet from the archive, keeps the
// cells of the import columns only, and stops one row past what an import takes, so that its
// memory is bounded by the shared strings (at most maxSharedStrings of them) whatever the file.

// maxSharedStrings bounds the shared strings of a workbook: the texts of 20,000 rows of a
// dozen columns are a quarter of that.
const maxSharedStrings = 1 << 20

// maxSheetRows is the last row of a sheet, as in every spreadsheet application.
const maxSheetRows = 1 << 20

// errWorkbook is the cause of the refusal of a workbook that is not one.
var errWorkbook = errors.New("document: not a workbook")

// readXLSX reads the first sheet of a workbook into t, after checking that it does not
// unpack to more than importZip allows and that each part unpacks to what it declares.
func readXLSX(data []byte, t *importTable) error {
	zr, err := openZip(bytes.NewReader(data), int64(len(data)), importZip)
	if errors.Is(err, errZipLimit) {
		return &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgImportArchive, Err: err}
	}
	if err == nil {
		err = checkParts(zr)
	}
	if err == nil {
		err = readWorkbook(zr, t)
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errZipLimit):
		return &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgImportArchive, Err: err}
	case kinerja.ErrorCode(err) == kinerja.EINVALID:
		return err
	default:
		return &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgImportFormat, Err: err}
	}
}

// workbookPackage finds the parts of a workbook, by name regardless of case.
type workbookPackage map[string]*zip.File

func (p workbookPackage) open(name string) (io.ReadCloser, error) {
	f, ok := p[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("%w: no part %s", errWorkbook, name)
	}
	return f.Open()
}

func (p workbookPackage) has(name string) bool {
	_, ok := p[strings.ToLower(name)]
	return ok
}

// decode decodes the part name into v.
func (p workbookPackage) decode(name string, v any) error {
	rc, err := p.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return fmt.Errorf("%w: %s: %v", errWorkbook, name, err)
	}
	return nil
}

// relationship is a link from one part of a package to another.
type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// relationships returns the relationships of the part name, with their targets as part
// names; a part without any has none.
func (p workbookPackage) relationships(name string) ([]relationship, error) {
	dir, base := path.Split(name)
	relsName := dir + "_rels/" + base + ".rels"
	if !p.has(relsName) {
		return nil, nil
	}
	var rels struct {
		Relationships []relationship `xml:"Relationship"`
	}
	if err := p.decode(relsName, &rels); err != nil {
		return nil, err
	}
	for i, r := range rels.Relationships {
		if strings.HasPrefix(r.Target, "/") {
			rels.Relationships[i].Target = strings.TrimPrefix(path.Clean(r.Target), "/")
		} else {
			rels.Relationships[i].Target = strings.TrimPrefix(path.Join(dir, r.Target), "/")
		}
	}
	return rels.Relationships, nil
}

// readWorkbook reads the first sheet of the workbook in zr into t.
func readWorkbook(zr *zip.Reader, t *importTable) error {
	p := workbookPackage{}
	for _, f := range zr.File {
		p[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	book := "xl/workbook.xml"
	rels, err := p.relationships("")
	if err != nil {
		return err
	}
	for _, r := range rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			book = r.Target
			break
		}
	}
	var wb struct {
		Sheets []struct {
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := p.decode(book, &wb); err != nil {
		return err
	}
	if len(wb.Sheets) == 0 {
		return kinerja.Errorf(kinerja.EINVALID, kinerja.MsgImportEmpty)
	}
	var sheetID string
	for _, a := range wb.Sheets[0].Attrs {
		if a.Name.Local == "id" && strings.Contains(a.Name.Space, "relationships") {
			sheetID = a.Value
		}
	}
	if rels, err = p.relationships(book); err != nil {
		return err
	}
	sheet, sstName := "", path.Join(path.Dir(book), "sharedStrings.xml")
	for _, r := range rels {
		switch {
		case r.ID == sheetID:
			sheet = r.Target
		case hasSuffixFold(r.Type, "/sharedStrings"):
			sstName = r.Target
		}
	}
	if sheet == "" {
		return fmt.Errorf("%w: no first sheet", errWorkbook)
	}
	sst := &sharedStrings{p: p, name: sstName}
	return readSheet(p, sheet, sst, t)
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// sharedStrings is the table of texts that cells of type "s" refer to by index, read the
// first time one does.
type sharedStrings struct {
	p     workbookPackage
	name  string
	texts []string
	read  bool
}

func (s *sharedStrings) text(index string) (string, error) {
	if !s.read {
		s.read = true
		if s.p.has(s.name) {
			if err := s.load(); err != nil {
				return "", err
			}
		}
	}
	i, err := strconv.Atoi(strings.TrimSpace(index))
	if err != nil || i < 0 || i >= len(s.texts) {
		return "", fmt.Errorf("%w: shared string %q", errWorkbook, index)
	}
	return s.texts[i], nil
}

func (s *sharedStrings) load() error {
	rc, err := s.p.open(s.name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %s: %v", errWorkbook, s.name, err)
		}
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "si" {
			if len(s.texts) == maxSharedStrings {
				return fmt.Errorf("%w: more than %d shared strings", errZipLimit, maxSharedStrings)
			}
			text, err := richText(d, el)
			if err != nil {
				return fmt.Errorf("%w: %s: %v", errWorkbook, s.name, err)
			}
			s.texts = append(s.texts, text)
		}
	}
}

// richText reads the rest of the element start, a string item (<si> or <is>), and returns
// its text: that of its <t> elements, plain or in runs, leaving out phonetic hints.
func richText(d *xml.Decoder, start xml.StartElement) (string, error) {
	var b strings.Builder
	depth, inT, phonetic := 1, 0, 0
	for depth > 0 {
		tok, err := d.RawToken()
		if err != nil {
			return "", err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			switch el.Name.Local {
			case "t":
				inT++
			case "rPh":
				phonetic++
			}
		case xml.EndElement:
			depth--
			switch el.Name.Local {
			case "t":
				inT--
			case "rPh":
				phonetic--
			}
		case xml.CharData:
			if inT > 0 && phonetic == 0 {
				b.Write(el)
			}
		}
	}
	return unescapeText(b.String()), nil
}

// escaped matches the _xHHHH_ escapes that spreadsheets write for characters XML cannot
// carry.
var escaped = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// unescapeText undoes the _xHHHH_ escapes of a text, as spreadsheet applications (and
// excelize) read them: _x005F_ is an underscore, an escape that is no character is dropped.
func unescapeText(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	return escaped.ReplaceAllStringFunc(s, func(m string) string {
		if m == "_x005F_" {
			return "_"
		}
		v, _ := strconv.Unquote(`"\u` + m[2:6] + `"`)
		return v
	})
}

// readSheet streams the sheet name into t: row 1 is the header, every later row that is not
// blank a data row, until the sheet ends or t is full.
func readSheet(p workbookPackage, name string, sst *sharedStrings, t *importTable) error {
	rc, err := p.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var (
		inData   bool
		row, col int
		header   []string
		cells    []fileCell
		blank    bool
	)
	for !t.full() {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%w: %s: %v", errWorkbook, name, err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch {
			case el.Name.Local == "sheetData":
				inData = true
			case !inData:
			case el.Name.Local == "row":
				n, err := rowNumber(el, row)
				if err != nil {
					return err
				}
				if n > 1 && !t.hasHeader() {
					t.setHeader(nil) // the sheet has no row 1
				}
				row, col, header, cells, blank = n, 0, header[:0], cells[:0], true
			case el.Name.Local == "c":
				if col, err = cellColumn(el, col); err != nil {
					return err
				}
				text, err := cellValue(d, el, sst)
				if err != nil {
					return err
				}
				switch {
				case row == 1 && col <= maxColumns:
					for len(header) < col-1 {
						header = append(header, "")
					}
					header = append(header, text)
				case row > 1 && strings.TrimSpace(text) != "":
					blank = false
					if t.wants(col - 1) {
						cells = append(cells, fileCell{col - 1, text})
					}
				}
			}
		case xml.EndElement:
			switch {
			case el.Name.Local == "sheetData":
				inData = false
			case inData && el.Name.Local == "row" && row == 1:
				t.setHeader(header)
			case inData && el.Name.Local == "row" && !blank:
				t.add(row, cells)
			}
		}
	}
	return nil
}

// rowNumber is the number of a <row>: its r attribute, or the one after the previous row.
func rowNumber(el xml.StartElement, prev int) (int, error) {
	n := prev + 1
	for _, a := range el.Attr {
		if a.Name.Local == "r" {
			var err error
			if n, err = strconv.Atoi(strings.TrimSpace(a.Value)); err != nil {
				return 0, fmt.Errorf("%w: row %q", errWorkbook, a.Value)
			}
		}
	}
	if n <= prev || n > maxSheetRows {
		return 0, fmt.Errorf("%w: row %d after row %d", errWorkbook, n, prev)
	}
	return n, nil
}

// cellColumn is the column of a <c>, from 1: that of its r attribute, or the one after the
// previous cell.
func cellColumn(el xml.StartElement, prev int) (int, error) {
	for _, a := range el.Attr {
		if a.Name.Local != "r" {
			continue
		}
		ref := strings.ToUpper(strings.TrimSpace(a.Value))
		col, i := 0, 0
		for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3; i++ {
			col = col*26 + int(ref[i]-'A'+1)
		}
		if i == 0 || col > 16384 || col <= prev || i == len(ref) || ref[i] < '0' || ref[i] > '9' {
			return 0, fmt.Errorf("%w: cell %q", errWorkbook, a.Value)
		}
		return col, nil
	}
	return prev + 1, nil
}

// cellValue reads the rest of a <c> and returns its text as stored (no number format
// applied): the shared string it refers to, its inline string, or its value.
func cellValue(d *xml.Decoder, start xml.StartElement, sst *sharedStrings) (string, error) {
	var typ string
	for _, a := range start.Attr {
		if a.Name.Local == "t" {
			typ = a.Value
		}
	}
	var v strings.Builder
	inline, hasInline := "", false
	depth, inV := 1, false
	for depth > 0 {
		tok, err := d.RawToken()
		if err != nil {
			return "", fmt.Errorf("%w: cell: %v", errWorkbook, err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "is" {
				if inline, err = richText(d, el); err != nil {
					return "", fmt.Errorf("%w: cell: %v", errWorkbook, err)
				}
				hasInline = true
				continue
			}
			depth++
			inV = el.Name.Local == "v" && depth == 2
		case xml.EndElement:
			depth--
			inV = false
		case xml.CharData:
			if inV {
				v.Write(el)
			}
		}
	}
	switch {
	case typ == "s" && v.Len() > 0:
		return sst.text(v.String())
	case typ == "inlineStr" && hasInline:
		return inline, nil
	}
	return v.String(), nil
}
