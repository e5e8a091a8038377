package document_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/ledongthuc/pdf"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

const longRHK = "Terlaksananya koordinasi penyelenggaraan pelayanan administrasi terpadu kecamatan " +
	"(PATEN) yang cepat, mudah, transparan, pasti dan terjangkau bagi seluruh masyarakat di tiga kelurahan, " +
	"termasuk pelayanan keliling ke permukiman padat penduduk dan pendampingan warga rentan – lansia, " +
	"penyandang disabilitas dan warga tanpa dokumen kependudukan – sampai dokumen mereka terbit"

// quantitativeSKP is an approved kuantitatif SKP of a Kasi with three utama RHK (one of them
// long enough to wrap over many lines) and one tambahan.
func quantitativeSKP() *kinerja.SKP {
	appraiserID := int64(1)
	inds := func(n string) []*kinerja.Indicator {
		return []*kinerja.Indicator{
			{Aspect: kinerja.AspectTime, Text: "Ketepatan waktu penyampaian " + n, Target: "12", Unit: "bulan"},
			{Aspect: kinerja.AspectQuantity, Text: "Jumlah " + n + " yang diselesaikan", Target: "12", Unit: "laporan"},
			{Aspect: kinerja.AspectQuality, Text: "Persentase " + n + " yang diterima tanpa revisi", Target: "95,5", Unit: "%"},
		}
	}
	return &kinerja.SKP{
		ID: 7, Year: 2026, Approach: kinerja.ApproachQuantitative, Form: kinerja.FormJAJF,
		AppraiserID: &appraiserID, Status: kinerja.SKPApproved, Version: 1, Current: true,
		Employee: kinerja.Person{Name: "Drs. Bambang Sutrisno, M.Si.", NIP: "198005172005031001", Grade: "III/d",
			Position: "Kepala Seksi Pemerintahan dan Pelayanan Publik", Unit: "Seksi Pemerintahan – Pelayanan Publik"},
		Appraiser: &kinerja.Person{EmployeeID: 1, Name: "Hj. Siti Aminah, S.Sos., M.M.", NIP: "197203141998032004", Grade: "IV/a",
			Position: "Camat Asemrowo", Unit: "Kecamatan Asemrowo"},
		Resources:      "Anggaran kegiatan pelayanan kecamatan.\nDua unit komputer dan akses SIAK Terpusat.",
		Accountability: "Laporan bulanan kepada Camat melalui Sekretaris Kecamatan.",
		Consequences:   "Sesuai ketentuan peraturan perundang-undangan.",
		Results: []*kinerja.Result{
			{Kind: kinerja.ResultMain, Position: 1, Text: "Tersusunnya laporan penyelenggaraan pemerintahan kecamatan",
				ParentText: "Meningkatnya kualitas penyelenggaraan pemerintahan di Kecamatan Asemrowo", Indicators: inds("laporan")},
			{Kind: kinerja.ResultMain, Position: 2, Text: longRHK,
				ParentText: "Meningkatnya kualitas pelayanan publik di kecamatan", Indicators: inds("layanan PATEN")},
			{Kind: kinerja.ResultMain, Position: 3, Text: "Terfasilitasinya musyawarah perencanaan pembangunan kelurahan",
				ParentText: "Meningkatnya partisipasi masyarakat dalam perencanaan pembangunan", Indicators: append(inds("musrenbang"),
					&kinerja.Indicator{Aspect: kinerja.AspectCost, Text: "Realisasi anggaran", Target: "100", Unit: "%"})},
			{Kind: kinerja.ResultAdditional, Position: 4, Text: "Menjadi narasumber sosialisasi administrasi kependudukan",
				Indicators: inds("sosialisasi")},
		},
		Behaviors: []kinerja.Behavior{
			{Value: "berorientasi_pelayanan", Expectation: "Menjawab aduan warga paling lambat satu hari kerja."},
			{Value: "kolaboratif", Expectation: "Melibatkan kelurahan dalam setiap pelayanan keliling."},
		},
	}
}

// qualitativeSKP is a draft kualitatif SKP of the head of the organisation (no appraiser)
// with n utama RHK, long enough to run over several pages.
func qualitativeSKP(n int) *kinerja.SKP {
	s := &kinerja.SKP{
		ID: 8, Year: 2026, Approach: kinerja.ApproachQualitative, Form: kinerja.FormJPT,
		Status: kinerja.SKPDraft, Version: 2, Current: true,
		Employee: kinerja.Person{Name: "Hj. Siti Aminah, S.Sos., M.M.", NIP: "197203141998032004", Grade: "IV/a",
			Position: "Camat Asemrowo", Unit: "Kecamatan Asemrowo"},
	}
	for i := 1; i <= n; i++ {
		s.Results = append(s.Results, &kinerja.Result{Kind: kinerja.ResultMain, Position: i,
			Text: fmt.Sprintf("Rencana hasil kerja nomor %d tentang pelayanan di kelurahan", i),
			Indicators: []*kinerja.Indicator{{
				Text:   fmt.Sprintf("Pelayanan nomor %d terselenggara sesuai standar pelayanan dan dilaporkan tepat waktu", i),
				Target: "Seluruh layanan sesuai standar"}}})
	}
	return s
}

// hugeSKP has one RHK whose indicators are taller than a page together.
func hugeSKP() *kinerja.SKP {
	s := quantitativeSKP()
	s.Status = kinerja.SKPSubmitted
	long := strings.Repeat("Uraian indikator yang sangat panjang untuk menguji pemisahan baris tabel. ", 14)
	r := s.Results[0]
	r.Indicators = nil
	for _, a := range kinerja.Aspects {
		r.Indicators = append(r.Indicators, &kinerja.Indicator{Aspect: a, Text: fmt.Sprintf("Indikator %s. %s", a, long), Target: "1", Unit: "dokumen"})
	}
	return s
}

// jptSKP is quantitativeSKP on the JPT form, started after a transfer on 1 July: its RHK carry
// perspectives and strategic goals.
func jptSKP() *kinerja.SKP {
	s := quantitativeSKP()
	s.Form, s.StartDate = kinerja.FormJPT, kinerja.NewDate(2026, time.July, 1)
	s.Results[0].Perspective, s.Results[1].Perspective = kinerja.PerspectiveService, kinerja.PerspectiveProcess
	s.Results[0].StrategicGoal = "Meningkatnya kepuasan masyarakat atas layanan kecamatan"
	return s
}

func TestWriteSKPPDF(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		skp       *kinerja.SKP
		want      []string // in the text, whitespace ignored
		wantNot   []string
		minPages  int
		wantPages int // 0: any number from minPages
	}{
		{"kuantitatif", quantitativeSKP(), []string{
			"SASARAN KINERJA PEGAWAI", "PENDEKATAN HASIL KERJA KUANTITATIF",
			"BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL", "KECAMATAN ASEMROWO",
			"PERIODE: 1 Januari 2026 s.d. 31 Desember 2026", "Penata Tingkat I (III/d)", "Pembina (IV/a)",
			"Seksi Pemerintahan – Pelayanan Publik", "Kuantitas", "12 laporan", "95,5 %", "Biaya",
			"A. UTAMA", "B. TAMBAHAN", "Berorientasi Pelayanan", "Melakukan perbaikan tiada henti",
			"Menjawab aduan warga paling lambat satu hari kerja.", "Dua unit komputer dan akses SIAK Terpusat.",
			"Surabaya, 27 November 2026", "Halaman 1 dari", "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", "ASPEK",
		}, []string{"PERSPEKTIF", "Sasaran strategis"}, 1, 0},
		{"JPT form", jptSKP(), []string{
			"BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI", "PERSPEKTIF", "INDIKATOR KINERJA INDIVIDU",
			"Penerima Layanan", "Proses Bisnis", "Sasaran strategis: Meningkatnya kepuasan masyarakat atas layanan kecamatan",
			"PERIODE: 1 Juli 2026 s.d. 31 Desember 2026",
		}, []string{"RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", "ASPEK"}, 1, 0},
		{"kualitatif with 40 RHK and no appraiser", qualitativeSKP(40), []string{
			"SASARAN KINERJA PEGAWAI", "PENDEKATAN HASIL KERJA KUALITATIF",
			"BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI",
			"DRAF — belum disetujui (status: draf, versi 2)", "PEJABAT PENILAI KINERJA",
			"Seluruh layanan sesuai standar", "Halaman 2 dari", "Halaman 3 dari",
		}, nil, 3, 0},
		{"row taller than a page", hugeSKP(), []string{"Halaman 2 dari", "Indikator biaya."}, nil, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			d := document.SKPDocument{SKP: tt.skp, Organisation: "Kecamatan Asemrowo", Place: "Surabaya",
				Date:        kinerja.NewDate(2026, time.November, 27),
				PeriodStart: kinerja.NewDate(2026, time.January, 1), PeriodEnd: kinerja.NewDate(2026, time.December, 31)}
			if err := document.WriteSKPPDF(&buf, d); err != nil {
				t.Fatalf("WriteSKPPDF = %v", err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
				t.Fatalf("output starts with %q; want %%PDF", buf.Bytes()[:min(8, buf.Len())])
			}
			if dir := os.Getenv("KINERJA_PDF_DIR"); dir != "" { // to look at the layout
				os.WriteFile(dir+"/"+strings.ReplaceAll(tt.name, " ", "_")+".pdf", buf.Bytes(), 0o644)
			}
			text, pages := pdfText(t, buf.Bytes())
			if pages < tt.minPages {
				t.Errorf("pages = %d; want at least %d", pages, tt.minPages)
			}
			s := tt.skp
			want := append([]string{s.Employee.Name, s.Employee.NIP}, tt.want...)
			if s.Appraiser != nil {
				want = append(want, s.Appraiser.Name, s.Appraiser.NIP)
			}
			for _, r := range s.Results {
				want = append(want, r.Text, r.Indicators[0].Text)
				if r.ParentText != "" {
					want = append(want, r.ParentText)
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
			for _, w := range tt.wantNot {
				if strings.Contains(text, squeeze(w)) {
					t.Errorf("PDF text of the %s form has %q", tt.skp.Form, w)
				}
			}
		})
	}
}

func TestWriteSKPPDF_NoSKP(t *testing.T) {
	t.Parallel()
	if err := document.WriteSKPPDF(io.Discard, document.SKPDocument{}); err == nil {
		t.Error("WriteSKPPDF without SKP = nil; want an error")
	}
}

// pdfText extracts the text of a PDF without whitespace, and its number of pages.
func pdfText(t *testing.T, data []byte) (string, int) {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("read PDF: %v", err)
	}
	rd, err := r.GetPlainText()
	if err != nil {
		t.Fatalf("extract PDF text: %v", err)
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Fatalf("extract PDF text: %v", err)
	}
	return squeeze(string(b)), r.NumPage()
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
