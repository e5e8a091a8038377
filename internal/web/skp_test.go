package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestMySKP_EmptyStates(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Asemrowo")
		f := &skpFixture{Org: o, srv: srv}

		// No period yet: staff are told to ask HR, the admin gets the form to open the year.
		staf := f.login(t, o.StafA)
		res := staf.get("/skp")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="no-period"`, "Hubungi admin kepegawaian", `id="nav-skp"`)
		res.wantNoBody(t, `id="open-period-form"`)
		admin := f.loginAdmin(t)
		res = admin.get("/skp")
		res.wantBody(t, `id="open-period-form"`, `name="year"`, `<option value="quarterly" selected>Triwulanan</option>`)
		res = admin.post("/admin/periods", url.Values{"year": {"19"}, "cadence": {"quarterly"}, "next": {"/skp"}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="year-error">`+kinerja.MsgPeriodYear)
		year := strconv.Itoa(time.Now().Year())
		res = admin.post("/admin/periods", url.Values{"year": {year}, "cadence": {"semester"}, "next": {"/skp"}})
		loc := res.Header.Get("Location")
		if res.Status != http.StatusSeeOther || !regexp.MustCompile(`^/skp\?period=\d+&ok=period_created$`).MatchString(loc) {
			t.Fatalf("POST /admin/periods = %d %q; want 303 back to /skp", res.Status, loc)
		}
		admin.post("/admin/periods", url.Values{"year": {year}, "cadence": {"monthly"}}).wantStatus(t, http.StatusConflict)

		// A period but no SKP: the staff member creates it.
		res = staf.get("/skp")
		res.wantBody(t, `id="no-skp"`, `id="create-skp-button"`, `id="approach-kuantitatif"`)
		res.wantNoBody(t, `id="copy-previous-button"`)
		period := strings.TrimSuffix(strings.TrimPrefix(loc, "/skp?period="), "&ok=period_created")
		res = staf.post("/skp", url.Values{"period_id": {period}, "approach": {"raja"}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="approach-error">`+kinerja.MsgSKPApproachUnknown)
		res = staf.post("/skp", url.Values{"period_id": {period}, "approach": {"kualitatif"}})
		loc = res.Header.Get("Location")
		if res.Status != http.StatusSeeOther || !regexp.MustCompile(`^/skp/\d+\?ok=skp_created$`).MatchString(loc) {
			t.Fatalf("POST /skp = %d %q; want 303 to the new SKP", res.Status, loc)
		}
		res = staf.get(loc)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "SKP dibuat.", `id="skp-status">Draf<`, `id="skp-approach">Kualitatif<`, `id="no-results"`,
			html.EscapeString(o.KasiA.Name), `id="submit-skp-button"`, `id="download-pdf"`)
		staf.get("/skp").wantBody(t, `id="skp-status">Draf<`, `id="add-result"`)
		staf.post("/skp", url.Values{"period_id": {period}, "approach": {"kualitatif"}}).wantStatus(t, http.StatusConflict)

		// An account without an employee record is told so.
		res = admin.get("/skp")
		res.wantBody(t, `id="no-employee"`)
	})
}

func TestSKPPage_ParentText(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Asemrowo")
		staf := f.login(t, f.StafA)

		// The form offers the Kasi's RHK as the one to intervene.
		res := staf.get(skpPath(f.stafSKP, "/results/new"))
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="result-form"`, `id="kind-utama"`, `name="text"`, `name="parent_result_id"`,
			`<option value="`+itoa(f.kasiRHK.ID)+`">1. `+kasiRHKText+`</option>`,
			`name="indicators.0.aspect" value="kuantitas"`, `id="indicators-0-text" name="indicators.0.text"`,
			`name="indicators.3.aspect" value="biaya"`, `id="save-result-button"`)
		res.wantNoBody(t, camatRHKText)

		form := resultForm(true, "utama", "Terlayaninya perekaman KTP-el warga", itoa(f.kasiRHK.ID), quantRows()...)
		res = staf.post(skpPath(f.stafSKP, "/results"), form)
		res.wantRedirect(t, skpPath(f.stafSKP, "?ok=result_created"))
		res = staf.get(skpPath(f.stafSKP, "?ok=result_created"))
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "RHK ditambahkan.", "Terlayaninya perekaman KTP-el warga", "RHK pimpinan yang diintervensi:</span> "+kasiRHKText,
			"Jumlah KTP-el yang diproses", "600 dokumen", "90 %", "Kuantitas", "Waktu")
		res.wantNoBody(t, "Biaya</td>")

		// The Kasi's own SKP shows the Camat's RHK it serves, and their team's SKP is open to them.
		kasi := f.login(t, f.KasiA)
		kasi.get(skpPath(f.kasiSKP, "")).wantBody(t, "RHK pimpinan yang diintervensi:</span> "+camatRHKText, `id="matrix-link"`)
		res = kasi.get(skpPath(f.stafSKP, ""))
		res.wantBody(t, "Terlayaninya perekaman KTP-el warga", `id="behaviors-link"`)
		res.wantNoBody(t, `id="approve-skp-button"`, `id="add-result"`)

		// The Camat tops the organisation: nothing to intervene.
		camat := f.login(t, f.Camat)
		camat.get(skpPath(f.camatSKP, "/results/new")).wantBody(t, `id="parent-top"`)
		camat.get(skpPath(f.camatSKP, "")).wantBody(t, camatRHKText)

		// Kasi B has no SKP yet: Staf B's form says so.
		stafB := mustCreateSKP(t, f.Admin, srv, f.StafB.ID, f.period.ID, kinerja.ApproachQuantitative)
		admin := f.loginAdmin(t)
		admin.get(skpPath(stafB, "/results/new")).wantBody(t, "Atasan langsung belum memiliki SKP atau RHK")
	})
}

func TestResultForm_Errors(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Asemrowo")
		staf := f.login(t, f.StafA)
		parent := itoa(f.kasiRHK.ID)
		rows := func(change func(r [][3]string)) [][3]string {
			r := quantRows()
			change(r)
			return r
		}
		tests := []struct {
			name  string
			form  url.Values
			field string
			msg   string
		}{
			{"no parent", resultForm(true, "utama", "Terlayaninya warga", "", quantRows()...), "parent_result_id", kinerja.MsgResultParent},
			{"parent not of the supervisor", resultForm(true, "utama", "Terlayaninya warga", itoa(f.camatRHK.ID), quantRows()...),
				"parent_result_id", kinerja.MsgResultParentWrong},
			{"no text", resultForm(true, "utama", "  ", parent, quantRows()...), "text", kinerja.MsgResultText},
			{"non-numeric target", resultForm(true, "utama", "Terlayaninya warga", parent,
				rows(func(r [][3]string) { r[1][1] = "sembilan puluh" })...), "indicators-1-target", kinerja.MsgIndicatorTarget},
			{"no unit", resultForm(true, "utama", "Terlayaninya warga", parent,
				rows(func(r [][3]string) { r[2][2] = "" })...), "indicators-2-unit", kinerja.MsgIndicatorUnit},
			{"biaya half filled", resultForm(true, "utama", "Terlayaninya warga", parent,
				rows(func(r [][3]string) { r[3] = [3]string{"Anggaran", "", "rupiah"} })...), "indicators-3-target", kinerja.MsgIndicatorTarget},
			{"bad kind", resultForm(true, "raja", "Terlayaninya warga", parent, quantRows()...), "kind", kinerja.MsgResultKind},
		}
		for _, tt := range tests {
			res := staf.post(skpPath(f.stafSKP, "/results"), tt.form)
			if res.Status != http.StatusUnprocessableEntity {
				t.Errorf("%s: status = %d; want 422\n%s", tt.name, res.Status, excerpt(res.Body))
				continue
			}
			if want := `<p class="field-error" id="` + tt.field + `-error">` + html.EscapeString(tt.msg) + `</p>`; !strings.Contains(res.Body, want) {
				t.Errorf("%s: body lacks %q next to the field\n%s", tt.name, want, excerpt(res.Body))
			}
			if !strings.Contains(res.Body, `id="error-summary"`) || !strings.Contains(res.Body, `value="Terlayaninya warga"`) &&
				!strings.Contains(res.Body, ">Terlayaninya warga</textarea>") && tt.name != "no text" {
				t.Errorf("%s: the form lacks the summary or what was typed", tt.name)
			}
		}
		full, err := db.FindSKPByID(f.StafACtx, f.stafSKP.ID)
		if err != nil || len(full.Results) != 0 {
			t.Fatalf("after refused forms the SKP has %v results (%v); want none", len(full.Results), err)
		}

		// Kualitatif: empty rows are ignored, and a message lands on the row it is about.
		kasiB := mustCreateSKP(t, f.Admin, srv, f.KasiB.ID, f.period.ID, kinerja.ApproachQualitative)
		admin := f.loginAdmin(t)
		res := admin.get(skpPath(kasiB, "/results/new"))
		res.wantBody(t, `id="indicators-2-target" name="indicators.2.target"`, "Indikator 3")
		res.wantNoBody(t, `name="indicators.0.aspect"`, `name="indicators.0.unit"`)
		form := url.Values{"kind": {"utama"}, "text": {"Terwujudnya kesejahteraan sosial warga"}, "parent_result_id": {itoa(f.camatRHK.ID)},
			"indicators.0.text": {""}, "indicators.0.target": {""},
			"indicators.1.text": {"Data warga miskin mutakhir"}, "indicators.1.target": {""},
			"indicators.2.text": {""}, "indicators.2.target": {""}}
		res = admin.post(skpPath(kasiB, "/results"), form)
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="indicators-1-target-error">`+kinerja.MsgIndicatorNarrative)
		form.Set("indicators.1.target", "Data seluruh warga miskin diperbarui setiap triwulan")
		admin.post(skpPath(kasiB, "/results"), form).wantRedirect(t, skpPath(kasiB, "?ok=result_created"))
		form = url.Values{"kind": {"utama"}, "text": {"Tanpa indikator"}, "parent_result_id": {itoa(f.camatRHK.ID)},
			"indicators.0.text": {""}, "indicators.0.target": {""}}
		res = admin.post(skpPath(kasiB, "/results"), form)
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="indicators-error">`+kinerja.MsgIndicatorsRequired)
	})
}

func TestSKPWorkflow(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Asemrowo")
		staf, kasi, camat, kasiB := f.login(t, f.StafA), f.login(t, f.KasiA), f.login(t, f.Camat), f.login(t, f.KasiB)
		page := skpPath(f.stafSKP, "")

		// Nothing to submit yet.
		res := staf.post(page+"/submit", nil)
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="error-summary"`, kinerja.MsgSKPNoResults)

		staf.post(page+"/results", resultForm(true, "utama", "Terlayaninya perekaman KTP-el warga", itoa(f.kasiRHK.ID),
			quantRows()...)).wantStatus(t, http.StatusSeeOther)
		staf.post(page+"/submit", nil).wantRedirect(t, page+"?ok=skp_submitted")
		staf.get(page+"?ok=skp_submitted").wantBody(t, "SKP diajukan ke pejabat penilai.", `id="skp-status">Diajukan<`, `id="waiting"`)

		// The Kasi finds it waiting for them first on the team page, with a notification.
		sqldbtest.Deliver(t, db)
		res = kasi.get("/skp/team")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="team-skp-table"`, `id="team-status-`+itoa(f.StafA.ID)+`">Diajukan — menunggu persetujuan Anda<`,
			`href="`+page+`#review"`, `id="notification-count">1<`)
		kasi.get("/skp/team?status=waiting").wantBody(t, html.EscapeString(f.StafA.Name))
		kasi.get("/skp/team?status=approved").wantBody(t, `id="team-empty-filtered"`)
		kasi.get("/skp/team?status=raja").wantStatus(t, http.StatusUnprocessableEntity)
		kasi.get("/").wantBody(t, `id="skp-waiting">1<`, `id="my-skp-status"`)
		res = kasi.get(page)
		res.wantBody(t, `id="approve-skp-button"`, `id="return-skp-form"`, `name="note"`, `id="waiting-for-you"`)

		// Only the pejabat penilai approves or returns.
		for _, tt := range []struct {
			name string
			c    *client
		}{{"the employee", staf}, {"the camat", camat}, {"another kasi", kasiB}} {
			for _, action := range []string{"/approve", "/return"} {
				res := tt.c.post(page+action, url.Values{"note": {"Perbaiki"}})
				if res.Status != http.StatusForbidden && !(tt.name == "another kasi" && res.Status == http.StatusNotFound) {
					t.Errorf("%s POST %s = %d; want 403\n%s", tt.name, action, res.Status, excerpt(res.Body))
				}
			}
		}

		// Returning needs a note.
		res = kasi.post(page+"/return", url.Values{"note": {" "}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="note-error">`+kinerja.MsgSKPReturnNote, `id="return-skp-form"`)
		const note = "Target kualitas terlalu rendah; naikkan menjadi 95 %."
		kasi.post(page+"/return", url.Values{"note": {note}}).wantRedirect(t, page+"?ok=skp_returned")
		sqldbtest.Deliver(t, db)
		res = staf.get(page)
		res.wantBody(t, `id="skp-status">Dikembalikan<`, `<p class="prewrap" id="return-note">`+html.EscapeString(note)+`</p>`,
			`id="notification-count">1<`, `id="submit-skp-button"`)
		staf.get("/notifications").wantBody(t, "mengembalikan SKP Anda untuk diperbaiki.")

		// The staff member fixes the RHK and submits again; the Kasi approves.
		full, err := db.FindSKPByID(f.StafACtx, f.stafSKP.ID)
		if err != nil || len(full.Results) != 1 {
			t.Fatalf("FindSKPByID: %v, %d results", err, len(full.Results))
		}
		rid := itoa(full.Results[0].ID)
		res = staf.get(page + "/results/" + rid + "/edit")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `value="600"`, `<option value="`+itoa(f.kasiRHK.ID)+`" selected>`)
		fixed := quantRows()
		fixed[1][1] = "95"
		staf.post(page+"/results/"+rid, resultForm(true, "utama", "Terlayaninya perekaman KTP-el warga", itoa(f.kasiRHK.ID),
			fixed...)).wantRedirect(t, page+"?ok=result_updated")
		staf.post(page+"/submit", nil).wantRedirect(t, page+"?ok=skp_submitted")
		kasi.post(page+"/approve", nil).wantRedirect(t, page+"?ok=skp_approved")
		res = staf.get(page)
		res.wantBody(t, `id="skp-status">Disetujui<`, "95 %", `id="revise-skp-button"`)
		res.wantNoBody(t, `id="return-note"`, `id="submit-skp-button"`, `id="add-result"`)

		// An approved SKP is read-only.
		for _, tt := range []struct{ method, path string }{
			{http.MethodGet, page + "/results/new"},
			{http.MethodPost, page + "/results"},
			{http.MethodGet, page + "/results/" + rid + "/edit"},
			{http.MethodPost, page + "/results/" + rid},
			{http.MethodGet, page + "/results/" + rid + "/delete"},
			{http.MethodPost, page + "/results/" + rid + "/delete"},
			{http.MethodGet, page + "/edit"},
			{http.MethodPost, page},
		} {
			var form url.Values
			if tt.method == http.MethodPost {
				form = resultForm(true, "utama", "Lain", itoa(f.kasiRHK.ID), quantRows()...)
			}
			res := staf.do(tt.method, tt.path, form)
			res.wantStatus(t, http.StatusConflict)
			res.wantBody(t, html.EscapeString(kinerja.MsgSKPNotEditable))
		}
		staf.post(page+"/submit", nil).wantStatus(t, http.StatusConflict)

		// A revision is a new draft; the approved version stays readable.
		res = staf.post(page+"/revise", nil)
		loc := res.Header.Get("Location")
		if res.Status != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=skp_revised") || strings.HasPrefix(loc, page+"?") {
			t.Fatalf("POST revise = %d %q; want 303 to a new version", res.Status, loc)
		}
		res = staf.get(loc)
		res.wantBody(t, `id="skp-status">Draf<`, `id="skp-version">Versi 2<`, `id="versions"`, `href="`+page+`"`)
		res = staf.get(page)
		res.wantBody(t, `id="skp-status">Disetujui<`, `id="old-version"`)
		res.wantNoBody(t, `id="revise-skp-button"`)
	})
}

func TestResultDelete(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Asemrowo")
		kasi := f.login(t, f.KasiA)
		rhk := mustAddResult(t, f.KasiACtx, srv, f.kasiSKP.ID, kinerja.ResultInput{Kind: kinerja.ResultAdditional,
			Text: "Tersusunnya laporan kegiatan seksi", Indicators: quantInput("", nil).Indicators})
		path := skpPath(f.kasiSKP, "/results/"+itoa(rhk.ID)+"/delete")
		kasi.get(skpPath(f.kasiSKP, "")).wantBody(t, `href="`+path+`"`)
		res := kasi.get(path)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="confirm-delete-result-button"`, "Tersusunnya laporan kegiatan seksi")
		f.login(t, f.StafA).post(path, nil).wantStatus(t, http.StatusForbidden)
		kasi.post(path, nil).wantRedirect(t, skpPath(f.kasiSKP, "?ok=result_deleted"))
		kasi.get(skpPath(f.kasiSKP, "")).wantNoBody(t, "Tersusunnya laporan kegiatan seksi")
		kasi.get(path).wantStatus(t, http.StatusNotFound)

		// An RHK that a subordinate's RHK intervenes stays.
		mustAddResult(t, f.StafACtx, srv, f.stafSKP.ID, quantInput("Terlayaninya warga", &f.kasiRHK.ID))
		res = kasi.post(skpPath(f.kasiSKP, "/results/"+itoa(f.kasiRHK.ID)+"/delete"), nil)
		res.wantStatus(t, http.StatusConflict)
		res.wantBody(t, `id="error-summary"`)
	})
}

func TestMatrixAssign(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Asemrowo")
		staf2 := f.addEmployee(t, "Bagus Prasetyo", "seksi.a", "kasi.a")
		kasi := f.login(t, f.KasiA)
		page := skpPath(f.kasiSKP, "/matrix")
		rid := itoa(f.kasiRHK.ID)

		res := kasi.get(page)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="matrix-table"`, kasiRHKText, html.EscapeString(f.StafA.Name), "Bagus Prasetyo",
			`id="assign-form-`+rid+`"`, `id="assign-`+rid+`-`+itoa(f.StafA.ID)+`"`, `id="assign-`+rid+`-`+itoa(staf2.ID)+`"`,
			`id="assign-button-`+rid+`"`, "Belum ada SKP")

		// Nobody ticked: the form says so.
		res = kasi.post(skpPath(f.kasiSKP, "/results/"+rid+"/assign"), url.Values{})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="assign-`+rid+`-error">Pilih minimal satu pegawai.`)

		// Someone else's subordinate cannot receive it.
		res = kasi.post(skpPath(f.kasiSKP, "/results/"+rid+"/assign"), url.Values{"employee_ids": {itoa(f.StafB.ID)}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, html.EscapeString(kinerja.MsgAssignNotTeam))

		res = kasi.post(skpPath(f.kasiSKP, "/results/"+rid+"/assign"), url.Values{"employee_ids": {itoa(f.StafA.ID), itoa(staf2.ID)}})
		res.wantRedirect(t, page+"?n=2&ok=assigned")
		res = kasi.get(page + "?ok=assigned&n=2")
		res.wantBody(t, "RHK dibagikan kepada 2 pegawai.", `id="cell-`+itoa(f.StafA.ID)+`-`+rid+`"`)
		for _, e := range []*kinerja.Employee{f.StafA, staf2} {
			list, _, err := db.FindSKPs(f.KasiACtx, kinerja.SKPFilter{PeriodID: f.period.ID, EmployeeID: &e.ID})
			if err != nil || len(list) != 1 {
				t.Fatalf("FindSKPs(%s) = %d, %v; want one SKP", e.Name, len(list), err)
			}
			s, err := db.FindSKPByID(f.KasiACtx, list[0].ID)
			if err != nil || len(s.Results) != 1 || s.Results[0].ParentResultID == nil || *s.Results[0].ParentResultID != f.kasiRHK.ID {
				t.Fatalf("%s's SKP after assign: %v, %+v; want one RHK intervening %d", e.Name, err, s, f.kasiRHK.ID)
			}
			cell := `<a href="/skp/` + itoa(s.ID) + `#result-` + itoa(s.Results[0].ID) + `">` + kasiRHKText + `</a>`
			if !strings.Contains(res.Body, cell) {
				t.Errorf("matrix lacks the cell %s", cell)
			}
		}
		res.wantNoBody(t, "Belum ada SKP")

		// Staff see no matrix of their own, and may not open the Kasi's.
		f.login(t, f.StafA).get(skpPath(f.stafSKP, "")).wantNoBody(t, `id="matrix-link"`)
		f.login(t, f.KasiB).get(page).wantStatus(t, http.StatusForbidden)
	})
}

func TestNotifications(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Asemrowo")
		kasi := f.login(t, f.KasiA)
		res := kasi.get("/notifications")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="notification-count">0<`, `id="notifications-empty"`)
		res.wantNoBody(t, `id="mark-all-read-button"`)

		mustAddResult(t, f.StafACtx, srv, f.stafSKP.ID, quantInput("Terlayaninya warga", &f.kasiRHK.ID))
		if _, err := db.SubmitSKP(f.StafACtx, f.stafSKP.ID); err != nil {
			t.Fatal(err)
		}
		// Nothing shows until the event is delivered, which the server's worker does right
		// after the commit.
		kasi.get("/").wantBody(t, `id="notification-count">0<`)
		sqldbtest.Deliver(t, db)
		// The counter is on every page.
		for _, p := range []string{"/", "/profile", "/skp", "/skp/team", "/notifications"} {
			kasi.get(p).wantBody(t, `id="notification-count">1<`)
		}
		res = kasi.get("/notifications")
		res.wantBody(t, html.EscapeString(f.StafA.Name)+" mengajukan SKP untuk Anda setujui.", `id="mark-all-read-button"`,
			`name="next" value="`+skpPath(f.stafSKP, "")+`"`, "Baru")
		items, _, err := db.FindNotifications(f.KasiACtx, false, 10)
		if err != nil || len(items) != 1 {
			t.Fatalf("FindNotifications = %d, %v", len(items), err)
		}
		// Opening one marks it read and goes to the SKP.
		next := skpPath(f.stafSKP, "")
		kasi.post("/notifications/read", url.Values{"id": {itoa(items[0].ID)}, "next": {next}}).wantRedirect(t, next)
		kasi.get("/notifications").wantBody(t, `href="`+next+`" id="open-notification-`+itoa(items[0].ID)+`"`)
		kasi.get("/").wantBody(t, `id="notification-count">0<`)
		kasi.post("/notifications/read", url.Values{"id": {"x"}}).wantStatus(t, http.StatusBadRequest)
		kasi.post("/notifications/read", url.Values{"next": {"//evil.example"}}).wantRedirect(t, "/")

		// Approval tells the employee; "tandai semua dibaca" clears the counter.
		if _, err := db.ApproveSKP(f.KasiACtx, f.stafSKP.ID); err != nil {
			t.Fatal(err)
		}
		sqldbtest.Deliver(t, db)
		staf := f.login(t, f.StafA)
		staf.get("/").wantBody(t, `id="notification-count">1<`)
		staf.get("/notifications").wantBody(t, "menyetujui SKP Anda.")
		staf.post("/notifications/read", nil).wantRedirect(t, "/notifications?ok=notifications_read")
		res = staf.get("/notifications?ok=notifications_read")
		res.wantBody(t, `id="notification-count">0<`, "Semua notifikasi ditandai sudah dibaca.")
	})
}

func TestSKPPDF(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Asemrowo")
		kasi := f.login(t, f.KasiA)
		res := kasi.get(skpPath(f.kasiSKP, "/pdf"))
		res.wantStatus(t, http.StatusOK)
		if ct := res.Header.Get("Content-Type"); ct != "application/pdf" {
			t.Errorf("Content-Type = %q; want application/pdf", ct)
		}
		want := `attachment; filename="skp-` + f.KasiA.NIP + `-` + strconv.Itoa(f.period.Year) + `.pdf"`
		if cd := res.Header.Get("Content-Disposition"); cd != want {
			t.Errorf("Content-Disposition = %q; want %q", cd, want)
		}
		if !strings.HasPrefix(res.Body, "%PDF-") {
			t.Errorf("body does not start with %%PDF-: %q", res.Body[:min(len(res.Body), 20)])
		}
		// Only those who may read the SKP.
		f.login(t, f.KasiB).get(skpPath(f.kasiSKP, "/pdf")).wantStatus(t, http.StatusForbidden)
		kasi.get("/skp/99999/pdf").wantStatus(t, http.StatusNotFound)
	})
}

func TestBehaviorsAndLampiran(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Asemrowo")
		staf, kasi := f.login(t, f.StafA), f.login(t, f.KasiA)
		page := skpPath(f.stafSKP, "")

		// The employee writes the lampiran.
		res := staf.get(page + "/edit")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="skp-form"`, `id="approach-kuantitatif"`, `name="resources"`, `id="save-skp-button"`)
		staf.post(page, url.Values{"approach": {"kuantitatif"}, "resources": {"Komputer dan printer layanan"},
			"accountability": {"Dilaporkan tiap bulan"}, "consequences": {"Teguran bila terlambat"}}).wantRedirect(t, page+"?ok=skp_updated")
		staf.get(page).wantBody(t, `id="skp-resources">Komputer dan printer layanan<`, "Dilaporkan tiap bulan")
		res = staf.post(page, url.Values{"resources": {strings.Repeat("x", 5001)}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="error-summary"`)

		// The pejabat penilai writes the expectations; the employee may not.
		staf.get(page+"/behaviors").wantStatus(t, http.StatusForbidden)
		staf.get(page).wantNoBody(t, `id="behaviors-link"`)
		res = kasi.get(page + "/behaviors")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="behaviors-form"`, "Berorientasi Pelayanan", "Memahami dan memenuhi kebutuhan masyarakat",
			`name="expectation_akuntabel"`, `name="expectation_kolaboratif"`, `id="save-behaviors-button"`)
		kasi.post(page+"/behaviors", url.Values{"expectation_akuntabel": {"Tidak ada berkas yang hilang"},
			"expectation_kolaboratif": {" "}}).wantRedirect(t, page+"?ok=behaviors_saved")
		res = staf.get(page)
		res.wantBody(t, "Tidak ada berkas yang hilang", "Menjaga rahasia jabatan dan negara")
		staf.post(page+"/behaviors", url.Values{"expectation_akuntabel": {"x"}}).wantStatus(t, http.StatusForbidden)
	})
}

func TestPeriods(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Asemrowo")
		admin := f.loginAdmin(t)
		id := itoa(f.period.ID)
		res := admin.get("/admin/periods")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="periods-table"`, `id="period-form"`, `id="close-period-`+id+`"`, "1 Jan "+strconv.Itoa(f.period.Year))
		admin.post("/admin/periods/"+id, url.Values{"cadence": {"monthly"}}).wantRedirect(t, "/admin/periods?ok=period_updated")
		admin.get("/admin/periods").wantBody(t, `<option value="monthly" selected>Bulanan</option>`)
		admin.post("/admin/periods/"+id, url.Values{"cadence": {"weekly"}}).wantStatus(t, http.StatusUnprocessableEntity)
		admin.post("/admin/periods/"+id, url.Values{"closed": {"1"}}).wantRedirect(t, "/admin/periods?ok=period_updated")
		admin.get("/admin/periods").wantBody(t, `id="reopen-period-`+id+`"`)
		f.login(t, f.KasiB).get("/skp").wantBody(t, `id="no-skp"`, "Periode ini sudah ditutup")
		admin.post("/admin/periods/"+id, url.Values{"closed": {"0"}}).wantRedirect(t, "/admin/periods?ok=period_updated")
		admin.post("/admin/periods", url.Values{"year": {"2099"}, "cadence": {"semester"}}).wantRedirect(t, "/admin/periods?ok=period_created")

		// Two years: the chooser appears and the newest is shown first.
		res = f.login(t, f.StafA).get("/skp")
		res.wantBody(t, `id="period-chooser"`, "SKP saya 2099", `id="no-skp"`)
		f.login(t, f.StafA).get("/skp?period="+id).wantBody(t, `id="skp-status">Draf<`)
		f.login(t, f.StafA).get("/skp?period=99999").wantStatus(t, http.StatusNotFound)

		f.login(t, f.StafA).get("/admin/periods").wantStatus(t, http.StatusForbidden)
		f.login(t, f.StafA).post("/admin/periods", url.Values{"year": {"2030"}}).wantStatus(t, http.StatusForbidden)
	})
}
