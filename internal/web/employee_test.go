package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// employeeForm returns the form values of an employee input.
func employeeForm(in kinerja.EmployeeInput) url.Values {
	v := url.Values{"nip": {in.NIP}, "name": {in.Name}, "gender": {string(in.Gender)}, "birth_date": {in.BirthDate.String()},
		"status": {string(in.Status)}, "grade": {in.Grade}, "position": {in.Position}, "position_kind": {string(in.PositionKind)},
		"unit_id": {itoa(in.UnitID)}, "supervisor_id": {""}, "appraiser_id": {""}, "phone": {in.Phone}, "email": {in.Email},
		"effective_date": {in.EffectiveDate.String()}}
	if in.SupervisorID != nil {
		v.Set("supervisor_id", itoa(*in.SupervisorID))
	}
	return v
}

// countEmployees counts every employee of org, active or not.
func countEmployees(t *testing.T, srv *testServer, org int64) int {
	t.Helper()
	_, n, err := srv.db.FindEmployees(srv.adminContext(t), kinerja.EmployeeFilter{OrgID: org, All: true, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCreateEmployee(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newOrg(t, "Kecamatan Asemrowo", "asem.", 0)
		admin := f.login(t, srv, "admin")

		res := admin.get("/employees/new")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="employee-form"`, `name="nip"`, `type="radio" id="gender-laki_laki" name="gender" value="laki_laki"`,
			`name="birth_date" type="date"`, `<option value="pns" selected>PNS</option>`, `<optgroup label="PNS / CPNS">`,
			`<option value="III/a">III/a · Penata Muda</option>`, `<option value="XVII">XVII</option>`,
			`<option value="">— tidak ada —</option>`, `<option value="">Sama dengan atasan langsung</option>`,
			`<option value="`+itoa(f.kasi.ID)+`">Agus Salim, S.H. — Kepala Seksi Pemerintahan</option>`,
			`name="effective_date" type="date" value="`)

		valid := url.Values{"nip": {"19800517 200503 1 042"}, "name": {"Ir. Hendra  Gunawan, M.T."}, "gender": {"laki_laki"},
			"birth_date": {"1980-05-17"}, "status": {"pns"}, "grade": {"iii/c"}, "position": {"Analis Kebijakan"},
			"position_kind": {"fungsional"}, "unit_id": {itoa(f.seksi.ID)}, "supervisor_id": {itoa(f.kasi.ID)},
			"appraiser_id": {""}, "phone": {"0812 3456 7890"}, "email": {"hendra@example.go.id"}, "effective_date": {"2026-01-02"}}
		before := countEmployees(t, srv, f.org.ID)
		tests := []struct {
			name   string
			change url.Values
			status int
			field  string
			msg    string
		}{
			{"17 digits", url.Values{"nip": {"19800517200503104"}}, http.StatusUnprocessableEntity, "nip", kinerja.MsgNIPLength},
			{"gender digit 3", url.Values{"nip": {"198005172005033042"}}, http.StatusUnprocessableEntity, "nip", kinerja.MsgNIPGender},
			{"birth date mismatch", url.Values{"birth_date": {"1980-05-18"}}, http.StatusUnprocessableEntity, "nip", kinerja.MsgNIPBirthMatch},
			{"gender mismatch", url.Values{"gender": {"perempuan"}}, http.StatusUnprocessableEntity, "nip", kinerja.MsgNIPGenderMatch},
			{"bad month", url.Values{"nip": {"198005172005131042"}}, http.StatusUnprocessableEntity, "nip", kinerja.MsgNIPTMTMonth},
			{"bad date", url.Values{"birth_date": {"1980-02-30"}}, http.StatusUnprocessableEntity, "birth_date", kinerja.MsgBadDate},
			{"no gender", url.Values{"gender": nil}, http.StatusUnprocessableEntity, "gender", kinerja.MsgGenderUnknown},
			{"grade of PPPK", url.Values{"grade": {"IX"}}, http.StatusUnprocessableEntity, "grade", kinerja.MsgGradeUnknown},
			{"no unit", url.Values{"unit_id": {""}}, http.StatusUnprocessableEntity, "unit_id", kinerja.MsgUnitRequired},
			{"bad e-mail", url.Values{"email": {"hendra@"}}, http.StatusUnprocessableEntity, "email", kinerja.MsgEmailInvalid},
			{"duplicate NIP", url.Values{"nip": {f.kasi.NIP}, "name": {"Agus Salim"}}, http.StatusConflict, "nip", kinerja.MsgNIPTaken},
		}
		for _, tt := range tests {
			form := url.Values{}
			for k, v := range valid {
				form[k] = v
			}
			for k, v := range tt.change {
				if v == nil {
					delete(form, k)
				} else {
					form[k] = v
				}
			}
			res := admin.post("/employees", form)
			if res.Status != tt.status {
				t.Errorf("%s: POST /employees status = %d; want %d\n%s", tt.name, res.Status, tt.status, excerpt(res.Body))
				continue
			}
			if !strings.Contains(res.Body, `<p class="field-error" id="`+tt.field+`-error">`+tt.msg+`</p>`) {
				t.Errorf("%s: POST /employees body lacks %q next to field %s\n%s", tt.name, tt.msg, tt.field, excerpt(res.Body))
			}
			if !strings.Contains(res.Body, `id="error-summary"`) || !strings.Contains(res.Body, `aria-invalid="true"`) {
				t.Errorf("%s: POST /employees body lacks the error summary or aria-invalid", tt.name)
			}
			// What was typed comes back.
			if !strings.Contains(res.Body, `value="Ir. Hendra  Gunawan, M.T."`) && tt.name != "duplicate NIP" {
				t.Errorf("%s: POST /employees does not keep the typed name", tt.name)
			}
		}
		if n := countEmployees(t, srv, f.org.ID); n != before {
			t.Errorf("after invalid posts the organisation has %d employees; want %d", n, before)
		}

		res = admin.post("/employees", valid)
		loc := res.Header.Get("Location")
		m := regexp.MustCompile(`^/employees/(\d+)\?ok=employee_created$`).FindStringSubmatch(loc)
		if res.Status != http.StatusSeeOther || m == nil {
			t.Fatalf("POST /employees = %d %q; want 303 to the new employee\n%s", res.Status, loc, excerpt(res.Body))
		}
		res = admin.get(loc)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "Pegawai berhasil ditambahkan.", `<h1 id="employee-title">Ir. Hendra Gunawan, M.T.</h1>`,
			`id="employee-nip"><span class="nip">198005172005031042</span><`, `id="employee-birth-date">17 Mei 1980<`, `id="employee-gender">Laki-laki<`,
			"III/c · Penata", "Fungsional", `href="/employees/`+itoa(f.kasi.ID)+`">Agus Salim, S.H.</a>`,
			"(mengikuti atasan langsung)", `id="history-table"`, "2 Jan 2026", `id="new-account-link"`)
		res = admin.get("/employees")
		res.wantBody(t, `href="/employees/`+m[1]+`">Ir. Hendra Gunawan, M.T.</a>`, "198005172005031042")

		// An account for the employee, from their page.
		res = admin.get("/admin/users/new?employee=" + m[1])
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="user-for-employee"`, `name="employee_id" value="`+m[1]+`"`, `value="Ir. Hendra Gunawan, M.T."`)
		admin.post("/admin/users", url.Values{"username": {"hendra"}, "name": {"Hendra"}, "password": {"kata-sandi-kuat"},
			"roles": {"pegawai"}, "employee_id": {m[1]}, "org_id": {itoa(f.org.ID)}}).wantRedirect(t, "/employees/"+m[1]+"?ok=created")
		admin.get("/employees/"+m[1]).wantBody(t, `id="account-link"`, ">hendra</a>")
		hendra := srv.client(t)
		hendra.login("hendra", "kata-sandi-kuat")
		res = hendra.get("/")
		res.wantBody(t, `id="my-position"`, "Analis Kebijakan", "Seksi Pemerintahan", `id="my-supervisor">Agus Salim, S.H.<`)
	})
}

func TestEmployees_List(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newOrg(t, "Kecamatan Asemrowo", "asem.", 0)
		for i := range 50 {
			f.AddPerson(t, sqldbtest.PersonSpec{Name: fmt.Sprintf("Staf %02d", i), Position: "Pengadministrasi", Grade: "III/b",
				Birth: kinerja.NewDate(1995, 1, 1), Unit: "sekretariat", Supervisor: "sekcam", NoLogin: true})
		}
		in := f.staf2.Input()
		inactive := false
		in.Active, in.InactiveReason = &inactive, kinerja.ReasonMutasi
		if _, err := db.UpdateEmployee(f.Admin, f.staf2.ID, in); err != nil {
			t.Fatal(err)
		}
		admin := f.login(t, srv, "admin")
		res := admin.get("/employees")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="employees-table"`, "Halaman 1 dari 2 · 54 pegawai", `href="/employees?page=2" rel="next"`,
			">Agus Salim, S.H.</a>", "Staf 45", `id="new-employee"`, `href="/employees/export.xlsx"`, `href="/employees/import"`)
		res.wantNoBody(t, "Staf 46", "Rudi Hartono")
		res = admin.get("/employees?page=2")
		res.wantBody(t, "Halaman 2 dari 2", "Staf 46", "Staf 49", `rel="prev"`, `<span class="current" aria-current="page">2</span>`)
		res.wantNoBody(t, "Staf 45", `rel="next"`)
		admin.get("/employees?page=9").wantBody(t, "Halaman 9 tidak ada")

		tests := []struct {
			query     string
			want, not []string
		}{
			{"?q=agus", []string{">Agus Salim, S.H.</a>"}, []string{"Dewi Lestari", "Staf 01"}},
			{"?q=" + f.staf1.NIP, []string{">Dewi Lestari</a>"}, []string{"Agus Salim"}},
			{"?unit_id=" + itoa(f.seksi.ID), []string{"Agus Salim", "Dewi Lestari", "Halaman 1 dari 1 · 2 pegawai"}, []string{"Staf 01", "Sri Wahyuni"}},
			{"?unit_id=" + itoa(f.org.ID) + "&position_kind=administrator", []string{"Drs. Bambang", "Sri Wahyuni"}, []string{"Agus Salim"}},
			{"?active=nonaktif", []string{"Rudi Hartono", "Nonaktif"}, []string{"Agus Salim"}},
			{"?active=semua&q=rudi", []string{"Rudi Hartono"}, nil},
			{"?q=tidak-ada", []string{"Tidak ada pegawai yang cocok", "Hapus saringan"}, []string{`id="employees-table"`}},
			{"?position_kind=pelaksana", []string{"Halaman 1 dari 2 · 51 pegawai", `href="/employees?page=2&amp;position_kind=pelaksana" rel="next"`}, nil},
			{"?q=staf&page=2", []string{"Halaman 2 tidak ada; daftar ini hanya 1 halaman."}, nil},
		}
		for _, tt := range tests {
			res := admin.get("/employees" + tt.query)
			res.wantStatus(t, http.StatusOK)
			res.wantBody(t, tt.want...)
			res.wantNoBody(t, tt.not...)
		}
		for _, q := range []string{"?page=abc", "?page=0", "?active=kadang", "?position_kind=raja", "?status=honorer", "?unit_id=99999"} {
			admin.get("/employees"+q).wantStatus(t, http.StatusUnprocessableEntity)
		}
		admin.get("/employees?unit_id=99999").wantBody(t, `id="unit_id-error">`+kinerja.MsgUnitNotFound)
	})
}

// TestEmployees_Visibility checks who sees what: a pegawai sees the directory of colleagues
// and their own full record; an atasan sees their subtree.
func TestEmployees_Visibility(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newOrg(t, "Kecamatan Asemrowo", "asem.", 0)

		staf := f.login(t, srv, "staf1")
		res := staf.get("/employees")
		res.wantStatus(t, http.StatusOK)
		// Colleagues by name, position and unit, not clickable, without NIP or birth date.
		res.wantBody(t, "Agus Salim, S.H.", "Kepala Seksi Pemerintahan", "Rudi Hartono", `href="/employees/`+itoa(f.staf1.ID)+`"`,
			f.staf1.NIP)
		res.wantNoBody(t, f.kasi.NIP, f.camat.NIP, `href="/employees/`+itoa(f.kasi.ID)+`"`, `id="new-employee"`,
			`href="/employees/export.xlsx"`)
		// Searching by NIP finds nobody for a pegawai.
		staf.get("/employees?q="+f.kasi.NIP).wantNoBody(t, "Agus Salim")

		staf.get("/employees/"+itoa(f.staf1.ID)).wantStatus(t, http.StatusOK)
		res = staf.get("/employees/" + itoa(f.kasi.ID))
		res.wantStatus(t, http.StatusForbidden)
		res.wantNoBody(t, f.kasi.NIP, "17 Mei 1980")
		res = staf.get("/employees/" + itoa(f.staf1.ID))
		res.wantBody(t, `id="employee-nip"><span class="nip">`+f.staf1.NIP, "2 Feb 1990", `id="employee-supervisor">Agus Salim, S.H.<`)
		res.wantNoBody(t, `id="edit-employee"`, `id="account"`, `href="/employees/`+itoa(f.kasi.ID)+`"`)
		for _, p := range []string{"/employees/new", "/employees/" + itoa(f.staf1.ID) + "/edit", "/employees/" + itoa(f.staf1.ID) + "/deactivate"} {
			staf.get(p).wantStatus(t, http.StatusForbidden)
		}

		kasi := f.login(t, srv, "kasi")
		res = kasi.get("/employees/" + itoa(f.staf1.ID))
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, f.staf1.NIP, "2 Feb 1990")
		kasi.get("/employees/"+itoa(f.staf2.ID)).wantStatus(t, http.StatusForbidden)
		kasi.get("/employees/"+itoa(f.sekcam.ID)).wantStatus(t, http.StatusForbidden)
		res = kasi.get("/employees")
		res.wantBody(t, f.staf1.NIP, `href="/employees/`+itoa(f.staf1.ID)+`"`)
		res.wantNoBody(t, f.staf2.NIP, f.sekcam.NIP)
		res = kasi.get("/employees/" + itoa(f.kasi.ID))
		res.wantBody(t, `id="team-counts">1 bawahan langsung, 1 seluruhnya`, `id="member-`+itoa(f.staf1.ID)+`"`)

		// The camat heads the organisation, so is pimpinan and sees every record.
		camat := f.login(t, srv, "camat")
		res = camat.get("/employees")
		res.wantBody(t, f.staf2.NIP, f.kasi.NIP)
		res = camat.get("/employees/" + itoa(f.camat.ID))
		res.wantBody(t, `id="team-counts">2 bawahan langsung, 4 seluruhnya`)
		camat.get("/employees/"+itoa(f.staf2.ID)).wantStatus(t, http.StatusOK)
		camat.get("/employees/new").wantStatus(t, http.StatusForbidden)
		camat.get("/employees/999999").wantStatus(t, http.StatusNotFound)
	})
}

func TestEmployee_EditHistory(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newOrg(t, "Kecamatan Asemrowo", "asem.", 0)
		admin := f.login(t, srv, "admin")
		path := "/employees/" + itoa(f.staf1.ID)

		res := admin.get(path + "/edit")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="save-employee-button"`, `action="`+path+`"`, `value="`+f.staf1.NIP+`"`,
			`<option value="`+itoa(f.kasi.ID)+`" selected>`, `value="perempuan" checked`)
		res.wantNoBody(t, `<option value="`+itoa(f.staf1.ID)+`"`) // nobody supervises themselves

		form := employeeForm(f.staf1.Input())
		form.Set("supervisor_id", itoa(f.staf1.ID))
		res = admin.post(path, form)
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="supervisor_id-error">`+kinerja.MsgSupervisorSelf)

		// A loop: the kasi under their own subordinate.
		loop := employeeForm(f.kasi.Input())
		loop.Set("supervisor_id", itoa(f.staf1.ID))
		res = admin.post("/employees/"+itoa(f.kasi.ID), loop)
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="supervisor_id-error">`+kinerja.MsgSupervisorLoop)

		form = employeeForm(f.staf1.Input())
		form.Set("supervisor_id", itoa(f.sekcam.ID))
		form.Set("unit_id", itoa(f.sekretariat.ID))
		// Effective tomorrow: the newest period, whatever today is.
		form.Set("effective_date", kinerja.Today(time.Now()).AddDate(0, 0, 1).String())
		admin.post(path, form).wantRedirect(t, path+"?ok=updated")
		history, err := db.FindEmployeeHistory(srv.adminContext(t), f.staf1.ID)
		if err != nil || len(history) != 2 || history[0].SupervisorName != "Sri Wahyuni, S.Sos." {
			t.Fatalf("history after a supervisor change = %+v, %v; want 2 periods, newest under Sri Wahyuni", history, err)
		}
		res = admin.get(path + "?ok=updated")
		res.wantBody(t, "Perubahan berhasil disimpan.", `href="/employees/`+itoa(f.sekcam.ID)+`">Sri Wahyuni, S.Sos.</a>`)
		rows := strings.Count(res.Body[strings.Index(res.Body, `id="history-table"`):], "<tr>") - 1
		if rows != 2 {
			t.Errorf("GET %s history table has %d rows; want 2", path, rows)
		}
		// The kasi no longer sees her; the sekcam now does.
		f.login(t, srv, "kasi").get(path).wantStatus(t, http.StatusForbidden)
		f.login(t, srv, "sekcam").get(path).wantStatus(t, http.StatusOK)
	})
}

func TestEmployee_Deactivate(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newOrg(t, "Kecamatan Asemrowo", "asem.", 0)
		admin := f.login(t, srv, "admin")
		path := "/employees/" + itoa(f.staf1.ID)

		res := admin.get(path + "/deactivate")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="deactivate-form"`, `<option value="pensiun">Pensiun</option>`, `<option value="mutasi">Mutasi (pindah tugas)</option>`)

		res = admin.post(path+"/deactivate", url.Values{"inactive_reason": {""}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="inactive_reason-error">`+kinerja.MsgInactiveReason)
		if e, err := db.FindEmployeeByID(srv.adminContext(t), f.staf1.ID); err != nil || !e.Active {
			t.Fatalf("after a deactivation without reason: %+v, %v; want still active", e, err)
		}
		// Someone with active subordinates cannot leave first.
		res = admin.post("/employees/"+itoa(f.kasi.ID)+"/deactivate", url.Values{"inactive_reason": {"mutasi"}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="error-summary">`+kinerja.MsgHasActiveSubordinates)

		admin.post(path+"/deactivate", url.Values{"inactive_reason": {"pensiun"}}).wantRedirect(t, path+"?ok=employee_inactive")
		res = admin.get(path + "?ok=employee_inactive")
		res.wantBody(t, "Pegawai dinonaktifkan.", `id="inactive-banner"`, "Pensiun", `id="activate-employee-button"`)
		res.wantNoBody(t, `id="deactivate-employee-link"`)
		admin.get("/employees").wantNoBody(t, "Dewi Lestari")
		f.login(t, srv, "kasi").get("/org/chart").wantNoBody(t, "Dewi Lestari")

		admin.post(path+"/activate", nil).wantRedirect(t, path+"?ok=employee_active")
		admin.get("/employees").wantBody(t, "Dewi Lestari")
	})
}
