package sqldb_test

import (
	"context"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestFindTodo checks each person's list of what they owe in the middle of May: the SKP
// still to approve (late since January), the first quarter still to assess (late since
// April), the final assessment to accept or object to within 14 days, the activities to
// verify, and nothing for what is done.
func TestFindTodo(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		now := time.Date(2026, 5, 10, 3, 0, 0, 0, time.UTC) // 10.00 WIB
		db.Now = func() time.Time { return now }
		period, err := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		_, top := approvedSKP(t, db, o.CamatCtx, sys, o.Camat, period.ID, nil)
		_, kasiRHK := approvedSKP(t, db, o.KasiACtx, o.CamatCtx, o.KasiA, period.ID, &top)
		staf, stafRHK := approvedSKP(t, db, o.StafACtx, o.KasiACtx, o.StafA, period.ID, &kasiRHK)
		kasiB, err := db.CreateSKP(o.KasiBCtx, o.KasiB.ID, period.ID, kinerja.ApproachQuantitative)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddResult(o.KasiBCtx, kasiB.ID, rhk("RHK Kasi B", &top)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubmitSKP(o.KasiBCtx, kasiB.ID); err != nil {
			t.Fatal(err)
		}
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
		if _, err := db.CreateActivity(o.StafACtx, kinerja.ActivityInput{Date: kinerja.NewDate(2026, 5, 8), ResultID: stafRHK,
			Description: "Memproses berkas", Output: 1}); err != nil { // in the unit of the RHK's target
			t.Fatal(err)
		}

		type want struct {
			kind   kinerja.TodoKind
			title  string
			period string
			due    string
			late   bool
		}
		tests := []struct {
			name string
			ctx  context.Context
			want []want
		}{
			{"camat", o.CamatCtx, []want{
				{kinerja.TodoApproveSKP, o.KasiB.Name, "2026", "2026-01-31", true},
				{kinerja.TodoAssess, o.KasiA.Name, "2026-Q1", "2026-04-30", true},
			}},
			{"kasi", o.KasiACtx, []want{
				{kinerja.TodoVerifyActivities, "", "", "", false},
			}},
			{"staf", o.StafACtx, []want{
				{kinerja.TodoAnswerAssessment, o.StafA.Name, "2026-Q1", "2026-05-24", false},
			}},
			{"kasi b", o.KasiBCtx, nil},
		}
		for _, tt := range tests {
			got, err := db.FindTodo(tt.ctx)
			if err != nil {
				t.Fatalf("FindTodo(%s): %v", tt.name, err)
			}
			if len(got) != len(tt.want) {
				t.Errorf("FindTodo(%s) = %+v; want %d items", tt.name, got, len(tt.want))
				continue
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Kind != w.kind || g.Title != w.title || g.Period != w.period || g.Late != w.late ||
					(w.due != "" && g.Due.String() != w.due) {
					t.Errorf("FindTodo(%s)[%d] = %+v; want %+v", tt.name, i, g, w)
				}
			}
		}
		kasi, _ := db.FindTodo(o.KasiACtx)
		if len(kasi) == 1 && (kasi[0].Count != 1 || kasi[0].Oldest.String() != "2026-05-10" || kasi[0].Due.Before(kinerja.NewDate(2026, 5, 10))) {
			t.Errorf("verification item = %+v; want one activity logged on 10 May, due after it", kasi[0])
		}
	})
}
