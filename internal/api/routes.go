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
	}
}
