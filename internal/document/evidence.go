package document

import (
	"archive/zip"
	"io"
	"net/http"
	"strings"

	"kinerja/internal/kinerja"
)

// Evidence content types Kinerja accepts, told by content, never by the file name.
const (
	TypePDF  = "application/pdf"
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// SniffEvidence tells what a file is from its content: PDF, JPEG, PNG, XLSX or DOCX, or an
// EINVALID error for anything else (an executable renamed .pdf among them).
func SniffEvidence(r io.ReaderAt, size int64) (string, error) {
	head := make([]byte, 512)
	n, _ := r.ReadAt(head, 0)
	switch t := http.DetectContentType(head[:n]); {
	case t == TypePDF, t == TypeJPEG, t == TypePNG:
		return t, nil
	case t == "application/zip":
		zr, err := zip.NewReader(r, size)
		if err != nil {
			break
		}
		var types, xl, word bool
		for _, f := range zr.File {
			switch {
			case f.Name == "[Content_Types].xml":
				types = true
			case strings.HasPrefix(f.Name, "xl/"):
				xl = true
			case strings.HasPrefix(f.Name, "word/"):
				word = true
			}
		}
		switch {
		case types && xl:
			return TypeXLSX, nil
		case types && word:
			return TypeDOCX, nil
		}
	}
	return "", kinerja.FieldError("file", kinerja.MsgEvidenceType)
}

// EvidenceExtension is the file extension for a content type SniffEvidence accepts.
func EvidenceExtension(contentType string) string {
	switch contentType {
	case TypePDF:
		return ".pdf"
	case TypeJPEG:
		return ".jpg"
	case TypePNG:
		return ".png"
	case TypeXLSX:
		return ".xlsx"
	case TypeDOCX:
		return ".docx"
	}
	return ""
}

// ServeEvidence sends a stored evidence file as an attachment under disposition, with the type
// told at upload: never sniffed, inlined or run. The content never changes under its hash, so
// the browser may keep it and revalidate.
func ServeEvidence(w http.ResponseWriter, r *http.Request, v *kinerja.Evidence, f io.ReadSeeker, disposition string) {
	hdr := w.Header()
	hdr.Set("Content-Type", v.ContentType)
	hdr.Set("Content-Disposition", disposition)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	hdr.Set("Cache-Control", "private, no-cache")
	hdr.Set("ETag", `"`+v.SHA256+`"`)
	http.ServeContent(w, r, "", v.CreatedAt, f)
}
