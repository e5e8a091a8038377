package api_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// contractEmployeeKeys are the fields CONTRACT.md promises for an employee.
var contractEmployeeKeys = []string{"id", "nip", "name", "gender", "birth_date", "status", "grade", "position", "position_kind",
	"unit_id", "supervisor_id", "appraiser_id", "phone", "email", "active"}

// directoryKeys are the only fields of a colleague the caller may not fully see.
var directoryKeys = []string{"active", "id", "name", "position", "position_kind", "supervisor_id", "unit_id"}

// personalKeys must never appear in a directory entry.
var personalKeys = []string{"nip", "birth_date", "gender", "phone", "email", "grade", "status", "inactive_reason", "appraiser_id"}

func hasKeys(m map[string]any, want []string) bool {
	for _, k := range want {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	return true
}

func TestEmployeeCreate(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		admin := f.as("admin.asemrowo")
		valid := func(change map[string]any) map[string]any {
			m := map[string]any{"nip": "19800517 200503 1 001", "name": "Budi Santoso, S.Kom.", "gender": "laki_laki",
				"birth_date": "1980-05-17", "status": "pns", "grade": "iii/b", "position": "Pranata Komputer Ahli Pertama",
				"position_kind": "fungsional", "unit_id": f.units["seksi.pem"], "supervisor_id": f.emp["kasi.pem"],
				"phone": "031-7490000", "email": "budi.santoso@surabaya.go.id"}
			for k, v := range change {
				m[k] = v
			}
			return m
		}
		tests := []struct {
			name       string
			body       any
			wantStatus int
			wantField  string
		}{
			{"nip with a bad date", valid(map[string]any{"nip": "198002302005031001"}), 422, "nip"},
			{"nip with a bad month", valid(map[string]any{"nip": "198005172005131001"}), 422, "nip"},
			{"nip with gender digit 3", valid(map[string]any{"nip": "198005172005033001"}), 422, "nip"},
			{"nip gender differs", valid(map[string]any{"gender": "perempuan"}), 422, "nip"},
			{"nip birth date differs", valid(map[string]any{"nip": "198005182005031001"}), 422, "nip"},
			{"nip of 17 digits", valid(map[string]any{"nip": "19800517200503100"}), 422, "nip"},
			{"nip with TMT in the future", valid(map[string]any{"nip": "198005172099031001"}), 422, "nip"},
			{"nip sequence 000", valid(map[string]any{"nip": "198005172005031000"}), 422, "nip"},
			{"birth_date not YYYY-MM-DD", valid(map[string]any{"birth_date": "17-05-1980"}), 422, "birth_date"},
			{"birth_date not a day", valid(map[string]any{"birth_date": "1980-02-30"}), 422, "birth_date"},
			{"effective_date not YYYY-MM-DD", valid(map[string]any{"effective_date": "besok"}), 422, "effective_date"},
			{"supervisor_id not an id", valid(map[string]any{"supervisor_id": "kasi"}), 422, "supervisor_id"},
			{"unknown supervisor", valid(map[string]any{"supervisor_id": 999999}), 422, "supervisor_id"},
			{"unknown unit", valid(map[string]any{"unit_id": 999999}), 422, "unit_id"},
			{"unknown grade", valid(map[string]any{"grade": "V/a"}), 422, "grade"},
			{"unknown position kind", valid(map[string]any{"position_kind": "raja"}), 422, "position_kind"},
			{"bad email", valid(map[string]any{"email": "bukan email"}), 422, "email"},
			{"unit_id of the wrong type", valid(map[string]any{"unit_id": "satu"}), 400, "unit_id"},
			{"malformed json", `{"nip":`, 400, ""},
			{"empty", map[string]any{}, 422, "name"},
		}
		for _, tt := range tests {
			status, body := admin.do("POST", "/api/v1/employees", tt.body)
			if status != tt.wantStatus || errorCode(t, body) != "invalid" || (tt.wantField != "" && field(body, tt.wantField) == "") {
				t.Errorf("%s: status %d, %v; want %d naming %q", tt.name, status, body, tt.wantStatus, tt.wantField)
			}
		}

		status, body := admin.do("POST", "/api/v1/employees", valid(nil))
		if status != 201 || bodyID(body) == 0 {
			t.Fatalf("create: status %d, %v; want 201 with id", status, body)
		}
		if !hasKeys(body, contractEmployeeKeys) {
			t.Errorf("created employee %v lacks some of %v", keys(body), contractEmployeeKeys)
		}
		want := map[string]any{"nip": "198005172005031001", "grade": "III/b", "birth_date": "1980-05-17", "active": true,
			"supervisor_id": float64(f.emp["kasi.pem"]), "appraiser_id": float64(f.emp["kasi.pem"]), "org_id": float64(f.org)}
		for k, v := range want {
			if body[k] != v {
				t.Errorf("created employee %s = %v; want %v", k, body[k], v)
			}
		}
		if status, got := admin.do("GET", pathOf("/api/v1/employees", bodyID(body)), nil); status != 200 || got["name"] != "Budi Santoso, S.Kom." {
			t.Errorf("GET created employee: status %d, %v", status, got)
		}

		status, body = admin.do("POST", "/api/v1/employees", valid(map[string]any{"name": "Orang Lain"}))
		if status != 409 || errorCode(t, body) != "conflict" {
			t.Errorf("duplicate NIP: status %d, %v; want 409 conflict", status, body)
		}
	})
}

func TestEmployeeSupervisorLoop(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		admin := f.as("admin.asemrowo")
		a := f.addPerson(t, sqldbtest.PersonSpec{Key: "andi", Name: "Andi Pratama", Position: "Analis", Unit: "seksi.eko", NoLogin: true})
		b := f.addPerson(t, sqldbtest.PersonSpec{Key: "bunga", Name: "Bunga Citra", Gender: kinerja.GenderFemale, Position: "Analis", Unit: "seksi.eko",
			Supervisor: "andi", NoLogin: true})
		tests := []struct {
			name             string
			employee, newSup int64
		}{
			{"A→B→A", a, b},
			{"self", a, a},
			{"camat below staff (three levels)", f.emp["camat"], f.emp["staf.pem"]},
		}
		for _, tt := range tests {
			status, body := admin.do("PATCH", pathOf("/api/v1/employees", tt.employee), map[string]any{"supervisor_id": tt.newSup})
			if status != 422 || field(body, "supervisor_id") == "" {
				t.Errorf("%s: status %d, %v; want 422 naming supervisor_id", tt.name, status, body)
			}
		}
		if status, body := admin.do("GET", pathOf("/api/v1/employees", a), nil); status != 200 || body["supervisor_id"] != nil {
			t.Errorf("after refused loops A: status %d, supervisor_id %v; want nil", status, body["supervisor_id"])
		}
	})
}

func TestEmployeeVisibility(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		// Who sees whose full record: the own record and the subtree below.
		full := map[string][]string{
			"kasi.pem":       {"kasi.pem", "staf.pem", "staf.pem2"},
			"staf.pem":       {"staf.pem"},
			"camat":          {"camat", "kasi.pem", "staf.pem", "staf.pem2", "kasi.eko", "staf.eko"},
			"admin.asemrowo": {"camat", "kasi.pem", "staf.pem", "staf.pem2", "kasi.eko", "staf.eko"},
		}
		for user, visible := range full {
			c := f.as(user)
			for name, empID := range f.emp {
				want := 403
				if slices.Contains(visible, name) {
					want = 200
				}
				for _, p := range []string{"", "/history", "/team"} {
					status, body := c.do("GET", pathOf("/api/v1/employees", empID)+p, nil)
					if status != want {
						t.Errorf("%s GET employee %s%s: status %d, %v; want %d", user, name, p, status, body, want)
					}
					if want == 403 && errorCode(t, body) != "forbidden" {
						t.Errorf("%s GET employee %s%s: code %v; want forbidden", user, name, p, body)
					}
				}
			}

			status, body := c.do("GET", "/api/v1/employees?limit=500&active=all", nil)
			if status != 200 {
				t.Fatalf("%s list: status %d, %v", user, status, body)
			}
			if n := len(body["items"].([]any)); n != len(f.emp) || body["total"] != float64(len(f.emp)) {
				t.Errorf("%s list: %d items, total %v; want %d", user, n, body["total"], len(f.emp))
			}
			for _, it := range body["items"].([]any) {
				e := it.(map[string]any)
				name := nameOf(f, bodyID(e))
				if slices.Contains(visible, name) {
					if !hasKeys(e, contractEmployeeKeys) || e["nip"] == "" {
						t.Errorf("%s list: row %s = %v; want the full record", user, name, e)
					}
					continue
				}
				if got := keys(e); !slices.Equal(got, directoryKeys) {
					t.Errorf("%s list: row %s has keys %v; want only %v", user, name, got, directoryKeys)
				}
			}
		}

		// A subordinate's NIP finds nothing for those who may not see it.
		staf := f.as("staf.pem")
		status, body := f.as("admin.asemrowo").do("GET", pathOf("/api/v1/employees", f.emp["camat"]), nil)
		if status != 200 {
			t.Fatalf("admin GET camat: %d %v", status, body)
		}
		if status, body := staf.do("GET", "/api/v1/employees?q="+body["nip"].(string), nil); status != 200 || len(ids(t, body)) != 0 {
			t.Errorf("pegawai searching the camat's NIP: status %d, %v; want no rows", status, body)
		}

		// Roles follow the reporting lines: kasi.pem has subordinates.
		if status, body := f.as("kasi.pem").do("GET", "/api/v1/me", nil); status != 200 || !slices.Contains(body["roles"].([]any), any("atasan")) {
			t.Errorf("kasi.pem /me: status %d, roles %v; want atasan among them", status, body["roles"])
		}

		status, body = f.as("kasi.pem").do("GET", pathOf("/api/v1/employees", f.emp["kasi.pem"])+"/team", nil)
		team := ids(t, body)
		slices.Sort(team)
		want := []int64{f.emp["staf.pem"], f.emp["staf.pem2"]}
		slices.Sort(want)
		if status != 200 || !slices.Equal(team, want) {
			t.Errorf("kasi.pem team: status %d, %v; want %v", status, team, want)
		}
		for _, it := range body["items"].([]any) {
			m := it.(map[string]any)
			if m["depth"] != float64(1) || !hasKeys(m, contractEmployeeKeys) {
				t.Errorf("kasi.pem team member %v; want the full record with depth 1", m)
			}
		}
		status, body = f.as("camat").do("GET", pathOf("/api/v1/employees", f.emp["camat"])+"/team", nil)
		depths := map[int64]float64{}
		for _, it := range body["items"].([]any) {
			m := it.(map[string]any)
			depths[bodyID(m)], _ = m["depth"].(float64)
		}
		if status != 200 || len(depths) != 5 || depths[f.emp["kasi.eko"]] != 1 || depths[f.emp["staf.pem2"]] != 2 {
			t.Errorf("camat team: status %d, depths %v; want 5 members, kasi 1, staff 2", status, depths)
		}
	})
}

func nameOf(f *orgFixture, id int64) string {
	for name, v := range f.emp {
		if v == id {
			return name
		}
	}
	return ""
}

func TestEmployeeWritesNeedAdmin(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		in := f.Input(sqldbtest.PersonSpec{Name: "Rina Marlina", Gender: kinerja.GenderFemale, Unit: "seksi.pem", Supervisor: "kasi.pem"})
		newEmployee := map[string]any{"nip": in.NIP, "name": in.Name, "gender": in.Gender, "birth_date": in.BirthDate, "status": in.Status,
			"grade": in.Grade, "position": in.Position, "position_kind": in.PositionKind, "unit_id": in.UnitID, "supervisor_id": in.SupervisorID}
		tests := []struct {
			user, method, path string
			body               any
		}{
			{"staf.pem", "POST", "/api/v1/employees", newEmployee},
			{"staf.pem", "PATCH", pathOf("/api/v1/employees", f.emp["staf.pem"]), map[string]any{"phone": "0813-1111-2222"}},
			{"staf.pem", "PATCH", pathOf("/api/v1/employees", f.emp["staf.pem2"]), map[string]any{"phone": "0813-1111-2222"}},
			{"kasi.pem", "POST", "/api/v1/employees", newEmployee},
			{"kasi.pem", "PATCH", pathOf("/api/v1/employees", f.emp["staf.pem"]), map[string]any{"position": "Analis"}},
			{"staf.pem", "POST", "/api/v1/units", map[string]any{"name": "Seksi Baru", "kind": "seksi", "parent_id": f.org}},
			{"staf.pem", "PATCH", pathOf("/api/v1/units", f.units["seksi.pem"]), map[string]any{"name": "Seksi Lain"}},
			{"staf.pem", "DELETE", pathOf("/api/v1/units", f.units["seksi.pem"]), nil},
			{"kasi.pem", "PATCH", pathOf("/api/v1/units", f.units["seksi.pem"]), map[string]any{"head_id": f.emp["kasi.pem"]}},
			{"admin.asemrowo", "POST", "/api/v1/units", map[string]any{"name": "Kecamatan Lain", "kind": "kecamatan"}},
			{"admin.asemrowo", "DELETE", pathOf("/api/v1/units", f.org), nil},
		}
		for _, tt := range tests {
			status, body := f.as(tt.user).do(tt.method, tt.path, tt.body)
			if status != 403 || errorCode(t, body) != "forbidden" {
				t.Errorf("%s %s %s: status %d, %v; want 403 forbidden", tt.user, tt.method, tt.path, status, body)
			}
		}
		status, body := f.as("staf.pem").do("GET", pathOf("/api/v1/employees", f.emp["staf.pem"]), nil)
		if status != 200 || body["phone"] != "0812-3456-7890" || body["position"] != "Pengadministrasi Pemerintahan" {
			t.Errorf("after refused writes: status %d, %v; want the record unchanged", status, body)
		}
	})
}

func TestEmployeeList(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		for _, name := range []string{"Yusuf Maulana", "Wulan Sari", "Tono Hartono", "Rudi Hermawan", "Putri Ayu", "Joko Widodo"} {
			f.addPerson(t, sqldbtest.PersonSpec{Key: name, Name: name, Unit: "seksi.eko", Supervisor: "kasi.eko", NoLogin: true})
		}
		admin := f.as("admin.asemrowo")

		var seen []int64
		var names []string
		cursor := ""
		for page := 0; ; page++ {
			if page > len(f.emp) {
				t.Fatalf("pagination does not end: %d pages", page)
			}
			status, body := admin.do("GET", "/api/v1/employees?limit=5&cursor="+url.QueryEscape(cursor), nil)
			if status != 200 || body["total"] != float64(len(f.emp)) {
				t.Fatalf("page %d: status %d, %v; want total %d", page, status, body, len(f.emp))
			}
			seen = append(seen, ids(t, body)...)
			for _, it := range body["items"].([]any) {
				names = append(names, strings.ToLower(it.(map[string]any)["name"].(string)))
			}
			if cursor = body["next_cursor"].(string); cursor == "" {
				break
			}
		}
		var all []int64
		for _, v := range f.emp {
			all = append(all, v)
		}
		slices.Sort(all)
		got := slices.Clone(seen)
		slices.Sort(got)
		if !slices.Equal(got, all) {
			t.Errorf("paged ids = %v; want each of %v once", seen, all)
		}
		if !slices.IsSorted(names) {
			t.Errorf("paged names = %v; want name order", names)
		}

		filters := []struct {
			query string
			want  []string
		}{
			{"unit_id=" + itoa(int(f.units["seksi.pem"])), []string{"kasi.pem", "staf.pem", "staf.pem2"}},
			{"unit_id=" + itoa(int(f.org)) + "&position_kind=pengawas", []string{"kasi.pem", "kasi.eko"}},
			{"supervisor_id=" + itoa(int(f.emp["camat"])), []string{"kasi.pem", "kasi.eko"}},
			{"q=kepala+seksi", []string{"kasi.pem", "kasi.eko"}},
			{"q=SITI", []string{"kasi.pem"}},
			{"status=pppk", nil},
			{"active=false", nil},
			{"position_kind=administrator&status=pns&active=true", []string{"camat"}},
		}
		for _, tt := range filters {
			status, body := admin.do("GET", "/api/v1/employees?"+tt.query, nil)
			got := ids(t, body)
			var want []int64
			for _, n := range tt.want {
				want = append(want, f.emp[n])
			}
			slices.Sort(got)
			slices.Sort(want)
			if status != 200 || !slices.Equal(got, want) {
				t.Errorf("GET /api/v1/employees?%s: status %d, ids %v; want %v", tt.query, status, got, want)
			}
		}

		invalid := []struct{ query, field string }{
			{"limit=0", "limit"},
			{"limit=501", "limit"},
			{"limit=lima", "limit"},
			{"cursor=xyz", "cursor"},
			{"cursor=azU", "cursor"}, // a keyset cursor of another list
			{"unit_id=abc", "unit_id"},
			{"supervisor_id=-1", "supervisor_id"},
			{"position_kind=raja", "position_kind"},
			{"status=honorer", "status"},
			{"active=mungkin", "active"},
			{"org_id=x", "org_id"},
		}
		for _, tt := range invalid {
			if status, body := admin.do("GET", "/api/v1/employees?"+tt.query, nil); status != 422 || field(body, tt.field) == "" {
				t.Errorf("GET /api/v1/employees?%s: status %d, %v; want 422 naming %s", tt.query, status, body, tt.field)
			}
		}
		if status, body := admin.do("GET", "/api/v1/employees?limit=500", nil); status != 200 || len(ids(t, body)) != len(f.emp) || body["next_cursor"] != "" {
			t.Errorf("limit=500: status %d, %d items, cursor %v; want all on one page", status, len(ids(t, body)), body["next_cursor"])
		}
	})
}

func TestEmployeeUpdate(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		admin := f.as("admin.asemrowo")
		p := pathOf("/api/v1/employees", f.emp["staf.pem"])
		history := func() []any {
			t.Helper()
			status, body := admin.do("GET", p+"/history", nil)
			if status != 200 {
				t.Fatalf("history: status %d, %v", status, body)
			}
			ids(t, body)
			return body["items"].([]any)
		}
		before := len(history())
		if before == 0 {
			t.Fatalf("history of a new employee is empty; want its first period")
		}
		_, orig := admin.do("GET", p, nil)

		status, body := admin.do("PATCH", p, map[string]any{"supervisor_id": f.emp["kasi.eko"], "unit_id": f.units["seksi.eko"], "effective_date": "2025-07-01"})
		if status != 200 || body["supervisor_id"] != float64(f.emp["kasi.eko"]) || body["unit_id"] != float64(f.units["seksi.eko"]) {
			t.Fatalf("move: status %d, %v", status, body)
		}
		for _, k := range []string{"nip", "name", "phone", "email", "birth_date", "grade", "position"} {
			if body[k] != orig[k] {
				t.Errorf("move changed %s from %v to %v; want absent keys kept", k, orig[k], body[k])
			}
		}
		hist := history()
		if len(hist) != before+1 {
			t.Errorf("history after a supervisor change has %d periods; want %d", len(hist), before+1)
		}
		found := false
		for _, it := range hist {
			h := it.(map[string]any)
			if h["effective_date"] == "2025-07-01" && h["supervisor_id"] == float64(f.emp["kasi.eko"]) && h["unit_id"] == float64(f.units["seksi.eko"]) {
				found = true
			}
		}
		if !found {
			t.Errorf("history %v has no period from 2025-07-01 under kasi.eko", hist)
		}

		steps := []struct {
			name  string
			patch any
			want  map[string]any
		}{
			{"override appraiser", map[string]any{"appraiser_id": f.emp["camat"]}, map[string]any{"appraiser_id": float64(f.emp["camat"]), "appraiser_override": true}},
			{"clear appraiser", map[string]any{"appraiser_id": nil}, map[string]any{"appraiser_id": float64(f.emp["kasi.eko"]), "appraiser_override": false}},
			{"rename only", map[string]any{"name": "Agus Salim, S.AP."}, map[string]any{"name": "Agus Salim, S.AP.", "supervisor_id": float64(f.emp["kasi.eko"])}},
			{"clear supervisor", map[string]any{"supervisor_id": nil}, map[string]any{"supervisor_id": nil, "appraiser_id": nil, "name": "Agus Salim, S.AP."}},
			{"deactivate", map[string]any{"active": false, "inactive_reason": "mutasi"}, map[string]any{"active": false, "inactive_reason": "mutasi"}},
		}
		for _, s := range steps {
			status, body := admin.do("PATCH", p, s.patch)
			if status != 200 {
				t.Fatalf("%s: status %d, %v", s.name, status, body)
			}
			for k, v := range s.want {
				if body[k] != v {
					t.Errorf("%s: %s = %v; want %v", s.name, k, body[k], v)
				}
			}
		}
		if n := len(history()); n <= before+1 {
			t.Errorf("history after clearing the supervisor has %d periods; want more than %d", n, before+1)
		}

		invalid := []struct {
			name       string
			patch      any
			wantStatus int
			field      string
		}{
			{"bad effective_date", map[string]any{"position": "Analis", "effective_date": "01/07/2025"}, 422, "effective_date"},
			{"bad birth_date", map[string]any{"birth_date": "1980-13-01"}, 422, "birth_date"},
			{"nip of another person", map[string]any{"nip": "198005172005031001"}, 422, "nip"},
			{"inactive without reason", map[string]any{"inactive_reason": ""}, 422, "inactive_reason"},
			{"malformed", `{"name": }`, 400, ""},
			{"name of the wrong type", map[string]any{"name": 7}, 400, "name"},
		}
		for _, tt := range invalid {
			status, body := admin.do("PATCH", p, tt.patch)
			if status != tt.wantStatus || (tt.field != "" && field(body, tt.field) == "") {
				t.Errorf("%s: status %d, %v; want %d naming %q", tt.name, status, body, tt.wantStatus, tt.field)
			}
		}
		for _, q := range []string{"", "active=true"} {
			if status, body := admin.do("GET", "/api/v1/employees?limit=500&"+q, nil); status != 200 || slices.Contains(ids(t, body), f.emp["staf.pem"]) {
				t.Errorf("list ?%s after deactivation: status %d; want staf.pem left out", q, status)
			}
		}
		if status, body := admin.do("GET", "/api/v1/employees?active=false", nil); status != 200 || !slices.Equal(ids(t, body), []int64{f.emp["staf.pem"]}) {
			t.Errorf("list ?active=false: status %d, %v; want only staf.pem", status, body)
		}
		if status, body := admin.do("PATCH", "/api/v1/employees/999999", map[string]any{"name": "Siapa"}); status != 404 || errorCode(t, body) != "not_found" {
			t.Errorf("PATCH unknown employee: status %d, %v; want 404", status, body)
		}
	})
}
