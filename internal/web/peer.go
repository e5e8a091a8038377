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
)

// peerData fills the peer section of the feedback page for the chosen period: the anonymous
// summary for everyone who reads the page, the named answers for the pejabat penilai and
// those above, and the assignment form for those who choose the peers.
func (h *Handler) peerData(ctx context.Context, e *kinerja.Employee, d *feedbackData) error {
	period := d.Choice.Period.ID
	var err error
	if d.Peer, err = h.db.PeerAggregate(ctx, period, e.ID); err != nil {
		return err
	}
	if d.Can.Has(kinerja.ActionReadPeerAnswers) {
		if d.Answers, err = h.db.FindPeerAnswers(ctx, period, e.ID); err != nil {
			return err
		}
	}
	if d.Self || d.Can.Has(kinerja.ActionAssignPeers) {
		d.Proposal, err = h.db.FindPeerProposal(ctx, period, e.ID)
		if kinerja.ErrorCode(err) == kinerja.ENOTFOUND {
			d.Proposal, err = nil, nil
		}
		if err != nil {
			return err
		}
	}
	if d.Self {
		return h.proposeData(ctx, e, d)
	}
	if !d.Can.Has(kinerja.ActionAssignPeers) {
		return nil
	}
	if d.Assigned, err = h.db.FindPeerAssignments(ctx, period, e.ID); err != nil {
		return err
	}
	suggested, err := h.db.SuggestPeers(ctx, period, e.ID)
	if err != nil {
		return err
	}
	posted := d.Peers.Values != nil && d.Peers.Values.Has("period_id")
	chosen := func(id int64) bool { return d.Peers.Has("peer_ids", strconv.FormatInt(id, 10)) }
	seen := map[int64]bool{}
	for _, a := range d.Assigned {
		seen[a.PeerID] = true
		d.PeerChoices = append(d.PeerChoices, peerChoice{ID: a.PeerID, Name: a.PeerName, Answered: a.Answered,
			Checked: a.Answered || !posted || chosen(a.PeerID)})
	}
	// The employee's proposal comes first and checked: saving it is the approval.
	proposed := d.Proposal != nil && len(d.Assigned) == 0
	if proposed {
		for _, p := range d.Proposal.Peers {
			if seen[p.ID] {
				continue
			}
			seen[p.ID] = true
			d.PeerChoices = append(d.PeerChoices, peerChoice{ID: p.ID, Name: p.Name, Position: p.Position, Proposed: true,
				Checked: !posted || chosen(p.ID)})
		}
	}
	for _, s := range suggested {
		if seen[s.ID] {
			continue
		}
		seen[s.ID] = true
		d.PeerChoices = append(d.PeerChoices, peerChoice{ID: s.ID, Name: s.Name, Position: s.Position, Suggested: true,
			Checked: posted && chosen(s.ID) || !posted && len(d.Assigned) == 0 && !proposed})
	}
	people, err := h.allEmployees(ctx, kinerja.EmployeeFilter{OrgID: e.OrgID})
	if err != nil {
		return err
	}
	var others []*kinerja.Employee
	for _, p := range people {
		if !seen[p.ID] && kinerja.CanBePeer(e, p.ID) {
			others = append(others, p)
		}
	}
	d.PeerOthers = personChoices(personOptions(others, 0))
	return nil
}

// proposeData fills the employee's own peer section: the proposal form when they may propose,
// and whether the peers are already chosen.
func (h *Handler) proposeData(ctx context.Context, e *kinerja.Employee, d *feedbackData) error {
	if !d.Can.Has(kinerja.ActionProposePeers) {
		// Of the reasons the employee may not propose (kinerja.CheckFeedback), the one left when
		// they are active, have a pejabat penilai and the period is open is that the peers are chosen.
		d.PeersChosen = d.Proposal == nil && e.Active && e.AppraiserID != nil && !d.Choice.Period.Closed
		return nil
	}
	people, err := h.allEmployees(ctx, kinerja.EmployeeFilter{OrgID: e.OrgID})
	if err != nil {
		return err
	}
	var others []*kinerja.Employee
	for _, p := range people {
		if kinerja.CanBePeer(e, p.ID) {
			others = append(others, p)
		}
	}
	d.ProposeOpts = personChoices(personOptions(others, 0))[0].Options
	chosen := d.Propose.Values["peer_ids"]
	if d.Propose.Values == nil || !d.Propose.Values.Has("period_id") {
		chosen = nil
		if d.Proposal != nil {
			for _, id := range d.Proposal.PeerIDs() {
				chosen = append(chosen, strconv.FormatInt(id, 10))
			}
		}
	}
	for i := range kinerja.MaxPeers {
		slot := proposeSlot{N: i + 1}
		if i < len(chosen) {
			slot.Value = chosen[i]
		}
		d.ProposeSlot = append(d.ProposeSlot, slot)
	}
	return nil
}

// proposePeers records the peers the employee of the URL, who must be the reader, proposes for
// their own review of a period (fields period_id and peer_ids, repeated; empty values are
// ignored).
func (h *Handler) proposePeers(w http.ResponseWriter, r *http.Request) {
	h.savePeers(w, r, func(ctx context.Context, period, employee int64, ids []int64) error {
		_, err := h.db.ProposePeers(ctx, period, employee, ids)
		return err
	}, func(f form) *feedbackData { return &feedbackData{Propose: f} }, flashPeersProposed)
}

// assignPeers sets the peers of the employee of the URL for a period (fields period_id and
// peer_ids, repeated; empty values are ignored).
func (h *Handler) assignPeers(w http.ResponseWriter, r *http.Request) {
	h.savePeers(w, r, func(ctx context.Context, period, employee int64, ids []int64) error {
		_, err := h.db.AssignPeers(ctx, period, employee, ids)
		return err
	}, func(f form) *feedbackData { return &feedbackData{Peers: f} }, flashPeersAssigned)
}

// savePeers reads a peer form about the employee of the URL and saves it with save; a refusal
// shows the feedback page again with the form as typed (placed by data), success goes back to
// the page of the period with ok.
func (h *Handler) savePeers(w http.ResponseWriter, r *http.Request, save func(ctx context.Context, period, employee int64, ids []int64) error,
	data func(form) *feedbackData, ok flash) {
	e, found := h.feedbackSubject(w, r)
	if !found || !h.parseForm(w, r) {
		return
	}
	period, ids, read := h.peerForm(w, r)
	if !read {
		return
	}
	if err := save(r.Context(), period, e.ID, ids); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		q := r.URL.Query()
		q.Set("period", strconv.FormatInt(period, 10))
		r.URL.RawQuery = q.Encode()
		h.renderFeedback(w, r, httperr.Status(err), e, data(newForm(r.PostForm, err)), err)
		return
	}
	redirect(w, r, withFlash(feedbackURL(e.ID)+"?period="+strconv.FormatInt(period, 10), ok))
}

// peerForm reads the period_id and the peer_ids of a peer form; on false it has answered.
func (h *Handler) peerForm(w http.ResponseWriter, r *http.Request) (int64, []int64, bool) {
	period, err := strconv.ParseInt(r.PostForm.Get("period_id"), 10, 64)
	if err != nil || period <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgPeriodNotFound)
		return 0, nil, false
	}
	var ids []int64
	for _, s := range r.PostForm["peer_ids"] {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			h.ErrorPage(w, r, http.StatusBadRequest, kinerja.MsgInvalidInput)
			return 0, nil, false
		}
		ids = append(ids, id)
	}
	return period, ids, true
}

// peerTasksData is the data of "Penilaian rekan kerja": the reviews asked of the reader.
type peerTasksData struct {
	NoEmployee bool
	Open, Done []*kinerja.PeerAssignment
}

// peerTasks lists the peer reviews asked of the reader, open ones first.
func (h *Handler) peerTasks(w http.ResponseWriter, r *http.Request) {
	u := kinerja.UserFromContext(r.Context())
	d := peerTasksData{NoEmployee: u.EmployeeID == nil}
	tasks, err := h.db.FindPeerTasks(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, t := range tasks {
		if kinerja.PeerTaskActions(u, t).Has(kinerja.ActionAnswerPeer) {
			d.Open = append(d.Open, t)
		} else {
			d.Done = append(d.Done, t)
		}
	}
	h.render(w, r, http.StatusOK, "peer_tasks", page{Title: "peer_tasks.title", Data: d})
}

// peerReviewsRedirect is where notifications about peer reviews point.
func (h *Handler) peerReviewsRedirect(w http.ResponseWriter, r *http.Request) {
	redirect(w, r, "/peer-tasks")
}

// peerAnswerData is the data of the peer review form.
type peerAnswerData struct {
	Task    *kinerja.PeerAssignment
	Can     kinerja.Permitted // whether the reader may still answer
	Values  []kinerja.BehaviorValue
	Ratings []option
	Form    form
}

// RatingField is the form name of a value's rating.
func (peerAnswerData) RatingField(code string) string { return "ratings." + code }

// pathPeerTask finds the reader's peer review {id}.
func (h *Handler) pathPeerTask(w http.ResponseWriter, r *http.Request) (*kinerja.PeerAssignment, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgPeerNotFound)
		return nil, false
	}
	tasks, err := h.db.FindPeerTasks(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	i := slices.IndexFunc(tasks, func(t *kinerja.PeerAssignment) bool { return t.ID == id })
	if i < 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgPeerNotFound)
		return nil, false
	}
	return tasks[i], true
}

func (h *Handler) renderPeerAnswer(w http.ResponseWriter, r *http.Request, status int, t *kinerja.PeerAssignment, f form, formErr error) {
	locale := h.locale(r)
	d := peerAnswerData{Task: t, Can: kinerja.PeerTaskActions(kinerja.UserFromContext(r.Context()), t), Values: kinerja.BerAKHLAK, Form: f}
	for _, rt := range kinerja.Ratings {
		d.Ratings = append(d.Ratings, option{Value: string(rt), Label: h.i18n.label(locale, "rating", string(rt))})
	}
	p := page{Title: "peer_answer.title", Data: d}
	if formErr != nil {
		p.Alert = kinerja.ErrorMessage(formErr)
		if _, ok := kinerja.ErrorFields(formErr)["comment"]; !ok && len(kinerja.ErrorFields(formErr)) > 0 {
			p.Alert = "peer_answer.rate_all"
		}
	}
	h.render(w, r, status, "peer_answer", p)
}

// peerAnswer shows the rating form of a peer review: the seven BerAKHLAK values, each rated
// below, meeting or above expectation, and a comment.
func (h *Handler) peerAnswer(w http.ResponseWriter, r *http.Request) {
	t, ok := h.pathPeerTask(w, r)
	if !ok {
		return
	}
	h.renderPeerAnswer(w, r, http.StatusOK, t, newForm(url.Values{}, nil), nil)
}

// answerPeer records the reader's answer to a peer review.
func (h *Handler) answerPeer(w http.ResponseWriter, r *http.Request) {
	t, ok := h.pathPeerTask(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	ratings := map[string]kinerja.Rating{}
	for _, b := range kinerja.BerAKHLAK {
		if v := r.PostForm.Get("ratings." + b.Code); v != "" {
			ratings[b.Code] = kinerja.Rating(v)
		}
	}
	if err := h.db.AnswerPeer(r.Context(), t.ID, ratings, r.PostForm.Get("comment")); err != nil {
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			h.fail(w, r, err)
			return
		}
		h.renderPeerAnswer(w, r, httperr.Status(err), t, newForm(r.PostForm, err), err)
		return
	}
	redirect(w, r, withFlash("/peer-tasks", flashPeerAnswered))
}
