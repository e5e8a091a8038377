package web

import (
	"errors"
	"net/http"

	"kinerja/internal/document"
	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// maxUploadBytes bounds an uploaded employee file with the form around it.
const maxUploadBytes = document.MaxFileBytes + 64<<10

// importData is the data of the import page.
type importData struct {
	Scope  orgScope
	DryRun bool
	Report *kinerja.ImportReport
	Error  string // a problem with the file as a whole
}

// importPage shows the upload form with the template links.
func (h *Handler) importPage(w http.ResponseWriter, r *http.Request) {
	s, err := h.orgScope(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "employee_import", page{Title: "import.title", Data: importData{Scope: s, DryRun: true}})
}

// importEmployees checks or imports an uploaded file and shows the report. The result page
// is rendered, not redirected to: it is the receipt of the import, and posting the same file
// again changes nothing.
func (h *Handler) importEmployees(w http.ResponseWriter, r *http.Request) {
	s, err := h.orgScope(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := importData{Scope: s}
	fail := func(status int, msg string) {
		h.render(w, r, status, "employee_import", page{Title: "import.title", Alert: msg, Data: d})
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBytes)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			d.Error = "import.too_large"
			fail(http.StatusRequestEntityTooLarge, "import.too_large")
			return
		}
		d.Error = "import.no_file"
		fail(http.StatusBadRequest, "import.no_file")
		return
	}
	d.DryRun = r.PostForm.Get("dry_run") != ""
	file, header, err := r.FormFile("file")
	if err != nil {
		d.Error = "import.no_file"
		fail(http.StatusUnprocessableEntity, "import.no_file")
		return
	}
	defer file.Close()
	var org int64
	if s.Org != nil {
		org = s.Org.ID
	}
	rep, err := h.app.ImportEmployees(r.Context(), org, file, header.Filename, d.DryRun)
	if err != nil {
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			h.fail(w, r, err)
			return
		}
		d.Error = kinerja.ErrorMessage(err)
		fail(httperr.Status(err), d.Error)
		return
	}
	d.Report = rep
	if len(rep.Errors) > 0 {
		fail(http.StatusUnprocessableEntity, kinerja.MsgImportHasErrors)
		return
	}
	h.render(w, r, http.StatusOK, "employee_import", page{Title: "import.title", Data: d})
}

// importTemplate serves the XLSX (or, with ?format=csv, CSV) template with the organisation's
// units listed.
func (h *Handler) importTemplate(w http.ResponseWriter, r *http.Request) {
	s, err := h.orgScope(r)
	if err != nil || s.Org == nil {
		h.fail(w, r, firstError(err, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)))
		return
	}
	f, err := h.app.ImportTemplate(r.Context(), s.Org.ID, r.URL.Query().Get("format") == "csv")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f.Serve(w)
}

// exportEmployees serves every employee of the organisation as XLSX in the import layout.
func (h *Handler) exportEmployees(w http.ResponseWriter, r *http.Request) {
	s, err := h.orgScope(r)
	if err != nil || s.Org == nil {
		h.fail(w, r, firstError(err, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)))
		return
	}
	f, err := h.app.EmployeeExport(r.Context(), s.Org.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f.Serve(w)
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
