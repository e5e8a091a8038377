package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

func activityURL(id int64) string { return "/activities/" + strconv.FormatInt(id, 10) }

// activitiesShown is the page size of the activity list and the verification queue.
const activitiesShown = 20

// activityStatusFilters are the filters of "Aktivitas harian": every status, then each one.
var activityStatusFilters = []string{"", string(kinerja.ActivityPending), string(kinerja.ActivityApproved), string(kinerja.ActivityRejected)}

// activityFormFields are the fields the activity form shows next to their inputs.
// The unit is not one: it is the RHK's, named in each RHK's choice, so an error on it shows
// in the alert.
var activityFormFields = []string{"date", "result_id", "description", "output", "minutes", "file"}

// activityForm is the data of the log form and of the edit form.
type activityForm struct {
	Form     form
	Results  []optionGroup // the RHK of the employee's current SKP of the year
	NoSKP    bool          // the employee has no SKP with an RHK for the year
	Year     int
	Today    string // the latest date allowed, YYYY-MM-DD
	MaxBytes int64  // the organisation's evidence limit
	Action   string
}

// activitiesData is the data of "Aktivitas harian".
type activitiesData struct {
	NoEmployee bool
	Log        activityForm
	Items      []activityRow
	Total      int
	Pages      numberedPages
	Status     string
	Statuses   []string
}

// activityRow is an activity of the list with what the reader may do with it.
type activityRow struct {
	*kinerja.Activity
	Can kinerja.Permitted
}

// activityData is the data of one activity's page: its details, and the edit form while it
// may be changed.
type activityData struct {
	Activity *kinerja.Activity
	Can      kinerja.Permitted
	Edit     activityForm
}

// activityActions is what the reader may do with a on the activity pages. Verification is
// offered in the queue, whose activities are the reader's to verify by construction, so the
// facts it needs are not read here.
func activityActions(u *kinerja.User, a *kinerja.Activity) kinerja.Permitted {
	return kinerja.ActivityActions(u, a, kinerja.ActivityFacts{})
}

// activityValues fills the activity form from a (nil: a new one for today).
func activityValues(a *kinerja.Activity, today kinerja.Date) url.Values {
	if a == nil {
		return url.Values{"date": {today.String()}}
	}
	v := url.Values{"date": {a.Date.String()}, "result_id": {strconv.FormatInt(a.ResultID, 10)},
		"description": {a.Description}}
	if a.Output != 0 {
		v.Set("output", strconv.FormatFloat(a.Output, 'f', -1, 64))
	}
	if a.Minutes != 0 {
		v.Set("minutes", strconv.Itoa(a.Minutes))
	}
	return v
}

// activityInput reads the activity form; numbers may use a decimal comma. Fields that do
// not parse are named in the error.
func activityInput(values url.Values) (kinerja.ActivityInput, error) {
	var in kinerja.ActivityInput
	var v kinerja.Validation
	if s := strings.TrimSpace(values.Get("date")); s != "" {
		d, err := kinerja.ParseDate(s)
		if err != nil {
			v.Add("date", kinerja.MsgActivityDate)
		}
		in.Date = d
	}
	if s := strings.TrimSpace(values.Get("result_id")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			v.Add("result_id", kinerja.MsgActivityResult)
		}
		in.ResultID = id
	}
	in.Description = values.Get("description")
	in.Unit = values.Get("unit")
	if s := strings.TrimSpace(values.Get("output")); s != "" {
		f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
		if err != nil {
			v.Add("output", kinerja.MsgActivityOutput)
		}
		in.Output = f
	}
	if s := strings.TrimSpace(values.Get("minutes")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			v.Add("minutes", kinerja.MsgActivityMinutes)
		}
		in.Minutes = n
	}
	return in, v.Err()
}

// resultChoices lists the RHK of an employee's current SKP of a year, main ones first. It
// reads three queries whatever their number; none when there is no such SKP.
func (h *Handler) resultChoices(ctx context.Context, locale string, org, employee int64, year int) ([]optionGroup, error) {
	return h.resultOptions(ctx, locale, org, employee, year, false)
}

// resultOptions is resultChoices, naming with each RHK the unit of its kuantitas target when
// units is set: the unit an activity's output is counted in.
func (h *Handler) resultOptions(ctx context.Context, locale string, org, employee int64, year int, units bool) ([]optionGroup, error) {
	periods, err := h.db.FindPeriods(ctx, org)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(periods, func(p *kinerja.Period) bool { return p.Year == year })
	if i < 0 {
		return nil, nil
	}
	s, err := h.skpOf(ctx, employee, periods[i].ID)
	if err != nil || s == nil {
		return nil, err
	}
	full, err := h.db.FindSKPByID(ctx, s.ID)
	if err != nil {
		return nil, err
	}
	main := optionGroup{Label: h.i18n.translate(locale, "skp.results_main")}
	extra := optionGroup{Label: h.i18n.translate(locale, "skp.results_additional")}
	for _, r := range full.Results {
		g := &main
		if r.Kind != kinerja.ResultMain {
			g = &extra
		}
		label := strconv.Itoa(len(g.Options)+1) + ". " + r.Text
		// The output of an activity is counted in the unit of the RHK's kuantitas target.
		if i := slices.IndexFunc(r.Indicators, func(i *kinerja.Indicator) bool { return i.Aspect == kinerja.AspectQuantity }); i >= 0 && units && r.Indicators[i].Unit != "" {
			label += " (" + h.i18n.translate(locale, "activity.result_unit", r.Indicators[i].Unit) + ")"
		}
		g.Options = append(g.Options, option{Value: strconv.FormatInt(r.ID, 10), Label: label})
	}
	var groups []optionGroup
	for _, g := range []optionGroup{main, extra} {
		if len(g.Options) > 0 {
			groups = append(groups, g)
		}
	}
	return groups, nil
}

// activityForm prepares the form for employee e's activities of year, with values f.
func (h *Handler) activityForm(r *http.Request, org, employee int64, year int, f form, action string) (activityForm, error) {
	ctx := r.Context()
	af := activityForm{Form: f, Year: year, Today: h.today().String(), Action: action}
	var err error
	if af.Results, err = h.resultOptions(ctx, h.locale(r), org, employee, year, true); err != nil {
		return af, err
	}
	af.NoSKP = len(af.Results) == 0
	s, err := h.db.FindSettings(ctx, org)
	if err != nil {
		return af, err
	}
	af.MaxBytes = s.EvidenceMaxBytes
	return af, nil
}

// activities shows the quick log form and the caller's activities, newest first.
func (h *Handler) activities(w http.ResponseWriter, r *http.Request) {
	h.renderActivities(w, r, http.StatusOK, nil, nil)
}

// renderActivities shows "Aktivitas harian"; posted is the log form shown again with
// formErr's messages.
func (h *Handler) renderActivities(w http.ResponseWriter, r *http.Request, status int, posted url.Values, formErr error) {
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	d := activitiesData{Statuses: activityStatusFilters}
	p := page{Title: "activities.title", Data: &d}
	if u.EmployeeID == nil || u.OrgID == nil {
		d.NoEmployee = true
		h.render(w, r, http.StatusOK, "activities", p)
		return
	}
	q := r.URL.Query()
	filters := url.Values{}
	if st := q.Get("status"); st != "" {
		if !slices.Contains(activityStatusFilters, st) {
			h.ErrorPage(w, r, http.StatusNotFound, "")
			return
		}
		d.Status = st
		filters.Set("status", st)
	}
	n := 1
	if s := q.Get("page"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			h.ErrorPage(w, r, http.StatusNotFound, "")
			return
		}
	}
	items, total, err := h.db.FindActivities(ctx, kinerja.ActivityFilter{Status: kinerja.ActivityStatus(d.Status),
		Limit: activitiesShown, Offset: (n - 1) * activitiesShown})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Total = total
	for _, a := range items {
		d.Items = append(d.Items, activityRow{Activity: a, Can: activityActions(u, a)})
	}
	d.Pages = numberPages("/activities", filters, n, d.Total, activitiesShown)

	today := h.today()
	values := activityValues(nil, today)
	if posted != nil {
		values = posted
	}
	year := today.Year()
	if dd, err := kinerja.ParseDate(values.Get("date")); err == nil && dd.Year() != year && dd.Year() == year-1 {
		year = dd.Year() // logging last year's work early in January
	}
	if d.Log, err = h.activityForm(r, *u.OrgID, *u.EmployeeID, year, newForm(values, formErr), "/activities"); err != nil {
		h.fail(w, r, err)
		return
	}
	if posted == nil {
		var last *kinerja.Activity
		if d.Status == "" && n == 1 && len(d.Items) > 0 {
			last = d.Items[0].Activity
		}
		preselect(values, d.Log.Results, last)
	}
	if formErr != nil {
		p.Alert = alertFor(formErr, activityFormFields...)
	}
	h.render(w, r, status, "activities", p)
}

// preselect fills in what the next activity most likely shares with the last one, to log it
// in seconds: the RHK (the only one, or the last one used), which also gives the unit.
func preselect(values url.Values, results []optionGroup, last *kinerja.Activity) {
	var ids []string
	for _, g := range results {
		for _, o := range g.Options {
			ids = append(ids, o.Value)
		}
	}
	switch {
	case len(ids) == 1:
		values.Set("result_id", ids[0])
	case last != nil && slices.Contains(ids, strconv.FormatInt(last.ResultID, 10)):
		values.Set("result_id", strconv.FormatInt(last.ResultID, 10))
	}
}

// createActivity logs an activity from the quick form; a file chosen in the same form is
// attached as its evidence. Both are saved or neither: a refused file saves nothing.
func (h *Handler) createActivity(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	if u.EmployeeID == nil || u.OrgID == nil {
		h.ErrorPage(w, r, http.StatusUnprocessableEntity, kinerja.MsgSKPNoEmployee)
		return
	}
	form, ok := h.readUploadForm(w, r, func() (int64, error) {
		s, err := h.db.FindSettings(ctx, *u.OrgID)
		return s.EvidenceMaxBytes, err
	}, func(err error) { h.renderActivities(w, r, http.StatusRequestEntityTooLarge, nil, err) })
	if !ok {
		return
	}
	defer form.Discard()
	values, up, err := form.Values, form.File, form.FileErr
	in, inErr := activityInput(values)
	if err != nil && !isFormError(err) {
		h.fail(w, r, err)
		return
	}
	if inErr != nil || err != nil {
		up.Discard()
		h.renderActivities(w, r, http.StatusUnprocessableEntity, values, combine(inErr, err, in.Validate(h.today())))
		return
	}
	a, err := h.db.CreateActivity(ctx, in)
	if err != nil {
		up.Discard()
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			h.fail(w, r, err)
			return
		}
		h.renderActivities(w, r, httperr.Status(err), values, err)
		return
	}
	if err := h.attachEvidence(ctx, sqldb.EvidenceTarget{ActivityID: &a.ID}, up); err != nil {
		// One submit logs the activity with its photo, or nothing at all.
		if derr := h.db.DeleteActivity(ctx, a.ID); derr != nil {
			h.logger.ErrorContext(ctx, "web: undo activity", "id", a.ID, "err", derr)
		}
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.renderActivities(w, r, httperr.Status(err), values, err)
		return
	}
	redirect(w, r, withFlash("/activities", flashActivityLogged))
}

// combine merges the field messages of several errors into one EINVALID error, the first
// error's message winning for a field several name. Without any field message it returns
// the first error (or nil).
func combine(errs ...error) error {
	fields := map[string]string{}
	for i := len(errs) - 1; i >= 0; i-- {
		for k, v := range kinerja.ErrorFields(errs[i]) {
			fields[k] = v
		}
	}
	if len(fields) == 0 {
		return firstError(errs...)
	}
	return &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgInvalidInput, Fields: fields}
}

// pathActivity finds the activity {id} of the URL, answering with the error page itself when
// it cannot.
func (h *Handler) pathActivity(w http.ResponseWriter, r *http.Request) (*kinerja.Activity, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgActivityNotFound)
		return nil, false
	}
	a, err := h.db.FindActivityByID(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return a, true
}

// activity shows one activity: its status, the rejection reason, its evidence, and the
// form to fix it while it may be changed.
func (h *Handler) activity(w http.ResponseWriter, r *http.Request) {
	a, ok := h.pathActivity(w, r)
	if !ok {
		return
	}
	h.renderActivity(w, r, http.StatusOK, a, nil, nil)
}

func (h *Handler) renderActivity(w http.ResponseWriter, r *http.Request, status int, a *kinerja.Activity, posted url.Values, formErr error) {
	u := kinerja.UserFromContext(r.Context())
	d := activityData{Activity: a, Can: activityActions(u, a)}
	p := page{Title: "activity.title", Data: &d}
	if d.Can.Has(kinerja.ActionEdit) {
		values := activityValues(a, h.today())
		if posted != nil {
			values = posted
		}
		var err error
		if d.Edit, err = h.activityForm(r, a.OrgID, a.EmployeeID, a.Date.Year(), newForm(values, formErr), activityURL(a.ID)); err != nil {
			h.fail(w, r, err)
			return
		}
		// Keep the activity's own RHK choosable even when its SKP has moved on.
		d.Edit.Results = withOption(d.Edit.Results, option{Value: strconv.FormatInt(a.ResultID, 10), Label: a.ResultText})
		d.Edit.NoSKP = false
	}
	if formErr != nil {
		p.Alert = alertFor(formErr, activityFormFields...)
	}
	h.render(w, r, status, "activity", p)
}

// updateActivity saves the edit form; a file chosen there is added to the evidence. A
// rejected activity goes back to the supervisor's queue.
func (h *Handler) updateActivity(w http.ResponseWriter, r *http.Request) {
	a, ok := h.pathActivity(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	if err := kinerja.CheckActivity(kinerja.UserFromContext(ctx), a, kinerja.ActivityFacts{}, kinerja.ActionEdit); err != nil {
		h.fail(w, r, err)
		return
	}
	target := sqldb.EvidenceTarget{ActivityID: &a.ID}
	form, ok := h.readUploadForm(w, r, func() (int64, error) {
		_, _, max, err := h.db.CheckEvidenceTarget(ctx, target)
		return max, err
	}, func(err error) { h.renderActivity(w, r, http.StatusRequestEntityTooLarge, a, nil, err) })
	if !ok {
		return
	}
	defer form.Discard()
	values, up, err := form.Values, form.File, form.FileErr
	in, inErr := activityInput(values)
	if err != nil && !isFormError(err) {
		h.fail(w, r, err)
		return
	}
	if inErr != nil || err != nil {
		up.Discard()
		h.renderActivity(w, r, http.StatusUnprocessableEntity, a, values, combine(inErr, err, in.Validate(h.today())))
		return
	}
	if _, err := h.db.UpdateActivity(ctx, a.ID, in); err != nil {
		up.Discard()
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.renderActivity(w, r, httperr.Status(err), a, values, err)
		return
	}
	if err := h.attachEvidence(ctx, target, up); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.renderActivity(w, r, httperr.Status(err), a, values, err)
		return
	}
	redirect(w, r, withFlash(activityURL(a.ID), flashActivityUpdated))
}

// confirmDeleteActivity asks before an activity is deleted.
func (h *Handler) confirmDeleteActivity(w http.ResponseWriter, r *http.Request) {
	a, ok := h.pathActivity(w, r)
	if !ok {
		return
	}
	if err := kinerja.CheckActivity(kinerja.UserFromContext(r.Context()), a, kinerja.ActivityFacts{}, kinerja.ActionEdit); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "activity_delete", page{Title: "activity_delete.title", Data: a})
}

// deleteActivity deletes an activity that is not approved yet.
func (h *Handler) deleteActivity(w http.ResponseWriter, r *http.Request) {
	a, ok := h.pathActivity(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	if err := h.db.DeleteActivity(r.Context(), a.ID); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, withFlash("/activities", flashActivityDeleted))
}
