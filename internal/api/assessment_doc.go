package api

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

// assessmentPDF serves the Dokumen Evaluasi Kinerja Pegawai of an assessment.
func (h *Handler) assessmentPDF(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	e, err := h.db.FindEvaluationData(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	x, s := e.Assessment, e.SKP
	d := document.EvaluationDocument{Assessment: x, SKP: s, Realisation: e.Realisation, Feedback: e.Feedback, Organisation: e.Organisation,
		OrgPredikat: e.OrgPredikat, PeriodLabel: document.PeriodLabel(x.Period), Place: document.DefaultPlace,
		Date: document.SigningDate(x.FinalizedAt, kinerja.Today(time.Now()))}
	var buf bytes.Buffer
	if err := document.WriteEvaluationPDF(&buf, d); err != nil {
		h.error(w, r, fmt.Errorf("write assessment %d pdf: %w", x.ID, err))
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+document.EvaluationFileName(s.Employee.NIP, x.Period)+`"`)
	w.Header().Set("Cache-Control", "no-store")
	buf.WriteTo(w)
}

// unitRecap serves the XLSX recap of a unit's assessments for a period: one row per employee
// of the unit and its sub-units, assessed or not.
func (h *Handler) unitRecap(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	period := r.URL.Query().Get("period")
	if period == "" {
		h.error(w, r, kinerja.FieldError("period", kinerja.MsgAssessmentPeriod))
		return
	}
	ctx := r.Context()
	unit, err := h.db.FindUnitByID(ctx, id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	employees, _, err := h.db.FindEmployees(ctx, kinerja.EmployeeFilter{OrgID: unit.OrgID, UnitID: &id, Limit: kinerja.MaxLimit})
	if err != nil {
		h.error(w, r, err)
		return
	}
	assessments, err := h.db.FindAssessments(ctx, period, nil)
	if err != nil {
		h.error(w, r, err)
		return
	}
	byEmployee := map[int64]*kinerja.Assessment{}
	for _, x := range assessments {
		byEmployee[x.EmployeeID] = x
	}
	rows := make([]document.RecapRow, 0, len(employees))
	for _, e := range employees {
		rows = append(rows, document.RecapRow{Employee: e.Directory(), NIP: e.NIP, Assessment: byEmployee[e.ID]})
	}
	dist, err := h.db.UnitDistribution(ctx, id, period)
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.writeXLSX(w, r, "rekap-"+strconv.FormatInt(id, 10)+"-"+period+".xlsx", func(wr io.Writer) error {
		return document.WriteRecapXLSX(wr, unit.Name, document.PeriodLabel(period), rows, dist)
	})
}
