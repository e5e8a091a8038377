package web

import (
	"net/http"
	"strings"
)

// routeMux is a ServeMux that keeps the patterns registered on it, in order, so that the
// role × route matrix test can hold the route table against its rows.
type routeMux struct {
	*http.ServeMux
	patterns []string
}

// HandleFunc registers handler for pattern and records the pattern.
func (m *routeMux) HandleFunc(pattern string, handler http.HandlerFunc) {
	m.patterns = append(m.patterns, pattern)
	m.ServeMux.HandleFunc(pattern, handler)
}

// routes is the one route table of the web UI. Pages that need a login are wrapped in auth,
// admin pages in admin; both also check permissions again in the store. A new route needs a
// row in the role × route matrix (access_matrix_test.go).
func (h *Handler) routes() *routeMux {
	mux := &routeMux{ServeMux: http.NewServeMux()}

	mux.HandleFunc("GET /static/{hash}/{file}", h.static)

	mux.HandleFunc("GET /login", h.optionalAuth(h.loginPage))
	mux.HandleFunc("POST /login", h.login)
	mux.HandleFunc("POST /logout", h.logout)
	mux.HandleFunc("GET /activate", h.optionalAuth(h.activatePage))
	mux.HandleFunc("POST /activate", h.activate)
	mux.HandleFunc("POST /language", h.optionalAuth(h.chooseLanguage))

	mux.HandleFunc("GET /{$}", h.auth(h.dashboard))

	mux.HandleFunc("GET /profile", h.auth(h.profile))
	mux.HandleFunc("POST /profile", h.auth(h.updateProfile))
	mux.HandleFunc("POST /profile/password", h.auth(h.changePassword))

	mux.HandleFunc("GET /admin/users", h.admin(h.users))
	mux.HandleFunc("GET /admin/users/new", h.admin(h.newUser))
	mux.HandleFunc("GET /admin/users/bulk", h.admin(h.bulkAccounts))
	mux.HandleFunc("POST /admin/users/bulk", h.admin(h.createBulkAccounts))
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

	mux.HandleFunc("GET /admin/periods", h.admin(h.periods))
	mux.HandleFunc("POST /admin/periods", h.admin(h.createPeriod))
	mux.HandleFunc("POST /admin/periods/{id}", h.admin(h.updatePeriod))

	mux.HandleFunc("GET /skp", h.auth(h.mySKP))
	mux.HandleFunc("POST /skp", h.auth(h.createSKP))
	mux.HandleFunc("GET /skp/team", h.auth(h.teamSKP))
	mux.HandleFunc("GET /skp/{id}", h.auth(h.skp))
	mux.HandleFunc("GET /skp/{id}/edit", h.auth(h.editSKP))
	mux.HandleFunc("POST /skp/{id}", h.auth(h.updateSKP))
	mux.HandleFunc("GET /skp/{id}/results/new", h.auth(h.newResult))
	mux.HandleFunc("POST /skp/{id}/results", h.auth(h.createResult))
	mux.HandleFunc("GET /skp/{id}/results/{rid}/edit", h.auth(h.editResult))
	mux.HandleFunc("POST /skp/{id}/results/{rid}", h.auth(h.updateResult))
	mux.HandleFunc("GET /skp/{id}/results/{rid}/delete", h.auth(h.confirmDeleteResult))
	mux.HandleFunc("POST /skp/{id}/results/{rid}/delete", h.auth(h.deleteResult))
	mux.HandleFunc("POST /skp/{id}/results/{rid}/assign", h.auth(h.assignResult))
	mux.HandleFunc("GET /skp/{id}/behaviors", h.auth(h.editBehaviors))
	mux.HandleFunc("POST /skp/{id}/behaviors", h.auth(h.saveBehaviors))
	mux.HandleFunc("POST /skp/{id}/submit", h.auth(h.submitSKP))
	mux.HandleFunc("POST /skp/{id}/approve", h.auth(h.approveSKP))
	mux.HandleFunc("POST /skp/{id}/return", h.auth(h.returnSKP))
	mux.HandleFunc("POST /skp/{id}/revise", h.auth(h.reviseSKP))
	mux.HandleFunc("POST /skp/{id}/copy", h.auth(h.copySKP))
	mux.HandleFunc("GET /skp/{id}/matrix", h.auth(h.matrix))
	mux.HandleFunc("GET /skp/{id}/pdf", h.auth(h.skpPDF))

	mux.HandleFunc("GET /skp/{id}/realisation", h.auth(h.realisation))
	mux.HandleFunc("POST /skp/{id}/realisation", h.auth(h.saveRealisationNote))

	mux.HandleFunc("GET /assessments", h.auth(h.myAssessments))
	mux.HandleFunc("POST /assessments", h.auth(h.createAssessment))
	mux.HandleFunc("GET /assessments/team", h.auth(h.teamAssessments))
	mux.HandleFunc("GET /assessments/{id}", h.auth(h.assessment))
	mux.HandleFunc("POST /assessments/{id}", h.auth(h.updateAssessment))
	mux.HandleFunc("POST /assessments/{id}/finalize", h.auth(h.finalizeAssessment))
	mux.HandleFunc("POST /assessments/{id}/self", h.auth(h.selfAssess))
	mux.HandleFunc("POST /assessments/{id}/acknowledge", h.auth(h.acknowledgeAssessment))
	mux.HandleFunc("POST /assessments/{id}/object", h.auth(h.objectAssessment))
	mux.HandleFunc("POST /assessments/{id}/decide", h.auth(h.decideObjection))
	mux.HandleFunc("GET /assessments/{id}/pdf", h.auth(h.assessmentPDF))
	mux.HandleFunc("GET /assessments/historis", h.auth(h.legacy))
	mux.HandleFunc("GET /calibration", h.auth(h.calibration))
	mux.HandleFunc("GET /hr-review", h.auth(h.hrReview))
	mux.HandleFunc("POST /calibration/org-rating", h.auth(h.setOrgRating))
	mux.HandleFunc("POST /calibration/adjust", h.auth(h.adjustAssessment))
	mux.HandleFunc("GET /units/{id}/recap.xlsx", h.auth(h.unitRecap))

	mux.HandleFunc("GET /activities", h.auth(h.activities))
	mux.HandleFunc("POST /activities", h.auth(h.createActivity))
	mux.HandleFunc("GET /activities/verify", h.auth(h.verifyQueue))
	mux.HandleFunc("POST /activities/approve", h.auth(h.approveActivities))
	mux.HandleFunc("GET /activities/{id}", h.auth(h.activity))
	mux.HandleFunc("POST /activities/{id}", h.auth(h.updateActivity))
	mux.HandleFunc("GET /activities/{id}/delete", h.auth(h.confirmDeleteActivity))
	mux.HandleFunc("POST /activities/{id}/delete", h.auth(h.deleteActivity))
	mux.HandleFunc("POST /activities/{id}/reject", h.auth(h.rejectActivity))
	mux.HandleFunc("GET /evidence/{id}", h.auth(h.evidence))
	mux.HandleFunc("GET /evidence/{id}/thumb", h.auth(h.evidenceThumb))

	mux.HandleFunc("GET /feedback", h.auth(h.myFeedback))
	mux.HandleFunc("GET /employees/{id}/feedback", h.auth(h.employeeFeedback))
	mux.HandleFunc("POST /employees/{id}/feedback", h.auth(h.postFeedback))
	mux.HandleFunc("POST /employees/{id}/peers", h.auth(h.assignPeers))
	mux.HandleFunc("POST /employees/{id}/peer-proposal", h.auth(h.proposePeers))
	mux.HandleFunc("GET /employees/{id}/dialogs", h.auth(h.employeeDialogs))
	mux.HandleFunc("POST /employees/{id}/dialogs", h.auth(h.createDialog))
	mux.HandleFunc("POST /dialog-actions/{id}", h.auth(h.setDialogAction))
	mux.HandleFunc("GET /peer-tasks", h.auth(h.peerTasks))
	mux.HandleFunc("GET /peer-tasks/{id}", h.auth(h.peerAnswer))
	mux.HandleFunc("POST /peer-tasks/{id}", h.auth(h.answerPeer))
	mux.HandleFunc("GET /peer-reviews", h.auth(h.peerReviewsRedirect))
	mux.HandleFunc("GET /upward", h.auth(h.upward))
	mux.HandleFunc("GET /upward/give", h.auth(h.upwardForm))
	mux.HandleFunc("POST /upward/give", h.auth(h.giveUpward))
	mux.HandleFunc("POST /upward/replies", h.auth(h.replyUpward))
	mux.HandleFunc("GET /upward-feedback", h.auth(h.upwardRedirect))

	mux.HandleFunc("GET /admin/settings", h.admin(h.settings))
	mux.HandleFunc("POST /admin/settings", h.admin(h.updateSettings))
	mux.HandleFunc("POST /admin/settings/holidays", h.admin(h.setHoliday))
	mux.HandleFunc("GET /admin/settings/holidays/{date}/delete", h.admin(h.confirmDeleteHoliday))
	mux.HandleFunc("POST /admin/settings/holidays/{date}/delete", h.admin(h.deleteHoliday))

	mux.HandleFunc("GET /notifications", h.auth(h.notifications))
	mux.HandleFunc("POST /notifications/read", h.auth(h.markNotificationsRead))

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
