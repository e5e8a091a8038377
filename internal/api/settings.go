package api

import (
	"net/http"
	"strconv"
	"strings"

	"kinerja/internal/kinerja"
)

// orgQuery reads the optional ?org_id= (for the installation admin); 0 means the caller's own
// organisation, which the store resolves.
func orgQuery(r *http.Request) (int64, error) {
	var v kinerja.Validation
	org := queryID(r.URL.Query(), "org_id", &v)
	if err := v.Err(); err != nil || org == nil {
		return 0, err
	}
	return *org, nil
}

// getSettings shows the organisation's rules: the activity deadline, the verification SLA,
// the evidence size limit, the objection deadline, the achievement-advice thresholds and the
// unit heads' starting rating hasil kerja, the defaults where none were set.
func (h *Handler) getSettings(w http.ResponseWriter, r *http.Request) {
	org, err := orgQuery(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	s, err := h.db.FindSettings(r.Context(), org)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

// settingsBody is the JSON of PUT /settings; absent fields keep their value.
type settingsBody struct {
	ActivityDeadlineDays *int     `json:"activity_deadline_days"`
	VerificationSLADays  *int     `json:"verification_sla_days"`
	EvidenceMaxBytes     *int64   `json:"evidence_max_bytes"`
	ObjectionDays        *int     `json:"objection_days"`
	AdviceAbovePercent   *float64 `json:"advice_above_percent"`
	AdviceMeetsPercent   *float64 `json:"advice_meets_percent"`
	AssessmentEarlyDays  *int     `json:"assessment_early_days"`
	// HeadRatings replaces the ratings of the predikat it names; the others keep theirs.
	HeadRatings map[kinerja.OrgPredikat]kinerja.Rating `json:"head_result_ratings"`
}

// updateSettings sets the organisation's rules. Admins only.
func (h *Handler) updateSettings(w http.ResponseWriter, r *http.Request) {
	org, err := orgQuery(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var b settingsBody
	if !h.decode(w, r, &b) {
		return
	}
	s, err := h.db.FindSettings(r.Context(), org)
	if err != nil {
		h.error(w, r, err)
		return
	}
	set(&s.ActivityDeadlineDays, b.ActivityDeadlineDays)
	set(&s.VerificationSLADays, b.VerificationSLADays)
	set(&s.EvidenceMaxBytes, b.EvidenceMaxBytes)
	set(&s.ObjectionDays, b.ObjectionDays)
	set(&s.AdviceAbovePercent, b.AdviceAbovePercent)
	set(&s.AdviceMeetsPercent, b.AdviceMeetsPercent)
	set(&s.AssessmentEarlyDays, b.AssessmentEarlyDays)
	for o, rt := range b.HeadRatings {
		s.HeadRatings[o] = rt
	}
	if s, err = h.db.UpdateSettings(r.Context(), s); err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

// listHolidays lists the organisation's holidays of ?year= (default: this year), by date.
func (h *Handler) listHolidays(w http.ResponseWriter, r *http.Request) {
	org, err := orgQuery(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	year := kinerja.Today(h.db.Now()).Year()
	if s := r.URL.Query().Get("year"); s != "" {
		if year, err = strconv.Atoi(s); err != nil || year < 2000 || year > 2100 {
			h.error(w, r, kinerja.FieldError("year", kinerja.MsgInvalidInput))
			return
		}
	}
	hs, err := h.db.FindHolidays(r.Context(), org, year)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(hs, 0))
}

// pathDate reads the {date} path value; a malformed one answers 422 naming date.
func pathDate(r *http.Request) (kinerja.Date, error) {
	return kinerja.ParseDate(r.PathValue("date"))
}

// setHoliday adds a holiday to the organisation's calendar or renames it. Admins only.
func (h *Handler) setHoliday(w http.ResponseWriter, r *http.Request) {
	org, err := orgQuery(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	d, err := pathDate(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var b struct {
		Name string `json:"name"`
	}
	if !h.decode(w, r, &b) {
		return
	}
	hol := kinerja.Holiday{Date: d, Name: strings.TrimSpace(b.Name)}
	if err := h.db.SetHoliday(r.Context(), org, hol); err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, hol)
}

// deleteHoliday removes a holiday from the organisation's calendar. Admins only.
func (h *Handler) deleteHoliday(w http.ResponseWriter, r *http.Request) {
	org, err := orgQuery(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	d, err := pathDate(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	if err := h.db.DeleteHoliday(r.Context(), org, d); err != nil {
		h.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
