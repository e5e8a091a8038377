package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// webMatrix is the role × route matrix of the web UI: for every route of routes.go, the
// status each role gets, in the order of sqldbtest.AccessRoles:
//
//	anonymous  other_org  staff  atasan  head  pimpinan  org_admin  install
//
// The request is the route's pattern with its parameters filled by the objects of
// sqldbtest.AccessOrg (the staff member's SKP, activity, assessment …), or Path where the row
// names one; a write posts an empty form, or Body, with the same objects filled in (a {name}
// is an object of AccessOrg.Objects, the role's own NAME@ROLE before NAME). 303 is a
// redirect: to /login for anonymous requests, after a successful write for the others; 422 is
// a form refused by validation after the permission check; 409 a permitted action on an
// object not in a state for it.
//
// To add a route: add its row here (the test fails until you do) with the status each role
// should get. When a status changes on purpose, change the cell. A failing run prints the
// cells that differ and the rows as they stand today; read each against CONTRACT.md's roles
// and scopes before copying it. Reads run first, then writes in the order written: a write
// that succeeds for one role is seen by the next roles of the row and by the rows after it,
// so destructive rows use objects of each role's own (unit.spare, activity.delete …).
var webMatrix = []sqldbtest.AccessRow{
	{Route: "GET /static/{hash}/{file}", Want: "200 200 200 200 200 200 200 200"},
	{Route: "GET /login", Want: "200 303 303 303 303 303 303 303"},
	// A wrong password for a username of each role's own, so that no limit is reached.
	{Route: "POST /login", Body: "username=m.tidak-ada.{role}&password=salah-sekali-123", Want: "401 401 401 401 401 401 401 401"},
	{Route: "POST /logout", Want: "303 303 303 303 303 303 303 303"},
	{Route: "GET /activate", Want: "200 303 303 303 303 303 303 303"},
	// A wrong code for a username of each role's own, so that no limit is reached.
	{Route: "POST /activate", Body: "username=m.tidak-ada.{role}&code=ABCD-EFGH-JKMN&password=salah-sekali-123&confirm_password=salah-sekali-123",
		Want: "401 401 401 401 401 401 401 401"},
	{Route: "POST /language", Body: "locale=en&next=/", Want: "303 303 303 303 303 303 303 303"},
	{Route: "GET /{$}", Want: "303 200 200 200 200 200 200 200"},
	{Route: "GET /profile", Want: "303 200 200 200 200 200 200 200"},
	{Route: "POST /profile", Want: "303 303 303 303 303 303 303 303"},
	{Route: "POST /profile/password", Want: "303 422 422 422 422 422 422 422"},
	{Route: "GET /admin/users", Want: "303 200 403 403 403 403 200 200"},
	{Route: "GET /admin/users/new", Want: "303 200 403 403 403 403 200 200"},
	{Route: "GET /admin/users/bulk", Want: "303 200 403 403 403 403 200 200"},
	{Route: "POST /admin/users", Want: "303 422 403 403 403 403 422 422"},
	{Route: "GET /admin/users/{id}", Want: "303 404 403 403 403 403 200 200"},
	{Route: "POST /admin/users/{id}", Path: "/admin/users/{user.spare}", Want: "303 404 403 403 403 403 422 422"},
	{Route: "POST /admin/users/{id}/password", Path: "/admin/users/{user.spare}/password", Want: "303 404 403 403 403 403 422 422"},
	{Route: "GET /admin/users/{id}/deactivate", Want: "303 404 403 403 403 403 200 200"},
	{Route: "POST /admin/users/{id}/deactivate", Path: "/admin/users/{user.spare}/deactivate", Want: "303 404 403 403 403 403 303 303"},
	{Route: "POST /admin/users/{id}/activate", Path: "/admin/users/{user.spare}/activate", Want: "303 404 403 403 403 403 303 303"},
	{Route: "GET /admin/audit", Want: "303 200 403 403 403 403 200 200"},
	{Route: "GET /units", Want: "303 200 200 200 200 200 200 200"},
	{Route: "GET /units/new", Want: "303 200 403 403 403 403 200 200"},
	{Route: "POST /units", Want: "303 422 403 403 403 403 422 422"},
	{Route: "GET /units/{id}", Want: "303 404 200 200 200 200 200 200"},
	{Route: "POST /units/{id}", Path: "/units/{unit.spare}", Want: "303 404 403 403 403 403 422 422"},
	{Route: "GET /units/{id}/delete", Want: "303 404 403 403 403 403 200 200"},
	{Route: "POST /units/{id}/delete", Path: "/units/{unit.spare}/delete", Want: "303 404 403 403 403 403 303 303"},
	{Route: "GET /employees", Want: "303 200 200 200 200 200 200 200"},
	{Route: "GET /employees/new", Want: "303 200 403 403 403 403 200 200"},
	{Route: "POST /employees", Want: "303 422 403 403 403 403 422 422"},
	{Route: "GET /employees/import", Want: "303 200 403 403 403 403 200 200"},
	{Route: "POST /employees/import", Want: "303 400 403 403 403 403 400 400"},
	{Route: "GET /employees/import/template", Want: "303 200 403 403 403 403 200 200"},
	{Route: "GET /employees/export.xlsx", Want: "303 200 403 403 403 403 200 200"},
	{Route: "GET /employees/{id}", Want: "303 404 200 200 200 200 200 200"},
	{Route: "GET /employees/{id}/edit", Want: "303 404 403 403 403 403 200 200"},
	{Route: "POST /employees/{id}", Path: "/employees/{employee.spare}", Want: "303 404 403 403 403 403 422 422"},
	{Route: "GET /employees/{id}/deactivate", Want: "303 404 403 403 403 403 200 200"},
	{Route: "POST /employees/{id}/deactivate", Path: "/employees/{employee.spare}/deactivate", Body: "inactive_reason=mutasi", Want: "303 404 403 403 403 403 303 303"},
	{Route: "POST /employees/{id}/activate", Path: "/employees/{employee.spare}/activate", Want: "303 404 403 403 403 403 303 303"},
	{Route: "GET /org/chart", Want: "303 200 200 200 200 200 200 200"},
	{Route: "GET /admin/periods", Want: "303 200 403 403 403 403 200 200"},
	{Route: "POST /admin/periods", Want: "303 422 403 403 403 403 422 422"},
	{Route: "POST /admin/periods/{id}", Want: "303 404 403 403 403 403 303 303"},
	{Route: "GET /skp", Want: "303 200 200 200 200 200 200 200"},
	{Route: "POST /skp", Body: "period_id={period}&approach=kuantitatif", Want: "303 422 409 409 409 409 422 422"},
	{Route: "GET /skp/team", Want: "303 200 200 200 200 200 200 200"},
	{Route: "GET /skp/{id}", Want: "303 404 200 200 200 200 200 200"},
	{Route: "GET /skp/{id}/edit", Want: "303 404 409 403 403 403 409 409"},
	{Route: "POST /skp/{id}", Want: "303 404 409 403 403 403 409 409"},
	{Route: "GET /skp/{id}/results/new", Want: "303 404 409 403 403 403 409 409"},
	{Route: "POST /skp/{id}/results", Want: "303 404 409 403 403 403 409 409"},
	{Route: "GET /skp/{id}/results/{rid}/edit", Want: "303 404 409 403 403 403 409 409"},
	{Route: "POST /skp/{id}/results/{rid}", Want: "303 404 409 403 403 403 409 409"},
	{Route: "GET /skp/{id}/results/{rid}/delete", Want: "303 404 409 403 403 403 409 409"},
	{Route: "POST /skp/{id}/results/{rid}/delete", Want: "303 404 409 403 403 403 409 409"},
	{Route: "POST /skp/{id}/results/{rid}/assign", Body: "employee_ids={employee.rekan}", Want: "303 404 422 403 403 403 422 422"},
	{Route: "GET /skp/{id}/behaviors", Want: "303 404 403 409 403 403 409 409"},
	{Route: "POST /skp/{id}/behaviors", Want: "303 404 403 409 403 403 409 409"},
	{Route: "POST /skp/{id}/submit", Want: "303 404 409 403 403 403 409 409"},
	{Route: "POST /skp/{id}/approve", Want: "303 404 403 409 403 403 403 403"},
	{Route: "POST /skp/{id}/copy", Body: "from={skp}", Want: "303 404 409 403 403 403 409 409"},
	{Route: "GET /skp/{id}/matrix", Want: "303 404 200 200 200 200 200 200"},
	{Route: "GET /skp/{id}/pdf", Want: "303 404 200 200 200 200 200 200"},
	{Route: "GET /skp/{id}/realisation", Want: "303 404 200 200 200 200 200 200"},
	{Route: "POST /skp/{id}/realisation", Body: "period={eval}&indicator_id={indicator}&note=Berkas selesai tepat waktu.", Want: "303 404 303 403 403 403 303 303"},
	{Route: "GET /assessments", Want: "303 200 200 200 200 200 200 200"},
	{Route: "POST /assessments", Body: "skp_id={skp}&period={eval}", Want: "303 422 403 409 403 403 409 409"},
	{Route: "GET /assessments/team", Want: "303 200 200 200 200 200 200 200"},
	{Route: "GET /assessments/{id}", Want: "303 404 200 200 200 200 200 200"},
	{Route: "POST /assessments/{id}", Want: "303 404 403 303 403 403 403 403"},
	{Route: "POST /assessments/{id}/finalize", Want: "303 404 403 422 403 403 403 403"},
	{Route: "POST /assessments/{id}/self", Body: "self_result_rating=sesuai&self_behavior_rating=sesuai&self_reflection=Target tercapai.", Want: "303 404 303 403 403 403 403 403"},
	{Route: "POST /assessments/{id}/acknowledge", Want: "303 404 409 403 403 403 403 403"},
	{Route: "POST /assessments/{id}/object", Body: "reason=Saya keberatan atas penilaian ini.", Want: "303 404 409 403 403 403 403 403"},
	{Route: "POST /assessments/{id}/decide", Body: "decision=keep&reason=Penilaian tetap.", Want: "303 404 403 403 409 403 403 403"},
	{Route: "GET /assessments/{id}/pdf", Want: "303 404 200 200 200 200 200 200"},
	{Route: "GET /assessments/historis", Want: "303 200 200 200 200 200 200 200"},
	// Distributions of every unit: for the pimpinan and admins (CONTRACT.md: the unit's head,
	// those above, and admins).
	{Route: "GET /calibration", Want: "303 200 403 403 403 200 200 200"},
	{Route: "GET /hr-review", Want: "303 200 403 403 403 200 200 200"},
	{Route: "POST /calibration/org-rating", Body: "unit_id={unit}&period={eval}&predikat=baik", Want: "303 404 403 403 403 303 303 303"},
	{Route: "POST /calibration/adjust", Body: "id={assessment}&period={eval}&result_rating=sesuai&behavior_rating=sesuai&reason=Hasil kalibrasi.", Want: "303 404 403 403 403 303 303 303"},
	// The rows the reader may see; the distribution sheet only for those who may read the
	// distribution.
	{Route: "GET /units/{id}/recap.xlsx", Path: "/units/{unit}/recap.xlsx?period={eval}", Want: "303 404 200 200 200 200 200 200"},
	{Route: "GET /activities", Want: "303 200 200 200 200 200 200 200"},
	{Route: "POST /activities", Body: "date={today}&result_id={result}&description=Mengarsipkan berkas.&output=1&unit=berkas&minutes=30", Want: "303 422 303 422 422 422 422 422"},
	{Route: "GET /activities/verify", Want: "303 200 200 200 200 200 200 200"},
	{Route: "POST /activities/approve", Body: "ids={activity.bulk}", Want: "303 404 403 303 403 403 403 403"},
	{Route: "GET /activities/{id}", Want: "303 404 200 200 200 200 200 200"},
	{Route: "POST /activities/{id}", Body: "date={today}&result_id={result}&description=Memverifikasi berkas.&output=2&unit=berkas&minutes=30", Want: "303 404 303 403 403 403 303 303"},
	{Route: "GET /activities/{id}/delete", Want: "303 404 200 403 403 403 200 200"},
	{Route: "POST /activities/{id}/delete", Path: "/activities/{activity.delete}/delete", Want: "303 404 303 403 403 403 303 303"},
	{Route: "POST /activities/{id}/reject", Path: "/activities/{activity.reject}/reject", Body: "reason=Bukti belum dilampirkan.", Want: "303 404 403 303 403 403 403 403"},
	{Route: "GET /evidence/{id}", Want: "303 404 200 200 200 200 200 200"},
	{Route: "GET /evidence/{id}/thumb", Want: "303 404 200 200 200 200 200 200"},
	{Route: "GET /feedback", Want: "303 404 303 303 303 303 404 404"},
	{Route: "GET /employees/{id}/feedback", Want: "303 404 200 200 200 200 200 200"},
	{Route: "POST /employees/{id}/feedback", Body: "mode=give&text=Terima kasih atas laporannya.", Want: "303 404 403 303 303 303 403 403"},
	{Route: "POST /employees/{id}/peers", Body: "period_id={period}", Want: "303 404 403 422 403 403 422 422"},
	{Route: "POST /employees/{id}/peer-proposal", Body: "period_id={period}", Want: "303 404 422 403 403 403 403 403"},
	{Route: "GET /employees/{id}/dialogs", Want: "303 303 303 303 303 303 303 303"},
	{Route: "POST /employees/{id}/dialogs", Body: "date={today}&topics=Rencana pelatihan.", Want: "303 404 303 303 403 403 403 403"},
	{Route: "POST /dialog-actions/{id}", Body: "status=done&employee_id={employee}", Want: "303 404 303 303 403 403 403 403"},
	{Route: "GET /peer-tasks", Want: "303 200 200 200 200 200 200 200"},
	{Route: "GET /peer-tasks/{id}", Want: "303 404 200 404 404 404 404 404"},
	{Route: "POST /peer-tasks/{id}", Body: "ratings.berorientasi_pelayanan=sesuai&ratings.akuntabel=sesuai&ratings.kompeten=sesuai&ratings.harmonis=sesuai&ratings.loyal=sesuai&ratings.adaptif=sesuai&ratings.kolaboratif=sesuai&comment=Rekan yang membantu.", Want: "303 404 303 404 404 404 404 404"},
	{Route: "GET /peer-reviews", Want: "303 303 303 303 303 303 303 303"},
	{Route: "GET /upward", Want: "303 200 200 200 200 200 200 200"},
	{Route: "GET /upward/give", Path: "/upward/give?leader={employee.ketua}&year={year}", Want: "303 403 200 403 403 403 403 403"},
	{Route: "POST /upward/give", Body: "leader_id={employee.ketua}&year={year}&clarity=3&support=3&openness=3&fairness=3&text=Arahan jelas.", Want: "303 403 303 403 403 403 403 403"},
	{Route: "POST /upward/replies", Body: "year={year}&text=Terima kasih atas masukannya.", Want: "303 403 403 303 303 303 403 403"},
	{Route: "GET /upward-feedback", Want: "303 303 303 303 303 303 303 303"},
	{Route: "GET /admin/settings", Want: "303 200 403 403 403 403 200 200"},
	{Route: "POST /admin/settings", Want: "303 422 403 403 403 403 422 422"},
	{Route: "POST /admin/settings/holidays", Body: "date={today}&name=Cuti bersama", Want: "303 303 403 403 403 403 303 303"},
	{Route: "GET /admin/settings/holidays/{date}/delete", Want: "303 404 403 403 403 403 200 200"},
	{Route: "POST /admin/settings/holidays/{date}/delete", Path: "/admin/settings/holidays/{holiday.delete}/delete", Want: "303 404 403 403 403 403 303 303"},
	{Route: "GET /notifications", Want: "303 200 200 200 200 200 200 200"},
	{Route: "POST /notifications/read", Want: "303 303 303 303 303 303 303 303"},
	// The SKP's workflow last: a revision makes the staff member's SKP a draft again.
	{Route: "POST /skp/{id}/return", Body: "note=Target perlu diperbaiki.", Want: "303 404 403 409 403 403 403 403"},
	{Route: "POST /skp/{id}/revise", Want: "303 404 303 403 403 403 409 409"},
	// Accounts for every employee without one, last: the organisation changes for every row after it.
	{Route: "POST /admin/users/bulk", Want: "303 200 403 403 403 403 200 422"},
	{Route: "/", Path: "/tidak-ada", Want: "404 404 404 404 404 404 404 404"},
}

// TestAccessMatrix sends every route of the web UI as every role and checks the status
// against webMatrix; a route without a row fails.
func TestAccessMatrix(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		o := sqldbtest.BuildAccessOrg(t, db, "m.")
		objects := o.Objects()
		objects["static.hash"], objects["file"] = "0", "app.css"

		login := func(role sqldbtest.AccessRole) *client {
			c := srv.client(t)
			switch role {
			case sqldbtest.AccessAnonymous:
			case sqldbtest.AccessInstall:
				c.login("admin", adminPassword)
			default:
				c.login(o.Usernames[role], sqldbtest.Password)
			}
			return c
		}
		clients := map[sqldbtest.AccessRole]*client{}
		for _, role := range sqldbtest.AccessRoles {
			clients[role] = login(role)
		}
		// The staff member attaches a file to the activity, for the route that serves it.
		a := o.Activity
		clients[sqldbtest.AccessStaff].postFile("/activities/"+itoa(a.ID), url.Values{"date": {a.Date.String()}, "result_id": {itoa(a.ResultID)},
			"description": {a.Description}, "output": {"3"}, "unit": {"berkas"}, "minutes": {"60"}}, "bukti.png", pngPhoto(t)).wantStatus(t, http.StatusSeeOther)
		a, err := db.FindActivityByID(o.As("staf"), a.ID)
		if err != nil || len(a.Evidence) != 1 {
			t.Fatalf("the staff member's evidence: %+v, %v", a, err)
		}
		objects["evidence"] = itoa(a.Evidence[0].ID)

		routes := srv.handler.RoutePatterns()
		sqldbtest.CheckAccessMatrix(t, routes, webMatrix, objects, func(role sqldbtest.AccessRole, req sqldbtest.AccessRequest) int {
			c := clients[role]
			if req.Route == "POST /logout" {
				c = login(role) // logging out ends the session: a session of its own
			}
			var form url.Values
			if req.Method != http.MethodGet {
				var err error
				if form, err = url.ParseQuery(req.Body); err != nil {
					t.Fatalf("%s: body %q: %v", req.Route, req.Body, err)
				}
			}
			return c.do(req.Method, req.Path, form).Status
		})
	})
}
