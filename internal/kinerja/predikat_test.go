package kinerja

import (
	"math"
	"testing"
)

func TestPredikatOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		results, behaviour Rating
		want               Predikat
	}{
		{RatingAbove, RatingAbove, PredikatSangatBaik},
		{RatingAbove, RatingMeets, PredikatBaik},
		{RatingAbove, RatingBelow, PredikatKurang},
		{RatingMeets, RatingAbove, PredikatBaik},
		{RatingMeets, RatingMeets, PredikatBaik},
		{RatingMeets, RatingBelow, PredikatKurang},
		{RatingBelow, RatingAbove, PredikatButuhPerbaikan},
		{RatingBelow, RatingMeets, PredikatButuhPerbaikan},
		{RatingBelow, RatingBelow, PredikatSangatKurang},
	}
	for _, tt := range tests {
		if got, ok := PredikatOf(tt.results, tt.behaviour); !ok || got != tt.want {
			t.Errorf("PredikatOf(%v, %v) = %v; want %v", tt.results, tt.behaviour, got, tt.want)
		}
	}
	if _, ok := PredikatOf("luar_biasa", RatingMeets); ok {
		t.Error("PredikatOf accepted an unknown rating")
	}
}

func TestCheckDistribution(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		org    OrgPredikat
		counts map[Predikat]int
		total  int
		want   []string
	}{
		{"istimewa 3 of 5 sangat baik", OrgIstimewa, map[Predikat]int{PredikatSangatBaik: 3, PredikatBaik: 2}, 5, nil},
		{"istimewa 4 of 5 sangat baik", OrgIstimewa, map[Predikat]int{PredikatSangatBaik: 4}, 5, []string{"sangat_baik_max_70"}},
		{"baik without anyone below", OrgBaik, map[Predikat]int{PredikatBaik: 3, PredikatSangatBaik: 2}, 5, []string{"butuh_perbaikan_or_kurang_min_1"}},
		{"baik not everyone assessed yet", OrgBaik, map[Predikat]int{PredikatBaik: 2}, 5, nil},
		{"baik 8 of 10 baik", OrgBaik, map[Predikat]int{PredikatBaik: 8, PredikatKurang: 2}, 10, []string{"baik_max_70"}},
		{"butuh perbaikan", OrgButuhPerbaikan, map[Predikat]int{PredikatSangatBaik: 2, PredikatButuhPerbaikan: 5, PredikatBaik: 3}, 10,
			[]string{"sangat_baik_max_10", "butuh_perbaikan_min_60"}},
		{"kurang fine", OrgKurang, map[Predikat]int{PredikatButuhPerbaikan: 3, PredikatKurang: 7}, 10, nil},
		{"sangat kurang with one sangat baik", OrgSangatKurang, map[Predikat]int{PredikatSangatBaik: 1, PredikatSangatKurang: 9}, 10,
			[]string{"sangat_baik_none", "butuh_perbaikan_kurang_min_10"}},
		{"empty group", OrgIstimewa, nil, 0, nil},
		// The "most employees" floor of SE 3/2023: more than half, at most 70 %.
		{"istimewa 5 of 10 sangat baik is not most", OrgIstimewa, map[Predikat]int{PredikatSangatBaik: 5, PredikatBaik: 5}, 10, []string{"sangat_baik_more_than_half"}},
		{"istimewa 6 of 10 sangat baik", OrgIstimewa, map[Predikat]int{PredikatSangatBaik: 6, PredikatBaik: 4}, 10, nil},
		{"istimewa 7 of 10 sangat baik", OrgIstimewa, map[Predikat]int{PredikatSangatBaik: 7, PredikatBaik: 3}, 10, nil},
		{"istimewa 8 of 10 sangat baik", OrgIstimewa, map[Predikat]int{PredikatSangatBaik: 8, PredikatBaik: 2}, 10, []string{"sangat_baik_max_70"}},
		{"istimewa 2 of 4 sangat baik", OrgIstimewa, map[Predikat]int{PredikatSangatBaik: 2, PredikatBaik: 2}, 4, []string{"sangat_baik_more_than_half"}},
		{"istimewa 2 of 3 sangat baik", OrgIstimewa, map[Predikat]int{PredikatSangatBaik: 2, PredikatBaik: 1}, 3, nil},
		{"istimewa floor still reachable", OrgIstimewa, map[Predikat]int{PredikatSangatBaik: 1, PredikatBaik: 4}, 10, nil},
		{"istimewa floor out of reach", OrgIstimewa, map[Predikat]int{PredikatBaik: 5}, 10, []string{"sangat_baik_more_than_half"}},
		{"baik 5 of 10 baik is not most", OrgBaik, map[Predikat]int{PredikatBaik: 5, PredikatSangatBaik: 4, PredikatKurang: 1}, 10, []string{"baik_more_than_half"}},
		{"baik 6 of 10 baik", OrgBaik, map[Predikat]int{PredikatBaik: 6, PredikatSangatBaik: 3, PredikatButuhPerbaikan: 1}, 10, nil},
		{"baik 7 of 10 baik", OrgBaik, map[Predikat]int{PredikatBaik: 7, PredikatSangatBaik: 2, PredikatKurang: 1}, 10, nil},
		{"baik 9 of 10 sangat baik", OrgBaik, map[Predikat]int{PredikatSangatBaik: 9, PredikatKurang: 1}, 10, []string{"baik_more_than_half"}},
		{"baik 9 of 10 sangat baik, one open", OrgBaik, map[Predikat]int{PredikatSangatBaik: 9}, 10, []string{"baik_more_than_half"}},
		{"baik nobody below and nobody open", OrgBaik, map[Predikat]int{PredikatBaik: 6, PredikatSangatBaik: 4}, 10, []string{"butuh_perbaikan_or_kurang_min_1"}},
		{"butuh perbaikan minimum out of reach", OrgButuhPerbaikan, map[Predikat]int{PredikatBaik: 5}, 10, []string{"butuh_perbaikan_min_60"}},
	}
	for _, tt := range tests {
		var got []string
		for _, v := range CheckDistribution(tt.org, tt.counts, tt.total) {
			got = append(got, v.Rule)
			if v.Message == "" {
				t.Errorf("%s: rule %s without a message", tt.name, v.Rule)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: CheckDistribution = %v; want %v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: CheckDistribution = %v; want %v", tt.name, got, tt.want)
			}
		}
	}
}

func TestHeadResultsRating(t *testing.T) {
	t.Parallel()
	def := DefaultSettings(1)
	lenient := DefaultSettings(1)
	lenient.HeadRatings = map[OrgPredikat]Rating{OrgIstimewa: RatingAbove, OrgBaik: RatingAbove, OrgButuhPerbaikan: RatingMeets,
		OrgKurang: RatingBelow, OrgSangatKurang: RatingBelow}
	tests := []struct {
		s    OrgSettings
		o    OrgPredikat
		want Rating
	}{
		{def, OrgIstimewa, RatingAbove}, {def, OrgBaik, RatingMeets}, {def, OrgButuhPerbaikan, RatingBelow},
		{def, OrgKurang, RatingBelow}, {def, OrgSangatKurang, RatingBelow},
		{lenient, OrgBaik, RatingAbove}, {lenient, OrgButuhPerbaikan, RatingMeets}, {lenient, OrgKurang, RatingBelow},
		{OrgSettings{}, OrgIstimewa, RatingAbove}, // no mapping stored: the default
	}
	for _, tt := range tests {
		if got := tt.s.HeadResultsRating(tt.o); got != tt.want {
			t.Errorf("HeadResultsRating(%v) with %v = %v; want %v", tt.o, tt.s.HeadRatings, got, tt.want)
		}
	}
	bad := DefaultSettings(1)
	bad.HeadRatings = map[OrgPredikat]Rating{OrgIstimewa: "hebat", OrgBaik: RatingMeets}
	fields := ErrorFields(bad.Validate())
	if fields["head_rating_istimewa"] == "" || fields["head_rating_kurang"] == "" || fields["head_rating_baik"] != "" {
		t.Errorf("Validate with a bad and missing head ratings: fields %v", fields)
	}
}

func TestLegacyTimeScore(t *testing.T) {
	t.Parallel()
	tests := []struct {
		t, r, want float64
	}{
		{12, 12, 76},    // on time
		{12, 10, 92.67}, // two months early
		{12, 6, 50},     // half the time: efficiency above 24 %
	}
	for _, tt := range tests {
		if got := LegacyTimeScore(tt.t, tt.r); math.Abs(got-tt.want) > 0.005 {
			t.Errorf("LegacyTimeScore(%v, %v) = %.4f; want %.2f", tt.t, tt.r, got, tt.want)
		}
	}
}

func TestLegacyScore(t *testing.T) {
	t.Parallel()
	a := LegacyActivity{QuantityT: 12, QuantityR: 12, QualityT: 100, QualityR: 90, TimeT: 12, TimeR: 12}
	if got := a.Score(); math.Abs(got-(100+90+76)/3.0) > 1e-9 {
		t.Errorf("Score = %v; want %v", got, (100+90+76)/3.0)
	}
	withCost := a
	withCost.CostT, withCost.CostR = 1000, 1000
	if got := withCost.Score(); math.Abs(got-(100+90+76+76)/4.0) > 1e-9 {
		t.Errorf("Score with cost = %v; want %v", got, (100+90+76+76)/4.0)
	}
	r := LegacyScore([]LegacyActivity{a}, 80)
	if r.Total != 85.2 || r.Category != "Baik" {
		t.Errorf("LegacyScore = %+v; want 0.6×88.67 + 0.4×80 = 85.2, Baik", r)
	}
}

func TestAchievementAdvice(t *testing.T) {
	t.Parallel()
	strict := DefaultSettings(1)
	strict.AdviceAbovePercent, strict.AdviceMeetsPercent = 110, 80
	equal := DefaultSettings(1)
	equal.AdviceMeetsPercent = 100
	tests := []struct {
		name string
		s    OrgSettings
		pct  float64
		want Rating
	}{
		{"default", DefaultSettings(1), 120, RatingAbove},
		{"default", DefaultSettings(1), 100.5, RatingAbove},
		{"default", DefaultSettings(1), 100, RatingMeets},
		{"default", DefaultSettings(1), 90, RatingMeets},
		{"default", DefaultSettings(1), 89.9, RatingBelow},
		{"default", DefaultSettings(1), 0, RatingBelow},
		{"110/80", strict, 111, RatingAbove},
		{"110/80", strict, 110, RatingMeets},
		{"110/80", strict, 105, RatingMeets},
		{"110/80", strict, 80, RatingMeets},
		{"110/80", strict, 79, RatingBelow},
		{"100/100", equal, 100, RatingMeets},
		{"100/100", equal, 99.9, RatingBelow},
	}
	for _, tt := range tests {
		if got := tt.s.AchievementAdvice(tt.pct); got != tt.want {
			t.Errorf("%s: AchievementAdvice(%v) = %v; want %v", tt.name, tt.pct, got, tt.want)
		}
	}
}

func TestAssessmentOpens(t *testing.T) {
	t.Parallel()
	q1, _ := FindEvalPeriod(2026, CadenceQuarterly, "2026-Q1")
	year, _ := FindEvalPeriod(2026, CadenceQuarterly, "2026")
	tests := []struct {
		p     EvalPeriod
		early int
		today Date
		ok    bool
	}{
		{q1, 0, NewDate(2026, 3, 31), false}, // the last day: not ended yet
		{q1, 0, NewDate(2026, 4, 1), true},
		{q1, 10, NewDate(2026, 3, 21), false},
		{q1, 10, NewDate(2026, 3, 22), true}, // ten days before the end, the end day counted
		{year, 0, NewDate(2026, 12, 31), false},
		{year, 0, NewDate(2027, 1, 1), true},
	}
	for _, tt := range tests {
		err := CheckAssessmentOpen(tt.p, tt.early, tt.today)
		if (err == nil) != tt.ok {
			t.Errorf("CheckAssessmentOpen(%s, %d, %s) = %v; want ok %v", tt.p.Key, tt.early, tt.today, err, tt.ok)
		}
		if err != nil && ErrorFields(err)["period"] != MsgAssessmentTooEarly {
			t.Errorf("CheckAssessmentOpen(%s) = %v; want the message on period", tt.p.Key, err)
		}
	}
	for _, tt := range []struct {
		year int
		want Date
	}{{2026, NewDate(2027, 1, 31)}, {2027, NewDate(2028, 1, 31)}} {
		if got := AnnualEvaluationDue(tt.year); got != tt.want {
			t.Errorf("AnnualEvaluationDue(%d) = %s; want %s", tt.year, got, tt.want)
		}
	}
}

// After a mid-year transfer the closed SKP is assessed only for the periods before the move
// and the new one only for those from it on; a period either covers in part is allowed.
func TestCheckAssessmentCovered(t *testing.T) {
	t.Parallel()
	p := &Period{Year: 2026, Start: NewDate(2026, 1, 1), End: NewDate(2026, 12, 31)}
	whole := &SKP{}
	closed := &SKP{EndDate: NewDate(2026, 6, 30)}
	next := &SKP{StartDate: NewDate(2026, 7, 1)}
	closedMid := &SKP{EndDate: NewDate(2026, 8, 14)}
	nextMid := &SKP{StartDate: NewDate(2026, 8, 15)}
	tests := []struct {
		skp  *SKP
		key  string
		c    Cadence
		ok   bool
		name string
	}{
		{whole, "2026-Q1", CadenceQuarterly, true, "whole year, Q1"},
		{whole, "2026-Q4", CadenceQuarterly, true, "whole year, Q4"},
		{closed, "2026-Q2", CadenceQuarterly, true, "closed 30 June, Q2"},
		{closed, "2026-Q3", CadenceQuarterly, false, "closed 30 June, Q3"},
		{closed, "2026-07", CadenceMonthly, false, "closed 30 June, July"},
		{closed, "2026-S2", CadenceSemester, false, "closed 30 June, S2"},
		{closed, "2026", CadenceQuarterly, true, "closed 30 June, the year"},
		{next, "2026-Q1", CadenceQuarterly, false, "from 1 July, Q1"},
		{next, "2026-Q2", CadenceQuarterly, false, "from 1 July, Q2"},
		{next, "2026-Q3", CadenceQuarterly, true, "from 1 July, Q3"},
		{next, "2026", CadenceQuarterly, true, "from 1 July, the year"},
		{closedMid, "2026-Q3", CadenceQuarterly, true, "closed 14 August, Q3 in part"},
		{closedMid, "2026-Q4", CadenceQuarterly, false, "closed 14 August, Q4"},
		{nextMid, "2026-Q3", CadenceQuarterly, true, "from 15 August, Q3 in part"},
		{nextMid, "2026-Q2", CadenceQuarterly, false, "from 15 August, Q2"},
	}
	for _, tt := range tests {
		ep, found := FindEvalPeriod(2026, tt.c, tt.key)
		if !found {
			t.Fatalf("%s: no period %s", tt.name, tt.key)
		}
		err := CheckAssessmentCovered(ep, p, tt.skp)
		if (err == nil) != tt.ok {
			t.Errorf("%s: CheckAssessmentCovered = %v; want ok %v", tt.name, err, tt.ok)
		}
		if err != nil && (ErrorCode(err) != EINVALID || ErrorFields(err)["period"] != MsgAssessmentOutsideSKP) {
			t.Errorf("%s: CheckAssessmentCovered = %v; want the message on period", tt.name, err)
		}
	}
}
