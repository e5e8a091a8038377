package demo

import (
	"context"
	"fmt"
	"strings"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// leaderRHK are the work results of the leaders, by person key: each intervenes the first
// RHK of their supervisor unless noted.
var leaderRHK = map[string][]string{
	"camat": {
		"Meningkatnya kualitas pelayanan publik di Kecamatan Asemrowo",
		"Terwujudnya ketenteraman dan ketertiban umum di wilayah Kecamatan Asemrowo",
		"Meningkatnya kesejahteraan masyarakat dan kualitas pembangunan wilayah",
	},
	"sekcam": {
		"Terselenggaranya administrasi umum, kepegawaian, keuangan dan perencanaan kecamatan yang akuntabel",
		"Terkoordinasinya pelayanan pemerintahan serta ketenteraman dan ketertiban umum oleh seksi-seksi kecamatan",
		"Terkoordinasinya program kesejahteraan rakyat, perekonomian dan pembangunan oleh seksi-seksi kecamatan",
	},
	"kasubbag.umum":     {"Terkelolanya administrasi umum dan kepegawaian kecamatan secara tertib"},
	"kasubbag.keuangan": {"Tersusunnya perencanaan dan laporan keuangan kecamatan yang tepat waktu"},
	"kasi.pemerintahan": {"Meningkatnya kecepatan layanan administrasi kependudukan dan perizinan", "Tersedianya data pemerintahan kecamatan yang mutakhir"},
	"kasi.trantib":      {"Menurunnya pelanggaran ketertiban umum di wilayah kecamatan"},
	"kasi.kesra":        {"Tersalurkannya bantuan sosial secara tepat sasaran"},
	"kasi.ekbang":       {"Terlaksananya pemantauan pembangunan dan pemberdayaan ekonomi masyarakat"},
	"analis":            {"Tersusunnya rekomendasi kebijakan peningkatan pelayanan kecamatan"},
	"prakom":            {"Terkelolanya sistem informasi dan jaringan kantor kecamatan"},
}

// parentRHKFor says which of their supervisor's RHK a person's RHK intervene; people not
// listed intervene their supervisor's RHK in turn.
var parentRHKFor = map[string]int{"kasi.pemerintahan": 1, "kasi.trantib": 1, "kasi.kesra": 2, "kasi.ekbang": 2}

// revisionState is the state of the mid-year revision of a person's SKP, after the budget
// change: the first version, agreed in January, stays approved and assessed, and the demo
// shows the SKP workflow on the revisions. The Seksi Pemerintahan's revisions are drafts, so
// that their Kasi hands out RHK from the matrix.
func revisionState(p person) (kinerja.SKPStatus, bool) {
	switch {
	case p.key == "kasi.pemerintahan", strings.HasPrefix(p.key, "staf.pemerintahan."), p.key == "analis":
		return kinerja.SKPDraft, true
	case strings.HasPrefix(p.key, "staf.kesra."), strings.HasPrefix(p.key, "seklur."):
		return kinerja.SKPSubmitted, true
	case p.key == "staf.ekbang.1":
		return kinerja.SKPReturned, true
	}
	return "", false
}

func indicators(unit string, n int) []kinerja.IndicatorInput {
	return []kinerja.IndicatorInput{
		{Aspect: kinerja.AspectQuantity, Text: "Jumlah " + unit + " yang diselesaikan", Target: fmt.Sprint(n), Unit: unit},
		{Aspect: kinerja.AspectQuality, Text: "Persentase " + unit + " yang selesai tanpa perbaikan", Target: "95", Unit: "%"},
		{Aspect: kinerja.AspectTime, Text: "Penyelesaian sesuai jadwal", Target: "12", Unit: "bulan"},
	}
}

// loadSKP gives everyone an SKP for the current year, cascaded from the Camat down and
// approved on the first working day of the year.
// People who already have an SKP for the year are left as they are.
func loadSKP(ctx context.Context, db *sqldb.DB, org int64, ps []person, nips map[string]string, ids map[string]int64, sum *Summary) error {
	year := kinerja.Today(db.Now()).Year()
	defer at(db, agreedOn(year))()
	periods, err := db.FindPeriods(ctx, org)
	if err != nil {
		return err
	}
	var period *kinerja.Period
	for _, p := range periods {
		if p.Year == year {
			period = p
		}
	}
	if period == nil {
		if period, err = db.CreatePeriod(ctx, kinerja.NewPeriod{OrgID: org, Year: year, Cadence: kinerja.CadenceQuarterly}); err != nil {
			return fmt.Errorf("demo period: %w", err)
		}
	}
	existing, _, err := db.FindSKPs(ctx, kinerja.SKPFilter{OrgID: org, PeriodID: period.ID, Limit: kinerja.MaxLimit})
	if err != nil {
		return err
	}
	have := map[int64]*kinerja.SKP{}
	for _, s := range existing {
		have[s.EmployeeID] = s
	}
	byKey := map[string]person{}
	for _, p := range ps {
		byKey[p.key] = p
	}
	// firstRHK remembers each person's RHK so that their staff can intervene them.
	rhkOf := map[string][]int64{}
	for _, s := range existing {
		full, err := db.FindSKPByID(ctx, s.ID)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if ids[nips[p.key]] == s.EmployeeID {
				for _, r := range full.Results {
					rhkOf[p.key] = append(rhkOf[p.key], r.ID)
				}
			}
		}
	}
	var toApprove []*kinerja.SKP
	for idx, p := range ps { // leaders come before their staff
		id := ids[nips[p.key]]
		if have[id] != nil {
			continue
		}
		s, err := db.CreateSKP(ctx, id, period.ID, kinerja.ApproachQuantitative)
		if err != nil {
			return fmt.Errorf("demo SKP of %s: %w", p.name, err)
		}
		sum.SKPCreated++
		texts := leaderRHK[p.key]
		if texts == nil {
			texts = []string{"Terlaksananya tugas " + strings.ToLower(p.position) + " secara tertib dan tepat waktu"}
		}
		for i, text := range texts {
			target := 12 * (i + 1)
			if p.kind == kinerja.PositionPelaksana || p.kind == kinerja.PositionFungsional {
				// About what their daily activities add up to in a year, more for some and less
				// for others, so that achievement spreads around the target.
				target = (180 + 20*(idx%5)) / len(texts)
			}
			in := kinerja.ResultInput{Kind: kinerja.ResultMain, Text: text, Indicators: indicators(unitWord(p), target)}
			if p.sup != "" {
				parents := rhkOf[p.sup]
				if len(parents) == 0 {
					return fmt.Errorf("demo SKP of %s: supervisor %s has no RHK", p.name, p.sup)
				}
				k, ok := parentRHKFor[p.key]
				if !ok || k >= len(parents) {
					k = i % len(parents)
				}
				in.ParentResultID = &parents[k]
			}
			r, err := db.AddResult(ctx, s.ID, in)
			if err != nil {
				return fmt.Errorf("demo RHK of %s: %w", p.name, err)
			}
			rhkOf[p.key] = append(rhkOf[p.key], r.ID)
		}
		if p.kind != kinerja.PositionPelaksana {
			extra := kinerja.ResultInput{Kind: kinerja.ResultAdditional, Text: "Menjadi narasumber sosialisasi layanan digital kepada warga",
				Indicators: indicators("kegiatan", 4)}
			if _, err := db.AddResult(ctx, s.ID, extra); err != nil {
				return fmt.Errorf("demo RHK tambahan of %s: %w", p.name, err)
			}
		}
		if _, err := db.SubmitSKP(ctx, s.ID); err != nil {
			return fmt.Errorf("demo submit of %s: %w", p.name, err)
		}
		toApprove = append(toApprove, s)
	}
	for _, s := range toApprove {
		actx := ctx
		if s.AppraiserID != nil {
			// The demo acts as the pejabat penilai; the audit log shows "demo".
			actx = supervisorContext(ctx, org, *s.AppraiserID)
		}
		if s.AppraiserID != nil {
			exp := []kinerja.Behavior{{Value: "berorientasi_pelayanan", Expectation: "Melayani warga dengan ramah dan menuntaskan berkas di hari yang sama"},
				{Value: "kolaboratif", Expectation: "Berbagi data dengan seksi lain dan kelurahan tanpa menunggu diminta"}}
			if _, err := db.SetBehaviors(actx, s.ID, exp); err != nil {
				return fmt.Errorf("demo expectations: %w", err)
			}
		}
		if _, err := db.ApproveSKP(actx, s.ID); err != nil {
			return fmt.Errorf("demo approve: %w", err)
		}
	}
	return nil
}

// loadRevisions revises the SKP of the people of revisionState, leaving each revision in its
// state. People whose SKP was revised already are left as they are.
func loadRevisions(ctx context.Context, db *sqldb.DB, org int64, ps []person, nips map[string]string, ids map[string]int64, sum *Summary) error {
	year := kinerja.Today(db.Now()).Year()
	for _, p := range ps { // leaders first, so that their staff follow their new RHK
		state, ok := revisionState(p)
		if !ok {
			continue
		}
		id := ids[nips[p.key]]
		skps, _, err := db.FindSKPs(ctx, kinerja.SKPFilter{OrgID: org, EmployeeID: &id, Limit: 1})
		if err != nil {
			return err
		}
		if len(skps) == 0 || skps[0].Year != year || skps[0].Version != 1 || skps[0].Status != kinerja.SKPApproved {
			continue
		}
		own := supervisorContext(ctx, org, id)
		rev, err := db.ReviseSKP(own, skps[0].ID)
		if err != nil {
			return fmt.Errorf("demo revision of %s: %w", p.name, err)
		}
		sum.Revisions++
		if state == kinerja.SKPDraft {
			continue
		}
		if _, err := db.SubmitSKP(own, rev.ID); err != nil {
			return fmt.Errorf("demo submit of the revision of %s: %w", p.name, err)
		}
		if state == kinerja.SKPReturned && rev.AppraiserID != nil {
			if _, err := db.ReturnSKP(supervisorContext(ctx, org, *rev.AppraiserID), rev.ID,
				"Sesuaikan target kuantitas dengan anggaran perubahan dan lengkapi target kualitas."); err != nil {
				return fmt.Errorf("demo return: %w", err)
			}
		}
	}
	return nil
}

// unitWord is what a person's work is counted in.
func unitWord(p person) string {
	switch {
	case strings.Contains(p.unit, "Keuangan"):
		return "laporan"
	case strings.Contains(p.unit, "Pemerintahan"):
		return "layanan"
	case strings.Contains(p.unit, "Ketenteraman"):
		return "kegiatan"
	case strings.Contains(p.unit, "Kesejahteraan"):
		return "dokumen"
	}
	return "dokumen"
}
