package api

import (
	"net/http"
	"time"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

type loginResponse struct {
	Token     string        `json:"token"`
	ExpiresAt time.Time     `json:"expires_at"`
	User      *kinerja.User `json:"user"`
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	var c kinerja.Credentials
	if !h.decode(w, r, &c) {
		return
	}
	c.Address = httperr.ClientAddr(r)
	token, u, err := h.db.Login(r.Context(), c, kinerja.SessionAPI, h.ttl)
	if err != nil {
		if kinerja.ErrorCode(err) == kinerja.ERATELIMITED {
			h.log.InfoContext(r.Context(), "api: login throttled", "client", c.Address,
				"retry_after", kinerja.RetryAfter(err), "request_id", kinerja.RequestIDFromContext(r.Context()))
		}
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, loginResponse{Token: token, ExpiresAt: h.db.Now().Add(h.ttl).UTC().Truncate(time.Second), User: u})
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	token, _ := bearerToken(r)
	if err := h.db.Logout(r.Context(), token); err != nil {
		h.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, kinerja.UserFromContext(r.Context()))
}

func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request) {
	var c kinerja.PasswordChange
	if !h.decode(w, r, &c) {
		return
	}
	if err := h.db.ChangePassword(r.Context(), c); err != nil {
		h.error(w, r, err)
		return
	}
	u, err := h.db.FindUserByID(r.Context(), kinerja.UserFromContext(r.Context()).ID)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}
