package kinerja

import "math"

// The PP 46/2011 numeric scoring, for showing old records only (labelled "historis").

// LegacyActivity is one activity of an old SKP with targets (T) and realisations (R).
type LegacyActivity struct {
	QuantityT, QuantityR float64
	QualityT, QualityR   float64
	TimeT, TimeR         float64 // months
	CostT, CostR         float64 // 0 when the activity has no cost target
}

// LegacyTimeScore scores time: with efficiency e = 100 − R/T×100, ((1.76·T − R)/T)·100 when
// e ≤ 24, else 76 − (((1.76·T − R)/T)·100 − 100). Finishing on time gives 76. Cost is scored
// the same way.
func LegacyTimeScore(t, r float64) float64 {
	if t <= 0 {
		return 0
	}
	e := 100 - r/t*100
	s := (1.76*t - r) / t * 100
	if e <= 24 {
		return s
	}
	return 76 - (s - 100)
}

// Score returns the activity's score: the sum of its aspect scores over 3, or 4 with cost.
func (a LegacyActivity) Score() float64 {
	sum, n := 0.0, 3.0
	if a.QuantityT > 0 {
		sum += a.QuantityR / a.QuantityT * 100
	}
	if a.QualityT > 0 {
		sum += a.QualityR / a.QualityT * 100
	}
	sum += LegacyTimeScore(a.TimeT, a.TimeR)
	if a.CostT > 0 {
		sum += LegacyTimeScore(a.CostT, a.CostR)
		n = 4
	}
	return sum / n
}

// LegacyResult is the Nilai Prestasi Kerja: 60 % SKP score and 40 % behaviour.
type LegacyResult struct {
	SKP, Behaviour, Total float64
	Category              string // Sangat Baik, Baik, Cukup, Kurang, Buruk
}

// LegacyScore computes the Nilai Prestasi Kerja from an old SKP's activities and its
// behaviour score, rounded to two decimals at the end.
func LegacyScore(activities []LegacyActivity, behaviour float64) LegacyResult {
	var skp float64
	for _, a := range activities {
		skp += a.Score()
	}
	if len(activities) > 0 {
		skp /= float64(len(activities))
	}
	total := 0.6*skp + 0.4*behaviour
	r := LegacyResult{SKP: round2(skp), Behaviour: round2(behaviour), Total: round2(total)}
	switch t := r.Total; {
	case t >= 91:
		r.Category = "Sangat Baik"
	case t >= 76:
		r.Category = "Baik"
	case t >= 61:
		r.Category = "Cukup"
	case t >= 51:
		r.Category = "Kurang"
	default:
		r.Category = "Buruk"
	}
	return r
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
