package web

import (
	"net/http"
	"strings"
)

// routes is the one route table of the web UI. Pages that need a login are wrapped in auth,
// admin pages in admin; both also check permissions again in the store.
func (h *Handler) routes() *http.ServeMux {
	mux := http.NewServeMux()

	mux.HandleFunc("GET /static/{hash}/{file}", h.static)

	mux.HandleFunc("GET /login", h.optionalAuth(h.loginPage))
	mux.HandleFunc("POST /login", h.login)
	mux.HandleFunc("POST /logout", h.logout)
	mux.HandleFunc("POST /language", h.optionalAuth(h.chooseLanguage))

	mux.HandleFunc("GET /{$}", h.auth(h.dashboard))

	mux.HandleFunc("GET /profile", h.auth(h.profile))
	mux.HandleFunc("POST /profile", h.auth(h.updateProfile))
	mux.HandleFunc("POST /profile/password", h.auth(h.changePassword))

	mux.HandleFunc("GET /admin/users", h.admin(h.users))
	mux.HandleFunc("GET /admin/users/new", h.admin(h.newUser))
	mux.HandleFunc("POST /admin/users", h.admin(h.createUser))
	mux.HandleFunc("GET /admin/users/{id}", h.admin(h.editUser))
	mux.HandleFunc("POST /admin/users/{id}", h.admin(h.updateUser))
	mux.HandleFunc("POST /admin/users/{id}/password", h.admin(h.resetPassword))
	mux.HandleFunc("GET /admin/users/{id}/deactivate", h.admin(h.confirmDeactivate))
	mux.HandleFunc("POST /admin/users/{id}/deactivate", h.admin(h.deactivateUser))
	mux.HandleFunc("POST /admin/users/{id}/activate", h.admin(h.activateUser))

	mux.HandleFunc("GET /admin/audit", h.admin(h.audit))

	mux.HandleFunc("GET /units", h.auth(h.units))
	mux.HandleFunc("GET /units/new", h.admin(h.newUnit))
	mux.HandleFunc("POST /units", h.admin(h.createUnit))
	mux.HandleFunc("GET /units/{id}", h.auth(h.unit))
	mux.HandleFunc("POST /units/{id}", h.admin(h.updateUnit))
	mux.HandleFunc("GET /units/{id}/delete", h.admin(h.confirmDeleteUnit))
	mux.HandleFunc("POST /units/{id}/delete", h.admin(h.deleteUnit))

	mux.HandleFunc("GET /employees", h.auth(h.employees))
	mux.HandleFunc("GET /employees/new", h.admin(h.newEmployee))
	mux.HandleFunc("POST /employees", h.admin(h.createEmployee))
	mux.HandleFunc("GET /employees/import", h.admin(h.importPage))
	mux.HandleFunc("POST /employees/import", h.admin(h.importEmployees))
	mux.HandleFunc("GET /employees/import/template", h.admin(h.importTemplate))
	mux.HandleFunc("GET /employees/export.xlsx", h.admin(h.exportEmployees))
	mux.HandleFunc("GET /employees/{id}", h.auth(h.employee))
	mux.HandleFunc("GET /employees/{id}/edit", h.admin(h.editEmployee))
	mux.HandleFunc("POST /employees/{id}", h.admin(h.updateEmployee))
	mux.HandleFunc("GET /employees/{id}/deactivate", h.admin(h.confirmDeactivateEmployee))
	mux.HandleFunc("POST /employees/{id}/deactivate", h.admin(h.deactivateEmployee))
	mux.HandleFunc("POST /employees/{id}/activate", h.admin(h.activateEmployee))

	mux.HandleFunc("GET /org/chart", h.auth(h.chart))

	mux.HandleFunc("/", h.optionalAuth(h.fallback))
	return mux
}

// probeMethods are the methods the route table uses; fallback asks the mux about each.
var probeMethods = []string{http.MethodGet, http.MethodPost}

// fallback answers every request no route matched: 405 with an Allow header when the path
// exists for another method, else the friendly 404 page.
func (h *Handler) fallback(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range probeMethods {
		if m == r.Method || (m == http.MethodGet && r.Method == http.MethodHead) {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := h.mux.Handler(probe); pattern != "" && pattern != "/" {
			allow = append(allow, m)
			if m == http.MethodGet {
				allow = append(allow, http.MethodHead)
			}
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		h.ErrorPage(w, r, http.StatusMethodNotAllowed, "")
		return
	}
	h.ErrorPage(w, r, http.StatusNotFound, "")
}
