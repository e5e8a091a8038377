package document_test

import (
	"archive/zip"
	"bytes"
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
