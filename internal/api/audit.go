package api

import (
	"net/http"
	"strconv"
	"time"

	"kinerja/internal/kinerja"
)

// listAudit lists audit entries newest first. from and to are dates (YYYY-MM-DD, UTC) or
// RFC 3339 times; to is exclusive for times and covers the whole day for dates.
func (h *Handler) listAudit(w http.ResponseWriter, r *http.Request) {
	limit, before, err := pageParams(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	q := r.URL.Query()
	f := kinerja.AuditFilter{Entity: q.Get("entity"), EntityID: q.Get("entity_id"), Before: before, Limit: limit}
	var v kinerja.Validation
	if s := q.Get("actor_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			v.Add("actor_id", kinerja.MsgInvalidInput)
		}
		f.ActorID = &id
	}
	var ok bool
	if f.From, ok = parseTime(q.Get("from"), false); !ok {
		v.Add("from", kinerja.MsgBadDate)
	}
	if f.To, ok = parseTime(q.Get("to"), true); !ok {
		v.Add("to", kinerja.MsgBadDate)
	}
	if err := v.Err(); err != nil {
		h.error(w, r, err)
		return
	}
	entries, next, err := h.db.FindAuditEntries(r.Context(), f)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(entries, next))
}

func parseTime(s string, endOfDay bool) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		if endOfDay {
			t = t.AddDate(0, 0, 1)
		}
		return t, true
	}
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}
