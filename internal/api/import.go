package api

import (
	"errors"
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

// importEmployees reads an uploaded CSV or XLSX file (multipart field "file") and imports it,
// or with ?dry_run=1 only checks it. Any error writes nothing and answers 422 with every
// problem by row and column.
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
	file, header, err := r.FormFile("file")
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.errorStatus(w, r, http.StatusRequestEntityTooLarge, &kinerja.Error{Code: kinerja.EINVALID, Message: "Berkas lebih dari 10 MB.", Err: err})
			return
		}
		h.errorStatus(w, r, http.StatusBadRequest, kinerja.FieldError("file", "Unggah berkas .csv atau .xlsx pada kolom formulir \"file\"."))
		return
	}
	defer file.Close()
	var orgID int64
	if org != nil {
		orgID = *org
	}
	rep, err := h.app.ImportEmployees(r.Context(), orgID, file, header.Filename, dryRun)
	if err != nil {
		h.error(w, r, err)
		return
	}
	if len(rep.Errors) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, importResponse{ImportReport: rep,
			Error: &errorDetail{Code: kinerja.EINVALID, Message: kinerja.MsgImportHasErrors, Fields: map[string]string{}}})
		return
	}
	writeJSON(w, http.StatusOK, importResponse{ImportReport: rep})
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
