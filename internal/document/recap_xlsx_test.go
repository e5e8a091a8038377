package document_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

func TestWriteRecapXLSX(t *testing.T) {
	t.Parallel()
	assessed := func(res, beh kinerja.Rating, st kinerja.AssessmentStatus, just string) *kinerja.Assessment {
		p, _ := kinerja.PredikatOf(res, beh)
		return &kinerja.Assessment{ResultRating: res, BehaviorRating: beh, Predikat: p, Status: st, Justification: just}
	}
	rows := []document.RecapRow{
		{Employee: kinerja.DirectoryEntry{ID: 1, Name: "Hj. Siti Aminah, S.Sos., M.M.", Position: "Camat Asemrowo"}, NIP: "197203141998032004",
			Assessment: assessed(kinerja.RatingAbove, kinerja.RatingAbove, kinerja.AssessmentFinal, "")},
		{Employee: kinerja.DirectoryEntry{ID: 2, Name: "Drs. Bambang Sutrisno, M.Si.", Position: "Kepala Seksi Pemerintahan"}, NIP: "198005172005031001",
			Assessment: assessed(kinerja.RatingAbove, kinerja.RatingAbove, kinerja.AssessmentAcknowledged, "Pelayanan keliling melampaui target.")},
		{Employee: kinerja.DirectoryEntry{ID: 3, Name: "Rina Wulandari, S.E.", Position: "Pengadministrasi Umum"}, NIP: "199001012015032001",
			Assessment: assessed(kinerja.RatingBelow, kinerja.RatingMeets, kinerja.AssessmentDraft, "")},
		{Employee: kinerja.DirectoryEntry{ID: 4, Name: "Agus Salim", Position: "Pengemudi"}, NIP: "199505052020121001"},
	}
	dist := &kinerja.Distribution{Period: "2026-Q1", Total: 5, OrgPredikat: kinerja.OrgIstimewa,
		Counts: map[kinerja.Predikat]int{kinerja.PredikatSangatBaik: 4, kinerja.PredikatButuhPerbaikan: 1}}
	dist.Violations = kinerja.CheckDistribution(dist.OrgPredikat, dist.Counts, dist.Total)
	if len(dist.Violations) == 0 {
		t.Fatal("the example distribution breaks no rule; want the 70 % rule broken")
	}
	tests := []struct {
		name  string
		rows  []document.RecapRow
		dist  *kinerja.Distribution
		want  [][]string // data rows of Rekap: NIP, Nama, Rating Hasil Kerja, Rating Perilaku Kerja, Predikat, Status, Justifikasi
		lists []string   // in the Distribusi sheet
	}{
		{"assessed and not", rows, dist, [][]string{
			{"197203141998032004", "Hj. Siti Aminah, S.Sos., M.M.", "Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik", "final", ""},
			{"198005172005031001", "Drs. Bambang Sutrisno, M.Si.", "Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik", "diterima pegawai", "Pelayanan keliling melampaui target."},
			{"199001012015032001", "Rina Wulandari, S.E.", "Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Butuh Perbaikan", "draf", ""},
			{"199505052020121001", "Agus Salim", "—", "—", "—", "belum dinilai", ""},
		}, append([]string{"Sangat Baik", "Istimewa", "Total"}, dist.Violations[0].Message)},
		{"empty unit without distribution", nil, nil, nil, []string{"Data distribusi tidak tersedia."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := document.WriteRecapXLSX(&buf, "Kecamatan Asemrowo", "Triwulan I 2026", tt.rows, tt.dist); err != nil {
				t.Fatalf("WriteRecapXLSX = %v", err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatalf("open recap: %v", err)
			}
			defer f.Close()
			if got := f.GetSheetList(); !slices.Equal(got, []string{"Rekap", "Distribusi"}) {
				t.Errorf("sheets = %q; want Rekap, Distribusi", got)
			}
			all, err := f.GetRows("Rekap")
			if err != nil {
				t.Fatalf("read Rekap: %v", err)
			}
			head := slices.IndexFunc(all, func(r []string) bool { return len(r) > 0 && r[0] == "No" })
			if head < 0 {
				t.Fatalf("Rekap has no header row: %q", all)
			}
			if want := []string{"No", "NIP", "Nama", "Jabatan", "Rating Hasil Kerja", "Rating Perilaku Kerja", "Predikat", "Status", "Justifikasi"}; !slices.Equal(all[head], want) {
				t.Errorf("header = %q; want %q", all[head], want)
			}
			if title := strings.Join(slices.Concat(all[:head]...), " "); !strings.Contains(title, "Kecamatan Asemrowo") || !strings.Contains(title, "Triwulan I 2026") {
				t.Errorf("title rows = %q; want the unit and the period", title)
			}
			data := all[head+1:]
			if len(data) != len(tt.want) {
				t.Fatalf("data rows = %d; want %d (one per employee): %q", len(data), len(tt.want), data)
			}
			for i, w := range tt.want {
				r := append(data[i], make([]string, 9)...)[:9] // trailing empty cells are not returned
				got := []string{r[1], r[2], r[4], r[5], r[6], r[7], r[8]}
				if !slices.Equal(got, w) {
					t.Errorf("row %d = %q; want %q", i+1, got, w)
				}
				// Cells are text, so that NIPs keep their digits.
				cell, _ := excelize.CoordinatesToCellName(2, head+2+i)
				if typ, _ := f.GetCellType("Rekap", cell); typ == excelize.CellTypeNumber {
					t.Errorf("%s is a number; want text", cell)
				}
			}
			dist, err := f.GetRows("Distribusi")
			if err != nil {
				t.Fatalf("read Distribusi: %v", err)
			}
			var cells []string
			for _, r := range dist {
				cells = append(cells, r...)
			}
			for _, w := range tt.lists {
				if !slices.Contains(cells, w) {
					t.Errorf("Distribusi lacks %q: %q", w, dist)
				}
			}
			if tt.dist != nil {
				for _, v := range tt.dist.Violations {
					if !slices.Contains(cells, v.Message) {
						t.Errorf("Distribusi lacks violation %q", v.Message)
					}
				}
				i := slices.IndexFunc(dist, func(r []string) bool { return len(r) > 1 && r[0] == "Sangat Baik" })
				if i < 0 || dist[i][1] != "4" {
					t.Errorf("Sangat Baik row = %q; want count 4", dist[max(i, 0)])
				}
			}
		})
	}
}
