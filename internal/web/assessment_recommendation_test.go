package web_test

import (
	"net/url"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestAssessment_Recommendation: the pejabat penilai writes the Catatan/Rekomendasi with the
// ratings; a too long one is refused next to the field; the employee reads it once final.
func TestAssessment_Recommendation(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		kasi, staf := f.login(t, f.KasiA), f.login(t, f.StafA)
		page := f.startAssessment(t, kasi, f.stafSKP)
		kasi.get(page).wantBody(t, `name="recommendation"`, "Catatan/rekomendasi")

		rate := url.Values{"result_rating": {"sesuai"}, "result_reason": {"Target tercapai."},
			"behavior_rating": {"sesuai"}, "behavior_reason": {"Sesuai ekspektasi."}, "recommendation": {strings.Repeat("x", 4001)}}
		kasi.post(page, rate).wantFieldError(t, "recommendation", kinerja.MsgRecommendationLong)
		rate.Set("recommendation", "Ikutkan bimbingan teknis arsip digital.")
		kasi.post(page, rate).wantRedirect(t, page+"?ok=assessment_saved")
		kasi.get(page).wantBody(t, "Ikutkan bimbingan teknis arsip digital.</textarea>")
		kasi.post(page+"/finalize", nil).wantRedirect(t, page+"?ok=assessment_final")
		staf.get(page).wantBody(t, `id="recommendation-value">Ikutkan bimbingan teknis arsip digital.</dd>`)
	})
}
