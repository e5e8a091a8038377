package document

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// Content types of the files Kinerja writes.
const (
	TypeCSV = "text/csv; charset=utf-8"
)

// File is a document ready to send: rendered in full before anything is answered, so a
// failure is a clean error page or JSON error rather than half a download.
type File struct {
	Name        string // the file name offered to the browser
	ContentType string
	Body        []byte
}

// Render writes a document with write into a File.
func Render(name, contentType string, write func(io.Writer) error) (*File, error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return &File{Name: name, ContentType: contentType, Body: buf.Bytes()}, nil
}

// Serve sends f as an attachment that is never cached.
func (f *File) Serve(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", Attachment(f.Name))
	h.Set("Content-Length", strconv.Itoa(len(f.Body)))
	h.Set("Cache-Control", "no-store")
	w.Write(f.Body)
}

// Attachment is the Content-Disposition of a download named name: the name quoted when it is
// plain printable ASCII, else encoded as RFC 2231 says, so any name reaches the browser intact.
func Attachment(name string) string {
	if name != "" && !strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r >= 0x7f || r == '"' || r == '\\' }) {
		return `attachment; filename="` + name + `"`
	}
	if s := mime.FormatMediaType("attachment", map[string]string{"filename": name}); s != "" {
		return s
	}
	return "attachment"
}
