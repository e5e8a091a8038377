package web

import (
	"context"
	"errors"
	"fmt"
	"mime"
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

// parseUploadForm reads a posted form that may carry a file (multipart/form-data) or not.
// Past the size limit it calls tooLarge with an error for the file field, which renders the
// page; other failures get the error page. It reports whether the handler may go on.
func (h *Handler) parseUploadForm(w http.ResponseWriter, r *http.Request, tooLarge func(error)) (url.Values, bool) {
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "multipart/form-data" {
		if !h.parseForm(w, r) {
			return nil, false
		}
		return r.PostForm, true
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxEvidenceForm)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var big *http.MaxBytesError
		if errors.As(err, &big) {
			tooLarge(kinerja.FieldError("file", kinerja.MsgEvidenceTooLarge))
			return nil, false
		}
		h.ErrorPage(w, r, http.StatusBadRequest, kinerja.MsgInvalidInput)
		return nil, false
	}
	return r.PostForm, true
}

// stageEvidence stages the file of the form's "file" field and tells what it is from its
// content; it returns nil when no file was chosen. limit gives the organisation's size limit
// (and refuses a target the caller may not attach to); it is asked only when there is a file.
// A file too large or of a type not allowed is a field error of "file".
func (h *Handler) stageEvidence(r *http.Request, limit func() (int64, error)) (*app.Upload, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	files := r.MultipartForm.File["file"]
	if len(files) == 0 || files[0].Filename == "" && files[0].Size == 0 {
		return nil, nil
	}
	fh := files[0]
	max, err := limit()
	if err != nil {
		return nil, err
	}
	if fh.Size > max {
		return nil, kinerja.FieldError("file", kinerja.MsgEvidenceTooLarge)
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("web: stage evidence: %w", err)
	}
	defer f.Close()
	return h.app.StageEvidence(f, fh.Filename, max)
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
