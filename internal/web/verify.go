package web

import (
	"net/http"
	"net/url"
	"strconv"

	"kinerja/internal/document"
	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// verifyData is the data of "Verifikasi aktivitas": the pending activities of the reader's
// direct subordinates, oldest first.
type verifyData struct {
	NoEmployee bool
	Items      []*kinerja.Activity
	Total      int
	Overdue    int // on this page
	Pages      numberedPages
	Selected   form  // the ticked boxes, kept when approving is refused
	Reject     form  // the reject form shown again
	RejectID   int64 // the activity it is about
}

// Checked reports whether activity id was ticked.
func (d *verifyData) Checked(id int64) bool { return d.Selected.Has("ids", strconv.FormatInt(id, 10)) }

// RejectForm returns the reject form of activity id: the one posted when it is about id,
// else an empty one.
func (d *verifyData) RejectForm(id int64) form {
	if id == d.RejectID {
		return d.Reject
	}
	return newForm(nil, nil)
}

// pendingVerification counts the activities waiting for the reader's verification, for the
// header. A failure only hides the number, as for notifications.
func (h *Handler) pendingVerification(r *http.Request) int {
	_, n, err := h.db.FindActivities(r.Context(), kinerja.ActivityFilter{Queue: true, Limit: 1})
	if err != nil {
		h.logger.DebugContext(r.Context(), "web: count verification queue", "err", err)
		return 0
	}
	return n
}

// verifyQueue shows the reader's verification queue.
func (h *Handler) verifyQueue(w http.ResponseWriter, r *http.Request) {
	h.renderVerify(w, r, http.StatusOK, "", &verifyData{})
}

// renderVerify shows the queue with d's forms; alert is a refused action's message.
func (h *Handler) renderVerify(w http.ResponseWriter, r *http.Request, status int, alert string, d *verifyData) {
	u := kinerja.UserFromContext(r.Context())
	if d.Selected.Values == nil {
		d.Selected = newForm(nil, nil)
	}
	p := page{Title: "verify.title", Alert: alert, Data: d}
	if u.EmployeeID == nil {
		d.NoEmployee = true
		h.render(w, r, status, "verify", p)
		return
	}
	n := 1
	if s := r.URL.Query().Get("page"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			h.ErrorPage(w, r, http.StatusNotFound, "")
			return
		}
	}
	var err error
	if d.Items, d.Total, err = h.db.FindActivities(r.Context(), kinerja.ActivityFilter{Queue: true, Limit: activitiesShown,
		Offset: (n - 1) * activitiesShown}); err != nil {
		h.fail(w, r, err)
		return
	}
	for _, a := range d.Items {
		if a.Overdue {
			d.Overdue++
		}
	}
	d.Pages = numberPages("/activities/verify", url.Values{}, n, d.Total, activitiesShown)
	h.render(w, r, status, "verify", p)
}

// approveActivities approves the ticked activities (field ids), all or none.
func (h *Handler) approveActivities(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	var ids []int64
	for _, s := range r.PostForm["ids"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			h.ErrorPage(w, r, http.StatusBadRequest, kinerja.MsgInvalidInput)
			return
		}
		ids = append(ids, id)
	}
	if _, err := h.db.ApproveActivities(r.Context(), ids); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.renderVerify(w, r, httperr.Status(err), kinerja.ErrorMessage(err), &verifyData{Selected: newForm(r.PostForm, nil)})
		return
	}
	redirect(w, r, withFlash("/activities/verify", flashActivitiesApproved))
}

// rejectActivity sends an activity back to its employee with the reason written in its row.
func (h *Handler) rejectActivity(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgActivityNotFound)
		return
	}
	if !h.parseForm(w, r) {
		return
	}
	if _, err := h.db.RejectActivity(r.Context(), id, r.PostForm.Get("reason")); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.renderVerify(w, r, httperr.Status(err), kinerja.ErrorMessage(err),
			&verifyData{Reject: newForm(r.PostForm, err), RejectID: id})
		return
	}
	redirect(w, r, withFlash("/activities/verify", flashActivityRejected))
}

// evidenceThumb sends a scaled-down JPEG of an evidence photo to someone who may see its
// record (the rule of the download): the thumbnail of the verification queue, or with
// ?size=large the picture it opens to.
func (h *Handler) evidenceThumb(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgEvidenceNotFound)
		return
	}
	size := document.ThumbSmall
	switch r.URL.Query().Get("size") {
	case "":
	case "large":
		size = document.ThumbLarge
	default:
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgEvidenceNotFound)
		return
	}
	t, err := h.app.EvidenceThumbnail(r.Context(), id, size)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	t.Serve(w, r)
}
