package web_test

import (
	"net/url"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestCreateSKPWithCopy_AllOrNothing starts an SKP with a copy of another one that cannot be
// copied: the page says why and no empty SKP is left behind, so the employee can simply try
// again. A copy that works creates the SKP with the source's RHK.
func TestCreateSKPWithCopy_AllOrNothing(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		s := newTestServer(t, db)
		f := s.newSKPFixture(t, "Kecamatan Salin")
		last, err := db.CreatePeriod(f.Admin, kinerja.NewPeriod{Year: f.period.Year - 1})
		if err != nil {
			t.Fatal(err)
		}
		lastSKP := mustCreateSKP(t, f.KasiBCtx, s, f.KasiB.ID, last.ID, kinerja.ApproachQuantitative)
		extra := quantInput("Tersalurkannya bantuan sosial tepat sasaran", nil)
		extra.Kind = kinerja.ResultAdditional // needs no RHK of last year's Camat
		mustAddResult(t, f.KasiBCtx, s, lastSKP.ID, extra)
		kasiB := f.login(t, f.KasiB)
		noSKP := func(when string) {
			t.Helper()
			list, _, err := db.FindSKPs(f.KasiBCtx, kinerja.SKPFilter{PeriodID: f.period.ID, EmployeeID: &f.KasiB.ID})
			if err != nil || len(list) != 0 {
				t.Fatalf("%s: Kasi B has %d SKP this year (%v); want none", when, len(list), err)
			}
		}

		tests := []struct {
			name, from, approach, want string
		}{
			{"another approach", itoa(lastSKP.ID), string(kinerja.ApproachQualitative), kinerja.MsgSKPCopyApproach},
			{"an SKP the employee may not read", itoa(f.stafSKP.ID), "", kinerja.MsgSKPNotFound},
		}
		for _, tt := range tests {
			res := kasiB.post("/skp", url.Values{"period_id": {itoa(f.period.ID)}, "from": {tt.from}, "approach": {tt.approach}})
			res.wantStatus(t, 422)
			res.wantBody(t, tt.want)
			noSKP(tt.name)
		}

		res := kasiB.post("/skp", url.Values{"period_id": {itoa(f.period.ID)}, "from": {itoa(lastSKP.ID)}})
		if res.Status != 303 {
			t.Fatalf("copy last year's: status %d; want 303", res.Status)
		}
		list, _, err := db.FindSKPs(f.KasiBCtx, kinerja.SKPFilter{PeriodID: f.period.ID, EmployeeID: &f.KasiB.ID})
		if err != nil || len(list) != 1 {
			t.Fatalf("after the copy Kasi B has %d SKP (%v); want 1", len(list), err)
		}
		got, err := db.FindSKPByID(f.KasiBCtx, list[0].ID)
		if err != nil || len(got.Results) != 1 || got.Results[0].Text != "Tersalurkannya bantuan sosial tepat sasaran" {
			t.Fatalf("copied SKP = %+v, %v; want last year's RHK", got, err)
		}
	})
}
