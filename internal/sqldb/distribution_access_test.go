package sqldb_test

import (
	"context"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestUnitDistribution_Access: the distribution of a two-person section (its head and one
// staff member, whose assessment is final) tells the staff member's predikat, so only the
// section's head, those above and admins read it; the recap leaves its distribution sheet out
// for everyone else, and the evaluation document still names the organisation predikat.
func TestUnitDistribution_Access(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, period, _, kasiRHK := headedSection(t, db) // Seksi A: Kasi A (head) and Staf A
		staf, _ := approvedSKP(t, db, o.StafACtx, o.KasiACtx, o.StafA, period.ID, &kasiRHK)
		x, err := db.CreateAssessment(o.KasiACtx, staf.ID, "2026-Q1")
		if err != nil {
			t.Fatal(err)
		}
		meets := kinerja.RatingMeets
		if _, err := db.UpdateAssessment(o.KasiACtx, x.ID, kinerja.AssessmentUpdate{ResultRating: &meets, BehaviorRating: &meets}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FinalizeAssessment(o.KasiACtx, x.ID, ""); err != nil {
			t.Fatal(err)
		}
		if err := db.SetUnitRating(o.CamatCtx, o.SeksiA.ID, "2026-Q1", kinerja.OrgBaik); err != nil {
			t.Fatal(err)
		}
		// A sub-unit of Seksi B headed by Staf B: Kasi B, who heads nothing, is above its head.
		sub := o.AddUnit(t, sqldbtest.UnitSpec{Key: "subseksi", Name: "Subseksi Kebersihan", Parent: "seksi.b"})
		head := &o.StafB.ID
		if _, err := db.UpdateUnit(o.Admin, sub.ID, kinerja.UnitUpdate{HeadID: &head}); err != nil {
			t.Fatal(err)
		}
		other := sqldbtest.Build(t, db, sqldbtest.OrgSpec{Name: "Kecamatan Lain", Seq: 100})

		tests := []struct {
			who  string
			ctx  context.Context
			unit *kinerja.Unit
			want string // error code; "" reads it
		}{
			{"the staff member of the two-person section", o.StafACtx, o.SeksiA, kinerja.EFORBIDDEN},
			{"the head of another section", o.KasiBCtx, o.SeksiA, kinerja.EFORBIDDEN},
			{"the section's head", o.KasiACtx, o.SeksiA, ""},
			{"the Camat, head of the organisation", o.CamatCtx, o.SeksiA, ""},
			{"the organisation's admin", o.Admin, o.SeksiA, ""},
			{"the installation admin", o.Install, o.SeksiA, ""},
			{"the admin of another organisation", other.Admin, o.SeksiA, kinerja.ENOTFOUND},
			{"a Kasi above the head of a sub-unit", o.KasiBCtx, sub, ""},
			{"the staff member, about the sub-unit", o.StafACtx, sub, kinerja.EFORBIDDEN},
		}
		for _, tt := range tests {
			d, err := db.UnitDistribution(tt.ctx, tt.unit.ID, "2026-Q1")
			if kinerja.ErrorCode(err) != tt.want {
				t.Errorf("UnitDistribution(%s, %s) = %+v, %v; want code %q", tt.who, tt.unit.Name, d, err, tt.want)
			}
			if tt.want == "" && tt.unit == o.SeksiA && (d == nil || d.Counts[kinerja.PredikatBaik] != 1) {
				t.Errorf("UnitDistribution(%s) = %+v; want Staf A's baik", tt.who, d)
			}
		}

		// The recap: the rows the reader may see, the distribution only for the unit's leaders.
		for _, tt := range []struct {
			who  string
			ctx  context.Context
			dist bool
		}{{"staff", o.StafACtx, false}, {"the head", o.KasiACtx, true}, {"the admin", o.Admin, true}} {
			rc, err := db.FindUnitRecap(tt.ctx, o.SeksiA.ID, "2026-Q1")
			if err != nil || (rc.Distribution != nil) != tt.dist {
				t.Errorf("FindUnitRecap(%s): distribution %+v, %v; want present %v", tt.who, rc, err, tt.dist)
			}
		}
		// The evaluation document of the staff member still names the organisation predikat.
		e, err := db.FindEvaluationData(o.StafACtx, x.ID)
		if err != nil || e.OrgPredikat != kinerja.OrgBaik {
			t.Errorf("FindEvaluationData(staff) = %+v, %v; want organisation predikat baik", e, err)
		}
	})
}
