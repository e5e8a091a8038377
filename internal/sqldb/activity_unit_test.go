package sqldb_test

import (
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestActivityUnit checks that the unit of an activity's output is its RHK's kuantitas
// target's and that realisation counts only outputs in that unit: "6 PKL", logged while the
// target was counted in PKL, does not count towards the target once it is in "kegiatan".
func TestActivityUnit(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, staf, _, stafRHK := activityFixture(t, db)
		rhkIn := func(unit, target string) kinerja.ResultInput {
			return kinerja.ResultInput{Kind: kinerja.ResultMain, Text: "Pembinaan PKL", ParentResultID: stafRHK.ParentResultID,
				Indicators: []kinerja.IndicatorInput{
					{Aspect: kinerja.AspectQuantity, Text: "Jumlah pembinaan PKL", Target: target, Unit: unit},
					{Aspect: kinerja.AspectQuality, Text: "Pembinaan terlaksana sesuai rencana", Target: "95", Unit: "%"},
					{Aspect: kinerja.AspectTime, Text: "Tepat waktu", Target: "12", Unit: "bulan"},
				}}
		}
		pkl, err := db.AddResult(o.StafACtx, staf.ID, rhkIn("PKL", "24"))
		if err != nil {
			t.Fatal(err)
		}
		day := kinerja.NewDate(2026, 3, 10)
		logged := func(unit string, output float64) (*kinerja.Activity, error) {
			return db.CreateActivity(o.StafACtx, kinerja.ActivityInput{Date: day, ResultID: pkl.ID, Description: "Membina PKL", Output: output, Unit: unit})
		}
		old, err := logged("PKL", 6)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateResult(o.StafACtx, pkl.ID, rhkIn("kegiatan", "12")); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			unit, want string // want "" refuses the unit
		}{
			{"", "kegiatan"},           // the kuantitas target's unit
			{" Kegiatan ", "kegiatan"}, // in the indicator's spelling
			{"PKL", ""},
			{"%", ""}, // a kualitas indicator's unit is no output's
		}
		ids := []int64{old.ID}
		for _, tt := range tests {
			a, err := logged(tt.unit, 2)
			if tt.want == "" {
				if kinerja.ErrorCode(err) != kinerja.EINVALID || kinerja.ErrorFields(err)["unit"] != kinerja.MsgActivityUnit {
					t.Errorf("CreateActivity(unit %q) = %v; want invalid unit", tt.unit, err)
				}
				continue
			}
			if err != nil || a.Unit != tt.want {
				t.Fatalf("CreateActivity(unit %q) = %+v, %v; want unit %q", tt.unit, a, err, tt.want)
			}
			ids = append(ids, a.ID)
		}
		if _, err := db.PatchActivity(o.StafACtx, ids[1], func(in *kinerja.ActivityInput) error { in.Unit = "PKL"; return nil }); kinerja.ErrorFields(err)["unit"] == "" {
			t.Errorf("PatchActivity(unit PKL) = %v; want invalid unit", err)
		}
		if _, err := db.ApproveActivities(o.KasiACtx, ids); err != nil {
			t.Fatal(err)
		}
		re, err := db.FindRealisation(o.StafACtx, staf.ID, "2026-Q1")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range re {
			if r.ResultID == pkl.ID && r.Aspect == kinerja.AspectQuantity {
				if r.Computed == nil || *r.Computed != 4 || r.Unit != "kegiatan" {
					t.Errorf("realisation = %v %s; want 4 kegiatan, the 6 PKL left out", r.Computed, r.Unit)
				}
			}
		}
	})
}
