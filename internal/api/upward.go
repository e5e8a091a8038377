package api

import (
	"net/http"
	"strings"

	"kinerja/internal/kinerja"
)

// upwardBody is an anonymous answer about a leader; upwardJSON is what the API shows of it
// after writing: the answer itself, which carries nothing of its author.
type upwardBody struct {
	LeaderID int64 `json:"leader_id"`
	Year     int   `json:"year"`
	kinerja.UpwardScores
	Text string `json:"text"`
}

type upwardJSON struct {
	upwardBody
	Anonymous bool `json:"anonymous"`
}

// giveUpwardFeedback records the caller's anonymous feedback on a leader above them, once per
// leader and year. The answer has no id: nothing about it may lead back to its author.
func (h *Handler) giveUpwardFeedback(w http.ResponseWriter, r *http.Request) {
	var b upwardBody
	if !h.decode(w, r, &b) {
		return
	}
	if b.LeaderID <= 0 {
		h.error(w, r, kinerja.FieldError("leader_id", kinerja.MsgEmployeeIDInvalid))
		return
	}
	err := h.db.GiveUpwardFeedback(r.Context(), b.LeaderID, b.Year, b.UpwardScores, b.Text)
	if kinerja.ErrorCode(err) == kinerja.ENOTFOUND {
		err = kinerja.FieldError("leader_id", kinerja.MsgEmployeeNotFound)
	}
	if err != nil {
		h.error(w, r, err)
		return
	}
	b.Text = strings.TrimSpace(b.Text)
	writeJSON(w, http.StatusCreated, upwardJSON{upwardBody: b, Anonymous: true})
}

// listUpwardLeaders lists the leaders above the caller for ?year= (required) and whether the
// caller already gave each of them feedback.
func (h *Handler) listUpwardLeaders(w http.ResponseWriter, r *http.Request) {
	year, err := yearQuery(r, 0)
	if err == nil && year == 0 {
		err = kinerja.FieldError("year", kinerja.MsgUpwardYear)
	}
	if err != nil {
		h.error(w, r, err)
		return
	}
	leaders, err := h.db.FindUpwardLeaders(r.Context(), year)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(leaders, 0))
}

// upwardSummary shows a leader (?leader_id=, default the caller) their staff's feedback for
// ?year= (required): averages and texts once enough answered, never who.
func (h *Handler) upwardSummary(w http.ResponseWriter, r *http.Request) {
	leader, err := employeeQuery(r, "leader_id")
	if err != nil {
		h.error(w, r, err)
		return
	}
	year, err := yearQuery(r, 0)
	if err == nil && year == 0 {
		err = kinerja.FieldError("year", kinerja.MsgUpwardYear)
	}
	if err != nil {
		h.error(w, r, err)
		return
	}
	s, err := h.db.UpwardSummary(r.Context(), leader, year)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

// replyUpward publishes the caller's reply, as a leader, to their team's feedback for a year.
func (h *Handler) replyUpward(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Year int    `json:"year"`
		Text string `json:"text"`
	}
	if !h.decode(w, r, &b) {
		return
	}
	reply, err := h.db.ReplyUpward(r.Context(), b.Year, b.Text)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, reply)
}

// listUpwardReplies lists a leader's (?leader_id=, default the caller) replies for ?year=
// (default every year), newest first.
func (h *Handler) listUpwardReplies(w http.ResponseWriter, r *http.Request) {
	leader, err := employeeQuery(r, "leader_id")
	if err != nil {
		h.error(w, r, err)
		return
	}
	year, err := yearQuery(r, 0)
	if err != nil {
		h.error(w, r, err)
		return
	}
	replies, err := h.db.FindUpwardReplies(r.Context(), leader, year)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(replies, 0))
}
