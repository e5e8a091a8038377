package api_test

import (
	"net/http"
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestEmployeeAccountsAPI picks an account's employee by NIP, makes accounts for the rest in
// one call, and activates one with its code, once.
func TestEmployeeAccountsAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		one := f.AddPerson(t, sqldbtest.PersonSpec{Key: "eko1", Name: "Eko Prasetyo", Unit: "seksi.eko", Supervisor: "kasi.eko", NoLogin: true})
		two := f.AddPerson(t, sqldbtest.PersonSpec{Key: "eko2", Name: "Eko Prasetyo, S.T.", Unit: "seksi.eko", Supervisor: "kasi.eko", NoLogin: true})

		status, body := f.admin.do("POST", "/api/v1/users", map[string]any{"username": "eko.p", "password": "kata-sandi-kuat",
			"roles": []string{"pegawai"}, "employee_nip": one.NIP})
		if status != http.StatusCreated || body["employee_id"] != float64(one.ID) || body["name"] != "Eko Prasetyo" {
			t.Fatalf("create by NIP: %d %v; want 201 linked to employee %d", status, body, one.ID)
		}
		if status, body := f.admin.do("POST", "/api/v1/users", map[string]any{"username": "eko.q", "password": "kata-sandi-kuat",
			"roles": []string{"pegawai"}, "employee_nip": one.NIP}); status != http.StatusUnprocessableEntity || field(body, "employee_nip") == "" {
			t.Errorf("second account for the same employee: %d %v; want 422 on employee_nip", status, body)
		}

		if status, body := f.as("staf.eko").do("POST", "/api/v1/users/activation-codes", nil); status != http.StatusForbidden {
			t.Errorf("activation codes as staff: %d %v; want 403", status, body)
		}
		status, body = f.admin.do("POST", "/api/v1/users/activation-codes", map[string]any{"org_id": f.org})
		items, _ := body["items"].([]any)
		if status != http.StatusCreated || len(items) != 1 {
			t.Fatalf("activation codes: %d %v; want 201 with one account", status, body)
		}
		item := items[0].(map[string]any)
		if item["employee_id"] != float64(two.ID) || item["username"] != "eko.prasetyo" || item["nip"] != two.NIP {
			t.Errorf("issued %v; want employee %d as eko.prasetyo", item, two.ID)
		}
		code := item["code"].(string)

		anon := newServer(t, db)
		activate := func(c string) int {
			status, _ := anon.do("POST", "/api/v1/auth/activate", map[string]string{"username": "eko.prasetyo", "code": c, "password": "kata-sandi-eko"})
			return status
		}
		if s := activate("ABCD-EFGH-JKMN"); s != http.StatusUnauthorized {
			t.Errorf("wrong code: %d; want 401", s)
		}
		if s := activate(code); s != http.StatusOK {
			t.Fatalf("right code: %d; want 200", s)
		}
		if s := activate(code); s != http.StatusUnauthorized {
			t.Errorf("code used twice: %d; want 401", s)
		}
		anon.login("eko.prasetyo", "kata-sandi-eko")
	})
}
