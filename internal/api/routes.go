package api

import "net/http"

// route is one entry of the API's route table. The table is data so a test can compare it
// with openapi.json.
type route struct {
	method, path string
	handler      http.HandlerFunc
	public       bool // needs no bearer token
}

func (h *Handler) routeTable() []route {
	return []route{
		{"GET", "/api/v1/openapi.json", h.openAPI, true},
		{"POST", "/api/v1/auth/login", h.login, true},
		{"POST", "/api/v1/auth/logout", h.logout, false},
		{"GET", "/api/v1/me", h.me, false},
		{"PUT", "/api/v1/me/password", h.changePassword, false},
		{"GET", "/api/v1/users", h.listUsers, false},
		{"POST", "/api/v1/users", h.createUser, false},
		{"GET", "/api/v1/users/{id}", h.getUser, false},
		{"PATCH", "/api/v1/users/{id}", h.updateUser, false},
		{"POST", "/api/v1/users/{id}/password", h.resetPassword, false},
		{"GET", "/api/v1/audit", h.listAudit, false},
		{"GET", "/api/v1/organisations", h.listOrganisations, false},
		{"GET", "/api/v1/units", h.listUnits, false},
		{"POST", "/api/v1/units", h.createUnit, false},
		{"GET", "/api/v1/units/{id}", h.getUnit, false},
		{"PATCH", "/api/v1/units/{id}", h.updateUnit, false},
		{"DELETE", "/api/v1/units/{id}", h.deleteUnit, false},
		{"GET", "/api/v1/employees", h.listEmployees, false},
		{"POST", "/api/v1/employees", h.createEmployee, false},
		{"GET", "/api/v1/employees/{id}", h.getEmployee, false},
		{"PATCH", "/api/v1/employees/{id}", h.updateEmployee, false},
		{"GET", "/api/v1/employees/{id}/history", h.employeeHistory, false},
		{"GET", "/api/v1/employees/{id}/team", h.employeeTeam, false},
		{"GET", "/api/v1/employees/export.xlsx", h.exportEmployees, false},
		{"POST", "/api/v1/imports/employees", h.importEmployees, false},
		{"GET", "/api/v1/imports/employees/template.xlsx", h.importTemplate, false},
		{"GET", "/api/v1/periods", h.listPeriods, false},
		{"POST", "/api/v1/periods", h.createPeriod, false},
		{"GET", "/api/v1/periods/{id}", h.getPeriod, false},
		{"PATCH", "/api/v1/periods/{id}", h.updatePeriod, false},
		{"GET", "/api/v1/behaviors", h.listBehaviors, false},
		{"GET", "/api/v1/skp", h.listSKP, false},
		{"POST", "/api/v1/skp", h.createSKP, false},
		{"GET", "/api/v1/skp/{id}", h.getSKP, false},
		{"PATCH", "/api/v1/skp/{id}", h.updateSKP, false},
		{"GET", "/api/v1/skp/{id}/versions", h.skpVersions, false},
		{"POST", "/api/v1/skp/{id}/results", h.addResult, false},
		{"PATCH", "/api/v1/skp/{id}/results/{result_id}", h.updateResult, false},
		{"DELETE", "/api/v1/skp/{id}/results/{result_id}", h.deleteResult, false},
		{"POST", "/api/v1/skp/{id}/results/{result_id}/assign", h.assignResult, false},
		{"PUT", "/api/v1/skp/{id}/behaviors", h.setBehaviors, false},
		{"POST", "/api/v1/skp/{id}/submit", h.submitSKP, false},
		{"POST", "/api/v1/skp/{id}/approve", h.approveSKP, false},
		{"POST", "/api/v1/skp/{id}/return", h.returnSKP, false},
		{"POST", "/api/v1/skp/{id}/revise", h.reviseSKP, false},
		{"GET", "/api/v1/skp/{id}/matrix", h.skpMatrix, false},
		{"GET", "/api/v1/skp/{id}/pdf", h.skpPDF, false},
		{"GET", "/api/v1/notifications", h.listNotifications, false},
		{"POST", "/api/v1/notifications/read", h.markNotificationsRead, false},
	}
}
