package web

import (
	"bytes"
	"errors"
	"io"
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
// again changes nothing. The form is read as a stream and the file kept in memory, at most
// document.MaxFileBytes of it: nothing of an upload is written to disk, whatever its fate.
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
	file, name, err := readImportForm(r, &d)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge), errors.Is(err, document.ErrFileTooLarge):
		d.Error = "import.too_large"
		fail(http.StatusRequestEntityTooLarge, d.Error)
		return
	case err != nil:
		d.Error = "import.no_file"
		fail(http.StatusBadRequest, d.Error)
		return
	case file == nil:
		d.Error = "import.no_file"
		fail(http.StatusUnprocessableEntity, d.Error)
		return
	}
	var org int64
	if s.Org != nil {
		org = s.Org.ID
	}
	rep, err := h.app.ImportEmployees(r.Context(), org, bytes.NewReader(file), name, d.DryRun)
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

// readImportForm reads the import form as it arrives: the file of the field "file" (nil when
// none was chosen) with its name, and the dry-run choice into d. A file over
// document.MaxFileBytes is refused with document.ErrFileTooLarge as soon as it is seen to be.
func readImportForm(r *http.Request, d *importData) (file []byte, name string, err error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, "", err
	}
	for parts := 0; ; parts++ {
		part, err := mr.NextPart()
		if err == io.EOF {
			return file, name, nil
		}
		if err != nil {
			return nil, "", err
		}
		if parts >= maxFormParts {
			return nil, "", errFormTooLarge
		}
		switch {
		case part.FormName() == "file" && part.FileName() != "" && file == nil:
			name = part.FileName()
			if file, err = io.ReadAll(io.LimitReader(part, document.MaxFileBytes+1)); err != nil {
				return nil, "", err
			}
			if len(file) > document.MaxFileBytes {
				return nil, "", document.ErrFileTooLarge
			}
		case part.FormName() == "dry_run":
			v, err := io.ReadAll(io.LimitReader(part, 64))
			if err != nil {
				return nil, "", err
			}
			d.DryRun = len(v) > 0
		default:
			if _, err := io.Copy(io.Discard, part); err != nil {
				return nil, "", err
			}
		}
		part.Close()
	}
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
