package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestChart(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newOrg(t, "Kecamatan Asemrowo", "asem.", 0)
		everyone := []string{"Drs. Bambang Wijaya, M.Si.", "Sri Wahyuni, S.Sos.", "Agus Salim, S.H.", "Dewi Lestari", "Rudi Hartono"}
		tests := []struct {
			login     string
			want, not []string
		}{
			// The head of the organisation (pimpinan) and the admin see the whole organisation.
			{"camat", append([]string{`id="chart-unit-` + itoa(f.org.ID) + `"`, `id="chart-unit-` + itoa(f.seksi.ID) + `"`,
				"5 pegawai aktif", "Kepala"}, everyone...), nil},
			{"admin", append([]string{`id="chart-unit-` + itoa(f.sekretariat.ID) + `"`}, everyone...), nil},
			// A section head sees only their own section.
			{"kasi", []string{`id="my-card"`, "Agus Salim, S.H.", "Dewi Lestari", `id="member-` + itoa(f.staf1.ID) + `"`, "Tim Anda"},
				[]string{"Rudi Hartono", "Sri Wahyuni", "Drs. Bambang", `id="chart-unit-`}},
			// Staff see themselves under their supervisor.
			{"staf1", []string{`id="my-card"`, "Dewi Lestari", `id="chart-supervisor"`, "Agus Salim, S.H.", `id="chart-note"`},
				[]string{"Rudi Hartono", "Sri Wahyuni", `href="/employees/` + itoa(f.kasi.ID) + `"`}},
		}
		for _, tt := range tests {
			res := f.login(t, srv, tt.login).get("/org/chart")
			res.wantStatus(t, http.StatusOK)
			res.wantBody(t, tt.want...)
			res.wantNoBody(t, tt.not...)
		}

		// The head is shown under their unit, members nested below, sub-units nested too.
		res := f.login(t, srv, "camat").get("/org/chart")
		org := strings.Index(res.Body, `id="chart-unit-`+itoa(f.org.ID)+`"`)
		sek := strings.Index(res.Body, `id="chart-unit-`+itoa(f.sekretariat.ID)+`"`)
		rudi := strings.Index(res.Body, "Rudi Hartono")
		if !(org < sek && sek < rudi) {
			t.Errorf("GET /org/chart: Sekretariat and its staff not nested in the organisation (%d, %d, %d)", org, sek, rudi)
		}
		// One unit of it.
		res = f.login(t, srv, "admin").get("/org/chart?unit=" + itoa(f.seksi.ID))
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "Agus Salim, S.H.", "Dewi Lestari", "Tampilkan seluruh organisasi")
		res.wantNoBody(t, "Rudi Hartono")
		f.login(t, srv, "admin").get("/org/chart?unit=999999").wantStatus(t, http.StatusNotFound)

		// An account without an employee is told why there is no chart.
		f.AddUser(t, "tamu", kinerja.RolePegawai)
		tamu := srv.client(t)
		tamu.login("tamu", sqldbtest.Password)
		tamu.get("/org/chart").wantBody(t, `id="chart-empty"`, "belum terhubung")
	})
}

func TestDashboard_Organisation(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newOrg(t, "Kecamatan Asemrowo", "asem.", 0)

		res := f.login(t, srv, "admin").get("/")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="org-stats"`, `id="units-count">2<`, `id="employees-count">5<`, `id="nav-employees"`, `id="nav-units"`, `id="nav-chart"`)
		res.wantNoBody(t, `id="no-units"`, `id="no-employees"`, `id="no-org"`)

		res = f.login(t, srv, "kasi").get("/")
		res.wantBody(t, `id="my-position"`, "Kepala Seksi Pemerintahan", `href="/units/`+itoa(f.seksi.ID)+`"`,
			`id="my-supervisor">Drs. Bambang Wijaya, M.Si.<`, `id="my-team"`, `id="team-direct">1<`,
			`id="team-total">1<`, "Atasan, Pegawai")
		res.wantNoBody(t, `id="org-stats"`, `id="no-employee"`)

		res = f.login(t, srv, "staf1").get("/")
		res.wantBody(t, `id="my-position"`, `id="my-team-size">0<`, `id="my-supervisor">Agus Salim, S.H.<`)
		res.wantNoBody(t, `id="my-team"`, "Atasan, Pegawai")

		// Accounts of no organisation have no organisation pages in their navigation.
		srv.createUser(t, "lepas", kinerja.RolePegawai)
		c := srv.client(t)
		c.login("lepas", sqldbtest.Password)
		c.get("/").wantNoBody(t, `id="nav-employees"`)
	})
}

// TestEditUser_GrantedRoles checks that the user form shows and saves the roles given by hand,
// while atasan and pimpinan follow from the structure.
func TestEditUser_GrantedRoles(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newOrg(t, "Kecamatan Asemrowo", "asem.", 0)
		kasi, err := db.FindUserByUsername(srv.adminContext(t), "asem.kasi")
		if err != nil {
			t.Fatal(err)
		}
		admin := f.login(t, srv, "admin")
		path := "/admin/users/" + itoa(kasi.ID)
		res := admin.get(path)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="effective-roles">Atasan, Pegawai<`, `value="pegawai" checked`, `id="derived-roles-help"`,
			`href="/employees/`+itoa(f.kasi.ID)+`"`)
		res.wantNoBody(t, `value="atasan" checked`)

		admin.post(path, url.Values{"name": {"Agus"}, "roles": {"pegawai", "admin"}}).wantRedirect(t, path+"?ok=updated")
		got, err := db.FindUserByID(srv.adminContext(t), kasi.ID)
		if err != nil || !got.HasRole(kinerja.RoleAtasan) || !got.HasRole(kinerja.RoleAdmin) || len(got.GrantedRoles) != 2 {
			t.Errorf("after POST %s: roles %v granted %v, %v; want admin+pegawai granted and atasan derived", path, got.Roles, got.GrantedRoles, err)
		}
	})
}
