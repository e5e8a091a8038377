package web

import (
	"net/http"
	"strconv"

	"kinerja/internal/kinerja"
)

// notificationsShown is how many notifications the list shows, newest first.
const notificationsShown = 50

// notificationsData is the data of the notification list.
type notificationsData struct {
	Items  []notificationItem
	Unread int
}

// notificationItem is a notification with the page that shows its object.
type notificationItem struct {
	kinerja.Notification
	URL string // "" when no page shows it
}

// notificationURL is the page a notification opens for its reader: the page of the object the
// event was about. The store names objects only; addresses are the pages' business.
func notificationURL(n kinerja.Notification, reader *kinerja.User) string {
	// These kinds open a list of the reader's own, whatever their object.
	switch n.Kind {
	case kinerja.EventPeerRequested:
		return "/peer-tasks"
	case kinerja.EventUpwardReply:
		return "/upward"
	}
	if n.EntityID == nil {
		if n.Kind == kinerja.EventActivitiesApproved {
			return "/activities?status=approved"
		}
		return ""
	}
	id := *n.EntityID
	switch n.Entity {
	case kinerja.EntityEmployee:
		switch n.Kind {
		case kinerja.EventActivitiesApproved:
			// The activity list shows the reader's own activities only.
			if reader != nil && reader.EmployeeID != nil && *reader.EmployeeID == id {
				return "/activities?status=approved"
			}
			return employeeURL(id)
		case kinerja.EventDialogRecorded:
			return feedbackURL(id) + "#dialogs"
		case kinerja.EventPeerProposed:
			return feedbackURL(id) + "#peers"
		}
		// Feedback and peer reviews are read on the employee's feedback page, by the
		// employee and those above alike.
		return feedbackURL(id)
	}
	return entityURL(n.Entity, id)
}

// entityURL is the page of an object the store names by its audited entity and id; "" for an
// entity that has no page of its own.
func entityURL(entity string, id int64) string {
	switch entity {
	case kinerja.EntityUser:
		return userURL(id)
	case kinerja.EntityUnit:
		return unitURL(id)
	case kinerja.EntityEmployee:
		return employeeURL(id)
	case kinerja.EntitySKP:
		return skpURL(id)
	case kinerja.EntityAssessment:
		return assessmentURL(id)
	case kinerja.EntityActivity:
		return activityURL(id)
	}
	return ""
}

// unread counts the user's unread notifications for the header: one query per page. A
// failure only hides the number; the page itself must still render (the error page too).
func (h *Handler) unread(r *http.Request) int {
	n, err := h.db.UnreadNotifications(r.Context())
	if err != nil {
		h.logger.DebugContext(r.Context(), "web: count notifications", "err", err)
		return 0
	}
	return n
}

// notificationText is the sentence of a notification: its kind's catalogue text with the
// other person's name (a predikat by its official name), followed by the period of the
// assessment or SKP it is about; the name alone for a kind the catalogues do not know.
func notificationText(c *catalogues, locale string, n kinerja.Notification) string {
	subject := n.Subject
	switch n.Kind {
	case kinerja.EventAssessmentFinal, kinerja.EventAssessmentDecided:
		if l := kinerja.Predikat(subject).Label(); l != "" {
			subject = l
		}
	}
	key := "notification." + string(n.Kind)
	text := subject
	if _, ok := c.lookup(locale, key); ok {
		text = c.translate(locale, key, subject)
	}
	if n.Period != "" {
		text += " " + c.translate(locale, "notification.period", evalLabel(c, locale, n.Period))
	}
	return text
}

// notifications lists the user's notifications, newest first.
func (h *Handler) notifications(w http.ResponseWriter, r *http.Request) {
	found, unread, err := h.db.FindNotifications(r.Context(), false, notificationsShown)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	reader := kinerja.UserFromContext(r.Context())
	items := make([]notificationItem, len(found))
	for i, n := range found {
		items[i] = notificationItem{n, notificationURL(n, reader)}
	}
	h.render(w, r, http.StatusOK, "notifications", page{Title: "notifications.title",
		Data: notificationsData{Items: items, Unread: unread}})
}

// markNotificationsRead marks the listed notifications (field id, repeated) read, or all of
// them when none is listed. With next (a path on this site) it goes there afterwards: opening
// a notification from the list marks it read.
func (h *Handler) markNotificationsRead(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	var ids []int64
	for _, s := range r.PostForm["id"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			h.ErrorPage(w, r, http.StatusBadRequest, kinerja.MsgInvalidInput)
			return
		}
		ids = append(ids, id)
	}
	if err := h.db.MarkNotificationsRead(r.Context(), ids); err != nil {
		h.fail(w, r, err)
		return
	}
	if next := r.PostForm.Get("next"); next != "" {
		redirect(w, r, safeNext(next))
		return
	}
	redirect(w, r, withFlash("/notifications", flashNotificationsRead))
}
