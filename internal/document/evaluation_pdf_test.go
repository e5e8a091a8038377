package document_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

// withIDs numbers the RHK and indicators of s, as the store does.
func withIDs(s *kinerja.SKP) *kinerja.SKP {
	var id int64
	for _, r := range s.Results {
		id++
		r.ID = id
		for _, ind := range r.Indicators {
			id++
			ind.ID = id
		}
	}
	return s
}

// evaluationOf is the document of a final assessment of s with realisation for every
// indicator, feedback on the first RHK and on a value, and the ratings' reasons.
func evaluationOf(s *kinerja.SKP, p kinerja.Predikat, justification string) document.EvaluationDocument {
	appraiserID := int64(1)
	a := &kinerja.Assessment{ID: 3, SKPID: s.ID, EmployeeName: s.Employee.Name, AppraiserID: &appraiserID,
		Period: "2026-Q1", ResultRating: kinerja.RatingAbove, ResultReason: "Seluruh laporan selesai lebih cepat dari target.",
		BehaviorRating: kinerja.RatingAbove, BehaviorReason: "Menjadi teladan pelayanan di kecamatan.",
		Predikat: p, Status: kinerja.AssessmentFinal, Justification: justification}
	var real []kinerja.Realisation
	for i, r := range s.Results {
		for _, ind := range r.Indicators {
			rl := kinerja.Realisation{IndicatorID: ind.ID, ResultID: r.ID, Aspect: ind.Aspect, Text: ind.Text, Target: ind.Target, Unit: ind.Unit}
			if i%2 == 0 {
				v, pct := 13.0, 108.333
				rl.Computed, rl.Percent = &v, &pct
			} else {
				rl.Note = "Terlaksana sesuai rencana"
			}
			real = append(real, rl)
		}
	}
	rid := s.Results[0].ID
	// Feedback given on the second RHK in a revision of the SKP: another id, the same lineage.
	s.Results[1].LineageID = s.Results[1].ID
	revised := int64(9001)
	at := time.Date(2026, time.February, 10, 3, 0, 0, 0, time.UTC)
	fb := []*kinerja.Feedback{
		{ID: 1, Kind: kinerja.FeedbackContinuous, AuthorName: "Hj. Siti Aminah, S.Sos., M.M.", ResultID: &rid,
			Text: "Laporan Januari rapi; lampirkan notulen rapat koordinasi.", CreatedAt: at},
		{ID: 3, Kind: kinerja.FeedbackContinuous, AuthorName: "Hj. Siti Aminah, S.Sos., M.M.", ResultID: &revised,
			ResultLineageID: s.Results[1].ID, Text: "Layanan PATEN keliling dipertahankan setelah revisi.", CreatedAt: at},
		{ID: 2, Kind: kinerja.FeedbackContinuous, AuthorName: "Hj. Siti Aminah, S.Sos., M.M.", Value: "kolaboratif",
			Text: "Koordinasi dengan kelurahan sangat baik.", CreatedAt: at.Add(48 * time.Hour)},
	}
	superior := &kinerja.Person{Name: "Ir. Eko Prasetyo, M.T.", NIP: "196805121994031003", Grade: "IV/c",
		Position: "Sekretaris Daerah", Unit: "Pemerintah Kota Surabaya"}
	if s.AppraiserSuperior == nil {
		s.AppraiserSuperior = superior
	}
	return document.EvaluationDocument{Assessment: a, SKP: s, Realisation: real, Feedback: fb,
		Organisation: "Kecamatan Asemrowo", OrgPredikat: kinerja.OrgIstimewa, PeriodLabel: "Triwulan I 2026",
		Place: "Surabaya", Date: kinerja.NewDate(2026, time.April, 6)}
}

func TestWriteEvaluationPDF(t *testing.T) {
	t.Parallel()
	draft := evaluationOf(withIDs(qualitativeSKP(40)), kinerja.PredikatBaik, "")
	draft.Assessment.Status = kinerja.AssessmentDraft
	draft.OrgPredikat = ""
	// An objection the atasan pejabat penilai decided by changing the ratings, on the
	// document of a head whose rating hasil kerja was set away from the organisation predikat.
	decided := evaluationOf(withIDs(quantitativeSKP()), kinerja.PredikatBaik, "")
	decided.PeriodStart, decided.PeriodEnd = kinerja.NewDate(2026, time.January, 1), kinerja.NewDate(2026, time.March, 31)
	objected, decidedAt := time.Date(2026, time.April, 8, 2, 0, 0, 0, time.UTC), time.Date(2026, time.April, 15, 2, 0, 0, 0, time.UTC)
	x := decided.Assessment
	x.ResultRating, x.BehaviorRating = kinerja.RatingMeets, kinerja.RatingAbove
	x.Recommendation = "Ikutkan pelatihan manajemen risiko pada semester II."
	x.ObjectionReason, x.ObjectedAt = "Laporan triwulan sudah diserahkan tepat waktu.", &objected
	x.Decision, x.DecisionReason, x.DecidedAt = kinerja.DecisionChange, "Bukti dukung menunjukkan laporan tepat waktu.", &decidedAt
	decided.Decider = &kinerja.Person{Name: "Ir. Eko Prasetyo, M.T.", NIP: "196805121994031003", Position: "Sekretaris Daerah"}
	// With no atasan pejabat penilai an admin decides, and signs as the deciding official.
	byAdmin := evaluationOf(withIDs(quantitativeSKP()), kinerja.PredikatBaik, "")
	byAdmin.SKP.AppraiserSuperior = nil
	byAdmin.Assessment.ObjectionReason, byAdmin.Assessment.ObjectedAt = "Target terlalu tinggi.", &objected
	byAdmin.Assessment.Decision, byAdmin.Assessment.DecisionReason, byAdmin.Assessment.DecidedAt = kinerja.DecisionKeep, "Target disepakati bersama.", &decidedAt
	byAdmin.Decider = &kinerja.Person{Name: "Admin Kepegawaian"}
	// The annual document lists the periodic predikat of the year.
	annual := evaluationOf(withIDs(quantitativeSKP()), kinerja.PredikatBaik, "")
	annual.Assessment.Period, annual.PeriodLabel = "2026", "Tahunan 2026"
	annual.PeriodStart, annual.PeriodEnd = kinerja.NewDate(2026, time.January, 1), kinerja.NewDate(2026, time.December, 31)
	annual.Periodic = []*kinerja.Assessment{
		{Period: "2026-Q1", ResultRating: kinerja.RatingAbove, BehaviorRating: kinerja.RatingAbove, Predikat: kinerja.PredikatSangatBaik, Status: kinerja.AssessmentAcknowledged},
		{Period: "2026-Q2", ResultRating: kinerja.RatingMeets, BehaviorRating: kinerja.RatingBelow, Predikat: kinerja.PredikatButuhPerbaikan, Status: kinerja.AssessmentFinal},
		{Period: "2026-Q3", ResultRating: kinerja.RatingMeets, Status: kinerja.AssessmentDraft},
	}
	tests := []struct {
		name     string
		doc      document.EvaluationDocument
		want     []string // in the text, whitespace ignored
		lacks    []string
		minPages int
	}{
		{"final sangat baik with justification",
			evaluationOf(withIDs(quantitativeSKP()), kinerja.PredikatSangatBaik, "Capaian pelayanan keliling melampaui target kota."),
			[]string{"DOKUMEN EVALUASI KINERJA PEGAWAI", "PERIODE: Triwulan I 2026", "KECAMATAN ASEMROWO",
				"ATASAN PEJABAT PENILAI KINERJA", "Ir. Eko Prasetyo, M.T.", "196805121994031003", "Pembina Utama Muda (IV/c)",
				"CAPAIAN KINERJA ORGANISASI", "Istimewa", "HASIL KERJA", "A. UTAMA", "B. TAMBAHAN", "Kuantitas",
				"13 laporan (108,33 %)", "Terlaksana sesuai rencana",
				"Laporan Januari rapi; lampirkan notulen rapat koordinasi. (Hj. Siti Aminah, S.Sos., M.M., 10 Februari 2026)",
				"Umpan balik berkelanjutan: belum ada.", "Layanan PATEN keliling dipertahankan setelah revisi.",
				"RATING HASIL KERJA: Di Atas Ekspektasi", "Seluruh laporan selesai lebih cepat dari target.",
				"PERILAKU KERJA", "Kolaboratif", "Koordinasi dengan kelurahan sangat baik.",
				"Ekspektasi khusus pimpinan: Melibatkan kelurahan dalam setiap pelayanan keliling.",
				"RATING PERILAKU KERJA: Di Atas Ekspektasi", "Menjadi teladan pelayanan di kecamatan.",
				"PREDIKAT KINERJA PEGAWAI: Sangat Baik",
				"Justifikasi (di luar kurva distribusi)", "Capaian pelayanan keliling melampaui target kota.",
				"Surabaya, 6 April 2026", "Pejabat Penilai Kinerja", "Pegawai yang Dinilai", "Halaman 1 dari"},
			[]string{"DRAF"}, 1},
		{"draft kualitatif over several pages", draft,
			[]string{"DRAF — penilaian belum final", "CAPAIAN KINERJA ORGANISASI—", "PREDIKAT KINERJA PEGAWAI: Baik",
				"Seluruh layanan sesuai standar", "Halaman 2 dari", "Halaman 3 dari"},
			[]string{"Justifikasi", "Kuantitas"}, 3},
		{"decided objection with recommendation", decided,
			[]string{"PERIODE: Triwulan I 2026", "PERIODE PENILAIAN: 1 Januari 2026 s.d. 31 Maret 2026",
				"RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI",
				"RATING HASIL KERJA: Sesuai Ekspektasi", "Alasan: Seluruh laporan selesai lebih cepat dari target.",
				"CATATAN/REKOMENDASI", "Ikutkan pelatihan manajemen risiko pada semester II.",
				"KEBERATAN DAN KEPUTUSAN ATAS KEBERATAN", "Keberatan pegawai (diajukan 8 April 2026):",
				"Laporan triwulan sudah diserahkan tepat waktu.",
				"Keputusan: Penilaian diubah: rating hasil kerja Sesuai Ekspektasi, rating perilaku kerja Di Atas Ekspektasi, predikat Baik",
				"Alasan keputusan: Bukti dukung menunjukkan laporan tepat waktu.",
				"Diputuskan oleh: Ir. Eko Prasetyo, M.T., NIP 196805121994031003, Sekretaris Daerah, tanggal 15 April 2026",
				"Surabaya, 6 April 2026", "Pegawai yang Dinilai,", "Pejabat Penilai Kinerja,",
				"Surabaya, 15 April 2026", "Atasan Pejabat Penilai Kinerja,", "yang memutuskan keberatan"},
			[]string{"HASIL EVALUASI KINERJA PERIODIK", "belum diputuskan"}, 1},
		{"objection decided by an admin", byAdmin,
			[]string{"Keputusan: Penilaian tetap (rating tidak diubah)", "Alasan keputusan: Target disepakati bersama.",
				"Diputuskan oleh: Admin Kepegawaian, tanggal 15 April 2026", "Pejabat yang Memutuskan Keberatan,", "Admin Kepegawaian"},
			[]string{"Atasan Pejabat Penilai Kinerja,"}, 1},
		{"annual with the periodic results", annual,
			[]string{"PERIODE: Tahunan 2026", "PERIODE PENILAIAN: 1 Januari 2026 s.d. 31 Desember 2026",
				"HASIL EVALUASI KINERJA PERIODIK", "PREDIKAT KINERJA PERIODIK",
				"Triwulan I 2026", "1 Januari 2026 s.d. 31 Maret 2026", "Sangat Baik",
				"Triwulan II 2026", "1 April 2026 s.d. 30 Juni 2026", "Butuh Perbaikan",
				"Triwulan III 2026", "belum dinilai", "CATATAN/REKOMENDASI"},
			[]string{"KEBERATAN", "Atasan Pejabat Penilai Kinerja,"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := document.WriteEvaluationPDF(&buf, tt.doc); err != nil {
				t.Fatalf("WriteEvaluationPDF = %v", err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
				t.Fatalf("output starts with %q; want %%PDF", buf.Bytes()[:min(8, buf.Len())])
			}
			if dir := os.Getenv("KINERJA_PDF_DIR"); dir != "" { // to look at the layout
				os.WriteFile(dir+"/evaluasi_"+strings.ReplaceAll(tt.name, " ", "_")+".pdf", buf.Bytes(), 0o644)
			}
			text, pages := pdfText(t, buf.Bytes())
			if pages < tt.minPages {
				t.Errorf("pages = %d; want at least %d", pages, tt.minPages)
			}
			s, a := tt.doc.SKP, tt.doc.Assessment
			want := append([]string{s.Employee.Name, s.Employee.NIP, a.Predikat.Label()}, tt.want...)
			if s.Appraiser != nil {
				want = append(want, s.Appraiser.Name, s.Appraiser.NIP)
			}
			if a.Justification != "" {
				want = append(want, a.Justification)
			}
			for _, r := range s.Results {
				want = append(want, r.Text)
				if r.ParentText != "" { // the RHK pimpinan yang diintervensi
					want = append(want, r.ParentText)
				}
				for _, ind := range r.Indicators {
					want = append(want, ind.Text)
				}
			}
			for _, v := range kinerja.BerAKHLAK {
				want = append(want, v.Name)
			}
			for _, w := range want {
				if !strings.Contains(text, squeeze(w)) {
					t.Errorf("PDF text lacks %q", w)
				}
			}
			for _, w := range tt.lacks {
				if strings.Contains(text, squeeze(w)) {
					t.Errorf("PDF text has %q; want it left out", w)
				}
			}
		})
	}
}

func TestWriteEvaluationPDF_Missing(t *testing.T) {
	t.Parallel()
	s := quantitativeSKP()
	for name, d := range map[string]document.EvaluationDocument{
		"no assessment": {SKP: s},
		"no skp":        {Assessment: &kinerja.Assessment{}},
	} {
		if err := document.WriteEvaluationPDF(io.Discard, d); err == nil {
			t.Errorf("WriteEvaluationPDF with %s = nil; want an error", name)
		}
	}
}

func ExampleWriteEvaluationPDF() {
	s := quantitativeSKP()
	a := &kinerja.Assessment{ResultRating: kinerja.RatingMeets, BehaviorRating: kinerja.RatingAbove,
		Predikat: kinerja.PredikatBaik, Status: kinerja.AssessmentFinal}
	err := document.WriteEvaluationPDF(io.Discard, document.EvaluationDocument{Assessment: a, SKP: s, PeriodLabel: "Tahun 2026"})
	fmt.Println(err)
	// Output: <nil>
}
