package sqldb_test

import (
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestFindResultWork: the assessment form's counts of an RHK's activities in the period and
// the evidence behind them, for those who may read the SKP.
func TestFindResultWork(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, staf, _, stafRHK := activityFixture(t, db) // the clock on Wednesday 2026-03-11
		log := func(day kinerja.Date, file string) *kinerja.Activity {
			a, err := db.CreateActivity(o.StafACtx, kinerja.ActivityInput{Date: day, ResultID: stafRHK.ID, Description: "Memproses berkas", Output: 2, Unit: "laporan"})
			if err != nil {
				t.Fatalf("CreateActivity %s: %v", day, err)
			}
			if file != "" {
				if _, err := db.CreateEvidence(o.StafACtx, sqldb.EvidenceTarget{ActivityID: &a.ID}, "ab"+file, 100, "image/jpeg", file); err != nil {
					t.Fatal(err)
				}
			}
			return a
		}
		onTime := log(kinerja.NewDate(2026, 3, 6), "foto-loket.jpg")
		late := log(kinerja.NewDate(2026, 3, 2), "")
		rejected := log(kinerja.NewDate(2026, 3, 9), "buram.jpg")
		log(kinerja.NewDate(2026, 3, 10), "menunggu.jpg")
		if _, err := db.ApproveActivities(o.KasiACtx, []int64{onTime.ID, late.ID}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RejectActivity(o.KasiACtx, rejected.ID, "Foto tidak terbaca"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateEvidence(o.StafACtx, sqldb.EvidenceTarget{ResultID: &stafRHK.ID}, "cdlaporan", 2000, "application/pdf", "laporan-maret.pdf"); err != nil {
			t.Fatal(err)
		}

		w, err := db.FindResultWork(o.KasiACtx, staf.ID, "2026-Q1")
		if err != nil {
			t.Fatal(err)
		}
		got := w[stafRHK.ID]
		if got == nil || got.Approved != 2 || got.Pending != 1 || got.Rejected != 1 || got.Late != 1 {
			t.Fatalf("work of the quarter = %+v; want 2 approved, 1 waiting, 1 rejected, 1 late", got)
		}
		var files []string
		for _, e := range got.Evidence {
			files = append(files, e.Filename)
		}
		// The RHK's own file and that of the approved activity; not the waiting or rejected ones.
		if got.EvidenceCount != 2 || len(files) != 2 || files[0] != "laporan-maret.pdf" || files[1] != "foto-loket.jpg" {
			t.Errorf("evidence = %v (%d); want the RHK's report, then the approved activity's photo", files, got.EvidenceCount)
		}
		if q2, err := db.FindResultWork(o.StafACtx, staf.ID, "2026-Q2"); err != nil || q2[stafRHK.ID].Approved != 0 || q2[stafRHK.ID].EvidenceCount != 1 {
			t.Errorf("work of the second quarter = %+v, %v; want no activities, the RHK's own file", q2[stafRHK.ID], err)
		}
		if _, err := db.FindResultWork(o.KasiBCtx, staf.ID, "2026-Q1"); err == nil {
			t.Error("another team's Kasi reads the work; want refused")
		}
		if _, err := db.FindResultWork(o.StafACtx, staf.ID, "2026-Q9"); kinerja.ErrorFields(err)["period"] == "" {
			t.Errorf("unknown period: %v; want invalid on period", err)
		}
	})
}

// TestWorkAcrossRevisions: work logged against the approved version of an RHK and against its
// copy in a pending revision counts for both versions.
func TestWorkAcrossRevisions(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, period, kasiSKP, kasiRHK := headedSection(t, db)
		v1, _ := approvedSKP(t, db, o.StafACtx, o.KasiACtx, o.StafA, period.ID, &kasiRHK)

		// Staff read their Kasi's SKP to cascade from it, but not the Kasi's work or assessment.
		if _, err := db.FindSKPByID(o.StafACtx, kasiSKP.ID); err != nil {
			t.Errorf("staff reading their Kasi's SKP: %v", err)
		}
		for name, read := range map[string]func() error{
			"work":        func() error { _, err := db.FindResultWork(o.StafACtx, kasiSKP.ID, "2026-Q1"); return err },
			"realisation": func() error { _, err := db.FindRealisation(o.StafACtx, kasiSKP.ID, "2026-Q1"); return err },
		} {
			if err := read(); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
				t.Errorf("staff reading their Kasi's %s: %v; want forbidden", name, err)
			}
		}
		kasiX, err := db.CreateAssessment(o.CamatCtx, kasiSKP.ID, "2026-Q1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindAssessmentByID(o.StafACtx, kasiX.ID); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("staff reading their Kasi's assessment: %v; want forbidden", err)
		}
		if _, err := db.FindAssessmentByID(o.KasiACtx, kasiX.ID); err != nil {
			t.Errorf("the Kasi reading their own assessment: %v", err)
		}
		log := func(s *kinerja.SKP, day kinerja.Date, output float64) {
			full, err := db.FindSKPByID(o.StafACtx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			a, err := db.CreateActivity(o.StafACtx, kinerja.ActivityInput{Date: day, ResultID: full.Results[0].ID, Description: "Memproses berkas", Output: output, Unit: "laporan"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.ApproveActivities(o.KasiACtx, []int64{a.ID}); err != nil {
				t.Fatal(err)
			}
		}
		log(v1, kinerja.NewDate(2026, 2, 2), 4)
		v2, err := db.ReviseSKP(o.StafACtx, v1.ID)
		if err != nil {
			t.Fatal(err)
		}
		log(v2, kinerja.NewDate(2026, 3, 2), 5) // the revision is the current SKP now
		// A note and feedback on the revision's RHK belong to the approved version's RHK too.
		full2, _ := db.FindSKPByID(o.StafACtx, v2.ID)
		if err := db.SetRealisationNote(o.StafACtx, v2.ID, full2.Results[0].Indicators[0].ID, "2026-Q1", "Termasuk berkas jemput bola"); err != nil {
			t.Fatal(err)
		}
		fb, err := db.CreateFeedback(o.KasiACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, ResultID: &full2.Results[0].ID, Text: "Pertahankan kecepatan layanan."})
		if err != nil {
			t.Fatal(err)
		}
		full1, _ := db.FindSKPByID(o.StafACtx, v1.ID)
		if fb.ResultLineageID == 0 || fb.ResultLineageID != full1.Results[0].LineageID || full1.Results[0].LineageID != full2.Results[0].LineageID {
			t.Errorf("feedback lineage %d, RHK lineages %d and %d; want one lineage", fb.ResultLineageID, full1.Results[0].LineageID, full2.Results[0].LineageID)
		}
		for _, s := range []*kinerja.SKP{v1, v2} {
			re, err := db.FindRealisation(o.KasiACtx, s.ID, "2026-Q1")
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range re {
				if r.Aspect == kinerja.AspectQuantity && (r.Computed == nil || *r.Computed != 9 || r.Note != "Termasuk berkas jemput bola") {
					t.Errorf("realisation of version %d = %v, note %q; want 4 + 5 = 9 over both versions, with the note", s.Version, r.Computed, r.Note)
				}
			}
			w, err := db.FindResultWork(o.KasiACtx, s.ID, "2026-Q1")
			if err != nil {
				t.Fatal(err)
			}
			for _, rw := range w {
				if rw.Approved != 2 {
					t.Errorf("work of version %d = %+v; want both approved activities", s.Version, rw)
				}
			}
		}
	})
}

// TestEvidenceForAppraiser: a pejabat penilai set by hand, outside the supervisor chain, may
// open the evidence of the employee they appraise; another Kasi may not.
func TestEvidenceForAppraiser(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, _, _, stafRHK := activityFixture(t, db)
		a, err := db.CreateActivity(o.StafACtx, kinerja.ActivityInput{Date: kinerja.NewDate(2026, 3, 10), ResultID: stafRHK.ID, Description: "Memproses berkas", Output: 1, Unit: "laporan"})
		if err != nil {
			t.Fatal(err)
		}
		v, err := db.CreateEvidence(o.StafACtx, sqldb.EvidenceTarget{ActivityID: &a.ID}, "ee01", 10, "image/jpeg", "loket.jpg")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindEvidence(o.KasiBCtx, v.ID); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Fatalf("another Kasi opening the evidence: %v; want forbidden", err)
		}
		in := o.StafA.Input()
		in.AppraiserID = &o.KasiB.ID
		if _, err := db.UpdateEmployee(o.Admin, o.StafA.ID, in); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindEvidence(o.KasiBCtx, v.ID); err != nil {
			t.Errorf("the pejabat penilai opening the evidence: %v", err)
		}
	})
}
