package document_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"maps"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

// evidenceMagic is how each accepted type starts; XLSX and DOCX are ZIP archives.
var evidenceMagic = map[string]string{
	document.TypePDF:  "%PDF-",
	document.TypePNG:  "\x89PNG\r\n\x1a\n",
	document.TypeJPEG: "\xff\xd8\xff",
	document.TypeXLSX: "PK\x03\x04",
	document.TypeDOCX: "PK\x03\x04",
}

// FuzzSniffEvidence checks that SniffEvidence answers one of the five accepted types, each
// only for content that starts as that type does, or an invalid *kinerja.Error naming the
// file; and that the answer depends on the bytes alone: the same bytes read again, or with
// bytes appended past what was sniffed, give the same answer for the types told by their head.
func FuzzSniffEvidence(f *testing.F) {
	var xlsx bytes.Buffer
	x := excelize.NewFile()
	x.SetCellStr("Sheet1", "A1", "Laporan kegiatan")
	x.Write(&xlsx)
	f.Add(xlsx.Bytes())
	f.Add(docx(f))
	f.Add(zipOf(f, map[string]string{"a.txt": "isi"}))
	f.Add(zipOf(f, map[string]string{"[Content_Types].xml": "<Types/>"}))
	for _, s := range []string{
		"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n",
		"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00",
		"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01",
		"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00",
		"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff",
		"<html><script>alert(1)</script></html>",
		"GIF89a\x01\x00\x01\x00", "PK\x03\x04", "", " %PDF-1.4",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := document.SniffEvidence(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			var e *kinerja.Error
			if !errors.As(err, &e) || e.Code != kinerja.EINVALID || e.Fields["file"] == "" || got != "" {
				t.Fatalf("SniffEvidence(%q) = %q, %#v; want an invalid *kinerja.Error naming file", data, got, err)
			}
		} else {
			magic, ok := evidenceMagic[got]
			if !ok || !bytes.HasPrefix(data, []byte(magic)) {
				t.Fatalf("SniffEvidence(%q) = %q; want one of the accepted types, for content that starts as it does", data, got)
			}
			if document.EvidenceExtension(got) == "" {
				t.Errorf("EvidenceExtension(%q) is empty", got)
			}
		}
		again, err2 := document.SniffEvidence(bytes.NewReader(data), int64(len(data)))
		if again != got || (err == nil) != (err2 == nil) {
			t.Fatalf("SniffEvidence(%q) = %q, %v, then %q, %v; want the same answer", data, got, err, again, err2)
		}
		if got == document.TypePDF || got == document.TypePNG || got == document.TypeJPEG {
			longer := append(bytes.Clone(data), make([]byte, 1024)...)
			if more, err := document.SniffEvidence(bytes.NewReader(longer), int64(len(longer))); more != got || err != nil {
				t.Errorf("SniffEvidence(%q + 1024 zero bytes) = %q, %v; want %q", data, more, err, got)
			}
		}
	})
}

// docx returns a minimal word-processing document: its parts, not its look, make it one.
func docx(tb testing.TB) []byte {
	return zipOf(tb, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`,
	})
}

// zipOf returns a ZIP archive of the files, in name order.
func zipOf(tb testing.TB, files map[string]string) []byte {
	tb.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		io.WriteString(w, files[name])
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}
