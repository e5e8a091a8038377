package api_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestEvaluationPDF_DecidedObjection reads the evaluation document of an assessment whose
// objection the atasan pejabat penilai decided: it shows the period's dates, the RHK pimpinan
// the RHK intervenes, the Catatan/Rekomendasi, the objection's decision with its reason, the
// deciding official and the date, and the signature of that official; the annual document
// lists the predikat of the periods of the year.
func TestEvaluationPDF_DecidedObjection(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSKPFixture(t, db)
		admin, camat, kasi, staf := f.as("admin.asemrowo"), f.as("camat"), f.as("kasi.pem"), f.as("staf.pem")
		approved := func(c, appraiser *client, text string, parent int64) (int64, int64) {
			t.Helper()
			id := f.mustSKP(t, c)
			r := mustResult(t, c, id, rhk("utama", text, parent, "12"))
			mustDo(t, c, "POST", pathOf("/api/v1/skp", id)+"/submit", nil, 200)
			mustDo(t, appraiser, "POST", pathOf("/api/v1/skp", id)+"/approve", nil, 200)
			return id, r
		}
		_, top := approved(camat, admin, "Meningkatnya pelayanan kecamatan", 0)
		_, kasiRHK := approved(kasi, camat, "Meningkatnya ketertiban administrasi kependudukan", top)
		stafSKP, _ := approved(staf, kasi, "Terlayaninya permohonan KTP elektronik", kasiRHK)

		q1 := pathOf("/api/v1/assessments", bodyID(mustDo(t, kasi, "POST", "/api/v1/assessments", map[string]any{"skp_id": stafSKP, "period": "2026-Q1"}, 201)))
		body := mustDo(t, kasi, "PATCH", q1, map[string]any{"result_rating": "sesuai", "behavior_rating": "sesuai",
			"result_reason": "Sesuai bukti dukung.", "behavior_reason": "Sesuai pengamatan.",
			"recommendation": "  Ikutkan pelatihan pelayanan prima.  "}, 200)
		if body["recommendation"] != "Ikutkan pelatihan pelayanan prima." {
			t.Errorf("PATCH recommendation = %v; want it trimmed", body["recommendation"])
		}
		if status, body := kasi.do("PATCH", q1, map[string]any{"recommendation": strings.Repeat("x", 4001)}); status != 422 {
			t.Errorf("PATCH a recommendation of 4001 characters: status %d, %v; want 422", status, body)
		}
		if status, _ := staf.do("PATCH", q1, map[string]any{"recommendation": "Saya layak Sangat Baik."}); status != 403 {
			t.Errorf("the employee writes their own recommendation: status %d; want 403", status)
		}
		mustDo(t, kasi, "POST", q1+"/finalize", map[string]any{}, 200)
		mustDo(t, staf, "POST", q1+"/object", map[string]any{"reason": "Seluruh permohonan selesai sebelum tenggat."}, 200)
		mustDo(t, camat, "POST", q1+"/decide", map[string]any{"decision": "keep",
			"reason": "Realisasi sesuai target triwulan, tidak melampauinya."}, 200)

		resp, data := staf.raw("GET", q1+"/pdf")
		if resp.StatusCode != 200 || !bytes.HasPrefix(data, []byte("%PDF")) {
			t.Fatalf("GET %s/pdf: status %d", q1, resp.StatusCode)
		}
		head := f.Employee("camat")
		text := pdfText(t, data)
		for _, want := range []string{
			"PERIODE PENILAIAN: 1 Januari 2026 s.d. 31 Maret 2026",
			"RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", "Meningkatnya ketertiban administrasi kependudukan",
			"CATATAN/REKOMENDASI", "Ikutkan pelatihan pelayanan prima.",
			"Seluruh permohonan selesai sebelum tenggat.",
			"Keputusan: Penilaian tetap (rating tidak diubah)",
			"Alasan keputusan: Realisasi sesuai target triwulan, tidak melampauinya.",
			"Diputuskan oleh: " + head.Name + ", NIP " + head.NIP,
			"Atasan Pejabat Penilai Kinerja,",
		} {
			if !strings.Contains(text, squeeze(want)) {
				t.Errorf("evaluation PDF lacks %q", want)
			}
		}

		// The year is assessed once it has ended.
		db.Now = func() time.Time { return time.Date(2027, 1, 5, 3, 0, 0, 0, time.UTC) }
		kasi = f.as("kasi.pem") // the earlier token has expired meanwhile
		annual := pathOf("/api/v1/assessments", bodyID(mustDo(t, kasi, "POST", "/api/v1/assessments", map[string]any{"skp_id": stafSKP, "period": "2026"}, 201)))
		resp, data = kasi.raw("GET", annual+"/pdf")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s/pdf: status %d", annual, resp.StatusCode)
		}
		text = pdfText(t, data)
		for _, want := range []string{"PERIODE PENILAIAN: 1 Januari 2026 s.d. 31 Desember 2026", "HASIL EVALUASI KINERJA PERIODIK",
			"Triwulan I 2026 1 Januari 2026 s.d. 31 Maret 2026 Sesuai Ekspektasi Sesuai Ekspektasi Baik"} {
			if !strings.Contains(text, squeeze(want)) {
				t.Errorf("annual evaluation PDF lacks %q", want)
			}
		}
	})
}
