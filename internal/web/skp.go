package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

func skpURL(id int64) string { return "/skp/" + strconv.FormatInt(id, 10) }

// periodChoice is the period chooser of the SKP pages: the organisation's years, newest
// first, and the one shown.
type periodChoice struct {
	Base    string // the page the chooser reloads
	Org     int64  // the organisation to keep when the reader picks among several; 0 else
	Periods []*kinerja.Period
	Period  *kinerja.Period // nil while the organisation has no period
}

// previous returns the year before the chosen one, or nil.
func (c periodChoice) previous() *kinerja.Period {
	return previousPeriod(c.Periods, c.Period)
}

// previousPeriod returns the latest period of periods before p, or nil.
func previousPeriod(periods []*kinerja.Period, p *kinerja.Period) *kinerja.Period {
	var prev *kinerja.Period
	for _, q := range periods {
		if p != nil && q.Year < p.Year && (prev == nil || q.Year > prev.Year) {
			prev = q
		}
	}
	return prev
}

// choosePeriod reads the period a page shows, ?period=ID among the organisation's years,
// else the newest. An unknown id is not found.
func (h *Handler) choosePeriod(ctx context.Context, base string, s orgScope, want string) (periodChoice, error) {
	c := periodChoice{Base: base}
	if s.Choosing() {
		c.Org = s.Org.ID
	}
	var err error
	if c.Periods, err = h.db.FindPeriods(ctx, s.Org.ID); err != nil {
		return c, err
	}
	if want == "" {
		if len(c.Periods) > 0 {
			c.Period = c.Periods[0]
		}
		return c, nil
	}
	id, _ := strconv.ParseInt(want, 10, 64)
	for _, p := range c.Periods {
		if p.ID == id {
			c.Period = p
			return c, nil
		}
	}
	return c, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgPeriodNotFound)
}

// skpOf returns the current SKP of an employee for a period, or nil when there is none.
func (h *Handler) skpOf(ctx context.Context, employee, period int64) (*kinerja.SKP, error) {
	list, _, err := h.db.FindSKPs(ctx, kinerja.SKPFilter{PeriodID: period, EmployeeID: &employee, Limit: 1})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}

// mySKPData is the data of "SKP saya".
type mySKPData struct {
	Scope      orgScope
	Choice     periodChoice
	CanManage  bool // an admin, who may open a year
	PeriodForm form // opening a year
	NoEmployee bool
	Create     form         // the approach of a new SKP
	Previous   *kinerja.SKP // last year's SKP, to start from
	View       *skpView     // the SKP, once there is one
}

// mySKP shows the caller's SKP for the chosen period, or what to do while there is none.
func (h *Handler) mySKP(w http.ResponseWriter, r *http.Request) {
	h.renderMySKP(w, r, http.StatusOK, r.URL.Query().Get("period"), nil, nil)
}

func (h *Handler) renderMySKP(w http.ResponseWriter, r *http.Request, status int, period string, create *form, formErr error) {
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	s, err := h.orgScope(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := mySKPData{Scope: s, PeriodForm: newForm(h.periodValues(), nil), NoEmployee: u.EmployeeID == nil,
		Create: newForm(url.Values{"approach": {string(kinerja.ApproachQuantitative)}}, nil)}
	if create != nil {
		d.Create = *create
	}
	p := page{Title: "skp_mine.title", Data: &d}
	if formErr != nil {
		p.Alert = alertFor(formErr, "approach")
	}
	if s.Org == nil {
		h.render(w, r, status, "skp_mine", p)
		return
	}
	d.CanManage = kinerja.CanManageEmployees(u, s.Org.ID)
	if d.Choice, err = h.choosePeriod(ctx, "/skp", s, period); err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Choice.Period == nil || u.EmployeeID == nil {
		h.render(w, r, status, "skp_mine", p)
		return
	}
	mine, err := h.skpOf(ctx, *u.EmployeeID, d.Choice.Period.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if mine != nil {
		full, err := h.db.FindSKPByID(ctx, mine.ID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if d.View, err = h.skpView(ctx, full, d.Choice.Period, d.Choice.Periods); err != nil {
			h.fail(w, r, err)
			return
		}
	} else if prev := d.Choice.previous(); prev != nil {
		if d.Previous, err = h.skpOf(ctx, *u.EmployeeID, prev.ID); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, status, "skp_mine", p)
}

// createSKP starts the caller's SKP for a period; with from it copies that SKP (last
// year's) into it.
func (h *Handler) createSKP(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	if u.EmployeeID == nil {
		h.ErrorPage(w, r, http.StatusUnprocessableEntity, kinerja.MsgSKPNoEmployee)
		return
	}
	period := r.PostForm.Get("period_id")
	periodID, err := strconv.ParseInt(period, 10, 64)
	if err != nil || periodID <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgPeriodNotFound)
		return
	}
	var from int64
	if f := r.PostForm.Get("from"); f != "" {
		if from, err = strconv.ParseInt(f, 10, 64); err != nil || from <= 0 {
			h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgSKPNotFound)
			return
		}
	}
	approach := kinerja.Approach(r.PostForm.Get("approach"))
	ok := flashSKPCreated
	var s *kinerja.SKP
	if from > 0 {
		// The copy is part of creating: when it fails, no empty SKP is left behind.
		s, err = h.db.CreateSKPCopy(ctx, *u.EmployeeID, periodID, approach, from)
		ok = flashSKPCopied
	} else {
		s, err = h.db.CreateSKP(ctx, *u.EmployeeID, periodID, approach)
	}
	switch kinerja.ErrorCode(err) {
	case "":
	case kinerja.EINVALID:
		f := newForm(r.PostForm, err)
		h.renderMySKP(w, r, httperr.Status(err), period, &f, err)
		return
	default:
		h.fail(w, r, err)
		return
	}
	redirect(w, r, withFlash(skpURL(s.ID), ok))
}

// skpView is an SKP as its page shows it, with what the reader may do.
type skpView struct {
	SKP        *kinerja.SKP
	Period     *kinerja.Period
	Main       []resultView
	Additional []resultView
	Behaviors  []behaviorView
	Versions   []*kinerja.SKP // every version, newest first, when there is more than one
	CurrentID  int64          // the current version, when this one is older
	Mine       bool
	Can        kinerja.Permitted // what the reader may do with the SKP now
	Matrix     bool              // link the Matriks Peran Hasil: the reader's own current SKP, when they lead staff
	Return     form              // returning with a note
	Errors     map[int64]string  // per RHK: what keeps the SKP from being submitted
	CopyFrom   *kinerja.SKP      // last year's SKP, offered while this one has no RHK

	// Changes are what this version changed in the RHK of version ChangedFrom, the previous one.
	Changes     []kinerja.ResultChange
	ChangedFrom int
	Late        bool         // not approved after its due date
	Start, End  kinerja.Date // the part of the period the SKP covers
	// Successor is the SKP started after a transfer closed this one; NewAfterTransfer offers
	// its employee to start it while there is none.
	Successor        *kinerja.SKP
	NewAfterTransfer bool
}

// JPT reports whether the SKP is of the JPT and pimpinan unit kerja mandiri form.
func (v *skpView) JPT() bool { return v.SKP.Form == kinerja.FormJPT }

// Perspectives groups the utama RHK of a JPT SKP by perspective, in the order of the lampiran,
// those without one last.
func (v *skpView) Perspectives() []perspectiveGroup {
	var out []perspectiveGroup
	for _, p := range append(append([]kinerja.Perspective(nil), kinerja.Perspectives...), kinerja.PerspectiveNone) {
		g := perspectiveGroup{Perspective: p}
		for _, r := range v.Main {
			if r.Perspective == p {
				g.Results = append(g.Results, r)
			}
		}
		if len(g.Results) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// perspectiveGroup is the utama RHK of one perspective of a JPT SKP.
type perspectiveGroup struct {
	Perspective kinerja.Perspective
	Results     []resultView
}

// resultView is an RHK with its number in its list.
type resultView struct {
	*kinerja.Result
	View    *skpView // the page it is on
	Number  int
	Missing []kinerja.Aspect // required aspects a kuantitatif RHK still lacks
}

// Problem returns what keeps the RHK from being submitted, or "".
func (r resultView) Problem() string {
	if r.View == nil {
		return ""
	}
	return r.View.Errors[r.ID]
}

// behaviorView is a BerAKHLAK value with its guides and the expectation written for it.
type behaviorView struct {
	kinerja.BehaviorValue
	Expectation string
}

// behaviorViews pairs the seven values with the expectations of bs.
func behaviorViews(bs []kinerja.Behavior) []behaviorView {
	out := make([]behaviorView, len(kinerja.BerAKHLAK))
	for i, v := range kinerja.BerAKHLAK {
		out[i].BehaviorValue = v
		for _, b := range bs {
			if b.Value == v.Code {
				out[i].Expectation = b.Expectation
			}
		}
	}
	return out
}

// skpView prepares s (with its results) for its page. p and periods are passed when the
// caller has them already; the queries are bounded whatever the number of RHK.
func (h *Handler) skpView(ctx context.Context, s *kinerja.SKP, p *kinerja.Period, periods []*kinerja.Period) (*skpView, error) {
	u := kinerja.UserFromContext(ctx)
	v := &skpView{SKP: s, Period: p, Return: newForm(nil, nil)}
	var err error
	if v.Period == nil {
		if v.Period, err = h.db.FindPeriodByID(ctx, s.PeriodID); err != nil {
			return nil, err
		}
	}
	v.Mine = u.EmployeeID != nil && *u.EmployeeID == s.EmployeeID
	v.Late = s.Current && s.Late(h.today())
	v.Start, v.End = s.Span(v.Period)
	if s.Closed() && s.Current {
		if v.Successor, err = h.skpOf(ctx, s.EmployeeID, s.PeriodID); err != nil {
			return nil, err
		}
		if v.Successor != nil && v.Successor.Closed() {
			v.Successor = nil
		}
		v.NewAfterTransfer = v.Successor == nil && !v.Period.Closed && kinerja.CanEditSKP(u, s)
	}
	v.Can = kinerja.SKPActions(u, s, kinerja.SKPFacts{PeriodClosed: v.Period.Closed})
	v.Matrix = s.Current && v.Mine && u.HasRole(kinerja.RoleAtasan)
	for _, r := range s.Results {
		rv := resultView{Result: r, View: v}
		if s.Approach == kinerja.ApproachQuantitative {
			rv.Missing = r.MissingAspects()
		}
		if r.Kind == kinerja.ResultMain {
			rv.Number = len(v.Main) + 1
			v.Main = append(v.Main, rv)
		} else {
			rv.Number = len(v.Additional) + 1
			v.Additional = append(v.Additional, rv)
		}
	}
	v.Behaviors = behaviorViews(s.Behaviors)
	if s.Version > 1 || !s.Current {
		if v.Versions, err = h.db.FindSKPVersions(ctx, s.ID); err != nil {
			return nil, err
		}
		for _, o := range v.Versions {
			if o.Current && o.ID != s.ID {
				v.CurrentID = o.ID
			}
		}
		if v.Changes, v.ChangedFrom, err = h.skpChanges(ctx, s, v.Versions); err != nil {
			return nil, err
		}
	}
	if v.Can.Has(kinerja.ActionEdit) && len(s.Results) == 0 {
		if periods == nil {
			if periods, err = h.db.FindPeriods(ctx, s.OrgID); err != nil {
				return nil, err
			}
		}
		if prev := previousPeriod(periods, v.Period); prev != nil {
			if v.CopyFrom, err = h.skpOf(ctx, s.EmployeeID, prev.ID); err != nil {
				return nil, err
			}
		}
	}
	return v, nil
}

// resultErrors places the field messages of a refused submission ("results.2.indicators")
// on the RHK they are about, by position in s.Results.
func resultErrors(s *kinerja.SKP, err error) map[int64]string {
	out := map[int64]string{}
	for k, msg := range kinerja.ErrorFields(err) {
		rest, ok := strings.CutPrefix(k, "results.")
		if !ok {
			continue
		}
		n, _, _ := strings.Cut(rest, ".")
		if i, err := strconv.Atoi(n); err == nil && i >= 0 && i < len(s.Results) {
			if _, seen := out[s.Results[i].ID]; !seen || strings.HasSuffix(k, "parent_result_id") {
				out[s.Results[i].ID] = msg
			}
		}
	}
	return out
}

// pathSKPID reads the {id} of an SKP URL.
func (h *Handler) pathSKPID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgSKPNotFound)
		return 0, false
	}
	return id, true
}

// pathSKP finds the SKP of the URL with its results; it answers with the error page itself
// when that fails.
func (h *Handler) pathSKP(w http.ResponseWriter, r *http.Request) (*kinerja.SKP, bool) {
	id, ok := h.pathSKPID(w, r)
	if !ok {
		return nil, false
	}
	s, err := h.db.FindSKPByID(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return s, true
}

// skp shows an SKP with the actions its reader may take.
func (h *Handler) skp(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathSKPID(w, r)
	if !ok {
		return
	}
	h.renderSKPFor(w, r, id, http.StatusOK, nil, nil)
}

// renderSKPFor shows SKP id; ret is the return form shown again, formErr a refused action
// whose messages go to the top and next to the RHK concerned.
func (h *Handler) renderSKPFor(w http.ResponseWriter, r *http.Request, id int64, status int, ret *form, formErr error) {
	ctx := r.Context()
	s, err := h.db.FindSKPByID(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.skpView(ctx, s, nil, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := page{Title: "skp.title", Data: v}
	if ret != nil {
		v.Return = *ret
	}
	if formErr != nil {
		v.Errors = resultErrors(s, formErr)
		p.Alert = alertFor(formErr, "note")
	}
	h.render(w, r, status, "skp", p)
}

// skpAction runs a workflow step on the SKP of the URL and goes to the SKP it leaves (a
// revision makes a new one). A step the SKP is not ready for is explained on its page.
func (h *Handler) skpAction(w http.ResponseWriter, r *http.Request, ok flash, step func(context.Context, int64) (*kinerja.SKP, error)) {
	id, valid := h.pathSKPID(w, r)
	if !valid || !h.parseForm(w, r) {
		return
	}
	s, err := step(r.Context(), id)
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.renderSKPFor(w, r, id, httperr.Status(err), nil, err)
		return
	}
	redirect(w, r, withFlash(skpURL(s.ID), ok))
}

func (h *Handler) submitSKP(w http.ResponseWriter, r *http.Request) {
	h.skpAction(w, r, flashSKPSubmitted, h.db.SubmitSKP)
}

func (h *Handler) approveSKP(w http.ResponseWriter, r *http.Request) {
	h.skpAction(w, r, flashSKPApproved, h.db.ApproveSKP)
}

func (h *Handler) reviseSKP(w http.ResponseWriter, r *http.Request) {
	h.skpAction(w, r, flashSKPRevised, h.db.ReviseSKP)
}

// returnSKP sends a submitted SKP back with the note the pejabat penilai wrote.
func (h *Handler) returnSKP(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathSKPID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	s, err := h.db.ReturnSKP(r.Context(), id, r.PostForm.Get("note"))
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		f := newForm(r.PostForm, err)
		h.renderSKPFor(w, r, id, httperr.Status(err), &f, err)
		return
	}
	redirect(w, r, withFlash(skpURL(s.ID), flashSKPReturned))
}

// copySKP copies another SKP (last year's) into the SKP of the URL.
func (h *Handler) copySKP(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathSKPID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	from, err := strconv.ParseInt(r.PostForm.Get("from"), 10, 64)
	if err != nil || from <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgSKPNotFound)
		return
	}
	if _, err := h.db.CopySKP(r.Context(), from, id); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.renderSKPFor(w, r, id, httperr.Status(err), nil, err)
		return
	}
	redirect(w, r, withFlash(skpURL(id), flashSKPCopied))
}

// skpPDF serves the SKP document as a PDF attachment.
func (h *Handler) skpPDF(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathSKPID(w, r)
	if !ok {
		return
	}
	f, err := h.app.SKPDocument(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f.Serve(w)
}
