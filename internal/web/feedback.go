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

// feedbackURL is the feedback timeline of an employee.
func feedbackURL(id int64) string { return "/employees/" + strconv.FormatInt(id, 10) + "/feedback" }

// feedbackData is the data of an employee's feedback page: the continuous-feedback timeline,
// the peer feedback of the year and the dialogs kinerja, with the forms the reader may use.
type feedbackData struct {
	Employee *kinerja.Employee
	Self     bool              // the reader is the employee
	Can      kinerja.Permitted // what the reader may do about the employee now (kinerja.FeedbackActions)
	Choice   periodChoice
	Year     int

	Threads  []feedbackThread
	Results  []optionGroup // the employee's RHK of the year
	Values   []optionGroup // the BerAKHLAK values
	Evidence []optionGroup // the employee's recent evidence, for a supervisor to refer to
	Give     form
	Request  form
	Reply    form
	ReplyTo  int64 // the thread whose reply form is shown again

	Peer        *kinerja.PeerSummary
	Answers     []*kinerja.PeerAnswer
	Assigned    []*kinerja.PeerAssignment
	PeerChoices []peerChoice
	PeerOthers  []optionGroup
	Peers       form
	Proposal    *kinerja.PeerProposal // the employee's proposal waiting for the pejabat penilai
	PeersChosen bool                  // for the employee: the peers of the period are assigned
	Propose     form
	ProposeOpts []option      // the colleagues the employee may propose
	ProposeSlot []proposeSlot // one select a peer the employee may propose

	Dialogs    []dialogView
	Dialog     form
	DialogRows []dialogRow
	Owners     []optionGroup
	DialogWith int64 // the supervisor_id of the dialog form: 0 for kinerja.DialogSupervisor
}

// dialogView is a dialog kinerja with what the reader may do with it.
type dialogView struct {
	*kinerja.Dialog
	Can kinerja.Permitted
}

// feedbackThread is a feedback or request with the replies to it.
type feedbackThread struct {
	*kinerja.Feedback
	Replies []*kinerja.Feedback
}

// ReplyForm returns the reply form of thread id, the posted one when it is about id.
func (d *feedbackData) ReplyForm(id int64) form {
	if id == d.ReplyTo {
		return d.Reply
	}
	return newForm(nil, nil)
}

// peerChoice is a colleague offered as a peer: assigned now, or suggested by the rule.
type peerChoice struct {
	ID        int64
	Name      string
	Position  string
	Checked   bool
	Answered  bool // assigned and answered: cannot be released
	Suggested bool
	Proposed  bool // in the employee's proposal
}

// proposeSlot is one select of the peer proposal form and the colleague chosen in it.
type proposeSlot struct {
	N     int
	Value string
}

// dialogRow is one agreed action of the dialog form: fields actions.N.text, .owner_id and
// .due_date, with ids actions-N-text and so on.
type dialogRow struct{ Index int }

// Name returns the form name of one of the row's fields.
func (r dialogRow) Name(f string) string { return "actions." + strconv.Itoa(r.Index) + "." + f }

// ID returns the element id of one of the row's fields.
func (r dialogRow) ID(f string) string { return "actions-" + strconv.Itoa(r.Index) + "-" + f }

// Number counts the rows from 1.
func (r dialogRow) Number() int { return r.Index + 1 }

// dialogRows is how many agreed actions the dialog form offers.
const dialogRows = 3

// recentEvidence is how many of the employee's latest activities the feedback form offers
// evidence from.
const recentEvidence = 30

// feedbackSubject finds the employee of the URL for the feedback page. A pejabat penilai who
// is not above the employee may not open the employee's record but may read their
// feedback: they get the directory entry.
func (h *Handler) feedbackSubject(w http.ResponseWriter, r *http.Request) (*kinerja.Employee, bool) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgEmployeeNotFound)
		return nil, false
	}
	e, err := h.db.FindEmployeeByID(ctx, id)
	if kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
		if err != nil {
			h.fail(w, r, err)
			return nil, false
		}
		return e, true
	}
	u := kinerja.UserFromContext(ctx)
	// The year 1 holds no feedback: the call only asks whether the reader may read it.
	if _, ferr := h.db.FindFeedback(ctx, id, 1); ferr != nil || u.OrgID == nil {
		h.fail(w, r, err)
		return nil, false
	}
	people, err := h.allEmployees(ctx, kinerja.EmployeeFilter{OrgID: *u.OrgID, All: true})
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	for _, p := range people {
		if p.ID == id {
			p.AppraiserID = u.EmployeeID // only the pejabat penilai reads the feedback of someone outside their team
			return p, true
		}
	}
	h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgEmployeeNotFound)
	return nil, false
}

// employeeFeedback shows the feedback page of an employee.
func (h *Handler) employeeFeedback(w http.ResponseWriter, r *http.Request) {
	e, ok := h.feedbackSubject(w, r)
	if !ok {
		return
	}
	h.renderFeedback(w, r, http.StatusOK, e, &feedbackData{}, nil)
}

// renderFeedback shows the page with the forms of d (a refused one among them); formErr is
// its error, for the summary on top.
func (h *Handler) renderFeedback(w http.ResponseWriter, r *http.Request, status int, e *kinerja.Employee, d *feedbackData, formErr error) {
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	locale := h.locale(r)
	d.Employee = e
	d.Self = u.EmployeeID != nil && *u.EmployeeID == e.ID
	s, err := h.scopeOf(ctx, e.OrgID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Choice, err = h.choosePeriod(ctx, feedbackURL(e.ID), s, r.URL.Query().Get("period")); err != nil {
		h.fail(w, r, err)
		return
	}
	d.Year = h.today().Year()
	var period int64
	if d.Choice.Period != nil {
		d.Year, period = d.Choice.Period.Year, d.Choice.Period.ID
	}
	if d.Can, err = h.db.FeedbackActions(ctx, e.ID, period); err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.db.FindFeedback(ctx, e.ID, d.Year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Threads = feedbackThreads(list)
	d.Values = behaviorChoices()
	if d.Results, err = h.resultChoices(ctx, locale, e.OrgID, e.ID, d.Year); err != nil {
		h.fail(w, r, err)
		return
	}
	for _, f := range []*form{&d.Give, &d.Request, &d.Reply, &d.Peers, &d.Dialog, &d.Propose} {
		if f.Values == nil {
			*f = newForm(nil, nil)
		}
	}
	if d.Can.Has(kinerja.ActionGiveFeedback) {
		if d.Evidence, err = h.evidenceChoices(ctx, e.ID); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if d.Choice.Period != nil {
		if err := h.peerData(ctx, e, d); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	dialogs, err := h.db.FindDialogs(ctx, e.ID)
	if err != nil && kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
		h.fail(w, r, err)
		return
	}
	for _, dl := range dialogs {
		d.Dialogs = append(d.Dialogs, dialogView{Dialog: dl, Can: kinerja.DialogActions(u, dl)})
	}
	if d.Can.Has(kinerja.ActionRecordDialog) {
		h.dialogForm(u, e, d, locale)
	}
	p := page{Title: "feedback.title", Data: d}
	if formErr != nil {
		p.Alert = alertFor(formErr, "text", "result_id", "value", "evidence_id", "peer_ids", "date", "topics")
	}
	h.render(w, r, status, "feedback", p)
}

// feedbackThreads nests replies under the entry they answer; FindFeedback lists each thread
// with its replies right after it.
func feedbackThreads(list []*kinerja.Feedback) []feedbackThread {
	var out []feedbackThread
	index := map[int64]int{}
	for _, f := range list {
		if f.ParentID != nil {
			if i, ok := index[*f.ParentID]; ok {
				out[i].Replies = append(out[i].Replies, f)
				continue
			}
		}
		index[f.ID] = len(out)
		out = append(out, feedbackThread{Feedback: f})
	}
	return out
}

// behaviorChoices lists the seven BerAKHLAK values for a select.
func behaviorChoices() []optionGroup {
	g := optionGroup{}
	for _, b := range kinerja.BerAKHLAK {
		g.Options = append(g.Options, option{Value: b.Code, Label: b.Name})
	}
	return []optionGroup{g}
}

// behaviorName returns the name of a BerAKHLAK value, or code itself.
func behaviorName(code string) string {
	for _, b := range kinerja.BerAKHLAK {
		if b.Code == code {
			return b.Name
		}
	}
	return code
}

// evidenceChoices lists the evidence of an employee's latest activities, newest first, for
// a supervisor to tie feedback to. Three queries.
func (h *Handler) evidenceChoices(ctx context.Context, employee int64) ([]optionGroup, error) {
	acts, _, err := h.db.FindActivities(ctx, kinerja.ActivityFilter{EmployeeID: &employee, Limit: recentEvidence})
	if err != nil {
		return nil, err
	}
	g := optionGroup{}
	for _, a := range acts {
		for _, v := range a.Evidence {
			g.Options = append(g.Options, option{Value: strconv.FormatInt(v.ID, 10), Label: a.Date.String() + " · " + v.Filename})
		}
	}
	if len(g.Options) == 0 {
		return nil, nil
	}
	return []optionGroup{g}, nil
}

// optionalPositive reads an optional positive id; anything else is a field error.
func optionalPositive(v *kinerja.Validation, values url.Values, field, msg string) *int64 {
	s := strings.TrimSpace(values.Get(field))
	if s == "" {
		return nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		v.Add(field, msg)
		return nil
	}
	return &id
}

// postFeedback writes continuous feedback about the employee of the URL: a supervisor's
// feedback (mode give), the employee's request for feedback (mode request), or a reply in a
// thread (mode reply, with parent_id).
func (h *Handler) postFeedback(w http.ResponseWriter, r *http.Request) {
	e, ok := h.feedbackSubject(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	values := r.PostForm
	mode := values.Get("mode")
	var v kinerja.Validation
	n := kinerja.NewFeedback{AboutEmployeeID: e.ID, Text: values.Get("text")}
	switch mode {
	case "give", "request":
		n.Request = mode == "request"
		n.ResultID = optionalPositive(&v, values, "result_id", kinerja.MsgFeedbackResultID)
		n.Value = values.Get("value")
		if mode == "give" {
			n.EvidenceID = optionalPositive(&v, values, "evidence_id", kinerja.MsgFeedbackEvidence)
		}
	case "reply":
		n.ParentID = optionalPositive(&v, values, "parent_id", kinerja.MsgFeedbackParent)
		if n.ParentID == nil {
			h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgFeedbackNotFound)
			return
		}
	default:
		h.ErrorPage(w, r, http.StatusBadRequest, kinerja.MsgInvalidInput)
		return
	}
	err := v.Err()
	if err != nil {
		err = mergeErrors(err, n.Validate())
	} else {
		_, err = h.db.CreateFeedback(r.Context(), n)
	}
	if err != nil {
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			h.fail(w, r, err)
			return
		}
		d := &feedbackData{}
		f := newForm(values, err)
		switch mode {
		case "give":
			d.Give = f
		case "request":
			d.Request = f
		default:
			d.Reply, d.ReplyTo = f, *n.ParentID
		}
		h.renderFeedback(w, r, httperr.Status(err), e, d, err)
		return
	}
	done := map[string]flash{"give": flashFeedbackSent, "request": flashFeedbackRequested, "reply": flashReplySent}[mode]
	redirect(w, r, withFlash(feedbackURL(e.ID)+periodQuery(r), done))
}

// periodQuery keeps the period chosen on the page (?period=) in a redirect: it returns
// "?period=…", or "" when none was chosen.
func periodQuery(r *http.Request) string {
	p := r.URL.Query().Get("period")
	if p == "" {
		p = r.PostForm.Get("period_id")
	}
	if _, err := strconv.ParseInt(p, 10, 64); err != nil || p == "" {
		return ""
	}
	return "?period=" + p
}

// employeeDialogs is where notifications about dialogs point: the dialogs on the feedback
// page.
func (h *Handler) employeeDialogs(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgEmployeeNotFound)
		return
	}
	redirect(w, r, feedbackURL(id)+"#dialogs")
}

// myFeedback sends the reader to their own feedback page.
func (h *Handler) myFeedback(w http.ResponseWriter, r *http.Request) {
	u := kinerja.UserFromContext(r.Context())
	if u.EmployeeID == nil {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgFeedbackNoEmployee)
		return
	}
	redirect(w, r, feedbackURL(*u.EmployeeID))
}
