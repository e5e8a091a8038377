package api

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

// importResponse is the import report; with errors it also carries the usual error object.
type importResponse struct {
	*kinerja.ImportReport
	Error *errorDetail `json:"error,omitempty"`
}

// Messages of the import upload that the domain does not already name.
const msgImportForm = "Unggah berkas .csv atau .xlsx pada kolom formulir \"file\"."

// importEmployees reads an uploaded CSV or XLSX file (multipart field "file") and imports it,
// or with ?dry_run=1 only checks it. Any error writes nothing and answers 422 with every
// problem by row and column. The form is read as a stream: the file is read as it arrives,
// at most document.MaxFileBytes of it, into memory, and nothing of it is written to disk.
func (h *Handler) importEmployees(w http.ResponseWriter, r *http.Request) {
	var v kinerja.Validation
	org := queryID(r.URL.Query(), "org_id", &v)
	dryRun, err := strconv.ParseBool(defaultString(r.URL.Query().Get("dry_run"), "false"))
	if err != nil {
		v.Add("dry_run", kinerja.MsgInvalidInput)
	}
	if err := v.Err(); err != nil {
		h.error(w, r, err)
		return
	}
	var orgID int64
	if org != nil {
		orgID = *org
	}
	noFile := func(err error) {
		h.errorStatus(w, r, http.StatusBadRequest, &kinerja.Error{Code: kinerja.EINVALID, Message: msgImportForm,
			Fields: map[string]string{"file": msgImportForm}, Err: err})
	}
	mr, err := r.MultipartReader()
	if err != nil {
		noFile(err)
		return
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			if h.importTooLarge(w, r, err) {
				return
			}
			noFile(err) // io.EOF: the form has no file
			return
		}
		if part.FormName() != "file" || part.FileName() == "" {
			if _, err := io.Copy(io.Discard, part); err != nil {
				if !h.importTooLarge(w, r, err) {
					noFile(err)
				}
				return
			}
			continue
		}
		rep, err := h.app.ImportEmployees(r.Context(), orgID, part, part.FileName(), dryRun)
		if err != nil {
			if !h.importTooLarge(w, r, err) {
				h.error(w, r, err)
			}
			return
		}
		if len(rep.Errors) > 0 {
			writeJSON(w, http.StatusUnprocessableEntity, importResponse{ImportReport: rep,
				Error: &errorDetail{Code: kinerja.EINVALID, Message: kinerja.MsgImportHasErrors, Fields: map[string]string{}}})
			return
		}
		writeJSON(w, http.StatusOK, importResponse{ImportReport: rep})
		return
	}
}

// importTooLarge answers 413 when err is an upload over the file or request limit, and
// reports whether it did.
func (h *Handler) importTooLarge(w http.ResponseWriter, r *http.Request, err error) bool {
	var tooLarge *http.MaxBytesError
	if !errors.As(err, &tooLarge) && !errors.Is(err, document.ErrFileTooLarge) {
		return false
	}
	h.errorStatus(w, r, http.StatusRequestEntityTooLarge, &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgImportTooLarge,
		Fields: map[string]string{"file": kinerja.MsgImportTooLarge}, Err: err})
	return true
}

func defaultString(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// importTemplate serves the XLSX template with the caller's units listed.
func (h *Handler) importTemplate(w http.ResponseWriter, r *http.Request) {
	h.serveFile(w, r, func() (*document.File, error) { return h.app.ImportTemplate(r.Context(), 0, false) })
}

// exportEmployees serves every employee of the caller's organisation as XLSX, in the import
// layout. Admins only: the file holds personal data.
func (h *Handler) exportEmployees(w http.ResponseWriter, r *http.Request) {
	var v kinerja.Validation
	org := queryID(r.URL.Query(), "org_id", &v)
	if err := v.Err(); err != nil {
		h.error(w, r, err)
		return
	}
	var orgID int64
	if org != nil {
		orgID = *org
	}
	h.serveFile(w, r, func() (*document.File, error) { return h.app.EmployeeExport(r.Context(), orgID) })
}
