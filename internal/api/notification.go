package api

import (
	"bufio"
	"io"
	"net/http"
	"strconv"

	"kinerja/internal/kinerja"
)

// notificationList is the caller's notifications, newest first, with the number still unread.
type notificationList struct {
	list[kinerja.Notification]
	Unread int `json:"unread"`
}

// listNotifications lists the caller's in-app notifications; ?unread=1 keeps the unread ones.
// The list is not paged: ?limit= caps it, and older ones matter less.
func (h *Handler) listNotifications(w http.ResponseWriter, r *http.Request) {
	limit, err := limitParam(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var unreadOnly bool
	if s := r.URL.Query().Get("unread"); s != "" {
		if unreadOnly, err = strconv.ParseBool(s); err != nil {
			h.error(w, r, kinerja.FieldError("unread", kinerja.MsgInvalidInput))
			return
		}
	}
	items, unread, err := h.db.FindNotifications(r.Context(), unreadOnly, limit)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, notificationList{newList(items, 0), unread})
}

// markNotificationsRead marks the notifications in ids read, or all of them when the body has
// no ids (or there is no body).
func (h *Handler) markNotificationsRead(w http.ResponseWriter, r *http.Request) {
	var b struct {
		IDs []int64 `json:"ids"`
	}
	if !h.decodeOptional(w, r, &b) {
		return
	}
	// "ids": [] names no notification; only an absent list means all.
	if b.IDs == nil || len(b.IDs) > 0 {
		if err := h.db.MarkNotificationsRead(r.Context(), b.IDs); err != nil {
			h.error(w, r, err)
			return
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

// decodeOptional is decode for a body that may be left out: an empty body leaves v as it is.
func (h *Handler) decodeOptional(w http.ResponseWriter, r *http.Request, v any) bool {
	br := bufio.NewReader(r.Body)
	if _, err := br.Peek(1); err == io.EOF {
		return true
	}
	r.Body = struct {
		io.Reader
		io.Closer
	}{br, r.Body}
	return h.decode(w, r, v)
}
