package sqldb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// approvedSKP creates, fills, submits and approves the SKP of e.
func approvedSKP(t *testing.T, db *sqldb.DB, ectx, appraiser context.Context, e *kinerja.Employee, period int64, parent *int64) (*kinerja.SKP, int64) {
	t.Helper()
	s, err := db.CreateSKP(ectx, e.ID, period, kinerja.ApproachQuantitative)
	if err != nil {
		t.Fatalf("CreateSKP %s: %v", e.Name, err)
	}
	r, err := db.AddResult(ectx, s.ID, rhk("RHK "+e.Name, parent))
	if err != nil {
		t.Fatalf("AddResult %s: %v", e.Name, err)
	}
	if _, err := db.SubmitSKP(ectx, s.ID); err != nil {
		t.Fatalf("SubmitSKP %s: %v", e.Name, err)
	}
	if _, err := db.ApproveSKP(appraiser, s.ID); err != nil {
		t.Fatalf("ApproveSKP %s: %v", e.Name, err)
	}
	return s, r.ID
}

// mustAssessment returns the employee's assessment for a period.
func mustAssessment(t *testing.T, db *sqldb.DB, ctx context.Context, employee int64, period string) *kinerja.Assessment {
	t.Helper()
	xs, err := db.FindAssessments(ctx, period, &employee)
	if err != nil || len(xs) != 1 {
		t.Fatalf("assessments of %d in %s = %d, %v", employee, period, len(xs), err)
	}
	return xs[0]
}

func TestAssessmentMatrixAndRules(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		period, _ := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026, Cadence: kinerja.CadenceMonthly})
		sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		_, top := approvedSKP(t, db, o.CamatCtx, sys, o.Camat, period.ID, nil)
		_, kasiRHK := approvedSKP(t, db, o.KasiACtx, o.CamatCtx, o.KasiA, period.ID, &top)
		staf, _ := approvedSKP(t, db, o.StafACtx, o.KasiACtx, o.StafA, period.ID, &kasiRHK)

		cells := []struct {
			results, behaviour kinerja.Rating
			want               kinerja.Predikat
		}{
			{"di_atas", "di_atas", "sangat_baik"}, {"di_atas", "sesuai", "baik"}, {"di_atas", "di_bawah", "kurang"},
			{"sesuai", "di_atas", "baik"}, {"sesuai", "sesuai", "baik"}, {"sesuai", "di_bawah", "kurang"},
			{"di_bawah", "di_atas", "butuh_perbaikan"}, {"di_bawah", "sesuai", "butuh_perbaikan"}, {"di_bawah", "di_bawah", "sangat_kurang"},
		}
		for i, c := range cells {
			x, err := db.CreateAssessment(o.KasiACtx, staf.ID, fmt.Sprintf("2026-%02d", i+1))
			if err != nil {
				t.Fatalf("CreateAssessment: %v", err)
			}
			if _, err := db.UpdateAssessment(o.KasiBCtx, x.ID, kinerja.AssessmentUpdate{ResultRating: &c.results}); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
				t.Errorf("rating by another Kasi: %v; want forbidden", err)
			}
			if _, err := db.UpdateAssessment(o.KasiACtx, x.ID, kinerja.AssessmentUpdate{ResultRating: &c.results, BehaviorRating: &c.behaviour}); err != nil {
				t.Fatal(err)
			}
			f, err := db.FinalizeAssessment(o.KasiACtx, x.ID, "")
			if err != nil || f.Predikat != c.want || f.Status != kinerja.AssessmentFinal {
				t.Errorf("finalize %s × %s = %+v, %v; want %s", c.results, c.behaviour, f, err, c.want)
			}
			if _, err := db.UpdateAssessment(o.KasiACtx, x.ID, kinerja.AssessmentUpdate{ResultRating: &c.results}); kinerja.ErrorCode(err) != kinerja.ECONFLICT {
				t.Errorf("changing a final assessment: %v; want conflict", err)
			}
		}
		// Ratings per RHK belong to the assessed SKP.
		per, _ := db.CreateAssessment(o.KasiACtx, staf.ID, "2026-10")
		full, _ := db.FindSKPByID(o.KasiACtx, staf.ID)
		rid := full.Results[0].ID
		if x, err := db.UpdateAssessment(o.KasiACtx, per.ID, kinerja.AssessmentUpdate{ResultRatings: map[int64]kinerja.Rating{rid: kinerja.RatingAbove}}); err != nil || x.ResultRatings[rid] != kinerja.RatingAbove {
			t.Errorf("per-RHK rating = %+v, %v", x, err)
		}
		if _, err := db.UpdateAssessment(o.KasiACtx, per.ID, kinerja.AssessmentUpdate{ResultRatings: map[int64]kinerja.Rating{kasiRHK: kinerja.RatingAbove}}); kinerja.ErrorCode(err) != kinerja.EINVALID {
			t.Errorf("rating another SKP's RHK: %v; want invalid", err)
		}
		if x, _ := db.FindAssessmentByID(o.KasiACtx, per.ID); x.ResultRatings[rid] != kinerja.RatingAbove {
			t.Errorf("stored per-RHK ratings = %v", x.ResultRatings)
		}
		if _, err := db.CreateAssessment(o.KasiACtx, staf.ID, "2026-Q1"); kinerja.ErrorFields(err)["period"] == "" {
			t.Errorf("a quarter in a monthly year: %v; want an error on period", err)
		}
	})
}

// headedSection is an organisation for 2026 whose Kasi A heads Seksi A, with the Camat's and
// the Kasi's SKP approved.
func headedSection(t *testing.T, db *sqldb.DB) (o *sqldbtest.Org, period *kinerja.Period, kasiSKP *kinerja.SKP, kasiRHK int64) {
	t.Helper()
	o = sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
	period, _ = db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
	head := &o.KasiA.ID
	if _, err := db.UpdateUnit(o.Admin, o.SeksiA.ID, kinerja.UnitUpdate{HeadID: &head}); err != nil {
		t.Fatal(err)
	}
	sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
	_, top := approvedSKP(t, db, o.CamatCtx, sys, o.Camat, period.ID, nil)
	kasiSKP, kasiRHK = approvedSKP(t, db, o.KasiACtx, o.CamatCtx, o.KasiA, period.ID, &top)
	return o, period, kasiSKP, kasiRHK
}

// TestDistributionCurve: the curve of a section counts the people appraised in it, not its
// head, who is appraised one level up; an istimewa section may have more than half and at most
// 70 % sangat baik.
func TestDistributionCurve(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, period, kasiSKP, kasiRHK := headedSection(t, db)
		sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		if err := db.SetUnitRating(o.KasiBCtx, o.SeksiA.ID, "2026-Q1", kinerja.OrgIstimewa); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("another Kasi setting the section's predikat: %v; want forbidden", err)
		}
		if err := db.SetUnitRating(o.CamatCtx, o.SeksiA.ID, "2026-Q1", kinerja.OrgIstimewa); err != nil {
			t.Fatalf("the Camat setting the section's predikat: %v", err)
		}
		// Only the head has an SKP: nobody is counted in the section.
		if d, err := db.UnitDistribution(o.Admin, o.SeksiA.ID, "2026-Q1"); err != nil || d.Total != 0 || len(d.Violations) != 0 {
			t.Errorf("section with only its head = %+v, %v; want nobody counted", d, err)
		}
		staff := []*kinerja.SKP{}
		s, _ := approvedSKP(t, db, o.StafACtx, o.KasiACtx, o.StafA, period.ID, &kasiRHK)
		staff = append(staff, s)
		for i := 1; i <= 4; i++ {
			e := o.AddPerson(t, sqldbtest.PersonSpec{Name: fmt.Sprintf("Staf %d", i), Birth: kinerja.NewDate(1990+i, 1, 1), Grade: "II/c",
				Position: "Pengadministrasi", Unit: "seksi.a", Supervisor: "kasi.a", NoLogin: true})
			s, _ := approvedSKP(t, db, sys, o.KasiACtx, e, period.ID, &kasiRHK)
			staff = append(staff, s)
		}
		above := kinerja.RatingAbove
		rateTop := func(ctx context.Context, s *kinerja.SKP, justification string) (*kinerja.Assessment, error) {
			x, err := db.CreateAssessment(ctx, s.ID, "2026-Q1")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.UpdateAssessment(ctx, x.ID, kinerja.AssessmentUpdate{ResultRating: &above, BehaviorRating: &above}); err != nil {
				t.Fatal(err)
			}
			return db.FinalizeAssessment(ctx, x.ID, justification)
		}
		// The head, appraised by the Camat, is not in the section's curve: a sangat baik needs
		// no justification although the section would then be 1 of 1.
		hx, err := db.CreateAssessment(o.CamatCtx, kasiSKP.ID, "2026-Q1")
		if err != nil || hx.ResultRating != kinerja.RatingAbove {
			t.Fatalf("the head's assessment = %+v, %v; want rating hasil kerja from istimewa (di atas)", hx, err)
		}
		if _, err := db.UpdateAssessment(o.CamatCtx, hx.ID, kinerja.AssessmentUpdate{BehaviorRating: &above}); err != nil {
			t.Fatal(err)
		}
		if f, err := db.FinalizeAssessment(o.CamatCtx, hx.ID, ""); err != nil || f.Predikat != kinerja.PredikatSangatBaik {
			t.Fatalf("the head sangat baik = %+v, %v; want final without a justification", f, err)
		}
		for _, s := range staff[:3] {
			if _, err := rateTop(o.KasiACtx, s, ""); err != nil {
				t.Fatalf("sangat baik %d of 5: %v", s.EmployeeID, err)
			}
		}
		// A 4th sangat baik puts the section (and the Kasi's group, the same 5) at 80 %.
		fourth := staff[3]
		if _, err := rateTop(o.KasiACtx, fourth, ""); kinerja.ErrorFields(err)["justification"] == "" ||
			!strings.Contains(err.Error(), o.SeksiA.Name+": Sangat Baik 4 dari 5") || strings.Contains(err.Error(), kinerja.MsgCurveAppraiserGroup) {
			t.Fatalf("4th sangat baik of 5 without justification: %v; want the section's 70 %% rule, told once", err)
		}
		if f, err := db.FinalizeAssessment(o.KasiACtx, mustAssessment(t, db, o.KasiACtx, fourth.EmployeeID, "2026-Q1").ID,
			"Empat pegawai menuntaskan pendataan ulang penduduk lebih cepat dari jadwal."); err != nil || f.Justification == "" {
			t.Fatalf("4th sangat baik with a justification = %+v, %v", f, err)
		}
		g, err := db.AppraiserDistribution(o.Admin, o.KasiA.ID, "2026-Q1")
		if err != nil || g.Total != 5 || g.Counts[kinerja.PredikatSangatBaik] != 4 || g.OrgPredikat != kinerja.OrgIstimewa || len(g.Violations) != 1 {
			t.Errorf("Kasi's appraiser group = %+v, %v; want 4 of 5 sangat baik (80 %%) breaking the 70 %% rule", g, err)
		}
		if _, err := db.AppraiserDistribution(o.StafACtx, o.KasiA.ID, "2026-Q1"); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("staff reading the group: %v; want forbidden", err)
		}
		d, err := db.UnitDistribution(o.Admin, o.SeksiA.ID, "2026-Q1")
		if err != nil || d.Total != 5 || d.Counts[kinerja.PredikatSangatBaik] != 4 || len(d.Violations) != 1 || d.Violations[0].Rule != "sangat_baik_max_70" {
			t.Errorf("distribution = %+v, %v; want 4 of 5 sangat baik breaking the 70 %% rule", d, err)
		}
	})
}

// TestCurveMajorityFloor: in a Baik section most staff must be Baik; a group where that can no
// longer happen needs a justification.
func TestCurveMajorityFloor(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, period, _, kasiRHK := headedSection(t, db)
		sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		if err := db.SetUnitRating(o.CamatCtx, o.SeksiA.ID, "2026-Q1", kinerja.OrgBaik); err != nil {
			t.Fatal(err)
		}
		var staff []*kinerja.SKP
		for i := 1; i <= 4; i++ {
			e := o.AddPerson(t, sqldbtest.PersonSpec{Name: fmt.Sprintf("Staf %d", i), Birth: kinerja.NewDate(1990+i, 1, 1), Grade: "II/c",
				Position: "Pengadministrasi", Unit: "seksi.a", Supervisor: "kasi.a", NoLogin: true})
			s, _ := approvedSKP(t, db, sys, o.KasiACtx, e, period.ID, &kasiRHK)
			staff = append(staff, s)
		}
		above := kinerja.RatingAbove
		rate := func(s *kinerja.SKP, justification string) error {
			x, err := db.CreateAssessment(o.KasiACtx, s.ID, "2026-Q1")
			if err != nil {
				x = mustAssessment(t, db, o.KasiACtx, s.EmployeeID, "2026-Q1")
			}
			if _, err := db.UpdateAssessment(o.KasiACtx, x.ID, kinerja.AssessmentUpdate{ResultRating: &above, BehaviorRating: &above}); err != nil {
				t.Fatal(err)
			}
			_, err = db.FinalizeAssessment(o.KasiACtx, x.ID, justification)
			return err
		}
		// 1 of 4 sangat baik: the other 3 may still be Baik (75 %).
		if err := rate(staff[0], ""); err != nil {
			t.Fatalf("1st sangat baik of 4: %v", err)
		}
		// 2 of 4: Baik can reach 2 of 4 at most, not more than half.
		err := rate(staff[1], "")
		if kinerja.ErrorFields(err)["justification"] == "" || !strings.Contains(err.Error(), "sebagian besar") {
			t.Fatalf("2nd sangat baik of 4 in a Baik section: %v; want the majority floor", err)
		}
		if err := rate(staff[1], "Dua pegawai menyelesaikan proyek digitalisasi arsip."); err != nil {
			t.Fatalf("with a justification: %v", err)
		}
		d, err := db.UnitDistribution(o.Admin, o.SeksiA.ID, "2026-Q1")
		if err != nil || d.Total != 4 || len(d.Violations) != 1 || d.Violations[0].Rule != "baik_more_than_half" {
			t.Errorf("distribution = %+v, %v; want the floor broken over 4 staff", d, err)
		}
	})
}

func TestAssessmentSignOff(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		period, _ := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		_, top := approvedSKP(t, db, o.CamatCtx, sys, o.Camat, period.ID, nil)
		_, kasiRHK := approvedSKP(t, db, o.KasiACtx, o.CamatCtx, o.KasiA, period.ID, &top)
		staf, _ := approvedSKP(t, db, o.StafACtx, o.KasiACtx, o.StafA, period.ID, &kasiRHK)
		final := func(key string) *kinerja.Assessment {
			x, err := db.CreateAssessment(o.KasiACtx, staf.ID, key)
			if err != nil {
				t.Fatal(err)
			}
			meets, below := kinerja.RatingMeets, kinerja.RatingBelow
			if _, err := db.UpdateAssessment(o.KasiACtx, x.ID, kinerja.AssessmentUpdate{ResultRating: &below, BehaviorRating: &meets}); err != nil {
				t.Fatal(err)
			}
			f, err := db.FinalizeAssessment(o.KasiACtx, x.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		x0, err := db.CreateAssessment(o.KasiACtx, staf.ID, "2026-Q3")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SelfAssess(o.KasiACtx, x0.ID, kinerja.RatingAbove, kinerja.RatingAbove, "refleksi"); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("the appraiser writing the self-assessment: %v; want forbidden", err)
		}
		if _, err := db.SelfAssess(o.StafACtx, x0.ID, kinerja.RatingAbove, kinerja.RatingAbove, " "); kinerja.ErrorFields(err)["self_reflection"] == "" {
			t.Errorf("self-assessment without reflection: %v", err)
		}
		if s, err := db.SelfAssess(o.StafACtx, x0.ID, kinerja.RatingAbove, kinerja.RatingMeets, "Target terlampaui berkat layanan jemput bola."); err != nil || s.SelfAt == nil {
			t.Errorf("SelfAssess = %+v, %v", s, err)
		}
		if seen, _ := db.FindAssessmentByID(o.KasiACtx, x0.ID); seen.SelfResultRating != kinerja.RatingAbove {
			t.Errorf("the appraiser sees self rating %q; want di_atas", seen.SelfResultRating)
		}
		q1 := final("2026-Q1")
		if _, err := db.ObjectAssessment(o.KasiACtx, q1.ID, "bukan saya"); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("the appraiser objecting: %v; want forbidden", err)
		}
		if _, err := db.ObjectAssessment(o.StafACtx, q1.ID, " "); kinerja.ErrorFields(err)["reason"] == "" {
			t.Errorf("objection without reason: %v", err)
		}
		x, err := db.ObjectAssessment(o.StafACtx, q1.ID, "Target waktu terlampaui karena aplikasi kependudukan tidak dapat diakses dua minggu.")
		if err != nil || x.Status != kinerja.AssessmentObjected {
			t.Fatalf("ObjectAssessment = %+v, %v", x, err)
		}
		if _, err := db.DecideObjection(o.KasiACtx, q1.ID, kinerja.DecisionKeep, "", "", "Tetap"); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("the appraiser deciding: %v; want forbidden (the atasan pejabat penilai decides)", err)
		}
		d, err := db.DecideObjection(o.CamatCtx, q1.ID, kinerja.DecisionChange, kinerja.RatingMeets, kinerja.RatingMeets, "Gangguan aplikasi terbukti dari laporan dinas.")
		if err != nil || d.Status != kinerja.AssessmentFinal || d.Predikat != kinerja.PredikatBaik || d.Decision != kinerja.DecisionChange {
			t.Fatalf("DecideObjection = %+v, %v; want final, baik", d, err)
		}
		if _, err := db.ObjectAssessment(o.StafACtx, q1.ID, "lagi"); kinerja.ErrorCode(err) != kinerja.ECONFLICT {
			t.Errorf("a second objection: %v; want conflict", err)
		}
		q2 := final("2026-Q2")
		if a, err := db.AcknowledgeAssessment(o.StafACtx, q2.ID); err != nil || a.Status != kinerja.AssessmentAcknowledged {
			t.Errorf("AcknowledgeAssessment = %+v, %v", a, err)
		}
	})
}

func TestCalibrationAndHRReview(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		db.Now = func() time.Time { return time.Date(2027, 2, 1, 3, 0, 0, 0, time.UTC) } // both years have ended
		sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		below, meets := kinerja.RatingBelow, kinerja.RatingMeets
		var last *kinerja.Assessment
		for _, year := range []int{2025, 2026} {
			period, _ := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: year})
			_, top := approvedSKP(t, db, o.CamatCtx, sys, o.Camat, period.ID, nil)
			_, kasiRHK := approvedSKP(t, db, o.KasiACtx, o.CamatCtx, o.KasiA, period.ID, &top)
			staf, _ := approvedSKP(t, db, o.StafACtx, o.KasiACtx, o.StafA, period.ID, &kasiRHK)
			x, err := db.CreateAssessment(o.KasiACtx, staf.ID, fmt.Sprint(year))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.UpdateAssessment(o.KasiACtx, x.ID, kinerja.AssessmentUpdate{ResultRating: &meets, BehaviorRating: &meets}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.CalibrateAssessment(o.KasiBCtx, x.ID, below, meets, "alasan"); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
				t.Errorf("a Kasi calibrating: %v; want forbidden", err)
			}
			if _, err := db.CalibrateAssessment(o.CamatCtx, x.ID, below, meets, ""); kinerja.ErrorFields(err)["reason"] == "" {
				t.Errorf("calibration without reason: %v", err)
			}
			c, err := db.CalibrateAssessment(o.CamatCtx, x.ID, below, meets, "Capaian di bawah target kota dua triwulan berturut-turut.")
			if err != nil || c.ResultRating != below {
				t.Fatalf("CalibrateAssessment = %+v, %v", c, err)
			}
			if last, err = db.FinalizeAssessment(o.KasiACtx, x.ID, ""); err != nil {
				t.Fatal(err)
			}
		}
		flags, err := db.HRReviewFlags(o.Admin, 2026)
		if err != nil || len(flags) != 1 || flags[0].Employee.ID != o.StafA.ID || flags[0].Current.ID != last.ID {
			t.Errorf("HRReviewFlags = %+v, %v; want the staff member, di bawah two years running", flags, err)
		}
		if flags, _ := db.HRReviewFlags(o.Admin, 2025); len(flags) != 0 {
			t.Errorf("flags for 2025 = %v; want none (2024 has no assessment)", flags)
		}
		if _, err := db.HRReviewFlags(o.StafACtx, 2026); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("staff reading HR flags: %v; want forbidden", err)
		}
	})
}

func TestHeadRatingFollowsSettings(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, _, kasiSKP, _ := headedSection(t, db)
		for _, q := range []string{"2026-Q1", "2026-Q2"} {
			if err := db.SetUnitRating(o.CamatCtx, o.SeksiA.ID, q, kinerja.OrgBaik); err != nil {
				t.Fatal(err)
			}
		}
		if x, err := db.CreateAssessment(o.CamatCtx, kasiSKP.ID, "2026-Q1"); err != nil || x.ResultRating != kinerja.RatingMeets {
			t.Fatalf("head of a Baik section by default = %+v, %v; want sesuai", x, err)
		}
		s, _ := db.FindSettings(o.Admin, 0)
		s.HeadRatings[kinerja.OrgBaik] = kinerja.RatingAbove
		if _, err := db.UpdateSettings(o.Admin, s); err != nil {
			t.Fatal(err)
		}
		if x, err := db.CreateAssessment(o.CamatCtx, kasiSKP.ID, "2026-Q2"); err != nil || x.ResultRating != kinerja.RatingAbove {
			t.Errorf("head of a Baik section with baik → di_atas = %+v, %v; want di atas", x, err)
		}
	})
}

// TestHeadRatingBoundToOrgPredikat: the head's rating hasil kerja follows the unit's
// organisation predikat, set before or after the assessment is created; a different rating
// needs a written reason; a final assessment keeps its rating.
func TestHeadRatingBoundToOrgPredikat(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, _, kasiSKP, _ := headedSection(t, db)
		x, err := db.CreateAssessment(o.CamatCtx, kasiSKP.ID, "2026-Q1")
		if err != nil || x.ResultRating != "" {
			t.Fatalf("head's assessment before any organisation predikat = %+v, %v; want no rating yet", x, err)
		}
		above, meets, below := kinerja.RatingAbove, kinerja.RatingMeets, kinerja.RatingBelow
		for _, tt := range []struct {
			org  kinerja.OrgPredikat
			want kinerja.Rating
		}{{kinerja.OrgIstimewa, above}, {kinerja.OrgBaik, meets}, {kinerja.OrgSangatKurang, below}} {
			if err := db.SetUnitRating(o.CamatCtx, o.SeksiA.ID, "2026-Q1", tt.org); err != nil {
				t.Fatal(err)
			}
			if got := mustAssessment(t, db, o.CamatCtx, o.KasiA.ID, "2026-Q1"); got.ResultRating != tt.want {
				t.Errorf("after the section is rated %s: rating hasil kerja %q; want %q", tt.org, got.ResultRating, tt.want)
			}
		}
		// Sangat Kurang maps to di_bawah: raising it needs a reason.
		if _, err := db.UpdateAssessment(o.CamatCtx, x.ID, kinerja.AssessmentUpdate{ResultRating: &above, BehaviorRating: &above}); kinerja.ErrorFields(err)["result_reason"] != kinerja.MsgHeadResultReason {
			t.Fatalf("raising the head's rating without a reason: %v; want invalid on result_reason", err)
		}
		blank := "  "
		if _, err := db.UpdateAssessment(o.CamatCtx, x.ID, kinerja.AssessmentUpdate{ResultRating: &above, ResultReason: &blank}); kinerja.ErrorFields(err)["result_reason"] == "" {
			t.Fatalf("a blank reason: %v; want invalid on result_reason", err)
		}
		reason := "Unit dinilai sangat kurang karena anggaran dipotong; kepala seksi tetap menuntaskan seluruh RHK-nya."
		got, err := db.UpdateAssessment(o.CamatCtx, x.ID, kinerja.AssessmentUpdate{ResultRating: &above, ResultReason: &reason, BehaviorRating: &above})
		if err != nil || got.ResultRating != above || got.ResultReason != reason {
			t.Fatalf("raising with a reason = %+v, %v", got, err)
		}
		// The organisation predikat changes again: the draft follows it.
		if err := db.SetUnitRating(o.CamatCtx, o.SeksiA.ID, "2026-Q1", kinerja.OrgBaik); err != nil {
			t.Fatal(err)
		}
		if got := mustAssessment(t, db, o.CamatCtx, o.KasiA.ID, "2026-Q1"); got.ResultRating != meets {
			t.Errorf("after the section is rated baik again: %q; want sesuai", got.ResultRating)
		}
		f, err := db.FinalizeAssessment(o.CamatCtx, x.ID, "")
		if err != nil || f.Predikat != kinerja.PredikatBaik {
			t.Fatalf("finalize = %+v, %v", f, err)
		}
		if err := db.SetUnitRating(o.CamatCtx, o.SeksiA.ID, "2026-Q1", kinerja.OrgSangatKurang); err != nil {
			t.Fatal(err)
		}
		if got := mustAssessment(t, db, o.CamatCtx, o.KasiA.ID, "2026-Q1"); got.ResultRating != meets || got.Predikat != kinerja.PredikatBaik {
			t.Errorf("a final assessment after a new organisation predikat = %+v; want it unchanged", got)
		}
	})
}

// TestAppraiserGroupUnit: a pejabat penilai's group follows the organisation predikat of the
// smallest unit holding the whole group, not that of the appraiser's own unit.
func TestAppraiserGroupUnit(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, period, _, kasiRHK := headedSection(t, db)
		approvedSKP(t, db, o.StafACtx, o.KasiACtx, o.StafA, period.ID, &kasiRHK)
		list, _, err := db.FindSKPs(o.CamatCtx, kinerja.SKPFilter{EmployeeID: &o.Camat.ID, Limit: 1})
		if err != nil || len(list) != 1 {
			t.Fatalf("the Camat's SKP: %v, %v", list, err)
		}
		camatSKP, err := db.FindSKPByID(o.CamatCtx, list[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		approvedSKP(t, db, o.KasiBCtx, o.CamatCtx, o.KasiB, period.ID, &camatSKP.Results[0].ID)
		for unit, p := range map[int64]kinerja.OrgPredikat{o.ID: kinerja.OrgSangatKurang, o.SeksiA.ID: kinerja.OrgIstimewa} {
			if err := db.SetUnitRating(o.Admin, unit, "2026-Q1", p); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			appraiser *kinerja.Employee
			unit      int64
			org       kinerja.OrgPredikat
			total     int
		}{
			{o.Camat, o.ID, kinerja.OrgSangatKurang, 2}, // Kasi A and Kasi B, in two sections
			{o.KasiA, o.SeksiA.ID, kinerja.OrgIstimewa, 1},
		}
		for _, tt := range tests {
			d, err := db.AppraiserDistribution(o.Admin, tt.appraiser.ID, "2026-Q1")
			if err != nil || d.UnitID != tt.unit || d.OrgPredikat != tt.org || d.Total != tt.total {
				t.Errorf("group of %s = %+v, %v; want unit %d (%s) over %d", tt.appraiser.Name, d, err, tt.unit, tt.org, tt.total)
			}
		}
	})
}
