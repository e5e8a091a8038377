// Package api serves the JSON API under /api/v1 for scripts and integrations. Its routes,
// fields and error shape are fixed by CONTRACT.md and documented in openapi.json.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"kinerja/internal/app"
	"kinerja/internal/blob"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// Config is what the API needs from its host.
type Config struct {
	DB       *sqldb.DB
	Blobs    *blob.Store // uploaded evidence files
	Logger   *slog.Logger
	TokenTTL time.Duration // lifetime of a bearer token
}

// Handler serves /api/v1.
type Handler struct {
	db     *sqldb.DB
	app    *app.App
	log    *slog.Logger
	ttl    time.Duration
	mux    *http.ServeMux
	routes []route
}

// New returns the API handler.
func New(cfg Config) *Handler {
	h := &Handler{db: cfg.DB, app: app.New(cfg.DB, cfg.Blobs), log: cfg.Logger, ttl: cfg.TokenTTL, mux: http.NewServeMux()}
	if h.log == nil {
		h.log = slog.Default()
	}
	if h.ttl <= 0 {
		h.ttl = 24 * time.Hour
	}
	h.routes = h.routeTable()
	for _, rt := range h.routes {
		hf := rt.handler
		if !rt.public {
			hf = h.authenticated(hf, passwordChangeRoutes[rt.method+" "+rt.path])
		}
		h.mux.HandleFunc(rt.method+" "+rt.path, hf)
	}
	h.mux.HandleFunc("/api/v1/", h.unrouted)
	return h
}

// ServeHTTP hands the request to the route table unchanged, so the caller can read r.Pattern
// afterwards for its metrics.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// passwordChangeRoutes are the calls open to a user who must change their password first.
var passwordChangeRoutes = map[string]bool{
	"PUT /api/v1/me/password":  true,
	"GET /api/v1/me":           true,
	"POST /api/v1/auth/logout": true,
}

// authenticated runs next with the user and session of the bearer token in the context. A
// user whose password was set by an admin gets 403 until they change it, except on the
// calls that let them do so (open).
func (h *Handler) authenticated(next http.HandlerFunc, open bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token, ok := bearerToken(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="kinerja"`)
			h.error(w, r, kinerja.Errorf(kinerja.EUNAUTHORIZED, kinerja.MsgUnauthorized))
			return
		}
		u, s, err := h.db.Authenticate(r.Context(), token, kinerja.SessionAPI)
		if err != nil {
			if kinerja.ErrorCode(err) == kinerja.EUNAUTHORIZED {
				w.Header().Set("WWW-Authenticate", `Bearer realm="kinerja", error="invalid_token"`)
			}
			h.error(w, r, err)
			return
		}
		if u.MustChangePassword && !open {
			h.error(w, r, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgPasswordChange))
			return
		}
		ctx := kinerja.NewContextWithSession(kinerja.NewContextWithUser(r.Context(), u), s)
		next(w, r.WithContext(ctx))
	}
}

func bearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// unrouted answers paths no route matches: 405 when another method of the path exists,
// else 404, both in the API's error shape.
func (h *Handler) unrouted(w http.ResponseWriter, r *http.Request) {
	var allowed []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(context.Background())
		probe.Method = m
		if _, pattern := h.mux.Handler(probe); pattern != "/api/v1/" && pattern != "" {
			allowed = append(allowed, m)
		}
	}
	if len(allowed) > 0 {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		writeJSON(w, http.StatusMethodNotAllowed, errorBody{Error: errorDetail{Code: kinerja.EINVALID, Message: kinerja.MsgMethodNotAllowed, Fields: map[string]string{}}})
		return
	}
	h.error(w, r, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgNotFound))
}
