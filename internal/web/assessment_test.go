package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// assessmentFixture is a sqldbtest.Org with this year's period and approved SKP for the
// Camat, Kasi A and Staf A (the Camat is the atasan pejabat penilai of Staf A).
type assessmentFixture struct {
	*sqldbtest.Org
	srv              *testServer
	period           *kinerja.Period
	key              string // the year's first evaluation period
	kasiSKP, stafSKP *kinerja.SKP
	kasiRHK          int64
	camatRHK         int64
}

// approveSKP creates, fills, submits and approves the SKP of employee e.
func (s *testServer) approveSKP(t *testing.T, ectx, appraiser context.Context, e *kinerja.Employee, period int64, parent *int64) (*kinerja.SKP, int64) {
	t.Helper()
	sk := mustCreateSKP(t, ectx, s, e.ID, period, kinerja.ApproachQuantitative)
	r := mustAddResult(t, ectx, s, sk.ID, quantInput("RHK "+e.Name, parent))
	if _, err := s.db.SubmitSKP(ectx, sk.ID); err != nil {
		t.Fatalf("SubmitSKP %s: %v", e.Name, err)
	}
	if _, err := s.db.ApproveSKP(appraiser, sk.ID); err != nil {
		t.Fatalf("ApproveSKP %s: %v", e.Name, err)
	}
	return sk, r.ID
}

func (s *testServer) newAssessmentFixture(t *testing.T, name string) *assessmentFixture {
	t.Helper()
	f := &assessmentFixture{Org: sqldbtest.MustCreateOrg(t, s.db, name), srv: s}
	var err error
	if f.period, err = s.db.CreatePeriod(f.Admin, kinerja.NewPeriod{Year: time.Now().Year()}); err != nil {
		t.Fatalf("CreatePeriod: %v", err)
	}
	f.key = kinerja.EvalPeriods(f.period.Year, f.period.Cadence)[0].Key
	sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
	_, f.camatRHK = s.approveSKP(t, f.CamatCtx, sys, f.Camat, f.period.ID, nil)
	f.kasiSKP, f.kasiRHK = s.approveSKP(t, f.KasiACtx, f.CamatCtx, f.KasiA, f.period.ID, &f.camatRHK)
	f.stafSKP, _ = s.approveSKP(t, f.StafACtx, f.KasiACtx, f.StafA, f.period.ID, &f.kasiRHK)
	return f
}

func (f *assessmentFixture) login(t *testing.T, e *kinerja.Employee) *client {
	t.Helper()
	c := f.srv.client(t)
	c.login(f.Username(e), sqldbtest.Password)
	return c
}

// startAssessment starts the assessment of SKP s from the team page and returns its path.
func (f *assessmentFixture) startAssessment(t *testing.T, c *client, s *kinerja.SKP) string {
	t.Helper()
	res := c.post("/assessments", url.Values{"skp_id": {itoa(s.ID)}, "period": {f.key}})
	res.wantStatus(t, http.StatusSeeOther)
	loc := res.Header.Get("Location")
	path, ok := strings.CutSuffix(loc, "?ok=assessment_created")
	if !ok || !strings.HasPrefix(path, "/assessments/") {
		t.Fatalf("start assessment: Location = %q", loc)
	}
	return path
}

func TestAssessment_RateFinalizeObjectDecide(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		kasi, staf, camat := f.login(t, f.KasiA), f.login(t, f.StafA), f.login(t, f.Camat)

		res := kasi.get("/assessments/team?period=" + f.key)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="nav-assessments" aria-current="page"`, `id="start-assessment-`+itoa(f.StafA.ID)+`"`, "Belum dimulai")
		kasi.get("/assessments/team?period=1999-Q1").wantStatus(t, http.StatusNotFound)
		page := f.startAssessment(t, kasi, f.stafSKP)
		kasi.post("/assessments", url.Values{"skp_id": {itoa(f.stafSKP.ID)}, "period": {f.key}}).wantStatus(t, http.StatusConflict)

		res = kasi.get(page)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="rate-form"`, "RHK "+f.StafA.Name, "Berorientasi Pelayanan", "Di Atas Ekspektasi", `id="finalize-button"`)
		res.wantNoBody(t, `id="stored-justification"`, `id="download-pdf"`, `id="decide-form"`)

		// Wrong input and finalising too early are shown next to the field.
		kasi.post(page, url.Values{"result_rating": {"luar_biasa"}}).wantFieldError(t, "result-rating", kinerja.MsgAssessmentRating)
		kasi.post(page+"/finalize", nil).wantFieldError(t, "result-rating", kinerja.MsgAssessmentRatingsNeeded)
		f.login(t, f.KasiB).post(page, url.Values{"result_rating": {"sesuai"}}).wantStatus(t, http.StatusForbidden)
		staf.post(page, url.Values{"result_rating": {"di_atas"}}).wantStatus(t, http.StatusForbidden)

		kasi.post(page, url.Values{"result_rating": {"di_atas"}, "result_reason": {"Target KTP-el terlampaui."},
			"behavior_rating": {"sesuai"}, "behavior_reason": {"Sesuai ekspektasi."}}).wantRedirect(t, page+"?ok=assessment_saved")
		kasi.get("/assessments/team?period="+f.key).wantBody(t, `id="progress-`+itoa(f.StafA.ID)+`">Dinilai`)
		kasi.post(page+"/finalize", nil).wantRedirect(t, page+"?ok=assessment_final")
		res = kasi.get(page + "?ok=assessment_final")
		res.wantBody(t, "Penilaian sudah final", `id="predikat"`, ">Baik</span>", `id="download-pdf"`)
		res.wantNoBody(t, `id="rate-form"`)
		kasi.post(page, url.Values{"result_rating": {"sesuai"}}).wantStatus(t, http.StatusConflict)

		// The employee objects; the Camat, atasan pejabat penilai, decides.
		res = staf.get("/assessments")
		res.wantBody(t, `id="assessment-`+page[len("/assessments/"):]+`"`, ">Baik</span>", `id="object-button-`)
		staf.post(page+"/object", url.Values{"reason": {" "}}).wantFieldError(t, "object-reason", kinerja.MsgObjectionReason)
		staf.post(page+"/object", url.Values{"reason": {"Realisasi saya melampaui target di semua indikator."}}).
			wantRedirect(t, page+"?ok=assessment_objected")
		staf.post(page+"/acknowledge", nil).wantStatus(t, http.StatusConflict)
		kasi.get(page).wantNoBody(t, `id="decide-form"`)
		res = camat.get(page)
		res.wantBody(t, `id="decide-form"`, "Realisasi saya melampaui target di semua indikator.")
		camat.post(page+"/decide", url.Values{"decision": {"change"}}).wantFieldError(t, "decision", kinerja.MsgDecision)
		camat.post(page+"/decide", url.Values{"decision": {"change"}, "result_rating": {"di_atas"}, "behavior_rating": {"di_atas"},
			"reason": {"Bukti dukung menunjukkan perilaku di atas ekspektasi."}}).wantRedirect(t, page+"?ok=assessment_decided")
		res = staf.get(page)
		res.wantBody(t, "Sangat Baik", `id="decision"`, "Ubah rating")
		res.wantNoBody(t, `id="object-form"`)

		// The document.
		pdf := staf.get(page + "/pdf")
		pdf.wantStatus(t, http.StatusOK)
		if ct := pdf.Header.Get("Content-Type"); ct != "application/pdf" || !strings.HasPrefix(pdf.Body, "%PDF") {
			t.Errorf("PDF: Content-Type %q, starts %q", ct, pdf.Body[:min(8, len(pdf.Body))])
		}
		if cd := pdf.Header.Get("Content-Disposition"); !strings.Contains(cd, f.key+".pdf") {
			t.Errorf("PDF: Content-Disposition %q", cd)
		}
		f.AddLogin(t, "staf.b", "")
		f.login(t, f.StafB).get(page).wantStatus(t, http.StatusForbidden)
	})
}

func TestAssessment_CurveAndCalibration(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		head := &f.KasiA.ID
		if _, err := db.UpdateUnit(f.Admin, f.SeksiA.ID, kinerja.UnitUpdate{HeadID: &head}); err != nil {
			t.Fatal(err)
		}
		staff := []*kinerja.SKP{f.stafSKP}
		sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		for i := 1; i <= 4; i++ {
			e := f.AddPerson(t, sqldbtest.PersonSpec{Name: fmt.Sprintf("Staf %d", i), Birth: kinerja.NewDate(1990+i, 1, 1), Grade: "II/c",
				Position: "Pengadministrasi", Unit: "seksi.a", Supervisor: "kasi.a", NoLogin: true})
			s, _ := srv.approveSKP(t, sys, f.KasiACtx, e, f.period.ID, &f.kasiRHK)
			staff = append(staff, s)
		}
		camat, kasi := f.login(t, f.Camat), f.login(t, f.KasiA)
		kasi.get("/calibration").wantStatus(t, http.StatusForbidden)
		kasi.post("/calibration/org-rating", url.Values{"unit_id": {itoa(f.SeksiA.ID)}, "period": {f.key}, "predikat": {"istimewa"}}).
			wantStatus(t, http.StatusForbidden)

		// The Camat sets the section's organisation predikat.
		res := camat.get("/calibration?period=" + f.key)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="org-rating-form-`+itoa(f.SeksiA.ID)+`"`, `id="no-assessments"`)
		camat.post("/calibration/org-rating", url.Values{"unit_id": {itoa(f.SeksiA.ID)}, "period": {f.key}, "predikat": {"hebat"}}).
			wantFieldError(t, "predikat-"+itoa(f.SeksiA.ID), kinerja.MsgOrgPredikat)
		camat.post("/calibration/org-rating", url.Values{"unit_id": {itoa(f.SeksiA.ID)}, "period": {f.key}, "predikat": {"istimewa"}}).
			wantRedirect(t, "/calibration?period="+f.key+"&ok=org_rating_saved#unit-"+itoa(f.SeksiA.ID))

		// Three of the five staff of the section (its head is not counted) are rated Sangat
		// Baik (60 %); the fourth puts the section, and the Kasi's group of the same five, at
		// 80 % and needs a justification, told once.
		above := url.Values{"result_rating": {"di_atas"}, "result_reason": {"Melampaui target."}, "behavior_rating": {"di_atas"}, "behavior_reason": {"Teladan."}}
		const why = "Empat pegawai menuntaskan pendataan ulang lebih cepat."
		for i, s := range staff[:4] {
			page := f.startAssessment(t, kasi, s)
			kasi.post(page, above).wantRedirect(t, page+"?ok=assessment_saved")
			if i == 3 {
				res := kasi.post(page+"/finalize", nil)
				res.wantFieldError(t, "justification", kinerja.MsgAssessmentJustification)
				res.wantBody(t, `id="curve-warning"`, html.EscapeString(f.SeksiA.Name+": Sangat Baik 4 dari 5 pegawai (80 %), melebihi batas 70 %."))
				res.wantNoBody(t, kinerja.MsgCurveAppraiserGroup)
				kasi.post(page+"/finalize", url.Values{"justification": {why}}).wantRedirect(t, page+"?ok=assessment_final")
				kasi.get(page).wantBody(t, `id="stored-justification"`, why)
				continue
			}
			kasi.post(page+"/finalize", nil).wantRedirect(t, page+"?ok=assessment_final")
		}

		// The Kasi, head of the section, is appraised by the Camat one level up: not counted
		// in the section, so a Sangat Baik needs no justification.
		page := f.startAssessment(t, camat, f.kasiSKP)
		camat.get(page).wantBody(t, `id="result-rating-di_atas" name="result_rating" value="di_atas" checked`)
		camat.post(page, above).wantRedirect(t, page+"?ok=assessment_saved")
		camat.post(page+"/finalize", nil).wantRedirect(t, page+"?ok=assessment_final")

		// The calibration page shows the violation, the chart and the groups.
		res = camat.get("/calibration?period=" + f.key)
		res.wantBody(t, `id="violation-`+itoa(f.SeksiA.ID)+`-sangat_baik_max_70"`, "melebihi batas 70 %",
			`id="org-predikat-`+itoa(f.SeksiA.ID)+`">Istimewa`, `id="count-`+itoa(f.SeksiA.ID)+`-sangat_baik">4</span>`,
			`<meter min="0" max="100" value="80"`, `id="group-`+itoa(f.KasiA.ID)+`"`, `id="group-`+itoa(f.Camat.ID)+`"`, "dengan justifikasi")
		res.wantNoBody(t, " style=")

		// The recap.
		x := camat.get("/units/" + itoa(f.SeksiA.ID) + "/recap.xlsx?period=" + f.key)
		x.wantStatus(t, http.StatusOK)
		if ct := x.Header.Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") {
			t.Errorf("recap Content-Type = %q", ct)
		}
		camat.get("/units/"+itoa(f.SeksiA.ID)+"/recap.xlsx?period=1999-Q1").wantStatus(t, http.StatusNotFound)
	})
}

func TestAssessment_SelfAssessment(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		kasi, staf := f.login(t, f.KasiA), f.login(t, f.StafA)
		page := f.startAssessment(t, kasi, f.stafSKP)
		staf.get(page).wantBody(t, `id="self-form"`)
		kasi.get(page).wantNoBody(t, `id="self-form"`)
		staf.post(page+"/self", url.Values{"self_result_rating": {"di_atas"}, "self_behavior_rating": {"sesuai"}}).
			wantFieldError(t, "self-reflection", kinerja.MsgSelfReflection)
		kasi.post(page+"/self", url.Values{"self_result_rating": {"di_atas"}, "self_behavior_rating": {"sesuai"},
			"self_reflection": {"bukan saya"}}).wantStatus(t, http.StatusForbidden)
		res := staf.post(page+"/self", url.Values{"self_result_rating": {"di_atas"}, "self_behavior_rating": {"sesuai"},
			"self_reflection": {"Layanan jemput bola menambah 30 berkas."}})
		res.wantStatus(t, http.StatusSeeOther)
		kasi.get("/assessments/team?period="+f.key).wantBody(t, "Penilaian diri diisi")
		kasi.get(page).wantBody(t, `id="self-summary"`, "Layanan jemput bola menambah 30 berkas.",
			"Saran dari capaian kuantitas: Di Bawah Ekspektasi") // no approved activity yet: 0 % of the target
	})
}

func TestAssessment_AnnualShowsPeriods(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		db.Now = func() time.Time { return time.Date(2027, 1, 15, 3, 0, 0, 0, time.UTC) } // the year has ended
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		kasi := f.login(t, f.KasiA)
		q1 := f.startAssessment(t, kasi, f.stafSKP)
		kasi.post(q1, url.Values{"result_rating": {"sesuai"}, "behavior_rating": {"sesuai"}}).wantStatus(t, http.StatusSeeOther)
		kasi.post(q1+"/finalize", nil).wantStatus(t, http.StatusSeeOther)
		res := kasi.post("/assessments", url.Values{"skp_id": {itoa(f.stafSKP.ID)}, "period": {itoa(int64(f.period.Year))}})
		res.wantStatus(t, http.StatusSeeOther)
		annual, _ := strings.CutSuffix(res.Header.Get("Location"), "?ok=assessment_created")
		kasi.get(annual).wantBody(t, `id="year-periods-table"`, `href="`+q1+`"`, "Baik")
		kasi.get(q1).wantNoBody(t, `id="year-periods-table"`)
	})
}

func TestLegacyCalculator(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		s := newTestServer(t, db)
		c := s.loginAdmin(t)
		c.get("/assessments/historis").wantBody(t, `id="legacy-form"`, "historis")
		// One activity: 12/12, 100/90, 12 of 12 months (on time: 76) → (100 + 90 + 76) / 3 = 88.67;
		// with behaviour 80: 0.6 × 88.67 + 0.4 × 80 = 85.2, Baik.
		res := c.get("/assessments/historis?compute=1&a0.qt=12&a0.qr=12&a0.kt=100&a0.kr=90&a0.wt=12&a0.wr=12&behaviour=80")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="legacy-skp">88,67<`, "<strong>85,20</strong> — Baik")
		c.get("/assessments/historis?compute=1&a0.qt=12&behaviour=80").wantStatus(t, http.StatusUnprocessableEntity)
	})
}

func TestHRReviewPage(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		admin := srv.client(t)
		admin.login(f.AdminUser.Username, sqldbtest.Password)
		admin.get("/hr-review?year=2026").wantBody(t, `id="hr-review-empty"`)
		admin.get("/hr-review?year=abc").wantStatus(t, http.StatusUnprocessableEntity)
		f.login(t, f.StafA).get("/hr-review").wantStatus(t, http.StatusForbidden)
	})
}

func TestCalibrationAdjust(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		kasi, camat := f.login(t, f.KasiA), f.login(t, f.Camat)
		page := f.startAssessment(t, kasi, f.stafSKP)
		kasi.post(page, url.Values{"result_rating": {"sesuai"}, "behavior_rating": {"sesuai"}}).wantStatus(t, http.StatusSeeOther)
		id := strings.TrimPrefix(page, "/assessments/")
		camat.get("/calibration?period="+f.key).wantBody(t, `id="adjust-form-`+id+`"`, `id="group-`+itoa(f.KasiA.ID)+`-dist"`,
			"Kelompok pejabat penilai: 1 pegawai dengan SKP")
		form := url.Values{"id": {id}, "period": {f.key}, "result_rating": {"di_bawah"}, "behavior_rating": {"sesuai"}}
		camat.post("/calibration/adjust", form).wantStatus(t, http.StatusUnprocessableEntity)
		form.Set("reason", "Dua RHK utama belum tercapai pada triwulan ini.")
		kasi.post("/calibration/adjust", form).wantStatus(t, http.StatusForbidden)
		camat.post("/calibration/adjust", form).wantStatus(t, http.StatusSeeOther)
		kasi.get(page).wantBody(t, `value="di_bawah" checked`)
	})
}

func TestAssessment_RatingPerRHK(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		kasi := f.login(t, f.KasiA)
		page := f.startAssessment(t, kasi, f.stafSKP)
		s, err := db.FindSKPByID(f.KasiACtx, f.stafSKP.ID)
		if err != nil {
			t.Fatal(err)
		}
		field := "rhk_" + itoa(s.Results[0].ID)
		kasi.get(page).wantBody(t, `id="rhk-ratings"`, `name="`+field+`"`)
		kasi.post(page, url.Values{field: {"di_atas"}, "result_rating": {"di_atas"}}).wantStatus(t, http.StatusSeeOther)
		kasi.get(page).wantBody(t, `id="rating-`+field+`-di_atas" name="`+field+`" value="di_atas" checked`)
		kasi.post(page, url.Values{field: {"luar_biasa"}}).wantStatus(t, http.StatusUnprocessableEntity)
	})
}

// TestAssessment_WorkAndPeers: the form shows, per RHK, the period's activities by status and
// the evidence behind the approved ones, and how far the peer feedback has come.
func TestAssessment_WorkAndPeers(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		s, err := db.FindSKPByID(f.StafACtx, f.stafSKP.ID)
		if err != nil {
			t.Fatal(err)
		}
		rhk := s.Results[0].ID
		ep := kinerja.EvalPeriods(f.period.Year, f.period.Cadence)[0]
		// The work is written up three weeks after the period, whatever today is: late.
		db.Now = func() time.Time { return ep.End.Time().AddDate(0, 0, 21) }
		logged := func(day kinerja.Date, file string) *kinerja.Activity {
			a, err := db.CreateActivity(f.StafACtx, kinerja.ActivityInput{Date: day, ResultID: rhk, Description: "Verifikasi berkas", Output: 3, Unit: ""})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.CreateEvidence(f.StafACtx, sqldb.EvidenceTarget{ActivityID: &a.ID}, "ef"+file, 10, "image/jpeg", file); err != nil {
				t.Fatal(err)
			}
			return a
		}
		a := logged(ep.Start.AddDate(0, 0, 2), "foto-pelayanan.jpg")
		b := logged(ep.Start.AddDate(0, 0, 3), "foto-buram.jpg")
		if _, err := db.ApproveActivities(f.KasiACtx, []int64{a.ID}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RejectActivity(f.KasiACtx, b.ID, "Foto tidak terbaca"); err != nil {
			t.Fatal(err)
		}
		kasi := f.login(t, f.KasiA)
		page := f.startAssessment(t, kasi, f.stafSKP)
		res := kasi.get(page)
		res.wantBody(t, `id="work-`+itoa(rhk)+`">Aktivitas periode ini: 1 disetujui, 0 menunggu, 1 ditolak; 2 dicatat terlambat.`,
			`id="work-evidence-`+itoa(rhk)+`"`, "foto-pelayanan.jpg",
			`id="peer-summary">Umpan balik rekan kerja: 0 jawaban; ringkasan ditampilkan setelah minimal 3 rekan menjawab.`)
		res.wantNoBody(t, "foto-buram.jpg")
		f.login(t, f.StafA).get(page).wantBody(t, "foto-pelayanan.jpg")
	})
}

// TestAssessment_DuringRevision: while a revision of the SKP waits, the approved version stays
// in force and is the one the pejabat penilai assesses.
func TestAssessment_DuringRevision(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		rev, err := db.ReviseSKP(f.StafACtx, f.stafSKP.ID)
		if err != nil {
			t.Fatal(err)
		}
		kasi := f.login(t, f.KasiA)
		res := kasi.get("/assessments/team?period=" + f.key)
		res.wantBody(t, `id="start-assessment-`+itoa(f.StafA.ID)+`"`, `name="skp_id" value="`+itoa(f.stafSKP.ID)+`"`)
		res.wantNoBody(t, `name="skp_id" value="`+itoa(rev.ID)+`"`)
		page := f.startAssessment(t, kasi, f.stafSKP)
		kasi.get(page).wantBody(t, `id="rate-form"`, "RHK "+f.StafA.Name)
	})
}

// TestAssessment_FinalizeSavesTheForm: pressing "Finalkan penilaian" on a form that was never
// saved stores what was typed, asks to confirm with the predikat it will give, and the
// confirmation makes it final; a refused form comes back as typed.
func TestAssessment_FinalizeSavesTheForm(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		kasi := f.login(t, f.KasiA)
		page := f.startAssessment(t, kasi, f.stafSKP)
		kasi.get(page).wantBody(t, `id="finalize-button" formaction="`+page+`/finalize"`)

		const why = "Semua laporan rekapitulasi selesai sebelum tenggat."
		// Without the behaviour rating: refused, with what was typed kept.
		res := kasi.post(page+"/finalize", url.Values{"result_rating": {"di_atas"}, "result_reason": {why}, "behavior_rating": {""}, "behavior_reason": {""}})
		res.wantFieldError(t, "result-rating", kinerja.MsgAssessmentRatingsNeeded)
		res.wantBody(t, why, `id="result-rating-di_atas" name="result_rating" value="di_atas" checked`)
		res.wantNoBody(t, `id="confirm-finalize-button"`)

		res = kasi.post(page+"/finalize", url.Values{"result_rating": {"di_atas"}, "result_reason": {why},
			"behavior_rating": {"sesuai"}, "behavior_reason": {"Ramah melayani warga."}})
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="confirm-predikat">Baik</strong>`, `id="confirm-finalize-button"`)
		x := mustFindAssessment(t, db, f.KasiACtx, page)
		if x.Status != kinerja.AssessmentDraft || x.ResultRating != kinerja.RatingAbove || x.BehaviorRating != kinerja.RatingMeets || x.ResultReason != why {
			t.Fatalf("after pressing Finalkan: %+v; want a draft with what was typed", x)
		}
		kasi.post(page+"/finalize", url.Values{}).wantRedirect(t, page+"?ok=assessment_final")
		if x := mustFindAssessment(t, db, f.KasiACtx, page); x.Status != kinerja.AssessmentFinal || x.Predikat != kinerja.PredikatBaik || x.ResultReason != why {
			t.Errorf("after confirming: %+v; want final, Baik, with the typed reason", x)
		}
	})
}

// mustFindAssessment reads the assessment of an /assessments/{id} page.
func mustFindAssessment(t *testing.T, db *sqldb.DB, ctx context.Context, page string) *kinerja.Assessment {
	t.Helper()
	id, err := strconv.ParseInt(strings.TrimPrefix(page, "/assessments/"), 10, 64)
	if err != nil {
		t.Fatalf("page %q: %v", page, err)
	}
	x, err := db.FindAssessmentByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestAssessment_PeriodNotEnded: before a period has ended the team page says when its
// assessments may start and offers no start button; a start is refused with the reason.
func TestAssessment_PeriodNotEnded(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		ep, _ := kinerja.FindEvalPeriod(f.period.Year, f.period.Cadence, f.key)
		db.Now = func() time.Time { return ep.End.Time().Add(5 * time.Hour) } // noon WIB on the last day
		kasi := f.login(t, f.KasiA)
		res := kasi.get("/assessments/team?period=" + f.key)
		res.wantBody(t, `id="period-not-ended"`)
		res.wantNoBody(t, `id="start-assessment-`+itoa(f.StafA.ID)+`"`)
		res = kasi.post("/assessments", url.Values{"skp_id": {itoa(f.stafSKP.ID)}, "period": {f.key}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, htmlEscape(kinerja.MsgAssessmentTooEarly))
		db.Now = func() time.Time { return ep.End.Time().AddDate(0, 0, 1).Add(5 * time.Hour) }
		f.login(t, f.KasiA).get("/assessments/team?period="+f.key).wantBody(t, `id="start-assessment-`+itoa(f.StafA.ID)+`"`)
	})
}
