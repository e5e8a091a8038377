package api_test

import (
	"slices"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestUnitsAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		admin := f.as("admin.asemrowo")

		status, body := admin.do("GET", "/api/v1/units", nil)
		if status != 200 {
			t.Fatalf("list: status %d, %v", status, body)
		}
		if got, want := ids(t, body), []int64{f.org, f.units["seksi.eko"], f.units["seksi.pem"]}; !slices.Equal(got, want) {
			t.Errorf("tree ids = %v; want %v (organisation, then children by name)", got, want)
		}
		wantUnits := []map[string]any{
			{"name": "Kecamatan Asemrowo", "kind": "kecamatan", "parent_id": nil, "depth": float64(0), "employees": float64(1)},
			{"name": "Seksi Ekonomi", "kind": "seksi", "parent_id": float64(f.org), "depth": float64(1), "path": "Seksi Ekonomi", "employees": float64(2)},
			{"name": "Seksi Pemerintahan", "kind": "seksi", "parent_id": float64(f.org), "depth": float64(1), "employees": float64(3)},
		}
		for i, it := range body["items"].([]any) {
			u := it.(map[string]any)
			if !hasKeys(u, []string{"id", "name", "kind", "parent_id", "org_id", "head_id", "depth", "path", "employees"}) || u["org_id"] != float64(f.org) {
				t.Errorf("unit %v lacks fields or has the wrong org_id", u)
			}
			for k, v := range wantUnits[i] {
				if u[k] != v {
					t.Errorf("unit %d %s = %v; want %v", i, k, u[k], v)
				}
			}
		}

		status, body = admin.do("POST", "/api/v1/units", map[string]any{"name": "  Subbagian   Umum dan Kepegawaian ", "kind": "subbagian", "parent_id": f.org})
		if status != 201 || body["name"] != "Subbagian Umum dan Kepegawaian" || body["parent_id"] != float64(f.org) || body["org_id"] != float64(f.org) {
			t.Fatalf("create: status %d, %v", status, body)
		}
		sub := bodyID(body)
		p := pathOf("/api/v1/units", sub)

		invalid := []struct {
			name       string
			method     string
			path       string
			body       any
			wantStatus int
			fields     []string
		}{
			{"duplicate sibling name", "POST", "/api/v1/units", map[string]any{"name": "Seksi Ekonomi", "kind": "seksi", "parent_id": f.org}, 409, nil},
			{"empty name, unknown kind", "POST", "/api/v1/units", map[string]any{"name": " ", "kind": "raja", "parent_id": f.org}, 422, []string{"name", "kind"}},
			{"unknown parent", "POST", "/api/v1/units", map[string]any{"name": "Seksi X", "kind": "seksi", "parent_id": 999999}, 422, []string{"parent_id"}},
			{"malformed", "POST", "/api/v1/units", `{"name":`, 400, nil},
			{"rename to a sibling's name", "PATCH", p, map[string]any{"name": "Seksi Pemerintahan"}, 409, nil},
			{"unknown kind", "PATCH", p, map[string]any{"kind": "raja"}, 422, []string{"kind"}},
			{"head from nowhere", "PATCH", p, map[string]any{"head_id": 999999}, 422, []string{"head_id"}},
			{"head not an id", "PATCH", p, map[string]any{"head_id": "camat"}, 422, []string{"head_id"}},
			{"unit made an organisation", "PATCH", p, map[string]any{"parent_id": nil}, 422, []string{"parent_id"}},
			{"unit below itself", "PATCH", p, map[string]any{"parent_id": sub}, 422, []string{"parent_id"}},
			{"organisation moved", "PATCH", pathOf("/api/v1/units", f.org), map[string]any{"parent_id": f.units["seksi.pem"]}, 422, []string{"parent_id"}},
			{"delete a unit with employees", "DELETE", pathOf("/api/v1/units", f.units["seksi.pem"]), nil, 409, nil},
			{"get unknown", "GET", "/api/v1/units/999999", nil, 404, nil},
			{"get non-numeric", "GET", "/api/v1/units/seksi", nil, 404, nil},
		}
		for _, tt := range invalid {
			status, body := admin.do(tt.method, tt.path, tt.body)
			if status != tt.wantStatus {
				t.Errorf("%s: status %d, %v; want %d", tt.name, status, body, tt.wantStatus)
				continue
			}
			errorCode(t, body)
			for _, fl := range tt.fields {
				if field(body, fl) == "" {
					t.Errorf("%s: %v; want fields.%s", tt.name, body, fl)
				}
			}
		}

		// Only the installation admin removes organisations, and only empty ones.
		if status, body := f.admin.do("DELETE", pathOf("/api/v1/units", f.org), nil); status != 409 || errorCode(t, body) != "conflict" {
			t.Errorf("installation admin deletes a full organisation: status %d, %v; want 409", status, body)
		}

		steps := []struct {
			name  string
			patch map[string]any
			want  map[string]any
		}{
			{"rename", map[string]any{"name": "Subbagian Umum"}, map[string]any{"name": "Subbagian Umum", "kind": "subbagian"}},
			{"set head", map[string]any{"head_id": f.emp["kasi.pem"]}, map[string]any{"head_id": float64(f.emp["kasi.pem"]), "name": "Subbagian Umum"}},
			{"clear head", map[string]any{"head_id": nil}, map[string]any{"head_id": nil, "name": "Subbagian Umum"}},
			{"move", map[string]any{"parent_id": f.units["seksi.pem"], "kind": "other"}, map[string]any{"parent_id": float64(f.units["seksi.pem"]), "kind": "other", "head_id": nil}},
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
		if status, body := admin.do("PATCH", pathOf("/api/v1/units", f.org), map[string]any{"parent_id": nil, "name": "Kecamatan Asemrowo"}); status != 200 || body["parent_id"] != nil {
			t.Errorf("organisation with parent_id null: status %d, %v; want 200, still a root", status, body)
		}
		status, body = admin.do("GET", p, nil)
		if status != 200 || body["depth"] != float64(2) || body["path"] != "Seksi Pemerintahan / Subbagian Umum" {
			t.Errorf("moved unit: status %d, %v; want depth 2 below Seksi Pemerintahan", status, body)
		}

		if status, body := admin.do("DELETE", p, nil); status != 204 || body != nil {
			t.Errorf("delete empty unit: status %d, %v; want 204 without body", status, body)
		}
		if status, _ := admin.do("GET", p, nil); status != 404 {
			t.Errorf("deleted unit: status %d; want 404", status)
		}
		if status, _ := admin.do("DELETE", p, nil); status != 404 {
			t.Errorf("delete again: status %d; want 404", status)
		}

		// Every member reads the tree and the organisation.
		peg := f.as("staf.pem")
		if status, body := peg.do("GET", "/api/v1/units", nil); status != 200 || len(ids(t, body)) != 3 {
			t.Errorf("pegawai list: status %d, %v; want the 3 units", status, body)
		}
		if status, body := peg.do("GET", "/api/v1/organisations", nil); status != 200 || !slices.Equal(ids(t, body), []int64{f.org}) {
			t.Errorf("pegawai organisations: status %d, %v; want only %d", status, body, f.org)
		}
	})
}

func TestEmptyInstallation(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		admin := newServer(t, db).login("admin", adminPassword)
		for _, p := range []string{"/api/v1/units", "/api/v1/organisations", "/api/v1/employees"} {
			if status, body := admin.do("GET", p, nil); status != 200 || len(ids(t, body)) != 0 {
				t.Errorf("GET %s without organisations: status %d, %v; want an empty list", p, status, body)
			}
		}
		status, body := admin.do("POST", "/api/v1/units", map[string]any{"name": "Kecamatan Asemrowo", "kind": "kecamatan"})
		if status != 201 || body["parent_id"] != nil || body["org_id"] != body["id"] {
			t.Fatalf("create organisation: status %d, %v; want a root whose org_id is its id", status, body)
		}
		org := bodyID(body)
		for _, p := range []string{"/api/v1/units", "/api/v1/organisations"} {
			if status, body := admin.do("GET", p, nil); status != 200 || !slices.Equal(ids(t, body), []int64{org}) {
				t.Errorf("GET %s after: status %d, %v; want the organisation %d", p, status, body, org)
			}
		}
	})
}

// TestOrganisationIsolation checks that one organisation never sees another's units or people.
func TestOrganisationIsolation(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		other := sqldbtest.Build(t, db, sqldbtest.OrgSpec{Name: "Kecamatan Benowo", Admin: "admin.benowo",
			Units: []sqldbtest.UnitSpec{{Key: "seksi", Name: "Seksi Pemerintahan"}},
			People: []sqldbtest.PersonSpec{{Key: "slamet", Login: "slamet", Name: "Slamet Riyadi", Position: "Kepala Seksi Pemerintahan",
				Kind: kinerja.PositionPengawas, Unit: "seksi"}}})
		benowo, seksi, lurah := other.OrgID(), other.Unit("seksi").ID, other.Employee("slamet").ID

		for _, user := range []string{"admin.benowo", "slamet"} {
			c := f.as(user)
			var probes []struct{ method, path string }
			for _, u := range []int64{f.org, f.units["seksi.pem"]} {
				probes = append(probes, struct{ method, path string }{"GET", pathOf("/api/v1/units", u)},
					struct{ method, path string }{"PATCH", pathOf("/api/v1/units", u)},
					struct{ method, path string }{"DELETE", pathOf("/api/v1/units", u)})
			}
			for _, e := range []int64{f.emp["camat"], f.emp["staf.pem"]} {
				for _, suffix := range []string{"", "/history", "/team"} {
					probes = append(probes, struct{ method, path string }{"GET", pathOf("/api/v1/employees", e) + suffix})
				}
				probes = append(probes, struct{ method, path string }{"PATCH", pathOf("/api/v1/employees", e)})
			}
			probes = append(probes, struct{ method, path string }{"GET", "/api/v1/units?org_id=" + itoa(int(f.org))})
			for _, pr := range probes {
				status, body := c.do(pr.method, pr.path, map[string]any{"name": "Diambil Alih"})
				if status != 404 || errorCode(t, body) != "not_found" {
					t.Errorf("%s %s %s: status %d, %v; want 404 not_found", user, pr.method, pr.path, status, body)
				}
			}

			lists := []struct {
				path string
				want []int64
			}{
				{"/api/v1/units", []int64{benowo, seksi}},
				{"/api/v1/organisations", []int64{benowo}},
				{"/api/v1/employees?limit=500&active=all", []int64{lurah}},
				{"/api/v1/employees?org_id=" + itoa(int(f.org)), []int64{lurah}},
				{"/api/v1/employees?q=siti", nil},
				{"/api/v1/employees?unit_id=" + itoa(int(f.units["seksi.pem"])), nil},
				{"/api/v1/employees?supervisor_id=" + itoa(int(f.emp["camat"])), nil},
			}
			for _, l := range lists {
				status, body := c.do("GET", l.path, nil)
				if got := ids(t, body); status != 200 || !slices.Equal(got, l.want) {
					t.Errorf("%s GET %s: status %d, ids %v; want %v", user, l.path, status, got, l.want)
				}
			}
		}

		// Another organisation's unit, supervisor or parent is no reference either.
		c := f.as("admin.benowo")
		in := f.Input(sqldbtest.PersonSpec{Name: "Wahyu Hidayat", Unit: "seksi.pem"})
		writes := []struct {
			name, method, path string
			body               map[string]any
			field              string
		}{
			{"employee in a foreign unit", "POST", "/api/v1/employees", map[string]any{"nip": in.NIP, "name": in.Name, "gender": in.Gender,
				"birth_date": in.BirthDate, "status": in.Status, "grade": in.Grade, "position": in.Position, "position_kind": in.PositionKind, "unit_id": in.UnitID}, "unit_id"},
			{"foreign supervisor", "PATCH", pathOf("/api/v1/employees", lurah), map[string]any{"supervisor_id": f.emp["camat"]}, "supervisor_id"},
			{"unit below a foreign parent", "POST", "/api/v1/units", map[string]any{"name": "Seksi Curian", "kind": "seksi", "parent_id": f.units["seksi.pem"]}, "parent_id"},
			{"foreign head", "PATCH", pathOf("/api/v1/units", seksi), map[string]any{"head_id": f.emp["camat"]}, "head_id"},
		}
		for _, w := range writes {
			if status, body := c.do(w.method, w.path, w.body); status != 422 || field(body, w.field) == "" {
				t.Errorf("%s: status %d, %v; want 422 naming %s", w.name, status, body, w.field)
			}
		}

		// The installation admin sees both organisations and picks one with org_id.
		if status, body := f.admin.do("GET", "/api/v1/organisations", nil); status != 200 || len(ids(t, body)) != 2 {
			t.Errorf("installation admin organisations: status %d, %v; want both", status, body)
		}
		if status, body := f.admin.do("GET", "/api/v1/employees?org_id="+itoa(int(benowo)), nil); status != 200 || !slices.Equal(ids(t, body), []int64{lurah}) {
			t.Errorf("installation admin employees of Benowo: status %d, %v", status, body)
		}
		if status, body := f.admin.do("GET", "/api/v1/units?org_id="+itoa(int(benowo)), nil); status != 200 || !slices.Equal(ids(t, body), []int64{benowo, seksi}) {
			t.Errorf("installation admin units of Benowo: status %d, %v", status, body)
		}
	})
}
