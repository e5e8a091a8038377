package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

func assessmentURL(id int64) string { return "/assessments/" + strconv.FormatInt(id, 10) }

// evalChoice is the evaluation period chooser of the assessment pages: every evaluation
// period of the organisation's years (newest year first), and the one shown.
type evalChoice struct {
	Base    string
	Org     int64
	Options []kinerja.EvalPeriod
	Key     string          // the chosen evaluation period, "" while there is no year
	Period  *kinerja.Period // the year it belongs to
}

// chooseEval reads ?period= (an evaluation period key such as 2026-Q1); by default the
// evaluation period of the newest year that holds today, else that year's last one.
func (h *Handler) chooseEval(ctx context.Context, base string, s orgScope, want string) (evalChoice, error) {
	c := evalChoice{Base: base}
	if s.Choosing() {
		c.Org = s.Org.ID
	}
	periods, err := h.db.FindPeriods(ctx, s.Org.ID)
	if err != nil || len(periods) == 0 {
		return c, err
	}
	for _, p := range periods {
		for _, e := range kinerja.EvalPeriods(p.Year, p.Cadence) {
			c.Options = append(c.Options, e)
			if e.Key == want {
				c.Key, c.Period = e.Key, p
			}
		}
	}
	if want == "" {
		c.Key, c.Period = defaultEval(periods, h.today())
	}
	if c.Key == "" {
		return c, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgAssessmentPeriod)
	}
	return c, nil
}

// defaultEval is the evaluation period an assessment page opens on: the newest one of an open
// year that has ended, which is the one to assess now, or while none has ended, the one in
// progress in the newest year. periods are newest first.
func defaultEval(periods []*kinerja.Period, today kinerja.Date) (string, *kinerja.Period) {
	for _, p := range periods {
		if p.Closed {
			continue
		}
		es := kinerja.EvalPeriods(p.Year, p.Cadence)
		for i := len(es) - 1; i >= 0; i-- {
			if es[i].End.Before(today) {
				return es[i].Key, p
			}
		}
	}
	return currentEval(kinerja.EvalPeriods(periods[0].Year, periods[0].Cadence), today).Key, periods[0]
}

// Assessment progress on the team page.
const (
	progressNotStarted = "not_started"
	progressDraft      = "draft"
	progressSelf       = "self"
	progressRated      = "rated"
	progressFinal      = "final"
	progressObjected   = "objected"
)

var progressStates = []string{progressNotStarted, progressDraft, progressSelf, progressRated, progressFinal, progressObjected}

// progressOf is where an assessment stands for the team page.
func progressOf(x *kinerja.Assessment) string {
	switch {
	case x == nil:
		return progressNotStarted
	case x.Status == kinerja.AssessmentObjected:
		return progressObjected
	case x.Status != kinerja.AssessmentDraft:
		return progressFinal
	case x.ResultRating != "" && x.BehaviorRating != "":
		return progressRated
	case x.SelfAt != nil:
		return progressSelf
	}
	return progressDraft
}

// myAssessmentsData is the data of "Penilaian saya".
type myAssessmentsData struct {
	NoEmployee    bool
	Assessments   []myAssessment
	ObjectionDays int
}

// myAssessment is one of the reader's own assessments with what they may do with it now.
type myAssessment struct {
	*kinerja.Assessment
	Can kinerja.Permitted // the employee's sign-off: acknowledge, object
}

// myAssessments lists the reader's own assessments, newest period first, with their predikat
// and the acknowledge or object forms on final ones.
func (h *Handler) myAssessments(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	d := &myAssessmentsData{NoEmployee: u.EmployeeID == nil, ObjectionDays: kinerja.DefaultObjectionDays}
	if u.EmployeeID != nil {
		cfg, err := h.db.FindSettings(ctx, 0)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.ObjectionDays = cfg.ObjectionDays
		list, err := h.db.FindAssessments(ctx, "", u.EmployeeID)
		if err != nil && kinerja.ErrorCode(err) != kinerja.ENOTFOUND {
			h.fail(w, r, err)
			return
		}
		slices.SortStableFunc(list, func(a, b *kinerja.Assessment) int { return strings.Compare(b.Period, a.Period) })
		// Without the SKP the facts permit none of the appraiser's actions, which this page
		// does not offer anyway; the employee's sign-off needs only the deadline.
		f := kinerja.AssessmentFacts{ObjectionDays: cfg.ObjectionDays, Now: h.db.Now()}
		for _, x := range list {
			d.Assessments = append(d.Assessments, myAssessment{Assessment: x, Can: kinerja.AssessmentActions(u, x, f)})
		}
	}
	h.render(w, r, http.StatusOK, "assessments", page{Title: "assessments.title", Data: d})
}

// teamAssessmentRow is one person on the team assessment page.
type teamAssessmentRow struct {
	teamRow
	Assessment *kinerja.Assessment
	Progress   string
	CanStart   bool  // an approved SKP the reader may start assessing, not assessed yet
	AssessSKP  int64 // the approved version to assess: the current one, or the one a pending revision replaces
}

// state is the progress, which the status filter selects.
func (r teamAssessmentRow) state() string { return r.Progress }

// teamAssessmentsData is the data of "Penilaian tim".
type teamAssessmentsData struct {
	Scope      orgScope
	Choice     evalChoice
	NoEmployee bool
	Filter     form
	Filtered   bool
	Rows       []teamAssessmentRow // those the filter selects
	Total      int
	Counts     map[string]int
	Opens      time.Time // when the period has not ended yet: the first day its assessments may start
	// Groups are the rows by unit, when the team spans more than one unit.
	Groups []teamGroup[teamAssessmentRow]
}

// RowGroups returns the rows to show by unit, or all of them in one group without a heading.
func (d teamAssessmentsData) RowGroups() []teamGroup[teamAssessmentRow] {
	return rowGroups(d.Groups, d.Rows)
}

// States lists the progress states for the counts on top.
func (teamAssessmentsData) States() []string { return progressStates }

// Count returns how many rows are in state s.
func (d teamAssessmentsData) Count(s string) int { return d.Counts[s] }

// teamAssessments shows the reader's team with the progress of each member's assessment for
// an evaluation period, and starts the assessments the reader appraises. Five queries.
func (h *Handler) teamAssessments(w http.ResponseWriter, r *http.Request) {
	h.renderTeamAssessments(w, r, http.StatusOK, r.URL.Query().Get("period"), nil)
}

func (h *Handler) renderTeamAssessments(w http.ResponseWriter, r *http.Request, status int, key string, formErr error) {
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	s, err := h.orgScope(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	filter, ok := teamQuery(r.URL.Query(), progressStates)
	d := &teamAssessmentsData{Scope: s, NoEmployee: u.EmployeeID == nil, Filter: filter, Filtered: len(filter.Values) > 0,
		Counts: map[string]int{}}
	p := page{Title: "assessments_team.title", Data: d}
	if formErr != nil {
		p.Alert = kinerja.ErrorMessage(formErr)
	}
	if !ok {
		p.Alert = kinerja.MsgInvalidInput
		h.render(w, r, http.StatusUnprocessableEntity, "assessments_team", p)
		return
	}
	if s.Org == nil || u.EmployeeID == nil {
		h.render(w, r, status, "assessments_team", p)
		return
	}
	if d.Choice, err = h.chooseEval(ctx, "/assessments/team", s, key); err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Choice.Period == nil {
		h.render(w, r, status, "assessments_team", p)
		return
	}
	rows, err := h.teamRows(ctx, *u.EmployeeID, s.Org.ID, d.Choice.Period)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.db.FindAssessments(ctx, d.Choice.Key, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	byEmployee := map[int64]*kinerja.Assessment{}
	for _, x := range list {
		byEmployee[x.EmployeeID] = x
	}
	facts := kinerja.SKPFacts{PeriodClosed: d.Choice.Period.Closed}
	cfg, err := h.db.FindSettings(ctx, s.Org.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	open := true
	ep, found := kinerja.FindEvalPeriod(d.Choice.Period.Year, d.Choice.Period.Cadence, d.Choice.Key)
	if found {
		if kinerja.CheckAssessmentOpen(ep, cfg.AssessmentEarlyDays, kinerja.Today(h.db.Now())) != nil {
			open, d.Opens = false, kinerja.AssessmentOpens(ep, cfg.AssessmentEarlyDays).Time()
		}
	}
	all := make([]teamAssessmentRow, 0, len(rows))
	for _, row := range rows {
		x := byEmployee[row.EmployeeID]
		tr := teamAssessmentRow{teamRow: row, Assessment: x, Progress: progressOf(x)}
		if sk := row.SKP; sk != nil && x == nil {
			if sk.Status != kinerja.SKPApproved && sk.PreviousID != nil {
				// A revision is only started from an approved SKP, which stays in force, and is
				// the one assessed, until the revision is approved.
				if sk, err = h.db.FindSKPByID(ctx, *sk.PreviousID); err != nil {
					h.fail(w, r, err)
					return
				}
			}
			// After a transfer an SKP is assessed only for the periods it covers.
			covered := !found || kinerja.CheckAssessmentCovered(ep, d.Choice.Period, sk) == nil
			if open && covered && kinerja.CheckSKP(u, sk, facts, kinerja.ActionAssess) == nil {
				tr.AssessSKP, tr.CanStart = sk.ID, true
			}
		}
		all = append(all, tr)
	}
	d.Total = len(all)
	d.Rows, d.Counts = filterTeam(all, d.Filter)
	d.Groups = groupByUnit(d.Rows)
	h.render(w, r, status, "assessments_team", p)
}

// createAssessment starts the evaluation of an approved SKP for a period.
func (h *Handler) createAssessment(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	key := r.PostForm.Get("period")
	id, err := strconv.ParseInt(r.PostForm.Get("skp_id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgSKPNotFound)
		return
	}
	x, err := h.db.CreateAssessment(r.Context(), id, key)
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		if _, ferr := h.chooseEvalFor(r, key); ferr != nil {
			key = ""
		}
		h.renderTeamAssessments(w, r, httperr.Status(err), key, err)
		return
	}
	redirect(w, r, withFlash(assessmentURL(x.ID), flashAssessmentCreated))
}

// chooseEvalFor checks that key is an evaluation period of the reader's organisation.
func (h *Handler) chooseEvalFor(r *http.Request, key string) (evalChoice, error) {
	s, err := h.orgScope(r)
	if err != nil || s.Org == nil {
		return evalChoice{}, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgAssessmentPeriod)
	}
	return h.chooseEval(r.Context(), "", s, key)
}

// assessmentResult is an RHK on the assessment form: its targets with the period's
// realisation, and the feedback about it.
type assessmentResult struct {
	*kinerja.Result
	Number   int
	Items    []realisationItem
	Feedback []*kinerja.Feedback
	Advice   kinerja.Rating // from the kuantitas achievement, "" without one
	Percent  float64
	Work     *kinerja.ResultWork // the period's activities and evidence
	Rating   kinerja.Rating      // the pejabat penilai's rating of this RHK, once given
	Field    string              // the form field of its rating
}

// assessmentValue is a BerAKHLAK value with its guides, the appraiser's expectation and the
// feedback about it.
type assessmentValue struct {
	kinerja.BehaviorValue
	Expectation string
	Feedback    []*kinerja.Feedback
	Peer        *kinerja.PeerValueSummary // the peers' answers, once enough answered
}

// assessmentData is the data of the assessment page.
type assessmentData struct {
	X         *kinerja.Assessment
	SKP       *kinerja.SKP
	Results   []assessmentResult
	Values    []assessmentValue
	Peers     *kinerja.PeerSummary // nil when the reader may not see it
	General   []*kinerja.Feedback  // feedback about neither an RHK nor a value
	Ratings   []option
	Decisions []option
	Final     bool              // no longer a draft
	Mine      bool              // the reader is the employee assessed
	Can       kinerja.Permitted // what the reader may do with the assessment now

	Rate, Finalize, Object, Decide, Self form
	Violations                           []string              // the curve rules the finalisation breaks, with the numbers
	ConfirmPredikat                      kinerja.Predikat      // set on the confirmation step: the predikat finalising gives
	YearPeriods                          []*kinerja.Assessment // for an annual evaluation: the year's periodic ones
	ObjectionDays                        int                   // the organisation's, for the sign-off help
	ObjectionDeadline                    time.Time             // the last moment to object, once final
}

// pathAssessment loads the assessment of the URL.
func (h *Handler) pathAssessment(w http.ResponseWriter, r *http.Request) (*kinerja.Assessment, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgAssessmentNotFound)
		return nil, false
	}
	x, err := h.db.FindAssessmentByID(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return x, true
}

// assessment shows the evaluation form of an assessment.
func (h *Handler) assessment(w http.ResponseWriter, r *http.Request) {
	x, ok := h.pathAssessment(w, r)
	if !ok {
		return
	}
	h.renderAssessment(w, r, http.StatusOK, x, &assessmentData{}, nil)
}

// renderAssessment shows the page with d's forms (a refused one among them). Seven queries.
func (h *Handler) renderAssessment(w http.ResponseWriter, r *http.Request, status int, x *kinerja.Assessment, d *assessmentData, formErr error) {
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	locale := h.locale(r)
	s, err := h.db.FindSKPByID(ctx, x.SKPID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	re, err := h.db.FindRealisation(ctx, s.ID, x.Period)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	fb, err := h.db.FindFeedback(ctx, x.EmployeeID, s.Year)
	if err != nil && kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
		h.fail(w, r, err)
		return
	}
	work, err := h.db.FindResultWork(ctx, s.ID, x.Period)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Peers, err = h.db.PeerAggregate(ctx, s.PeriodID, x.EmployeeID); err != nil {
		if kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			h.fail(w, r, err)
			return
		}
		d.Peers = nil
	}
	cfg, err := h.db.FindSettings(ctx, x.OrgID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.X, d.SKP, d.ObjectionDays = x, s, cfg.ObjectionDays
	if x.FinalizedAt != nil {
		d.ObjectionDeadline = kinerja.ObjectionDeadline(*x.FinalizedAt, cfg.ObjectionDays)
	}
	d.Can = kinerja.AssessmentActions(u, x, kinerja.AssessmentFacts{SKP: s, ObjectionDays: cfg.ObjectionDays, Now: h.db.Now()})
	if !strings.Contains(x.Period, "-") {
		// The annual evaluation shows the year's periodic ones side by side.
		all, err := h.db.FindAssessments(ctx, "", &x.EmployeeID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, p := range all {
			if strings.HasPrefix(p.Period, x.Period+"-") {
				d.YearPeriods = append(d.YearPeriods, p)
			}
		}
	}
	d.Final = x.Status != kinerja.AssessmentDraft
	d.Mine = u.EmployeeID != nil && *u.EmployeeID == x.EmployeeID
	for _, rt := range kinerja.Ratings {
		d.Ratings = append(d.Ratings, option{Value: string(rt), Label: h.i18n.label(locale, "rating", string(rt))})
	}
	for _, dc := range []string{kinerja.DecisionKeep, kinerja.DecisionChange} {
		d.Decisions = append(d.Decisions, option{Value: dc, Label: h.i18n.label(locale, "decision", dc)})
	}
	var aboutResults []*kinerja.Feedback
	byValue := map[string][]*kinerja.Feedback{}
	for _, f := range fb {
		if f.ParentID != nil || f.Request {
			continue
		}
		switch {
		case f.ResultID != nil:
			aboutResults = append(aboutResults, f)
		case f.Value != "":
			byValue[f.Value] = append(byValue[f.Value], f)
		default:
			d.General = append(d.General, f)
		}
	}
	items := map[int64][]realisationItem{}
	for _, it := range re {
		items[it.ResultID] = append(items[it.ResultID], newRealisationItem(it))
	}
	for i, res := range s.Results {
		ar := assessmentResult{Result: res, Number: i + 1, Items: items[res.ID], Field: "rhk_" + strconv.FormatInt(res.ID, 10),
			Work: work[res.ID], Rating: x.ResultRatings[res.ID]}
		for _, f := range aboutResults {
			if f.AboutResult(res) {
				ar.Feedback = append(ar.Feedback, f)
			}
		}
		for _, it := range ar.Items {
			if it.Aspect == kinerja.AspectQuantity && it.Percent != nil {
				ar.Percent, ar.Advice = *it.Percent, cfg.AchievementAdvice(*it.Percent)
			}
		}
		d.Results = append(d.Results, ar)
	}
	expect := map[string]string{}
	for _, b := range s.Behaviors {
		expect[b.Value] = b.Expectation
	}
	peer := map[string]*kinerja.PeerValueSummary{}
	if d.Peers != nil && d.Peers.Visible {
		for i := range d.Peers.Values {
			peer[d.Peers.Values[i].Value] = &d.Peers.Values[i]
		}
	}
	for _, v := range kinerja.BerAKHLAK {
		d.Values = append(d.Values, assessmentValue{BehaviorValue: v, Expectation: expect[v.Code], Feedback: byValue[v.Code], Peer: peer[v.Code]})
	}
	if d.Rate.Values == nil {
		vals := rateValues(x)
		for id, rt := range x.ResultRatings {
			vals.Set("rhk_"+strconv.FormatInt(id, 10), string(rt))
		}
		d.Rate = newForm(vals, nil)
	}
	if d.Self.Values == nil {
		d.Self = newForm(url.Values{"self_result_rating": {string(x.SelfResultRating)}, "self_behavior_rating": {string(x.SelfBehaviorRating)},
			"self_reflection": {x.SelfReflection}}, nil)
	}
	for _, f := range []*form{&d.Finalize, &d.Object, &d.Decide} {
		if f.Values == nil {
			*f = newForm(nil, nil)
		}
	}
	p := page{Title: "assessment.title", Data: d}
	if formErr != nil {
		p.Alert = alertFor(formErr, "result_rating", "result_reason", "behavior_rating", "behavior_reason", "recommendation", "justification", "reason", "decision",
			"self_result_rating", "self_behavior_rating", "self_reflection")
		if len(d.Violations) > 0 {
			p.Alert = kinerja.MsgAssessmentJustification
		}
	}
	h.render(w, r, status, "assessment", p)
}

// ratingPtr reads an optional rating field: nil when empty.
func ratingPtr(values url.Values, name string) *kinerja.Rating {
	v := strings.TrimSpace(values.Get(name))
	if v == "" {
		return nil
	}
	rt := kinerja.Rating(v)
	return &rt
}

// updateAssessment records the pejabat penilai's ratings and reasons.
func (h *Handler) updateAssessment(w http.ResponseWriter, r *http.Request) {
	x, ok := h.pathAssessment(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	v := r.PostForm
	if _, err := h.db.UpdateAssessment(r.Context(), x.ID, rateUpdate(v)); err != nil {
		h.refuseAssessment(w, r, x, &assessmentData{Rate: newForm(v, err)}, err)
		return
	}
	redirect(w, r, withFlash(assessmentURL(x.ID), flashAssessmentSaved))
}

// rateUpdate reads the rating form.
func rateUpdate(v url.Values) kinerja.AssessmentUpdate {
	rr, br := v.Get("result_reason"), v.Get("behavior_reason")
	upd := kinerja.AssessmentUpdate{ResultRating: ratingPtr(v, "result_rating"), ResultReason: &rr,
		BehaviorRating: ratingPtr(v, "behavior_rating"), BehaviorReason: &br, ResultRatings: map[int64]kinerja.Rating{}}
	if v.Has("recommendation") {
		rec := v.Get("recommendation")
		upd.Recommendation = &rec
	}
	for k := range v {
		if id, err := strconv.ParseInt(strings.TrimPrefix(k, "rhk_"), 10, 64); strings.HasPrefix(k, "rhk_") && err == nil && v.Get(k) != "" {
			upd.ResultRatings[id] = kinerja.Rating(v.Get(k))
		}
	}
	return upd
}

// rateValues are the rating form's fields as stored.
func rateValues(x *kinerja.Assessment) url.Values {
	return url.Values{"result_rating": {string(x.ResultRating)}, "result_reason": {x.ResultReason},
		"behavior_rating": {string(x.BehaviorRating)}, "behavior_reason": {x.BehaviorReason},
		"recommendation": {x.Recommendation}}
}

// refuseAssessment shows the assessment page again with the refused form of d, or the error
// page when err is not about the input.
func (h *Handler) refuseAssessment(w http.ResponseWriter, r *http.Request, x *kinerja.Assessment, d *assessmentData, err error) {
	if kinerja.ErrorCode(err) != kinerja.EINVALID {
		h.fail(w, r, err)
		return
	}
	h.renderAssessment(w, r, httperr.Status(err), x, d, err)
}

// finalizeAssessment finalises the assessment in two steps. Pressed on the rating form, it
// first saves what is on the form (so nothing typed is lost), then asks to confirm, showing the
// predikat it will give and the curve rules it would break with the justification field;
// any refusal shows the form again as typed. The confirmation (a post without the rating
// fields) makes it final; when it breaks the distribution curve the store asks for a
// justification and the confirmation is shown again with the broken rules and their numbers.
func (h *Handler) finalizeAssessment(w http.ResponseWriter, r *http.Request) {
	x, ok := h.pathAssessment(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	v := r.PostForm
	if _, rating := v["result_rating"]; rating {
		ctx := r.Context()
		saved, err := h.db.UpdateAssessment(ctx, x.ID, rateUpdate(v))
		if err == nil {
			x = saved
			var d assessmentData
			if d.ConfirmPredikat, d.Violations, err = h.db.PreviewFinalize(ctx, x.ID); err == nil {
				d.Finalize = newForm(url.Values{"justification": {v.Get("justification")}}, nil)
				h.renderAssessment(w, r, http.StatusOK, x, &d, nil)
				return
			}
		}
		h.refuseAssessment(w, r, x, &assessmentData{Rate: newForm(v, err)}, err)
		return
	}
	if _, err := h.db.FinalizeAssessment(r.Context(), x.ID, v.Get("justification")); err != nil {
		d := &assessmentData{}
		if _, curve := kinerja.ErrorFields(err)["justification"]; curve {
			d.Finalize = newForm(v, err)
			if p, ok := kinerja.PredikatOf(x.ResultRating, x.BehaviorRating); ok {
				d.ConfirmPredikat = p
			}
			var breach *kinerja.CurveBreach
			if errors.As(err, &breach) {
				d.Violations = breach.Rules
			}
		} else {
			d.Rate = newForm(rateValues(x), err)
		}
		h.refuseAssessment(w, r, x, d, err)
		return
	}
	redirect(w, r, withFlash(assessmentURL(x.ID), flashAssessmentFinal))
}

// acknowledgeAssessment records that the employee accepts the assessment.
func (h *Handler) acknowledgeAssessment(w http.ResponseWriter, r *http.Request) {
	x, ok := h.pathAssessment(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	if _, err := h.db.AcknowledgeAssessment(r.Context(), x.ID); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, withFlash(assessmentURL(x.ID), flashAssessmentAcknowledged))
}

// selfAssess records the employee's self-assessment and reflection.
func (h *Handler) selfAssess(w http.ResponseWriter, r *http.Request) {
	x, ok := h.pathAssessment(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	v := r.PostForm
	if _, err := h.db.SelfAssess(r.Context(), x.ID, kinerja.Rating(v.Get("self_result_rating")), kinerja.Rating(v.Get("self_behavior_rating")),
		v.Get("self_reflection")); err != nil {
		h.refuseAssessment(w, r, x, &assessmentData{Self: newForm(v, err)}, err)
		return
	}
	redirect(w, r, withFlash(assessmentURL(x.ID), flashAssessmentSelf))
}

// objectAssessment files the employee's objection with a reason.
func (h *Handler) objectAssessment(w http.ResponseWriter, r *http.Request) {
	x, ok := h.pathAssessment(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	if _, err := h.db.ObjectAssessment(r.Context(), x.ID, r.PostForm.Get("reason")); err != nil {
		h.refuseAssessment(w, r, x, &assessmentData{Object: newForm(r.PostForm, err)}, err)
		return
	}
	redirect(w, r, withFlash(assessmentURL(x.ID), flashAssessmentObjected))
}

// decideObjection is the atasan pejabat penilai's decision on an objection.
func (h *Handler) decideObjection(w http.ResponseWriter, r *http.Request) {
	x, ok := h.pathAssessment(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	v := r.PostForm
	_, err := h.db.DecideObjection(r.Context(), x.ID, v.Get("decision"), kinerja.Rating(v.Get("result_rating")),
		kinerja.Rating(v.Get("behavior_rating")), v.Get("reason"))
	if err != nil {
		h.refuseAssessment(w, r, x, &assessmentData{Decide: newForm(v, err)}, err)
		return
	}
	redirect(w, r, withFlash(assessmentURL(x.ID), flashAssessmentDecided))
}

// assessmentPDF serves the Dokumen Evaluasi Kinerja Pegawai of an assessment.
func (h *Handler) assessmentPDF(w http.ResponseWriter, r *http.Request) {
	x, ok := h.pathAssessment(w, r)
	if !ok {
		return
	}
	f, err := h.app.EvaluationDocument(r.Context(), x.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f.Serve(w)
}
