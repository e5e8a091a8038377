package sqldbtest

import (
	"bytes"
	"mime/multipart"
	"testing"
)

// FormPart is one part of a multipart form: a field, or a file when Filename is set.
type FormPart struct {
	Name, Value string
	Filename    string // a file part's name; "" for a plain field
}

// MultipartForm encodes parts, in order, as the multipart/form-data body a browser sends, and
// returns it with its Content-Type. The pages and the API take uploads the same way.
func MultipartForm(tb testing.TB, parts ...FormPart) (*bytes.Buffer, string) {
	tb.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		var err error
		if p.Filename != "" || p.Name == "file" {
			var w interface{ Write([]byte) (int, error) }
			if w, err = mw.CreateFormFile(p.Name, p.Filename); err == nil {
				_, err = w.Write([]byte(p.Value))
			}
		} else {
			err = mw.WriteField(p.Name, p.Value)
		}
		if err != nil {
			tb.Fatalf("multipart part %s: %v", p.Name, err)
		}
	}
	if err := mw.Close(); err != nil {
		tb.Fatal(err)
	}
	return &buf, mw.FormDataContentType()
}
