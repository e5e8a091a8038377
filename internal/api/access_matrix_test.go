package api_test

import (
	"cmp"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"kinerja/internal/api"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// apiMatrix is the role × route matrix of the API: for every route of routes.go, the status
// each role gets, in the order of sqldbtest.AccessRoles:
//
//	anonymous  other_org  staff  atasan  head  pimpinan  org_admin  install
//
// The request is the route's pattern with its parameters filled by the objects of
// sqldbtest.AccessOrg (the staff member's SKP, activity, assessment …), or Path where the row
// names one; a write sends the JSON object {}, or Body, with the same objects filled in. 422
// is a body refused by validation after the permission check; 409 is a permitted action on an
// object not in a state for it.
//
// To add a route: add its row here (the test fails until you do) with the status each role
// should get. When a status changes on purpose, change the cell. A failing run prints the
// cells that differ and the rows as they stand today; read each against CONTRACT.md's roles
// and scopes before copying it. Reads run first, then writes in the order written: a write
// that succeeds for one role is seen by the next roles of the row and by the rows after it,
// so destructive rows use objects of each role's own (unit.spare, activity.delete …).
var apiMatrix = []sqldbtest.AccessRow{
	{Route: "GET /api/v1/openapi.json", Want: "200 200 200 200 200 200 200 200"},
	// A wrong password for a username of each role's own, so that no limit is reached.
	{Route: "POST /api/v1/auth/login", Body: `{"username": "m.tidak-ada.{role}", "password": "salah-sekali-123"}`, Want: "401 401 401 401 401 401 401 401"},
	{Route: "POST /api/v1/auth/logout", Want: "401 204 204 204 204 204 204 204"},
	// A wrong code for a username of each role's own, so that no limit is reached.
	{Route: "POST /api/v1/auth/activate", Body: `{"username": "m.tidak-ada.{role}", "code": "ABCD-EFGH-JKMN", "password": "salah-sekali-123"}`,
		Want: "401 401 401 401 401 401 401 401"},
	{Route: "GET /api/v1/me", Want: "401 200 200 200 200 200 200 200"},
	{Route: "PUT /api/v1/me/password", Want: "401 422 422 422 422 422 422 422"},
	{Route: "GET /api/v1/me/todo", Want: "401 200 200 200 200 200 200 200"},
	{Route: "GET /api/v1/users", Want: "401 200 403 403 403 403 200 200"},
	{Route: "POST /api/v1/users", Want: "401 422 403 403 403 403 422 422"},
	{Route: "GET /api/v1/users/{id}", Want: "401 404 200 403 403 403 200 200"},
	{Route: "PATCH /api/v1/users/{id}", Path: "/api/v1/users/{user.spare}", Want: "401 404 403 403 403 403 200 200"},
	{Route: "POST /api/v1/users/{id}/password", Path: "/api/v1/users/{user.spare}/password", Body: `{"password": "sandi-baru-12345"}`, Want: "401 404 403 403 403 403 200 200"},
	{Route: "GET /api/v1/audit", Want: "401 200 403 403 403 403 200 200"},
	{Route: "GET /api/v1/organisations", Want: "401 200 200 200 200 200 200 200"},
	{Route: "GET /api/v1/units", Want: "401 200 200 200 200 200 200 200"},
	{Route: "POST /api/v1/units", Body: `{"name": "Seksi Baru {role}", "kind": "seksi", "parent_id": {org}}`, Want: "401 422 403 403 403 403 201 201"},
	{Route: "GET /api/v1/units/{id}", Want: "401 404 200 200 200 200 200 200"},
	{Route: "PATCH /api/v1/units/{id}", Path: "/api/v1/units/{unit.spare}", Want: "401 404 403 403 403 403 200 200"},
	{Route: "DELETE /api/v1/units/{id}", Path: "/api/v1/units/{unit.spare}", Want: "401 404 403 403 403 403 204 204"},
	{Route: "PUT /api/v1/units/{id}/org-rating", Body: `{"period": "{eval}", "predikat": "baik"}`, Want: "401 404 403 403 403 200 200 200"},
	// The unit's head, those above and admins only (CONTRACT.md): the staff member and their
	// atasan, who heads nothing, are refused.
	{Route: "GET /api/v1/units/{id}/distribution", Path: "/api/v1/units/{unit}/distribution?period={eval}", Want: "401 404 403 403 200 200 200 200"},
	{Route: "GET /api/v1/assessments", Want: "401 200 200 200 200 200 200 200"},
	{Route: "POST /api/v1/assessments", Body: `{"skp_id": {skp}, "period": "{eval}"}`, Want: "401 422 403 409 403 403 409 409"},
	{Route: "GET /api/v1/assessments/{id}", Want: "401 404 200 200 200 200 200 200"},
	{Route: "PATCH /api/v1/assessments/{id}", Want: "401 404 403 200 403 403 403 403"},
	{Route: "POST /api/v1/assessments/{id}/finalize", Want: "401 404 403 422 403 403 403 403"},
	{Route: "POST /api/v1/assessments/{id}/self", Body: `{"self_result_rating": "sesuai", "self_behavior_rating": "sesuai", "self_reflection": "Target tercapai."}`, Want: "401 404 200 403 403 403 403 403"},
	{Route: "POST /api/v1/assessments/{id}/acknowledge", Want: "401 404 409 403 403 403 403 403"},
	{Route: "POST /api/v1/assessments/{id}/object", Body: `{"reason": "Saya keberatan atas penilaian ini."}`, Want: "401 404 409 403 403 403 403 403"},
	{Route: "POST /api/v1/assessments/{id}/decide", Body: `{"decision": "keep", "reason": "Penilaian tetap."}`, Want: "401 404 403 403 409 403 403 403"},
	{Route: "GET /api/v1/assessments/{id}/pdf", Want: "401 404 200 200 200 200 200 200"},
	{Route: "POST /api/v1/assessments/{id}/calibrate", Body: `{"result_rating": "sesuai", "behavior_rating": "sesuai", "reason": "Hasil kalibrasi."}`, Want: "401 404 403 403 403 200 200 200"},
	{Route: "GET /api/v1/hr-review", Path: "/api/v1/hr-review?year={year}", Want: "401 200 403 403 403 200 200 200"},
	// The rows the reader may see; the distribution sheet only for those who may read the
	// distribution.
	{Route: "GET /api/v1/units/{id}/recap.xlsx", Path: "/api/v1/units/{unit}/recap.xlsx?period={eval}", Want: "401 404 200 200 200 200 200 200"},
	{Route: "GET /api/v1/employees", Want: "401 200 200 200 200 200 200 200"},
	{Route: "POST /api/v1/employees", Body: `{employee.new}`, Want: "401 422 403 403 403 403 201 201"},
	{Route: "GET /api/v1/employees/{id}", Want: "401 404 200 200 200 200 200 200"},
	{Route: "PATCH /api/v1/employees/{id}", Path: "/api/v1/employees/{employee.spare}", Want: "401 404 403 403 403 403 200 200"},
	{Route: "GET /api/v1/employees/{id}/history", Want: "401 404 200 200 200 200 200 200"},
	{Route: "GET /api/v1/employees/{id}/team", Want: "401 404 200 200 200 200 200 200"},
	{Route: "GET /api/v1/employees/export.xlsx", Want: "401 200 403 403 403 403 200 200"},
	{Route: "POST /api/v1/imports/employees", Want: "401 400 400 400 400 400 400 400"},
	{Route: "GET /api/v1/imports/employees/template.xlsx", Want: "401 200 200 200 200 200 200 200"},
	{Route: "GET /api/v1/periods", Want: "401 200 200 200 200 200 200 200"},
	{Route: "POST /api/v1/periods", Want: "401 422 403 403 403 403 422 422"},
	{Route: "GET /api/v1/periods/{id}", Want: "401 404 200 200 200 200 200 200"},
	{Route: "PATCH /api/v1/periods/{id}", Want: "401 404 403 403 403 403 200 200"},
	{Route: "GET /api/v1/behaviors", Want: "401 200 200 200 200 200 200 200"},
	{Route: "GET /api/v1/skp", Want: "401 200 200 200 200 200 200 200"},
	{Route: "POST /api/v1/skp", Body: `{"period_id": {period}}`, Want: "401 422 409 409 409 409 422 422"},
	{Route: "GET /api/v1/skp/{id}", Want: "401 404 200 200 200 200 200 200"},
	{Route: "PATCH /api/v1/skp/{id}", Want: "401 404 409 403 403 403 409 409"},
	{Route: "GET /api/v1/skp/{id}/versions", Want: "401 404 200 200 200 200 200 200"},
	{Route: "POST /api/v1/skp/{id}/results", Want: "401 404 409 403 403 403 409 409"},
	{Route: "PATCH /api/v1/skp/{id}/results/{result_id}", Want: "401 404 409 403 403 403 409 409"},
	{Route: "DELETE /api/v1/skp/{id}/results/{result_id}", Want: "401 404 409 403 403 403 409 409"},
	{Route: "POST /api/v1/skp/{id}/results/{result_id}/assign", Body: `{"employee_ids": [{employee.rekan}]}`, Want: "401 404 422 403 403 403 422 422"},
	{Route: "PUT /api/v1/skp/{id}/behaviors", Want: "401 404 403 409 403 403 409 409"},
	{Route: "POST /api/v1/skp/{id}/submit", Want: "401 404 409 403 403 403 409 409"},
	{Route: "POST /api/v1/skp/{id}/approve", Want: "401 404 403 409 403 403 403 403"},
	{Route: "GET /api/v1/skp/{id}/matrix", Want: "401 404 200 200 200 200 200 200"},
	{Route: "GET /api/v1/skp/{id}/pdf", Want: "401 404 200 200 200 200 200 200"},
	{Route: "GET /api/v1/skp/{id}/realisation", Path: "/api/v1/skp/{skp}/realisation?period={eval}", Want: "401 404 200 200 200 200 200 200"},
	{Route: "PUT /api/v1/skp/{id}/realisation/{indicator_id}", Body: `{"period": "{eval}", "note": "Berkas selesai tepat waktu."}`, Want: "401 422 200 403 403 403 200 200"},
	{Route: "GET /api/v1/activities", Want: "401 200 200 200 200 200 200 200"},
	{Route: "POST /api/v1/activities", Body: `{"date": "{today}", "result_id": {result}, "description": "Mengarsipkan berkas.", "output": 1}`, Want: "401 422 201 422 422 422 422 422"},
	{Route: "POST /api/v1/activities/approve", Body: `{"ids": [{activity.bulk}]}`, Want: "401 404 403 200 403 403 403 403"},
	{Route: "GET /api/v1/activities/{id}", Want: "401 404 200 200 200 200 200 200"},
	{Route: "PATCH /api/v1/activities/{id}", Want: "401 404 200 403 403 403 200 200"},
	{Route: "DELETE /api/v1/activities/{id}", Path: "/api/v1/activities/{activity.delete}", Want: "401 404 204 403 403 403 204 204"},
	{Route: "POST /api/v1/activities/{id}/approve", Path: "/api/v1/activities/{activity.approve}/approve", Want: "401 404 403 200 403 403 403 403"},
	{Route: "POST /api/v1/activities/{id}/reject", Path: "/api/v1/activities/{activity.reject}/reject", Body: `{"reason": "Bukti belum dilampirkan."}`, Want: "401 404 403 200 403 403 403 403"},
	{Route: "POST /api/v1/evidence", Want: "401 400 400 400 400 400 400 400"},
	{Route: "GET /api/v1/evidence/{id}", Want: "401 404 200 200 200 200 200 200"},
	{Route: "GET /api/v1/settings", Want: "401 200 200 200 200 200 200 200"},
	{Route: "PUT /api/v1/settings", Want: "401 200 403 403 403 403 200 200"},
	{Route: "GET /api/v1/holidays", Want: "401 200 200 200 200 200 200 200"},
	{Route: "PUT /api/v1/holidays/{date}", Body: `{"name": "Hari Kemerdekaan RI"}`, Want: "401 200 403 403 403 403 200 200"},
	{Route: "DELETE /api/v1/holidays/{date}", Path: "/api/v1/holidays/{holiday.delete}", Want: "401 204 403 403 403 403 204 204"},
	{Route: "GET /api/v1/feedback", Path: "/api/v1/feedback?about_employee_id={employee}", Want: "401 404 200 200 200 200 200 200"},
	{Route: "POST /api/v1/feedback", Body: `{"about_employee_id": {employee}, "text": "Terima kasih atas laporannya."}`, Want: "401 422 403 201 201 201 403 403"},
	{Route: "GET /api/v1/peer-tasks", Want: "401 200 200 200 200 200 200 200"},
	{Route: "POST /api/v1/peer-tasks/{id}/answer", Body: `{"ratings": {"berorientasi_pelayanan": "sesuai", "akuntabel": "sesuai", "kompeten": "sesuai", "harmonis": "sesuai", "loyal": "sesuai", "adaptif": "sesuai", "kolaboratif": "sesuai"}, "comment": "Rekan yang membantu."}`, Want: "401 404 200 403 403 403 403 403"},
	{Route: "GET /api/v1/periods/{id}/peers", Path: "/api/v1/periods/{period}/peers?employee_id={employee.rekan}", Want: "401 404 403 200 200 200 200 200"},
	{Route: "POST /api/v1/periods/{id}/peers", Body: `{"employee_id": {employee}, "peer_ids": []}`, Want: "401 422 403 422 403 403 422 422"},
	{Route: "GET /api/v1/periods/{id}/peer-proposal", Path: "/api/v1/periods/{period}/peer-proposal?employee_id={employee}", Want: "401 404 404 404 403 403 404 404"},
	{Route: "POST /api/v1/periods/{id}/peer-proposal", Body: `{"peer_ids": []}`, Want: "401 403 422 422 422 409 403 403"},
	{Route: "GET /api/v1/periods/{id}/peers/suggest", Path: "/api/v1/periods/{period}/peers/suggest?employee_id={employee}", Want: "401 404 403 200 403 403 200 200"},
	{Route: "GET /api/v1/periods/{id}/peer-summary", Path: "/api/v1/periods/{period}/peer-summary?employee_id={employee.rekan}", Want: "401 404 403 200 200 200 200 200"},
	{Route: "GET /api/v1/periods/{id}/peer-answers", Path: "/api/v1/periods/{period}/peer-answers?employee_id={employee.rekan}", Want: "401 404 403 200 200 200 403 403"},
	{Route: "POST /api/v1/upward-feedback", Body: `{"leader_id": {employee.ketua}, "year": {year}, "clarity": 3, "support": 3, "openness": 3, "fairness": 3, "text": "Arahan jelas."}`, Want: "401 422 201 403 403 403 403 403"},
	{Route: "GET /api/v1/upward-feedback/leaders", Path: "/api/v1/upward-feedback/leaders?year={year}", Want: "401 200 200 200 200 200 200 200"},
	{Route: "GET /api/v1/upward-feedback/summary", Path: "/api/v1/upward-feedback/summary?leader_id={employee.ketua}&year={year}", Want: "401 404 403 200 403 403 200 200"},
	{Route: "GET /api/v1/upward-feedback/replies", Path: "/api/v1/upward-feedback/replies?leader_id={employee.ketua}&year={year}", Want: "401 404 200 200 200 200 200 200"},
	{Route: "POST /api/v1/upward-feedback/replies", Body: `{"year": {year}, "text": "Terima kasih atas masukannya."}`, Want: "401 403 403 201 201 201 403 403"},
	{Route: "GET /api/v1/dialogs", Path: "/api/v1/dialogs?employee_id={employee}", Want: "401 404 200 200 200 200 200 200"},
	{Route: "POST /api/v1/dialogs", Body: `{"employee_id": {employee}, "date": "{today}", "topics": "Rencana pelatihan."}`, Want: "401 422 201 201 403 403 403 403"},
	{Route: "PATCH /api/v1/dialogs/actions/{id}", Body: `{"status": "done"}`, Want: "401 404 200 200 403 403 403 403"},
	{Route: "GET /api/v1/notifications", Want: "401 200 200 200 200 200 200 200"},
	{Route: "POST /api/v1/notifications/read", Want: "401 204 204 204 204 204 204 204"},
	// The SKP's workflow last: a revision makes the staff member's SKP a draft again.
	{Route: "POST /api/v1/skp/{id}/return", Body: `{"note": "Target perlu diperbaiki."}`, Want: "401 404 403 409 403 403 403 403"},
	{Route: "POST /api/v1/skp/{id}/revise", Want: "401 404 201 403 403 403 409 409"},
	// Accounts for every employee without one, last: the organisation changes for every row after it.
	{Route: "POST /api/v1/users/activation-codes", Want: "401 201 403 403 403 403 201 422"},
}

// TestAccessMatrix sends every route of the API as every role and checks the status against
// apiMatrix; a route without a row fails. Every answer is also checked against openapi.json.
func TestAccessMatrix(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		c := newServer(t, db)
		o := sqldbtest.BuildAccessOrg(t, db, "m.")
		objects := o.Objects()

		login := func(role sqldbtest.AccessRole) *client {
			switch role {
			case sqldbtest.AccessAnonymous:
				return c
			case sqldbtest.AccessInstall:
				return c.login("admin", adminPassword)
			}
			return c.login(o.Usernames[role], sqldbtest.Password)
		}
		clients := map[sqldbtest.AccessRole]*client{}
		for _, role := range sqldbtest.AccessRoles {
			clients[role] = login(role)
		}
		// The staff member attaches a file to the activity, for the route that serves it.
		status, body := clients[sqldbtest.AccessStaff].upload("/api/v1/evidence", "bukti.png",
			formField{"activity_id", objects["activity"]}, formField{"file", string(testPNG(t))})
		if status != http.StatusCreated {
			t.Fatalf("upload evidence: %d %v", status, body)
		}
		objects["evidence"] = strconv.FormatInt(bodyID(body), 10)

		routes, _ := api.RoutePatterns()
		sqldbtest.CheckAccessMatrix(t, routes, apiMatrix, objects, func(role sqldbtest.AccessRole, req sqldbtest.AccessRequest) int {
			cl := clients[role]
			if req.Route == "POST /api/v1/auth/logout" {
				cl = login(role) // logging out ends the token: a token of its own
			}
			var body io.Reader
			if req.Method != http.MethodGet {
				body = strings.NewReader(cmp.Or(req.Body, "{}"))
			}
			r, err := http.NewRequest(req.Method, cl.base+req.Path, body)
			if err != nil {
				t.Fatal(err)
			}
			r.Header.Set("Content-Type", "application/json")
			resp, _ := cl.send(r)
			status := resp.StatusCode
			return status
		})
	})
}

// TestUnitDistribution_TwoPersonUnit: Seksi Ekonomi is its head and one staff member, so its
// distribution tells the staff member's predikat. The staff member and a Kasi of another
// section are refused with 403 forbidden; its head, the Camat above the head and the admin
// read it; another organisation does not see the unit.
func TestUnitDistribution_TwoPersonUnit(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSKPFixture(t, db)
		admin := f.as("admin.asemrowo")
		section := pathOf("/api/v1/units", f.units["seksi.eko"])
		mustDo(t, admin, "PATCH", section, map[string]any{"head_id": f.emp["kasi.eko"]}, 200)
		other := sqldbtest.Build(t, db, sqldbtest.OrgSpec{Name: "Kecamatan Lain", Admin: "admin.lain", Seq: 100})
		tests := []struct {
			who    *client
			name   string
			status int
			code   string
		}{
			{f.as("staf.eko"), "the staff member", 403, "forbidden"},
			{f.as("kasi.pem"), "the Kasi of another section", 403, "forbidden"},
			{f.as("kasi.eko"), "the section's head", 200, ""},
			{f.as("camat"), "the Camat, above the head", 200, ""},
			{admin, "the organisation's admin", 200, ""},
			{f.as(other.AdminUser.Username), "another organisation's admin", 404, "not_found"},
		}
		for _, tt := range tests {
			status, body := tt.who.do("GET", section+"/distribution?period=2026-Q1", nil)
			if status != tt.status || tt.code != "" && errorCode(t, body) != tt.code {
				t.Errorf("%s: status %d, %v; want %d %s", tt.name, status, body, tt.status, tt.code)
			}
		}
	})
}
