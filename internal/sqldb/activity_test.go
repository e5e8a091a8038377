package sqldb_test

import (
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// activityFixture is an organisation whose staff member has an SKP for 2026 with one RHK
// cascaded from the Kasi's, with the clock on Wednesday 2026-03-11.
func activityFixture(t *testing.T, db *sqldb.DB) (o *sqldbtest.Org, staf *kinerja.SKP, kasiRHK, stafRHK *kinerja.Result) {
	t.Helper()
	o = sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
	now := time.Date(2026, 3, 11, 3, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	period, _ := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
	camat, _ := db.CreateSKP(o.CamatCtx, o.Camat.ID, period.ID, kinerja.ApproachQuantitative)
	top, _ := db.AddResult(o.CamatCtx, camat.ID, rhk("Pelayanan prima", nil))
	kasi, _ := db.CreateSKP(o.KasiACtx, o.KasiA.ID, period.ID, kinerja.ApproachQuantitative)
	kasiRHK, _ = db.AddResult(o.KasiACtx, kasi.ID, rhk("Layanan kependudukan", &top.ID))
	staf, _ = db.CreateSKP(o.StafACtx, o.StafA.ID, period.ID, kinerja.ApproachQuantitative)
	stafRHK, err := db.AddResult(o.StafACtx, staf.ID, rhk("Berkas KTP-el selesai", &kasiRHK.ID))
	if err != nil {
		t.Fatal(err)
	}
	return o, staf, kasiRHK, stafRHK
}

func TestActivities(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, staf, kasiRHK, stafRHK := activityFixture(t, db)
		log := func(day kinerja.Date, output float64) *kinerja.Activity {
			a, err := db.CreateActivity(o.StafACtx, kinerja.ActivityInput{Date: day, ResultID: stafRHK.ID, Description: "Memproses berkas", Output: output, Unit: "laporan"})
			if err != nil {
				t.Fatalf("CreateActivity %s: %v", day, err)
			}
			return a
		}
		tests := []struct {
			name  string
			in    kinerja.ActivityInput
			field string
		}{
			{"tomorrow", kinerja.ActivityInput{Date: kinerja.NewDate(2026, 3, 12), ResultID: stafRHK.ID, Description: "x"}, "date"},
			{"no description", kinerja.ActivityInput{Date: kinerja.NewDate(2026, 3, 11), ResultID: stafRHK.ID}, "description"},
			{"someone else's RHK", kinerja.ActivityInput{Date: kinerja.NewDate(2026, 3, 11), ResultID: kasiRHK.ID, Description: "x"}, "result_id"},
			{"negative output", kinerja.ActivityInput{Date: kinerja.NewDate(2026, 3, 11), ResultID: stafRHK.ID, Description: "x", Output: -1}, "output"},
		}
		for _, tt := range tests {
			if _, err := db.CreateActivity(o.StafACtx, tt.in); kinerja.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s: CreateActivity = %v; want an error on %s", tt.name, err, tt.field)
			}
		}
		onTime := log(kinerja.NewDate(2026, 3, 6), 5) // Fri → Wed: Mon, Tue, Wed = 3 working days
		late := log(kinerja.NewDate(2026, 3, 5), 7)   // Thu → Wed: 4 working days
		if onTime.Late || !late.Late {
			t.Errorf("late flags = %v, %v; want on time, late", onTime.Late, late.Late)
		}
		if err := db.SetHoliday(o.Admin, 0, kinerja.Holiday{Date: kinerja.NewDate(2026, 3, 9), Name: "Libur uji"}); err != nil {
			t.Fatal(err)
		}
		if a := log(kinerja.NewDate(2026, 3, 5), 1); a.Late {
			t.Error("with a holiday on Monday, Thursday's activity logged Wednesday is still late")
		}
		third := log(kinerja.NewDate(2026, 3, 10), 3)

		// Verification: only the direct supervisor.
		if _, err := db.ApproveActivities(o.KasiBCtx, []int64{onTime.ID}); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("another team's Kasi approving: %v; want forbidden", err)
		}
		if _, err := db.ApproveActivities(o.CamatCtx, []int64{onTime.ID}); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("the Camat (not the direct supervisor) approving: %v; want forbidden", err)
		}
		queue, n, _ := db.FindActivities(o.KasiACtx, kinerja.ActivityFilter{Queue: true})
		if n != 4 || len(queue) != 4 {
			t.Errorf("kasi queue = %d; want 4", n)
		}
		if _, err := db.RejectActivity(o.KasiACtx, late.ID, ""); kinerja.ErrorFields(err)["reason"] == "" {
			t.Errorf("reject without reason: %v", err)
		}
		rej, err := db.RejectActivity(o.KasiACtx, late.ID, "Lampirkan tanda terima")
		if err != nil || rej.Status != kinerja.ActivityRejected {
			t.Fatalf("RejectActivity = %+v, %v", rej, err)
		}
		fix := kinerja.ActivityInput{Date: rej.Date, ResultID: stafRHK.ID, Description: "Memproses berkas dengan tanda terima", Output: 7, Unit: "laporan"}
		if fixed, err := db.UpdateActivity(o.StafACtx, late.ID, fix); err != nil || fixed.Status != kinerja.ActivityPending || fixed.VerifiedBy != nil {
			t.Fatalf("fix = %+v, %v; want pending again, unverified", fixed, err)
		}
		if _, err := db.ApproveActivities(o.KasiACtx, []int64{onTime.ID, late.ID, third.ID}); err != nil {
			t.Fatalf("bulk approve: %v", err)
		}
		if _, err := db.UpdateActivity(o.StafACtx, onTime.ID, fix); kinerja.ErrorCode(err) != kinerja.ECONFLICT {
			t.Errorf("editing an approved activity: %v; want conflict", err)
		}

		// Realisation of the kuantitas indicator: the sum of approved outputs in the quarter.
		re, err := db.FindRealisation(o.StafACtx, staf.ID, "2026-Q1")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range re {
			if r.Aspect == kinerja.AspectQuantity && (r.Computed == nil || *r.Computed != 15) {
				t.Errorf("kuantitas realisation = %v; want 5 + 7 + 3 = 15 (the pending one not counted)", r.Computed)
			}
		}
		if err := db.SetRealisationNote(o.StafACtx, staf.ID, re[0].IndicatorID, "2026-Q1", "Sesuai rencana"); err != nil {
			t.Fatal(err)
		}
		if re, _ := db.FindRealisation(o.KasiACtx, staf.ID, "2026-Q1"); re[0].Note != "Sesuai rencana" {
			t.Errorf("note = %q", re[0].Note)
		}
		if _, _, err := db.FindActivities(o.KasiBCtx, kinerja.ActivityFilter{EmployeeID: &o.StafA.ID}); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("another team reading activities: %v; want forbidden", err)
		}
	})
}
