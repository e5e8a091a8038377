package api

import (
	"net/http"

	"kinerja/internal/document"
)

// assessmentPDF serves the Dokumen Evaluasi Kinerja Pegawai of an assessment.
func (h *Handler) assessmentPDF(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.serveFile(w, r, func() (*document.File, error) { return h.app.EvaluationDocument(r.Context(), id) })
}

// unitRecap serves the XLSX recap of a unit's assessments for a period: one row per employee
// of the unit and its sub-units, assessed or not.
func (h *Handler) unitRecap(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.serveFile(w, r, func() (*document.File, error) { return h.app.UnitRecap(r.Context(), id, r.URL.Query().Get("period")) })
}

// serveFile sends the document render makes, or the error it returns.
func (h *Handler) serveFile(w http.ResponseWriter, r *http.Request, render func() (*document.File, error)) {
	f, err := render()
	if err != nil {
		h.error(w, r, err)
		return
	}
	f.Serve(w)
}
