package api

import (
	"net/http"

	"kinerja/internal/kinerja"
)

// periodPathError turns the store's "no such period", reported on period_id (a body field
// elsewhere), into the 404 of a path that names nothing.
func periodPathError(err error) error {
	if kinerja.ErrorFields(err)["period_id"] != "" {
		return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgPeriodNotFound)
	}
	return err
}

// periodEmployee reads the {id} period of the path and the employee of ?employee_id=
// (default: the caller).
func periodEmployee(r *http.Request) (period, employee int64, err error) {
	if period, err = pathID(r); err != nil {
		return 0, 0, err
	}
	employee, err = employeeQuery(r, "employee_id")
	return period, employee, err
}

// listPeerTasks lists the peer reviews asked of the caller, unanswered first.
func (h *Handler) listPeerTasks(w http.ResponseWriter, r *http.Request) {
	tasks, err := h.db.FindPeerTasks(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(tasks, 0))
}

// peerAnswerBody is a peer's answer: a rating per BerAKHLAK value and a comment.
type peerAnswerBody struct {
	Ratings map[string]kinerja.Rating `json:"ratings"`
	Comment string                    `json:"comment"`
}

// answerPeerTask records the caller's answer to a peer review, once, and answers with the
// task as it now stands.
func (h *Handler) answerPeerTask(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var b peerAnswerBody
	if !h.decode(w, r, &b) {
		return
	}
	ctx := r.Context()
	if err := h.db.AnswerPeer(ctx, id, b.Ratings, b.Comment); err != nil {
		h.error(w, r, err)
		return
	}
	tasks, err := h.db.FindPeerTasks(ctx)
	if err != nil {
		h.error(w, r, err)
		return
	}
	for _, t := range tasks {
		if t.ID == id {
			writeJSON(w, http.StatusOK, t)
			return
		}
	}
	h.error(w, r, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgPeerNotFound))
}

// listPeers lists the peers assigned to an employee for a period and whether each answered.
func (h *Handler) listPeers(w http.ResponseWriter, r *http.Request) {
	period, employee, err := periodEmployee(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	list, err := h.db.FindPeerAssignments(r.Context(), period, employee)
	if err != nil {
		h.error(w, r, periodPathError(err))
		return
	}
	writeJSON(w, http.StatusOK, newList(list, 0))
}

// assignPeers sets the 3–5 peers of an employee for a period; peers no longer listed are
// released unless they answered. It answers with every assignment as it now stands.
func (h *Handler) assignPeers(w http.ResponseWriter, r *http.Request) {
	period, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var b struct {
		EmployeeID int64   `json:"employee_id"`
		PeerIDs    []int64 `json:"peer_ids"`
	}
	if !h.decode(w, r, &b) {
		return
	}
	if b.EmployeeID <= 0 {
		h.error(w, r, kinerja.FieldError("employee_id", kinerja.MsgEmployeeIDInvalid))
		return
	}
	list, err := h.db.AssignPeers(r.Context(), period, b.EmployeeID, b.PeerIDs)
	if kinerja.ErrorCode(err) == kinerja.ENOTFOUND {
		err = kinerja.FieldError("employee_id", kinerja.MsgEmployeeNotFound)
	}
	if err != nil {
		h.error(w, r, periodPathError(err))
		return
	}
	writeJSON(w, http.StatusOK, newList(list, 0))
}

// suggestPeers proposes peers for an employee by the automatic rule: same unit, similar level.
func (h *Handler) suggestPeers(w http.ResponseWriter, r *http.Request) {
	period, employee, err := periodEmployee(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	list, err := h.db.SuggestPeers(r.Context(), period, employee)
	if err != nil {
		h.error(w, r, periodPathError(err))
		return
	}
	writeJSON(w, http.StatusOK, newList(list, 0))
}

// peerSummary shows the anonymous aggregate of an employee's peer answers for a period:
// nothing but the count (visible false) until enough peers answered, and never a name.
func (h *Handler) peerSummary(w http.ResponseWriter, r *http.Request) {
	period, employee, err := periodEmployee(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	s, err := h.db.PeerAggregate(r.Context(), period, employee)
	if err != nil {
		h.error(w, r, periodPathError(err))
		return
	}
	writeJSON(w, http.StatusOK, s)
}

// peerAnswers lists each peer answer about an employee for a period with the peer's name: for
// the pejabat penilai and those above the employee, never the employee.
func (h *Handler) peerAnswers(w http.ResponseWriter, r *http.Request) {
	period, employee, err := periodEmployee(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	list, err := h.db.FindPeerAnswers(r.Context(), period, employee)
	if err != nil {
		h.error(w, r, periodPathError(err))
		return
	}
	writeJSON(w, http.StatusOK, newList(list, 0))
}

// proposePeers records the 3–5 peers the caller proposes for their own peer review of a period
// and answers with the proposal; the caller's pejabat penilai is told.
func (h *Handler) proposePeers(w http.ResponseWriter, r *http.Request) {
	period, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var b struct {
		PeerIDs []int64 `json:"peer_ids"`
	}
	if !h.decode(w, r, &b) {
		return
	}
	p, err := h.db.ProposePeers(r.Context(), period, 0, b.PeerIDs)
	if err != nil {
		h.error(w, r, periodPathError(err))
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// peerProposal returns the peers an employee (?employee_id=, default the caller) proposed for
// a period and not yet approved.
func (h *Handler) peerProposal(w http.ResponseWriter, r *http.Request) {
	period, employee, err := periodEmployee(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	p, err := h.db.FindPeerProposal(r.Context(), period, employee)
	if err != nil {
		h.error(w, r, periodPathError(err))
		return
	}
	writeJSON(w, http.StatusOK, p)
}
