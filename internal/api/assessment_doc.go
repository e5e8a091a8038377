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

// periodLabel names an evaluation period the way the documents print it.
func periodLabel(key string) string {
	months := []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
	var y, n int
	switch {
	case len(key) == 4:
		return "Tahunan " + key
	case len(key) == 7 && key[5] == 'Q':
		fmt.Sscanf(key, "%d-Q%d", &y, &n)
		return fmt.Sprintf("Triwulan %s %d", []string{"I", "II", "III", "IV"}[max(0, min(3, n-1))], y)
	case len(key) == 7 && key[5] == 'S':
		fmt.Sscanf(key, "%d-S%d", &y, &n)
		return fmt.Sprintf("Semester %s %d", []string{"I", "II"}[max(0, min(1, n-1))], y)
	case len(key) == 7:
		fmt.Sscanf(key, "%d-%d", &y, &n)
		return fmt.Sprintf("%s %d", months[max(0, min(11, n-1))], y)
	}
	return key
}

// assessmentPDF serves the Dokumen Evaluasi Kinerja Pegawai of an assessment.
func (h *Handler) assessmentPDF(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	ctx := r.Context()
	x, err := h.db.FindAssessmentByID(ctx, id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	s, err := h.db.FindSKPByID(ctx, x.SKPID)
	if err != nil {
		h.error(w, r, err)
		return
	}
	re, err := h.db.FindRealisation(ctx, s.ID, x.Period)
	if err != nil {
		h.error(w, r, err)
		return
	}
	fb, err := h.db.FindFeedback(ctx, x.EmployeeID, s.Year)
	if err != nil && kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
		h.error(w, r, err)
		return
	}
	org, err := h.db.FindUnitByID(ctx, s.OrgID)
	if err != nil {
		h.error(w, r, err)
		return
	}
	date := kinerja.Today(time.Now())
	if x.FinalizedAt != nil {
		date = kinerja.Today(*x.FinalizedAt)
	}
	d := document.EvaluationDocument{Assessment: x, SKP: s, Realisation: re, Feedback: fb, Organisation: org.Name,
		PeriodLabel: periodLabel(x.Period), Place: skpPlace, Date: date}
	if dist, err := h.db.UnitDistribution(ctx, x.UnitID, x.Period); err == nil {
		d.OrgPredikat = dist.OrgPredikat
	}
	var buf bytes.Buffer
	if err := document.WriteEvaluationPDF(&buf, d); err != nil {
		h.error(w, r, fmt.Errorf("write assessment %d pdf: %w", x.ID, err))
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="evaluasi-`+s.Employee.NIP+"-"+x.Period+`.pdf"`)
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
		return document.WriteRecapXLSX(wr, unit.Name, periodLabel(period), rows, dist)
	})
}
