package web

import (
	"net/http"

	"kinerja/internal/kinerja"
)

// dashboardData is the data of the dashboard. Admin fields are filled only for admins.
type dashboardData struct {
	Total, Active int
	Recent        []auditRow
}

// dashboardRecent is how many audit entries the admin dashboard shows.
const dashboardRecent = 5

func (h *Handler) dashboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var d dashboardData
	if u := kinerja.UserFromContext(ctx); u.IsAdmin() {
		var err error
		if d.Total, d.Active, err = h.db.CountUsers(ctx); err != nil {
			h.fail(w, r, err)
			return
		}
		entries, _, err := h.db.FindAuditEntries(ctx, kinerja.AuditFilter{Limit: dashboardRecent})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Recent = auditRows(entries)
	}
	h.render(w, r, http.StatusOK, "dashboard", page{Title: "dashboard.title", Data: d})
}
