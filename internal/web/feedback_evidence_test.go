package web_test

import (
	"net/url"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestFeedback_EvidenceOfAnotherEmployee: the feedback form refuses evidence that is not of
// the employee the feedback is about, next to the field, and stores nothing.
func TestFeedback_EvidenceOfAnotherEmployee(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newFeedbackFixture(t, "Kecamatan Asemrowo")
		a := f.mustLog(t, "Memverifikasi berkas", 2)
		own, err := db.CreateEvidence(f.StafACtx, sqldb.EvidenceTarget{ActivityID: &a.ID}, strings.Repeat("ab", 32), 10, "image/png", "foto.png")
		if err != nil {
			t.Fatal(err)
		}
		kasiBSKP := mustCreateSKP(t, f.KasiBCtx, srv, f.KasiB.ID, f.period.ID, kinerja.ApproachQuantitative)
		kasiBRHK := mustAddResult(t, f.KasiBCtx, srv, kasiBSKP.ID, quantInput("Tertibnya administrasi ketenteraman", &f.camatRHK.ID))
		otherTeam, err := db.CreateEvidence(f.KasiBCtx, sqldb.EvidenceTarget{ResultID: &kasiBRHK.ID}, strings.Repeat("cd", 32), 10, "application/pdf", "rahasia-seksi-b.pdf")
		if err != nil {
			t.Fatal(err)
		}
		kasi := f.login(t, f.KasiA)
		page := feedbackPath(f.StafA.ID)
		for _, ev := range []string{itoa(otherTeam.ID), "1099511627776"} {
			res := kasi.post(page, url.Values{"mode": {"give"}, "text": {"Lihat berkas ini."}, "evidence_id": {ev}})
			res.wantFieldError(t, "give-evidence", kinerja.MsgFeedbackEvidenceOwner)
			res.wantNoBody(t, "rahasia-seksi-b.pdf")
		}
		if list, err := db.FindFeedback(f.KasiACtx, f.StafA.ID, 0); err != nil || len(list) != 0 {
			t.Errorf("feedback after the refusals = %d entries, %v; want none", len(list), err)
		}
		kasi.post(page, url.Values{"mode": {"give"}, "text": {"Lihat berkas ini."}, "evidence_id": {itoa(own.ID)}}).
			wantRedirect(t, page+"?ok=feedback_sent")
		if list, err := db.FindFeedback(f.KasiACtx, f.StafA.ID, 0); err != nil || len(list) != 1 || list[0].EvidenceID == nil || *list[0].EvidenceID != own.ID {
			t.Errorf("feedback with the employee's own evidence = %v, %v", list, err)
		}
	})
}
