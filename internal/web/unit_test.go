package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestUnits_FirstOrganisation(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		admin := srv.loginAdmin(t)
		res := admin.get("/units")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="no-org"`, `id="org-form"`, `action="/units"`, `<option value="kecamatan" selected>Kecamatan</option>`,
			`<option value="pemkot">Pemerintah Kota</option>`)
		admin.get("/").wantBody(t, `id="no-org"`, `href="/units#new-org"`)

		res = admin.post("/units", url.Values{"name": {" "}, "kind": {"kecamatan"}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="name-error">`+kinerja.MsgUnitNameRequired, `id="org-form"`)

		res = admin.post("/units", url.Values{"name": {"Kecamatan  Asemrowo"}, "kind": {"kecamatan"}})
		loc := res.Header.Get("Location")
		if res.Status != http.StatusSeeOther || !regexp.MustCompile(`^/units/\d+\?ok=unit_created$`).MatchString(loc) {
			t.Fatalf("POST /units (organisation) = %d %q; want 303 to the new unit", res.Status, loc)
		}
		res = admin.get(loc)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "Unit berhasil dibuat.", `<h1 id="unit-title">Kecamatan Asemrowo</h1>`, `id="new-subunit"`)
		res.wantNoBody(t, `name="parent_id"`) // an organisation cannot move

		// The dashboard now guides the admin to the units and employees.
		admin.get("/").wantBody(t, `id="units-count">0<`, `id="employees-count">0<`, `id="no-units"`, `id="no-employees"`,
			`href="/employees/import"`)
		res = admin.get("/units")
		res.wantBody(t, `id="units-empty"`, "Organisasi ini belum memiliki sub-unit.")

		// A sub-unit under the organisation, from the new-unit form.
		orgID := strings.TrimSuffix(strings.TrimPrefix(loc, "/units/"), "?ok=unit_created")
		res = admin.get("/units/new?parent=" + orgID)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="unit-form"`, `<option value="`+orgID+`" selected>Kecamatan Asemrowo</option>`)
		form := url.Values{"name": {"Seksi Pemerintahan"}, "kind": {"seksi"}, "parent_id": {orgID}}
		res = admin.post("/units", form)
		res.wantStatus(t, http.StatusSeeOther)
		res = admin.post("/units", form)
		res.wantStatus(t, http.StatusConflict)
		res.wantBody(t, `id="name-error">`+kinerja.MsgUnitNameTaken, `id="unit-form"`)
		res = admin.post("/units", url.Values{"name": {"Seksi"}, "kind": {"raja"}, "parent_id": {orgID}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="kind-error">`+kinerja.MsgUnitKindUnknown)

		res = admin.get("/units")
		res.wantBody(t, "Seksi Pemerintahan", `<span class="badge badge-kind">Seksi</span>`)
		res.wantNoBody(t, `id="units-empty"`)
	})
}

func TestUnits_Tree(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newOrg(t, "Kecamatan Asemrowo", "asem.", 0)
		sub := f.AddUnit(t, sqldbtest.UnitSpec{Key: "umum", Name: "Subbagian Umum", Kind: kinerja.UnitSubbagian, Parent: "sekretariat"})

		admin := f.login(t, srv, "admin")
		res := admin.get("/units")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="unit-tree"`, `href="/units/`+itoa(f.sekretariat.ID)+`">Sekretariat</a>`,
			`href="/units/`+itoa(sub.ID)+`">Subbagian Umum</a>`, "Kepala: Drs. Bambang Wijaya, M.Si.",
			`<span class="badge badge-kind">Subbagian</span>`, "2 pegawai", `id="new-unit"`)
		// The sub-unit is nested inside its parent's list item.
		sek := strings.Index(res.Body, `id="unit-`+itoa(f.sekretariat.ID)+`"`)
		subAt := strings.Index(res.Body, `id="unit-`+itoa(sub.ID)+`"`)
		seksi := strings.Index(res.Body, `id="unit-`+itoa(f.seksi.ID)+`"`)
		if !(sek < subAt && subAt < seksi) {
			t.Errorf("GET /units: sub-unit not nested below Sekretariat (%d, %d, %d)", sek, subAt, seksi)
		}

		// A pegawai sees the tree but no admin actions.
		staf := f.login(t, srv, "staf1")
		res = staf.get("/units")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "Subbagian Umum", `href="/employees"`, `href="/org/chart"`)
		res.wantNoBody(t, `id="new-unit"`, `id="org-form"`)
		res = staf.get("/units/" + itoa(f.seksi.ID))
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "Dewi Lestari", "Agus Salim, S.H.")
		res.wantNoBody(t, `id="unit-form"`, `id="delete-unit-link"`)
		for _, p := range []string{"/units/new", "/units/" + itoa(sub.ID) + "/delete"} {
			staf.get(p).wantStatus(t, http.StatusForbidden)
		}
		staf.post("/units/"+itoa(sub.ID), url.Values{"name": {"X"}}).wantStatus(t, http.StatusForbidden)
	})
}

func TestUnit_EditDelete(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newOrg(t, "Kecamatan Asemrowo", "asem.", 0)
		sub := f.AddUnit(t, sqldbtest.UnitSpec{Key: "umum", Name: "Subbagian Umum", Kind: kinerja.UnitSubbagian, Parent: "sekretariat"})
		admin := f.login(t, srv, "admin")
		path := "/units/" + itoa(sub.ID)

		res := admin.get(path)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="unit-form"`, `name="parent_id"`, `name="head_id"`, `id="delete-unit-link"`,
			`<option value="`+itoa(f.sekretariat.ID)+`" selected>`)
		// A unit cannot move below itself: neither it nor its subtree is offered as parent.
		res.wantNoBody(t, "Subbagian Umum</option>")

		c := url.Values{"name": {"Subbagian Umum dan Kepegawaian"}, "kind": {"subbagian"}, "parent_id": {itoa(f.org.ID)},
			"head_id": {itoa(f.staf2.ID)}}
		admin.post(path, c).wantRedirect(t, path+"?ok=updated")
		got, err := db.FindUnitByID(srv.adminContext(t), sub.ID)
		if err != nil || got.Name != "Subbagian Umum dan Kepegawaian" || *got.ParentID != f.org.ID || got.HeadID == nil || *got.HeadID != f.staf2.ID {
			t.Errorf("after POST %s unit = %+v, %v", path, got, err)
		}
		res = admin.post("/units/"+itoa(f.sekretariat.ID), url.Values{"name": {"Sekretariat"}, "kind": {"sekretariat"},
			"parent_id": {itoa(f.sekretariat.ID)}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="parent_id-error">`+kinerja.MsgUnitParentLoop)

		// A unit with employees cannot be deleted; the page says why.
		res = admin.get("/units/" + itoa(f.seksi.ID) + "/delete")
		res.wantStatus(t, http.StatusOK)
		res.wantNoBody(t, `id="confirm-delete-unit-button"`)
		res = admin.post("/units/"+itoa(f.seksi.ID)+"/delete", nil)
		res.wantStatus(t, http.StatusConflict)
		res.wantBody(t, kinerja.MsgUnitHasChildren)

		res = admin.get(path + "/delete")
		res.wantBody(t, `id="confirm-delete-unit-button"`)
		admin.post(path+"/delete", nil).wantRedirect(t, "/units?ok=unit_deleted")
		admin.get("/units?ok=unit_deleted").wantBody(t, "Unit dihapus.")
		admin.get(path).wantStatus(t, http.StatusNotFound)
		admin.get("/units/abc").wantStatus(t, http.StatusNotFound)
	})
}

// TestUnits_OtherOrganisation checks that a user of one organisation never sees another's
// units or people.
func TestUnits_OtherOrganisation(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		a := srv.newOrg(t, "Kecamatan Asemrowo", "asem.", 0)
		b := srv.newOrg(t, "Kecamatan Benowo", "beno.", 100)
		for _, login := range []string{"admin", "camat", "staf1"} {
			c := b.login(t, srv, login)
			res := c.get("/units")
			res.wantStatus(t, http.StatusOK)
			res.wantBody(t, "Kecamatan Benowo")
			res.wantNoBody(t, "Kecamatan Asemrowo", `href="/units/`+itoa(a.seksi.ID)+`"`)
			res = c.get("/employees")
			res.wantStatus(t, http.StatusOK)
			res.wantNoBody(t, `id="employee-`+itoa(a.staf1.ID)+`"`, `id="employee-`+itoa(a.camat.ID)+`"`)
			c.get("/employees?q=Dewi").wantNoBody(t, `id="employee-`+itoa(a.staf1.ID)+`"`)
			c.get("/org/chart").wantNoBody(t, "Kecamatan Asemrowo", `id="chart-unit-`+itoa(a.seksi.ID)+`"`)
			for _, p := range []string{"/units/" + itoa(a.seksi.ID), "/employees/" + itoa(a.staf1.ID),
				"/units?org=" + itoa(a.org.ID), "/employees?org=" + itoa(a.org.ID), "/org/chart?org=" + itoa(a.org.ID)} {
				c.get(p).wantStatus(t, http.StatusNotFound)
			}
		}
		admin := b.login(t, srv, "admin")
		admin.get("/units/"+itoa(a.seksi.ID)+"/delete").wantStatus(t, http.StatusNotFound)
		admin.post("/employees/"+itoa(a.staf1.ID)+"/deactivate", url.Values{"inactive_reason": {"pensiun"}}).
			wantStatus(t, http.StatusNotFound)
		res := admin.post("/employees", employeeForm(a.Input(sqldbtest.PersonSpec{Name: "Budi", Position: "Staf", Grade: "III/b",
			Birth: kinerja.NewDate(1990, 1, 1), Unit: "seksi"})))
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="unit_id-error">`+kinerja.MsgUnitNotFound)

		// The installation admin picks between the two.
		res = srv.loginAdmin(t).get("/units?org=" + itoa(a.org.ID))
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="org-chooser"`, `<option value="`+itoa(a.org.ID)+`" selected>Kecamatan Asemrowo</option>`,
			`href="/units/`+itoa(a.seksi.ID)+`"`)
		res.wantNoBody(t, `href="/units/`+itoa(b.seksi.ID)+`"`)
	})
}
