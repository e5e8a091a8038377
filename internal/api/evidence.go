package api

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"kinerja/internal/app"
	"kinerja/internal/blob"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// Messages of the evidence upload that the domain does not already name.
const (
	msgEvidenceOneFile = "Unggah satu berkas saja per permintaan."
	msgEvidenceForm    = "Kirim berkas sebagai multipart/form-data dengan kolom \"file\" dan kolom activity_id atau result_id."
)

// evidenceUpload is what uploadEvidence has read of the form so far.
type evidenceUpload struct {
	target   sqldb.EvidenceTarget
	checked  bool  // the caller may attach to target
	maxBytes int64 // the organisation's limit, once checked
	file     *app.Upload
}

// uploadEvidence stores a supporting file (multipart field "file") for an activity or an RHK
// (form field activity_id or result_id). The target is checked first, so a caller who may not
// attach there is refused before the file is read; the file is streamed to disk, never held in
// memory, up to the organisation's size limit, and accepted by its content only.
func (h *Handler) uploadEvidence(w http.ResponseWriter, r *http.Request) {
	mr, err := r.MultipartReader()
	if err != nil {
		h.errorStatus(w, r, http.StatusBadRequest, kinerja.FieldError("file", msgEvidenceForm))
		return
	}
	ctx := r.Context()
	var up evidenceUpload
	defer func() { up.file.Discard() }()
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			h.uploadError(w, r, &up, err)
			return
		}
		switch name := part.FormName(); name {
		case "activity_id", "result_id":
			if err := up.readTarget(part, name); err != nil {
				h.uploadError(w, r, &up, err)
				return
			}
		case "file":
			if up.file != nil {
				h.error(w, r, kinerja.FieldError("file", msgEvidenceOneFile))
				return
			}
			// Well-formed uploads name the target before the file: check it now, so that a
			// refused caller's file is never read, and stage up to the organisation's limit.
			limit := int64(app.MaxEvidenceBytes)
			if up.target.ActivityID != nil || up.target.ResultID != nil {
				if err := h.checkEvidenceTarget(r, &up); err != nil {
					h.error(w, r, err)
					return
				}
				limit = up.maxBytes
			}
			if up.file, err = h.app.StageEvidence(part, part.FileName(), limit); err != nil {
				h.uploadError(w, r, &up, err)
				return
			}
		}
		part.Close()
	}
	if !up.checked {
		if err := h.checkEvidenceTarget(r, &up); err != nil {
			h.error(w, r, err)
			return
		}
	}
	if up.file == nil {
		h.error(w, r, kinerja.FieldError("file", kinerja.MsgEvidenceFile))
		return
	}
	if up.file.Size > up.maxBytes {
		h.uploadError(w, r, &up, blob.ErrTooLarge)
		return
	}
	v, err := h.app.AttachEvidence(ctx, up.target, up.file)
	if err != nil {
		h.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/evidence/"+strconv.FormatInt(v.ID, 10))
	writeJSON(w, http.StatusCreated, v)
}

// readTarget reads the id of form field name (activity_id or result_id).
func (up *evidenceUpload) readTarget(part io.Reader, name string) error {
	b, err := io.ReadAll(io.LimitReader(part, 32))
	if err != nil {
		return err
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		return nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return kinerja.FieldError(name, kinerja.MsgInvalidInput)
	}
	if up.checked || name == "activity_id" && up.target.ActivityID != nil || name == "result_id" && up.target.ResultID != nil {
		return kinerja.FieldError(name, kinerja.MsgEvidenceTarget)
	}
	if name == "activity_id" {
		up.target.ActivityID = &id
	} else {
		up.target.ResultID = &id
	}
	return nil
}

// checkEvidenceTarget asks the store whether the caller may attach a file to the target, and
// how large it may be.
func (h *Handler) checkEvidenceTarget(r *http.Request, up *evidenceUpload) error {
	maxBytes, err := h.app.EvidenceLimit(r.Context(), up.target)
	if err != nil {
		return err
	}
	up.checked, up.maxBytes = true, maxBytes
	return nil
}

// uploadError answers a failure while reading the upload: 413 naming the limit for a file
// too large, 400 for a malformed form, 500 when the disk fails us, the error's own status
// otherwise.
func (h *Handler) uploadError(w http.ResponseWriter, r *http.Request, up *evidenceUpload, err error) {
	var (
		tooLarge *http.MaxBytesError
		diskErr  *fs.PathError
	)
	switch {
	case errors.As(err, &diskErr):
		// Staging failed on our side (disk full, permissions), not in the upload.
		h.error(w, r, fmt.Errorf("stage evidence: %w", err))
	case errors.Is(err, blob.ErrTooLarge), errors.As(err, &tooLarge):
		limit := up.maxBytes
		if limit == 0 {
			limit = app.MaxEvidenceBytes
		}
		msg := fmt.Sprintf("Berkas bukti dukung melebihi batas ukuran %s; perkecil atau pisahkan berkasnya.", megabytes(limit))
		h.errorStatus(w, r, http.StatusRequestEntityTooLarge, &kinerja.Error{Code: kinerja.EINVALID, Message: msg,
			Fields: map[string]string{"file": msg}, Err: err})
	case kinerja.ErrorCode(err) != kinerja.EINTERNAL:
		h.error(w, r, err)
	default:
		h.errorStatus(w, r, http.StatusBadRequest, &kinerja.Error{Code: kinerja.EINVALID, Message: msgEvidenceForm,
			Fields: map[string]string{"file": msgEvidenceForm}, Err: err})
	}
}

// megabytes writes a size limit as people say it: "10 MB", or "1,5 MB".
func megabytes(n int64) string {
	if n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MB"
	}
	return strings.Replace(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".", ",", 1) + " MB"
}

// downloadEvidence serves a stored file to those who may see its record: always as an
// attachment, with the type told at upload, never sniffed, inlined or run.
func (h *Handler) downloadEvidence(w http.ResponseWriter, r *http.Request) {
	f, err := h.openEvidence(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	f.Serve(w, r)
}

func (h *Handler) openEvidence(r *http.Request) (*app.EvidenceFile, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return h.app.OpenEvidence(r.Context(), id)
}
