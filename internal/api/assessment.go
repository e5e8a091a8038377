package api

import (
	"net/http"
	"strconv"

	"kinerja/internal/kinerja"
)

func (h *Handler) listAssessments(w http.ResponseWriter, r *http.Request) {
	var v kinerja.Validation
	emp := queryID(r.URL.Query(), "employee_id", &v)
	if err := v.Err(); err != nil {
		h.error(w, r, err)
		return
	}
	items, err := h.db.FindAssessments(r.Context(), r.URL.Query().Get("period"), emp)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(items, 0))
}

func (h *Handler) createAssessment(w http.ResponseWriter, r *http.Request) {
	var in struct {
		SKPID  int64  `json:"skp_id"`
		Period string `json:"period"`
	}
	if !h.decode(w, r, &in) {
		return
	}
	if in.SKPID <= 0 {
		h.error(w, r, kinerja.FieldError("skp_id", kinerja.MsgSKPNotFound))
		return
	}
	x, err := h.db.CreateAssessment(r.Context(), in.SKPID, in.Period)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, x)
}

func (h *Handler) getAssessment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	x, err := h.db.FindAssessmentByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, x)
}

func (h *Handler) updateAssessment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var upd kinerja.AssessmentUpdate
	if !h.decode(w, r, &upd) {
		return
	}
	x, err := h.db.UpdateAssessment(r.Context(), id, upd)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, x)
}

func (h *Handler) finalizeAssessment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var in struct {
		Justification string `json:"justification"`
	}
	if r.ContentLength != 0 && !h.decode(w, r, &in) {
		return
	}
	x, err := h.db.FinalizeAssessment(r.Context(), id, in.Justification)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, x)
}

func (h *Handler) setOrgRating(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var in struct {
		Period   string              `json:"period"`
		Predikat kinerja.OrgPredikat `json:"predikat"`
	}
	if !h.decode(w, r, &in) {
		return
	}
	if err := h.db.SetUnitRating(r.Context(), id, in.Period, in.Predikat); err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"unit_id": id, "period": in.Period, "predikat": in.Predikat})
}

func (h *Handler) unitDistribution(w http.ResponseWriter, r *http.Request) {
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
	d, err := h.db.UnitDistribution(r.Context(), id, period)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func (h *Handler) acknowledgeAssessment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	x, err := h.db.AcknowledgeAssessment(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, x)
}

func (h *Handler) objectAssessment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if !h.decode(w, r, &in) {
		return
	}
	x, err := h.db.ObjectAssessment(r.Context(), id, in.Reason)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, x)
}

func (h *Handler) decideObjection(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var in struct {
		Decision       string         `json:"decision"`
		ResultRating   kinerja.Rating `json:"result_rating"`
		BehaviorRating kinerja.Rating `json:"behavior_rating"`
		Reason         string         `json:"reason"`
	}
	if !h.decode(w, r, &in) {
		return
	}
	x, err := h.db.DecideObjection(r.Context(), id, in.Decision, in.ResultRating, in.BehaviorRating, in.Reason)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, x)
}

func (h *Handler) calibrateAssessment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var in struct {
		ResultRating   kinerja.Rating `json:"result_rating"`
		BehaviorRating kinerja.Rating `json:"behavior_rating"`
		Reason         string         `json:"reason"`
	}
	if !h.decode(w, r, &in) {
		return
	}
	x, err := h.db.CalibrateAssessment(r.Context(), id, in.ResultRating, in.BehaviorRating, in.Reason)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, x)
}

func (h *Handler) hrReview(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || year < 2000 || year > 2100 {
		h.error(w, r, kinerja.FieldError("year", kinerja.MsgPeriodYear))
		return
	}
	flags, err := h.db.HRReviewFlags(r.Context(), year)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(flags, 0))
}

func (h *Handler) selfAssess(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var in struct {
		ResultRating   kinerja.Rating `json:"self_result_rating"`
		BehaviorRating kinerja.Rating `json:"self_behavior_rating"`
		Reflection     string         `json:"self_reflection"`
	}
	if !h.decode(w, r, &in) {
		return
	}
	x, err := h.db.SelfAssess(r.Context(), id, in.ResultRating, in.BehaviorRating, in.Reflection)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, x)
}
