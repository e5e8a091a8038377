package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"kinerja/internal/kinerja"
)

// settingsData is the data of the organisation settings page: the activity and assessment
// rules and the holiday calendar of one year.
type settingsData struct {
	Scope    orgScope
	Form     form
	Year     int
	Holidays []kinerja.Holiday
	Holiday  form // adding a holiday
	Ratings  []optionGroup
}

// headRatingField names the form field of the rating a unit head starts from under o.
func headRatingField(o kinerja.OrgPredikat) string { return "head_rating_" + string(o) }

// PrevYear and NextYear link the calendar's neighbouring years.
func (d *settingsData) PrevYear() int { return d.Year - 1 }

// NextYear is the year after the one shown.
func (d *settingsData) NextYear() int { return d.Year + 1 }

// settingsFields are the fields of the rules form.
var settingsFields = []string{"activity_deadline_days", "verification_sla_days", "evidence_max_mb",
	"objection_days", "assessment_early_days", "advice_above_percent", "advice_meets_percent", "head_rating_istimewa", "head_rating_baik",
	"head_rating_butuh_perbaikan", "head_rating_kurang", "head_rating_sangat_kurang"}

const megabyte = 1 << 20

// thousands matches a number written with thousands dots and no decimals: 1.000, 12.500.
var thousands = regexp.MustCompile(`^\d{1,3}(\.\d{3})+$`)

func settingsValues(s kinerja.OrgSettings) url.Values {
	v := url.Values{
		"activity_deadline_days": {strconv.Itoa(s.ActivityDeadlineDays)},
		"verification_sla_days":  {strconv.Itoa(s.VerificationSLADays)},
		"evidence_max_mb":        {strconv.FormatInt(s.EvidenceMaxBytes/megabyte, 10)},
		"objection_days":         {strconv.Itoa(s.ObjectionDays)},
		"assessment_early_days":  {strconv.Itoa(s.AssessmentEarlyDays)},
		"advice_above_percent":   {strconv.FormatFloat(s.AdviceAbovePercent, 'f', -1, 64)},
		"advice_meets_percent":   {strconv.FormatFloat(s.AdviceMeetsPercent, 'f', -1, 64)},
	}
	for _, o := range kinerja.OrgPredikats {
		v.Set(headRatingField(o), string(s.HeadResultsRating(o)))
	}
	return v
}

// settings shows the organisation's activity and assessment rules and holidays.
func (h *Handler) settings(w http.ResponseWriter, r *http.Request) {
	h.renderSettings(w, r, http.StatusOK, nil, nil, "")
}

// renderSettings shows the page; rules or holiday is a refused form shown again.
func (h *Handler) renderSettings(w http.ResponseWriter, r *http.Request, status int, rules, holiday *form, alert string) {
	ctx := r.Context()
	s, err := h.orgScope(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := &settingsData{Scope: s, Year: h.today().Year(), Holiday: newForm(nil, nil)}
	locale := h.locale(r)
	var opts []option
	for _, rt := range kinerja.Ratings {
		opts = append(opts, option{Value: string(rt), Label: h.i18n.label(locale, "rating", string(rt))})
	}
	d.Ratings = []optionGroup{{Options: opts}}
	p := page{Title: "settings.title", Alert: alert, Data: d}
	if s.Org == nil {
		h.render(w, r, status, "settings", p)
		return
	}
	if y := r.URL.Query().Get("year"); y != "" {
		if d.Year, err = strconv.Atoi(y); err != nil || d.Year < 2000 || d.Year > 2100 {
			h.ErrorPage(w, r, http.StatusNotFound, "")
			return
		}
	}
	cur, err := h.db.FindSettings(ctx, s.Org.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Form = newForm(settingsValues(cur), nil)
	if rules != nil {
		d.Form = *rules
	}
	if holiday != nil {
		d.Holiday = *holiday
	}
	if d.Holidays, err = h.db.FindHolidays(ctx, s.Org.ID, d.Year); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "settings", p)
}

// updateSettings saves the activity and assessment rules; the evidence limit is entered in MB.
func (h *Handler) updateSettings(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	s, err := h.orgScope(r)
	if err != nil || s.Org == nil {
		h.fail(w, r, firstError(err, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)))
		return
	}
	var v kinerja.Validation
	number := func(name, msg string) int64 {
		n, err := strconv.ParseInt(strings.TrimSpace(r.PostForm.Get(name)), 10, 64)
		if err != nil {
			v.Add(name, msg)
		}
		return n
	}
	// optional reads a number a form may leave empty: 0.
	optional := func(name, msg string) int64 {
		if strings.TrimSpace(r.PostForm.Get(name)) == "" {
			return 0
		}
		return number(name, msg)
	}
	// Indonesian users type a decimal comma and a thousands dot: "92,5", "1.000".
	percent := func(name, msg string) float64 {
		in := strings.TrimSpace(r.PostForm.Get(name))
		if thousands.MatchString(in) || strings.Contains(in, ",") {
			in = strings.ReplaceAll(in, ".", "")
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(in, ",", "."), 64)
		if err != nil {
			v.Add(name, msg)
		}
		return f
	}
	in := kinerja.OrgSettings{OrgID: s.Org.ID,
		ActivityDeadlineDays: int(number("activity_deadline_days", kinerja.MsgSettingsActivityDeadline)),
		VerificationSLADays:  int(number("verification_sla_days", kinerja.MsgSettingsVerificationSLA)),
		EvidenceMaxBytes:     number("evidence_max_mb", kinerja.MsgSettingsEvidenceMax) * megabyte,
		ObjectionDays:        int(number("objection_days", kinerja.MsgSettingsObjectionDays)),
		AssessmentEarlyDays:  int(optional("assessment_early_days", kinerja.MsgSettingsEarlyDays)),
		AdviceAbovePercent:   percent("advice_above_percent", kinerja.MsgSettingsAdviceAbove),
		AdviceMeetsPercent:   percent("advice_meets_percent", kinerja.MsgSettingsAdviceMeets),
		HeadRatings:          map[kinerja.OrgPredikat]kinerja.Rating{},
	}
	for _, o := range kinerja.OrgPredikats {
		in.HeadRatings[o] = kinerja.Rating(r.PostForm.Get(headRatingField(o)))
	}
	err = v.Err()
	if err == nil {
		_, err = h.db.UpdateSettings(r.Context(), in)
	}
	if err != nil {
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			h.fail(w, r, err)
			return
		}
		fields := map[string]string{}
		for k, msg := range kinerja.ErrorFields(err) {
			if k == "evidence_max_bytes" {
				k = "evidence_max_mb"
			}
			fields[k] = msg
		}
		err = &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgInvalidInput, Fields: fields}
		f := newForm(r.PostForm, err)
		h.renderSettings(w, r, http.StatusUnprocessableEntity, &f, nil, alertFor(err, settingsFields...))
		return
	}
	redirect(w, r, withFlash(s.Link("/admin/settings"), flashSettingsSaved))
}

// setHoliday adds a holiday to the calendar, or renames the one of that date.
func (h *Handler) setHoliday(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	s, err := h.orgScope(r)
	if err != nil || s.Org == nil {
		h.fail(w, r, firstError(err, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)))
		return
	}
	hd := kinerja.Holiday{Name: r.PostForm.Get("name")}
	var v kinerja.Validation
	if ds := strings.TrimSpace(r.PostForm.Get("date")); ds != "" {
		if hd.Date, err = kinerja.ParseDate(ds); err != nil {
			v.Add("date", kinerja.MsgBadDate)
		}
	}
	err = v.Err()
	if err == nil {
		err = h.db.SetHoliday(r.Context(), s.Org.ID, hd)
	}
	if err != nil {
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			h.fail(w, r, err)
			return
		}
		f := newForm(r.PostForm, err)
		h.renderSettings(w, r, http.StatusUnprocessableEntity, nil, &f, alertFor(err, "date", "name"))
		return
	}
	redirect(w, r, withFlash(s.Link("/admin/settings?year="+strconv.Itoa(hd.Date.Year())), flashHolidaySaved))
}

// holidayDeleteData is the data of the page that confirms removing a holiday.
type holidayDeleteData struct {
	Scope   orgScope
	Holiday kinerja.Holiday
}

// pathHoliday finds the holiday {date} of the URL in the organisation's calendar.
func (h *Handler) pathHoliday(w http.ResponseWriter, r *http.Request) (orgScope, kinerja.Holiday, bool) {
	s, err := h.orgScope(r)
	if err != nil || s.Org == nil {
		h.fail(w, r, firstError(err, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)))
		return s, kinerja.Holiday{}, false
	}
	d, err := kinerja.ParseDate(r.PathValue("date"))
	if err != nil {
		h.ErrorPage(w, r, http.StatusNotFound, "")
		return s, kinerja.Holiday{}, false
	}
	list, err := h.db.FindHolidays(r.Context(), s.Org.ID, d.Year())
	if err != nil {
		h.fail(w, r, err)
		return s, kinerja.Holiday{}, false
	}
	for _, hd := range list {
		if hd.Date == d {
			return s, hd, true
		}
	}
	h.ErrorPage(w, r, http.StatusNotFound, "")
	return s, kinerja.Holiday{}, false
}

// confirmDeleteHoliday asks before a holiday is removed.
func (h *Handler) confirmDeleteHoliday(w http.ResponseWriter, r *http.Request) {
	s, hd, ok := h.pathHoliday(w, r)
	if !ok {
		return
	}
	h.render(w, r, http.StatusOK, "holiday_delete", page{Title: "holiday_delete.title", Data: holidayDeleteData{Scope: s, Holiday: hd}})
}

// deleteHoliday removes a holiday: the day counts as a working day again.
func (h *Handler) deleteHoliday(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	s, hd, ok := h.pathHoliday(w, r)
	if !ok {
		return
	}
	if err := h.db.DeleteHoliday(r.Context(), s.Org.ID, hd.Date); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, withFlash(s.Link("/admin/settings?year="+strconv.Itoa(hd.Date.Year())), flashHolidayDeleted))
}
