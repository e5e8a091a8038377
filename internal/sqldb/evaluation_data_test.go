package sqldb_test

import (
	"context"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestFindEvaluationData: the evaluation document's data name the official who decided an
// objection, carry the recommendation, and, for the annual document, the periodic
// assessments of the year.
func TestFindEvaluationData(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		period, _ := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		_, top := approvedSKP(t, db, o.CamatCtx, sys, o.Camat, period.ID, nil)
		_, kasiRHK := approvedSKP(t, db, o.KasiACtx, o.CamatCtx, o.KasiA, period.ID, &top)
		staf, _ := approvedSKP(t, db, o.StafACtx, o.KasiACtx, o.StafA, period.ID, &kasiRHK)
		x, err := db.CreateAssessment(o.KasiACtx, staf.ID, "2026-Q1")
		if err != nil {
			t.Fatal(err)
		}
		meets, rec := kinerja.RatingMeets, " Ikutkan pelatihan arsip. "
		if x, err = db.UpdateAssessment(o.KasiACtx, x.ID, kinerja.AssessmentUpdate{ResultRating: &meets, BehaviorRating: &meets, Recommendation: &rec}); err != nil {
			t.Fatal(err)
		}
		if x.Recommendation != "Ikutkan pelatihan arsip." {
			t.Errorf("Recommendation = %q; want it trimmed", x.Recommendation)
		}
		if _, err := db.FinalizeAssessment(o.KasiACtx, x.ID, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ObjectAssessment(o.StafACtx, x.ID, "Berkas tertunda belum dihitung."); err != nil {
			t.Fatal(err)
		}
		if _, err := db.DecideObjection(o.CamatCtx, x.ID, kinerja.DecisionKeep, "", "", "Berkas tertunda di luar periode."); err != nil {
			t.Fatal(err)
		}
		d, err := db.FindEvaluationData(o.StafACtx, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Decider == nil || d.Decider.EmployeeID != o.Camat.ID || d.Decider.NIP != o.Camat.NIP {
			t.Errorf("Decider = %+v; want the Camat", d.Decider)
		}
		if d.Assessment.Recommendation != "Ikutkan pelatihan arsip." || d.Period == nil || d.Period.Year != 2026 || len(d.Periodic) != 0 {
			t.Errorf("periodic document data = %+v", d)
		}
		db.Now = func() time.Time { return time.Date(2027, 1, 5, 3, 0, 0, 0, time.UTC) } // the year has ended
		annual, err := db.CreateAssessment(o.KasiACtx, staf.ID, "2026")
		if err != nil {
			t.Fatal(err)
		}
		if d, err = db.FindEvaluationData(o.KasiACtx, annual.ID); err != nil {
			t.Fatal(err)
		}
		if len(d.Periodic) != 1 || d.Periodic[0].Period != "2026-Q1" || d.Periodic[0].Predikat != kinerja.PredikatBaik || d.Decider != nil {
			t.Errorf("annual Periodic = %+v, Decider %+v; want the final 2026-Q1 only", d.Periodic, d.Decider)
		}
	})
}
