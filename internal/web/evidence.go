package web

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"kinerja/internal/blob"
	"kinerja/internal/document"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// maxEvidenceForm bounds a form that carries an evidence file: the largest limit an
// organisation may set (50 MB) plus the form around it. The organisation's own limit is
// checked while the file is stored.
const maxEvidenceForm = 50<<20 + 1<<20

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

// upload is an evidence file staged from a form and checked by its content, waiting to be
// attached.
type upload struct {
	pending     *blob.Pending
	contentType string
	filename    string
}

// discard drops a staged file that will not be attached; it is safe on nil.
func (u *upload) discard() {
	if u != nil {
		u.pending.Discard()
	}
}

// stageEvidence stages the file of the form's "file" field and tells what it is from its
// content; it returns nil when no file was chosen. limit gives the organisation's size limit
// (and refuses a target the caller may not attach to); it is asked only when there is a file.
// A file too large or of a type not allowed is a field error of "file".
func (h *Handler) stageEvidence(r *http.Request, limit func() (int64, error)) (*upload, error) {
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
	if h.blobs == nil {
		return nil, errors.New("web: stage evidence: no file store configured")
	}
	if fh.Size > max {
		return nil, kinerja.FieldError("file", kinerja.MsgEvidenceTooLarge)
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("web: stage evidence: %w", err)
	}
	defer f.Close()
	p, err := h.blobs.Stage(f, max)
	if errors.Is(err, blob.ErrTooLarge) {
		return nil, kinerja.FieldError("file", kinerja.MsgEvidenceTooLarge)
	} else if err != nil {
		return nil, fmt.Errorf("web: stage evidence: %w", err)
	}
	ct, err := document.SniffEvidence(p.ReaderAt(), p.Size)
	if err != nil {
		p.Discard()
		return nil, err
	}
	name := path.Base(strings.ReplaceAll(fh.Filename, `\`, "/"))
	return &upload{pending: p, contentType: ct, filename: name}, nil
}

// attachEvidence keeps a staged file and records it as evidence of t; nil up does nothing.
// The file is stored before the record, so that a record never points to a missing file.
func (h *Handler) attachEvidence(ctx context.Context, t sqldb.EvidenceTarget, up *upload) error {
	if up == nil {
		return nil
	}
	defer up.discard()
	if err := up.pending.Commit(); err != nil {
		return err
	}
	_, err := h.db.CreateEvidence(ctx, t, up.pending.SHA256, up.pending.Size, up.contentType, up.filename)
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
	v, err := h.db.FindEvidence(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if h.blobs == nil {
		h.serverError(w, r, errors.New("web: evidence: no file store configured"))
		return
	}
	f, err := h.blobs.Open(v.SHA256)
	if err != nil {
		h.serverError(w, r, fmt.Errorf("web: evidence %d: %w", v.ID, err))
		return
	}
	defer f.Close()
	document.ServeEvidence(w, r, v, f, evidenceDisposition(v))
}

// evidenceDisposition is the attachment header of v: its original name, with the extension
// of the type its content has, so a renamed file cannot pass for another kind.
func evidenceDisposition(v *kinerja.Evidence) string {
	ext := document.EvidenceExtension(v.ContentType)
	base := strings.TrimSuffix(v.Filename, path.Ext(v.Filename))
	base = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`"\/:*?<>|`, r) {
			return -1
		}
		return r
	}, base)
	if strings.TrimSpace(base) == "" {
		base = "bukti-" + strconv.FormatInt(v.ID, 10)
	}
	if s := mime.FormatMediaType("attachment", map[string]string{"filename": base + ext}); s != "" {
		return s
	}
	return `attachment; filename="bukti-` + strconv.FormatInt(v.ID, 10) + ext + `"`
}
