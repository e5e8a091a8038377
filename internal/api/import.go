package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

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
	rows, headerErrs, err := document.ReadEmployeeFile(file, header.Filename)
	if err != nil {
		h.error(w, r, kinerja.FieldError("file", kinerja.ErrorMessage(err)))
		return
	}
	rep := &kinerja.ImportReport{DryRun: dryRun, Errors: headerErrs}
	if len(headerErrs) == 0 {
		var orgID int64
		if org != nil {
			orgID = *org
		}
		rep, err = h.db.ImportEmployees(r.Context(), orgID, rows, dryRun)
		if err != nil && (rep == nil || len(rep.Errors) == 0) {
			h.error(w, r, err)
			return
		}
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
	org, err := h.db.UnitOrg(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	units, err := h.db.FindUnits(r.Context(), org)
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.writeXLSX(w, r, "template-impor-pegawai.xlsx", func(wr io.Writer) error { return document.WriteEmployeeTemplate(wr, units) })
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
	x, name, err := h.exportData(r, orgID)
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.writeXLSX(w, r, name, func(wr io.Writer) error { return document.WriteEmployeesXLSX(wr, x) })
}

func (h *Handler) exportData(r *http.Request, org int64) (document.EmployeeExport, string, error) {
	ctx := r.Context()
	employees, err := h.db.ExportEmployees(ctx, org)
	if err != nil {
		return document.EmployeeExport{}, "", err
	}
	if org == 0 {
		if org, err = h.db.UnitOrg(ctx); err != nil {
			return document.EmployeeExport{}, "", err
		}
	}
	units, err := h.db.FindUnits(ctx, org)
	if err != nil {
		return document.EmployeeExport{}, "", err
	}
	return document.NewEmployeeExport(employees, units), document.ExportFileName(units[0].Name, kinerja.Today(time.Now())), nil
}

// writeXLSX renders a workbook fully before answering, so a failure is a clean error.
func (h *Handler) writeXLSX(w http.ResponseWriter, r *http.Request, name string, write func(io.Writer) error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		h.error(w, r, fmt.Errorf("write %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	buf.WriteTo(w)
}
