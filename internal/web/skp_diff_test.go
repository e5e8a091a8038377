package web_test

import (
	"html"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestSKPPage_RevisionChanges shows, on a revised SKP, what the revision changed in the RHK
// of the previous version: a target raised and an RHK added.
func TestSKPPage_RevisionChanges(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Revisi")
		rev, err := db.ReviseSKP(f.StafACtx, f.stafSKP.ID)
		if err != nil {
			t.Fatal(err)
		}
		full, err := db.FindSKPByID(f.StafACtx, rev.ID)
		if err != nil || len(full.Results) == 0 {
			t.Fatalf("FindSKPByID(revision) = %v, %v", full, err)
		}
		r := full.Results[0]
		before := r.Indicators[0].Target
		if _, err := db.PatchResult(f.StafACtx, r.ID, func(in *kinerja.ResultInput) error {
			in.Indicators[0].Target = "9999"
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		staf := f.login(t, f.StafA)
		// The first version has no previous one.
		staf.get("/skp/"+itoa(f.stafSKP.ID)).wantNoBody(t, `id="changes-title"`)
		res := staf.get("/skp/" + itoa(rev.ID))
		res.wantBody(t, "Perubahan dari versi 1", "RHK diubah", "Target", "<del>"+html.EscapeString(before)+"</del>", "<ins>9999</ins>")
		added := quantInput("Tersusunnya laporan kinerja triwulanan", &f.kasiRHK)
		if _, err := db.AddResult(f.StafACtx, rev.ID, added); err != nil {
			t.Fatal(err)
		}
		staf.get("/skp/"+itoa(rev.ID)).wantBody(t, "RHK ditambahkan", "Tersusunnya laporan kinerja triwulanan")
	})
}
