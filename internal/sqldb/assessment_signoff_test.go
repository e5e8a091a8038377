package sqldb_test

import (
	"context"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestObjectionDays checks that the window to object follows the organisation's
// objection_days, read when the objection is filed.
func TestObjectionDays(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		finalised := time.Date(2027, 2, 1, 3, 0, 0, 0, time.UTC) // the year 2026 has ended
		now := finalised
		db.Now = func() time.Time { return now }
		period, _ := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		_, top := approvedSKP(t, db, o.CamatCtx, sys, o.Camat, period.ID, nil)
		_, kasiRHK := approvedSKP(t, db, o.KasiACtx, o.CamatCtx, o.KasiA, period.ID, &top)
		staf, _ := approvedSKP(t, db, o.StafACtx, o.KasiACtx, o.StafA, period.ID, &kasiRHK)
		final := map[string]*kinerja.Assessment{}
		for _, key := range []string{"2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"} {
			x, err := db.CreateAssessment(o.KasiACtx, staf.ID, key)
			if err != nil {
				t.Fatal(err)
			}
			meets := kinerja.RatingMeets
			if _, err := db.UpdateAssessment(o.KasiACtx, x.ID, kinerja.AssessmentUpdate{ResultRating: &meets, BehaviorRating: &meets}); err != nil {
				t.Fatal(err)
			}
			if final[key], err = db.FinalizeAssessment(o.KasiACtx, x.ID, ""); err != nil {
				t.Fatal(err)
			}
		}
		setDays := func(days int) {
			t.Helper()
			s, err := db.FindSettings(o.Admin, 0)
			if err != nil {
				t.Fatal(err)
			}
			s.ObjectionDays = days
			if _, err := db.UpdateSettings(o.Admin, s); err != nil {
				t.Fatalf("UpdateSettings(objection_days %d): %v", days, err)
			}
		}

		tests := []struct {
			name  string
			days  int // 0 keeps the default of 14
			after time.Duration
			key   string
			late  bool
		}{
			{"default, day 15", 0, 15 * 24 * time.Hour, "2026-Q1", true},
			{"5 days, a minute before the end", 5, 5*24*time.Hour - time.Minute, "2026-Q1", false},
			{"5 days, a minute after the end", 5, 5*24*time.Hour + time.Minute, "2026-Q2", true},
			{"30 days, day 20", 30, 20 * 24 * time.Hour, "2026-Q2", false},
			{"30 days, day 31", 30, 31 * 24 * time.Hour, "2026-Q3", true},
			{"90 days, day 31", 90, 31 * 24 * time.Hour, "2026-Q3", false},
		}
		for _, tt := range tests {
			if tt.days != 0 {
				setDays(tt.days)
			}
			now = finalised.Add(tt.after)
			x, err := db.ObjectAssessment(o.StafACtx, final[tt.key].ID, "Capaian triwulan belum memperhitungkan berkas yang tertunda.")
			switch {
			case tt.late && (kinerja.ErrorCode(err) != kinerja.ECONFLICT || kinerja.ErrorMessage(err) != kinerja.MsgObjectionLate):
				t.Errorf("%s: ObjectAssessment(%s) = %v; want conflict %q", tt.name, tt.key, err, kinerja.MsgObjectionLate)
			case !tt.late && (err != nil || x.Status != kinerja.AssessmentObjected):
				t.Errorf("%s: ObjectAssessment(%s) = %+v, %v; want objected", tt.name, tt.key, x, err)
			}
		}
		if x, _ := db.FindAssessmentByID(o.StafACtx, final["2026-Q4"].ID); x.Status != kinerja.AssessmentFinal {
			t.Errorf("untouched assessment status = %s; want final", x.Status)
		}
	})
}
