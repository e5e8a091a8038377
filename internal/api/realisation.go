package api

import (
	"net/http"
	"slices"
	"strings"

	"kinerja/internal/kinerja"
)

// listRealisation shows, for every indicator of an SKP, what it achieved in the evaluation
// period ?period=: for kuantitas indicators the sum of approved activities' outputs and the
// progress against the target, with the employee's own note.
func (h *Handler) listRealisation(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	period := strings.TrimSpace(r.URL.Query().Get("period"))
	if period == "" {
		h.error(w, r, kinerja.FieldError("period", msgRealisationPeriod))
		return
	}
	items, err := h.db.FindRealisation(r.Context(), id, period)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(items, 0))
}

// setRealisationNote writes the employee's own account of an indicator in an evaluation
// period and answers with the indicator's realisation as it now stands.
func (h *Handler) setRealisationNote(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	ind, err := pathValueID(r, "indicator_id")
	if err != nil {
		h.error(w, r, err)
		return
	}
	var b struct {
		Period string `json:"period"`
		Note   string `json:"note"`
	}
	if !h.decode(w, r, &b) {
		return
	}
	if b.Period = strings.TrimSpace(b.Period); b.Period == "" {
		h.error(w, r, kinerja.FieldError("period", msgRealisationPeriod))
		return
	}
	ctx := r.Context()
	err = h.db.SetRealisationNote(ctx, id, ind, b.Period, b.Note)
	var items []kinerja.Realisation
	if err == nil {
		items, err = h.db.FindRealisation(ctx, id, b.Period)
	}
	if err != nil {
		h.error(w, r, err)
		return
	}
	if i := slices.IndexFunc(items, func(re kinerja.Realisation) bool { return re.IndicatorID == ind }); i >= 0 {
		writeJSON(w, http.StatusOK, items[i])
		return
	}
	h.error(w, r, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgNotFound))
}

// msgRealisationPeriod answers a realisation request without an evaluation period.
const msgRealisationPeriod = "Pilih periode penilaian, misalnya 2026-Q1, 2026-03, 2026-S1 atau 2026."
