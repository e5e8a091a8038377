package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"

	"kinerja/internal/app"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// maxEvidenceForm bounds a form that carries an evidence file: the largest limit an
// organisation may set (50 MB) plus the form around it. The organisation's own limit is
// checked while the file is stored.
const maxEvidenceForm = kinerja.MaxEvidenceLimit + 1<<20

// maxFormParts bounds the parts of a multipart form, as net/http's own parser does.
const maxFormParts = 1000

// uploadForm is a posted form read as it arrives: its fields, and its file, if one was
// chosen, staged in the file store and told by its content.
type uploadForm struct {
	Values url.Values
	File   *app.Upload // nil when no file was chosen, or it was refused
	// FileErr is why the file was refused: too large for the organisation, or of a kind not
	// accepted; a field error of "file".
	FileErr error
}

// Discard removes the staged file, if any; it is safe on nil and twice.
func (f *uploadForm) Discard() {
	if f != nil {
		f.File.Discard()
	}
}

// readUploadForm reads a posted form that may carry a file (multipart/form-data) or not. A
// multipart form is read as a stream, never parsed into memory or temporary files: its
// fields are kept (at most maxFormBytes of them), and the file of the field "file" goes
// straight to the file store's staging area, up to limit() bytes. limit is asked only when a
// file comes, and may refuse a target the caller may not attach to: that error, like a
// malformed form, gets the error page. A form over maxEvidenceForm calls tooLarge with an
// error for the file field, which renders the page. It reports whether the handler may go
// on; the handler then owns the staged file, and must Discard it (a defer does) unless it
// attaches it.
func (h *Handler) readUploadForm(w http.ResponseWriter, r *http.Request, limit func() (int64, error), tooLarge func(error)) (form *uploadForm, ok bool) {
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "multipart/form-data" {
		if !h.parseForm(w, r) {
			return nil, false
		}
		return &uploadForm{Values: r.PostForm}, true
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxEvidenceForm)
	mr, err := r.MultipartReader()
	if err != nil {
		h.ErrorPage(w, r, http.StatusBadRequest, kinerja.MsgInvalidInput)
		return nil, false
	}
	form = &uploadForm{Values: url.Values{}}
	defer func() {
		// Every way out but going on (a refusal, a client gone, a panic) removes the file.
		if !ok {
			form.Discard()
		}
	}()
	valueBytes := 0
	for parts := 0; ; parts++ {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err == nil && parts >= maxFormParts {
			err = errFormTooLarge
		}
		if err == nil {
			err = h.readUploadPart(part, form, &valueBytes, limit)
			part.Close()
		}
		if err != nil {
			var big *http.MaxBytesError
			switch {
			case errors.As(err, &big):
				tooLarge(kinerja.FieldError("file", kinerja.MsgEvidenceTooLarge))
			case errors.Is(err, errFormTooLarge):
				h.ErrorPage(w, r, http.StatusRequestEntityTooLarge, kinerja.MsgBodyTooLarge)
			case kinerja.ErrorCode(err) != kinerja.EINTERNAL:
				h.fail(w, r, err) // the caller may not attach a file here
			default:
				var disk *fs.PathError
				if errors.As(err, &disk) {
					h.fail(w, r, fmt.Errorf("web: stage evidence: %w", err))
				} else {
					h.ErrorPage(w, r, http.StatusBadRequest, kinerja.MsgInvalidInput)
				}
			}
			return nil, false
		}
	}
	return form, true
}

// errFormTooLarge refuses a form with more fields than a page sends.
var errFormTooLarge = errors.New("web: form too large")

// readUploadPart reads one part of an upload form into form: a field value, or the file.
func (h *Handler) readUploadPart(part *multipart.Part, form *uploadForm, valueBytes *int, limit func() (int64, error)) error {
	name := part.FormName()
	if name == "" {
		return nil
	}
	if part.FileName() == "" {
		// A field; a browser sends an empty file input this way too, with no name and no
		// content.
		b, err := io.ReadAll(io.LimitReader(part, int64(maxFormBytes-*valueBytes+1)))
		if err != nil {
			return err
		}
		if *valueBytes += len(b); *valueBytes > maxFormBytes {
			return errFormTooLarge
		}
		if name != "file" {
			form.Values.Add(name, string(b))
		}
		return nil
	}
	if name != "file" || form.File != nil || form.FileErr != nil {
		// Files under other names, and any second file, are skipped.
		_, err := io.Copy(io.Discard, part)
		return err
	}
	max, err := limit()
	var up *app.Upload
	if err == nil {
		up, err = h.app.StageEvidence(part, part.FileName(), max)
	}
	if err != nil && isFormError(err) {
		// Refused for its target, size or kind: the rest of the form is still read, so that
		// the page shows what was typed, and the rest of the file goes nowhere.
		form.FileErr = err
		_, err = io.Copy(io.Discard, part)
		return err
	}
	form.File = up
	return err
}

// attachEvidence keeps a staged file and records it as evidence of t; nil up does nothing.
func (h *Handler) attachEvidence(ctx context.Context, t sqldb.EvidenceTarget, up *app.Upload) error {
	if up == nil {
		return nil
	}
	_, err := h.app.AttachEvidence(ctx, t, up)
	return err
}

// evidence sends a stored evidence file to someone who may see its record, as an attachment
// that the browser neither renders nor sniffs.
func (h *Handler) evidence(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgEvidenceNotFound)
		return
	}
	f, err := h.app.OpenEvidence(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f.Serve(w, r)
}
