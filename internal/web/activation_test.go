package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestNewUser_PickEmployee picks the employee of a new account from a list grouped by unit,
// by name and NIP, and shows the linked employee by name and NIP, never as an id.
func TestNewUser_PickEmployee(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newOrg(t, "Kecamatan Pilih", "pil.", 0)
		c := f.login(t, srv, "admin")
		res := c.get("/admin/users/new")
		res.wantStatus(t, http.StatusOK)
		// Rudi has no account; Dewi has one and is not offered.
		res.wantBody(t, `name="employee_id"`, `<optgroup label="Sekretariat">`, "Rudi Hartono — "+f.staf2.NIP)
		res.wantNoBody(t, "Dewi Lestari — ")

		c.post("/admin/users", url.Values{"employee_id": {itoa(f.staf2.ID)}, "username": {"rudi.h"}, "password": {"kata-sandi-kuat"},
			"roles": {"pegawai"}}).wantRedirect(t, "/employees/"+itoa(f.staf2.ID)+"?ok=created")
		users, _, err := db.FindUsers(f.Admin, kinerja.UserFilter{Query: "rudi.h"})
		if err != nil || len(users) != 1 || users[0].Name != "Rudi Hartono" {
			t.Fatalf("FindUsers(rudi.h) = %v, %v; want one account named after the employee", users, err)
		}
		page := c.get("/admin/users/" + itoa(users[0].ID))
		page.wantBody(t, `id="account-employee-link">Rudi Hartono</a>`, f.staf2.NIP)
		page.wantNoBody(t, "ID pegawai")

		// An employee has one account.
		c.post("/admin/users", url.Values{"employee_id": {itoa(f.staf2.ID)}, "username": {"rudi.lagi"}, "password": {"kata-sandi-kuat"},
			"roles": {"pegawai"}}).wantBody(t, kinerja.MsgAccountEmployeeTaken)
	})
}

// TestBulkAccounts makes accounts for every employee without one, shows their codes once as
// a printable list, and lets each person set their password at /activate.
func TestBulkAccounts(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newOrg(t, "Kecamatan Massal", "mas.", 0)
		c := f.login(t, srv, "admin")
		c.get("/admin/users").wantBody(t, `href="/admin/users/bulk"`)
		res := c.get("/admin/users/bulk")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "Rudi Hartono", f.staf2.NIP, `id="bulk-create-button"`)

		res = c.post("/admin/users/bulk", url.Values{})
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "Rudi Hartono", f.staf2.NIP, "<code>rudi.hartono</code>")
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control of the code list = %q; want no-store", cc)
		}
		m := regexp.MustCompile(`<code class="activation-code">([A-Z0-9-]+)</code>`).FindAllStringSubmatch(res.Body, -1)
		if len(m) != 1 {
			t.Fatalf("code list shows %d codes; want 1\n%s", len(m), excerpt(res.Body))
		}
		code := m[0][1]
		// Shown once: the page of employees without an account is now empty.
		c.get("/admin/users/bulk").wantBody(t, `id="bulk-none"`)

		anon := srv.client(t)
		anon.get("/activate").wantBody(t, `name="code"`, `name="password"`)
		wrong := anon.post("/activate", url.Values{"username": {"rudi.hartono"}, "code": {"ABCD-EFGH-JKMN"},
			"password": {"kata-sandi-rudi"}, "confirm_password": {"kata-sandi-rudi"}})
		wrong.wantStatus(t, http.StatusUnauthorized)
		wrong.wantBody(t, html.EscapeString(kinerja.MsgActivationFailed))
		anon.post("/activate", url.Values{"username": {"rudi.hartono"}, "code": {code},
			"password": {"kata-sandi-rudi"}, "confirm_password": {"lain"}}).wantStatus(t, http.StatusUnprocessableEntity)
		anon.post("/activate", url.Values{"username": {"rudi.hartono"}, "code": {strings.ToLower(code)},
			"password": {"kata-sandi-rudi"}, "confirm_password": {"kata-sandi-rudi"}}).wantRedirect(t, "/login?ok=account_activated")
		anon.login("rudi.hartono", "kata-sandi-rudi")
		anon.get("/").wantStatus(t, http.StatusOK)
	})
}

// TestBulkAccounts_InstallAdmin lets the installation admin choose the organisation whose
// employees get accounts.
func TestBulkAccounts_InstallAdmin(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		srv.newOrg(t, "Kecamatan Satu", "satu.", 0)
		two := srv.newOrg(t, "Kecamatan Dua", "dua.", 100)
		c := srv.loginAdmin(t)
		res := c.get("/admin/users/bulk?org=" + itoa(two.org.ID))
		res.wantBody(t, `id="org-chooser"`, `name="org_id" value="`+itoa(two.org.ID)+`"`, two.staf2.NIP)
		res = c.post("/admin/users/bulk", url.Values{"org_id": {itoa(two.org.ID)}})
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, two.staf2.NIP, `class="activation-code"`)
	})
}
