package api

import (
	"net/http"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// createEmployeeAccounts makes an account with a one-time activation code for every active
// employee of the organisation without one. The codes are in this answer only.
func (h *Handler) createEmployeeAccounts(w http.ResponseWriter, r *http.Request) {
	var in struct {
		OrgID int64 `json:"org_id"`
	}
	if !h.decodeOptional(w, r, &in) {
		return
	}
	issued, err := h.db.CreateEmployeeAccounts(r.Context(), in.OrgID)
	if err != nil {
		h.error(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, map[string]any{"items": issued})
}

// activate sets a person's first password with the username and one-time code an admin gave
// them; throttled like login.
func (h *Handler) activate(w http.ResponseWriter, r *http.Request) {
	var in kinerja.Activation
	if !h.decode(w, r, &in) {
		return
	}
	in.Address = httperr.ClientAddr(r)
	u, err := h.db.Activate(r.Context(), in)
	if err != nil {
		if kinerja.ErrorCode(err) == kinerja.ERATELIMITED {
			h.log.InfoContext(r.Context(), "api: activation throttled", "client", in.Address,
				"retry_after", kinerja.RetryAfter(err), "request_id", kinerja.RequestIDFromContext(r.Context()))
		}
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}
