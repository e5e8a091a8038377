package document

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
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
// EINVALID error for anything else (an executable renamed .pdf among them). XLSX and DOCX
// files are ZIP archives: one that unpacks to far more than it weighs (a zip bomb), or that
// carries macros, ActiveX controls, embedded objects or links to outside files, is refused.
func SniffEvidence(r io.ReaderAt, size int64) (string, error) {
	head := make([]byte, 512)
	n, _ := r.ReadAt(head, 0)
	switch t := http.DetectContentType(head[:n]); {
	case t == TypePDF, t == TypeJPEG, t == TypePNG:
		return t, nil
	case t == "application/zip":
		zr, err := openZip(r, size, evidenceZip(size))
		if errors.Is(err, errZipLimit) {
			return "", &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgEvidenceArchive,
				Fields: map[string]string{"file": kinerja.MsgEvidenceArchive}, Err: err}
		}
		if err != nil {
			break
		}
		return officeType(zr)
	}
	return "", kinerja.FieldError("file", kinerja.MsgEvidenceType)
}

// evidenceZip bounds what an Office file of size bytes may unpack to: in proportion to its
// size, as its parts may be pictures that do not compress or text that does, with room for
// the small parts every such file has.
func evidenceZip(size int64) zipLimits {
	return zipLimits{entries: maxZipEntries, total: 16<<20 + maxZipRatio*uint64(max(size, 0)), ratio: maxZipRatio}
}

// maxOfficeXML bounds the package parts officeType reads: the content types and the
// relationships of one part.
const maxOfficeXML = 1 << 20

// errActive is the cause of the refusal of an Office file that can run or fetch something.
var errActive = errors.New("document: office file with active content")

// officeType tells a workbook from a document by its parts, and refuses one that holds
// active content: a macro project, ActiveX controls, Excel 4 macro sheets, embedded OLE
// objects (what the file calls them in [Content_Types].xml or in its part names), or a
// relationship to a target outside the file other than a hyperlink (a remote template or
// picture, fetched when the file is opened).
func officeType(zr *zip.Reader) (string, error) {
	var types *zip.File
	var xl, word bool
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))
		switch {
		case name == "[content_types].xml":
			types = f
		case strings.HasPrefix(name, "xl/"):
			xl = true
		case strings.HasPrefix(name, "word/"):
			word = true
		}
		if activePart(name) {
			return "", activeError(fmt.Errorf("%w: part %s", errActive, f.Name))
		}
	}
	kind := ""
	switch {
	case types != nil && xl:
		kind = TypeXLSX
	case types != nil && word:
		kind = TypeDOCX
	default:
		return "", kinerja.FieldError("file", kinerja.MsgEvidenceType)
	}
	var ct struct {
		Types []struct {
			ContentType string `xml:"ContentType,attr"`
		} `xml:",any"`
	}
	if err := readPartXML(types, &ct); err != nil {
		return "", err
	}
	for _, t := range ct.Types {
		if activeContentType(t.ContentType) {
			return "", activeError(fmt.Errorf("%w: content type %s", errActive, t.ContentType))
		}
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(strings.ToLower(f.Name), ".rels") {
			continue
		}
		var rels struct {
			Relationships []struct {
				Type       string `xml:"Type,attr"`
				Target     string `xml:"Target,attr"`
				TargetMode string `xml:"TargetMode,attr"`
			} `xml:"Relationship"`
		}
		if err := readPartXML(f, &rels); err != nil {
			return "", err
		}
		for _, rel := range rels.Relationships {
			if strings.EqualFold(strings.TrimSpace(rel.TargetMode), "external") && !strings.HasSuffix(rel.Type, "/hyperlink") {
				return "", activeError(fmt.Errorf("%w: %s links to %s", errActive, f.Name, rel.Target))
			}
		}
	}
	return kind, nil
}

// activePart reports whether a part, by its lower-case name, holds something that runs: a VBA
// project or its signature, ActiveX controls, Excel 4 macro or dialog sheets, an OLE object.
// Printer settings are the one kind of binary part a plain file has.
func activePart(name string) bool {
	if strings.HasSuffix(name, ".bin") && !strings.Contains(name, "printersettings") {
		return true
	}
	for _, s := range []string{"/activex/", "/macrosheets/", "/dialogsheets/", "vbadata.xml", "/embeddings/oleobject"} {
		if strings.Contains("/"+name, s) {
			return true
		}
	}
	return false
}

// activeContentType reports whether a content type is one of macro-enabled files, VBA,
// ActiveX, Excel 4 macro sheets or OLE objects.
func activeContentType(t string) bool {
	t = strings.ToLower(t)
	for _, s := range []string{"macroenabled", "vbaproject", "vbadata", "activex", "macrosheet", "oleobject"} {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

func activeError(err error) error {
	return &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgEvidenceActive,
		Fields: map[string]string{"file": kinerja.MsgEvidenceActive}, Err: err}
}

// readPartXML decodes a package part of at most maxOfficeXML bytes into v; a part larger, or
// one that is not XML, makes the file one that is not accepted.
func readPartXML(f *zip.File, v any) error {
	refuse := func(err error) error {
		return &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgEvidenceType,
			Fields: map[string]string{"file": kinerja.MsgEvidenceType}, Err: fmt.Errorf("read %s: %w", f.Name, err)}
	}
	if f.UncompressedSize64 > maxOfficeXML {
		return refuse(errZipLimit)
	}
	rc, err := f.Open()
	if err != nil {
		return refuse(err)
	}
	defer rc.Close()
	if err := xml.NewDecoder(io.LimitReader(rc, maxOfficeXML)).Decode(v); err != nil {
		return refuse(err)
	}
	return nil
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
