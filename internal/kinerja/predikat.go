package kinerja

import (
	"fmt"
	"math"
)

// Rating is defined with peer feedback: di_atas, sesuai, di_bawah (ekspektasi).

// Predikat is the official rating outcome of an employee (PermenPANRB 6/2022).
type Predikat string

// Predikat values, best first.
const (
	PredikatSangatBaik     Predikat = "sangat_baik"
	PredikatBaik           Predikat = "baik"
	PredikatButuhPerbaikan Predikat = "butuh_perbaikan"
	PredikatKurang         Predikat = "kurang" // Kurang / Misconduct
	PredikatSangatKurang   Predikat = "sangat_kurang"
)

// Predikats lists the employee predikat, best first.
var Predikats = []Predikat{PredikatSangatBaik, PredikatBaik, PredikatButuhPerbaikan, PredikatKurang, PredikatSangatKurang}

// predikatMatrix is the table of DOMAIN.md §3: rows rating hasil kerja, columns rating
// perilaku kerja, in the order di_atas, sesuai, di_bawah.
var predikatMatrix = map[Rating]map[Rating]Predikat{
	RatingAbove: {RatingAbove: PredikatSangatBaik, RatingMeets: PredikatBaik, RatingBelow: PredikatKurang},
	RatingMeets: {RatingAbove: PredikatBaik, RatingMeets: PredikatBaik, RatingBelow: PredikatKurang},
	RatingBelow: {RatingAbove: PredikatButuhPerbaikan, RatingMeets: PredikatButuhPerbaikan, RatingBelow: PredikatSangatKurang},
}

// PredikatOf returns the predikat for a rating of results and a rating of behaviour, or
// false when either rating is unknown.
func PredikatOf(results, behaviour Rating) (Predikat, bool) {
	p, ok := predikatMatrix[results][behaviour]
	return p, ok
}

// OrgPredikat is a unit's Predikat Kinerja Organisasi.
type OrgPredikat string

// Organisation predikat values, best first.
const (
	OrgIstimewa       OrgPredikat = "istimewa"
	OrgBaik           OrgPredikat = "baik"
	OrgButuhPerbaikan OrgPredikat = "butuh_perbaikan"
	OrgKurang         OrgPredikat = "kurang"
	OrgSangatKurang   OrgPredikat = "sangat_kurang"
)

// OrgPredikats lists the organisation predikat, best first.
var OrgPredikats = []OrgPredikat{OrgIstimewa, OrgBaik, OrgButuhPerbaikan, OrgKurang, OrgSangatKurang}

// Violation is a broken rule of the distribution curve, with the numbers.
type Violation struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// curveRule is one line of SE MenPANRB 3/2023: the share of some predikat must stay at most
// (or at least) a limit.
type curveRule struct {
	code       string
	of         []Predikat
	max        bool // at most; else at least
	limit      float64
	atLeastOne bool // "at least one employee" rather than a share
	moreThan   bool // strictly more than limit ("sebagian besar": more than half)
}

var curve = map[OrgPredikat][]curveRule{
	OrgIstimewa: {
		{code: "sangat_baik_more_than_half", of: []Predikat{PredikatSangatBaik}, moreThan: true, limit: 0.50},
		{code: "sangat_baik_max_70", of: []Predikat{PredikatSangatBaik}, max: true, limit: 0.70},
	},
	OrgBaik: {
		{code: "baik_more_than_half", of: []Predikat{PredikatBaik}, moreThan: true, limit: 0.50},
		{code: "baik_max_70", of: []Predikat{PredikatBaik}, max: true, limit: 0.70},
		{code: "butuh_perbaikan_or_kurang_min_1", of: []Predikat{PredikatButuhPerbaikan, PredikatKurang}, atLeastOne: true},
	},
	OrgButuhPerbaikan: {
		{code: "sangat_baik_max_10", of: []Predikat{PredikatSangatBaik}, max: true, limit: 0.10},
		{code: "butuh_perbaikan_min_60", of: []Predikat{PredikatButuhPerbaikan}, limit: 0.60},
	},
	OrgKurang: {
		{code: "sangat_baik_max_10", of: []Predikat{PredikatSangatBaik}, max: true, limit: 0.10},
		{code: "butuh_perbaikan_min_10", of: []Predikat{PredikatButuhPerbaikan}, limit: 0.10},
		{code: "kurang_min_60", of: []Predikat{PredikatKurang}, limit: 0.60},
	},
	OrgSangatKurang: {
		{code: "sangat_baik_none", of: []Predikat{PredikatSangatBaik}, max: true, limit: 0},
		{code: "butuh_perbaikan_kurang_min_10", of: []Predikat{PredikatButuhPerbaikan, PredikatKurang}, limit: 0.10},
		{code: "sangat_kurang_min_60", of: []Predikat{PredikatSangatKurang}, limit: 0.60},
	},
}

// predikatLabel names a predikat in Bahasa Indonesia.
var predikatLabel = map[Predikat]string{
	PredikatSangatBaik: "Sangat Baik", PredikatBaik: "Baik", PredikatButuhPerbaikan: "Butuh Perbaikan",
	PredikatKurang: "Kurang/Misconduct", PredikatSangatKurang: "Sangat Kurang",
}

// Label returns the official name of p.
func (p Predikat) Label() string { return predikatLabel[p] }

// CheckDistribution checks the predikat of a group against the curve of its organisation
// predikat. total counts everyone of the group with an SKP in the period, assessed or not, so
// shares are over all of them. A rule about a minimum share is broken once it can no longer be
// met: even if everyone not assessed yet got the predikat it asks for, the share would stay
// short. So a floor is not told early while the missing ones may still fill it, and is told as
// soon as they cannot.
func CheckDistribution(o OrgPredikat, counts map[Predikat]int, total int) []Violation {
	if total == 0 {
		return nil
	}
	assessed := 0
	for _, n := range counts {
		assessed += n
	}
	open := max(total-assessed, 0)
	var out []Violation
	for _, r := range curve[o] {
		n := 0
		var names string
		for i, p := range r.of {
			n += counts[p]
			if i > 0 {
				names += " + "
			}
			names += p.Label()
		}
		share := float64(n) / float64(total)
		best := float64(n+open) / float64(total) // the share if every open one got it
		pct := math.Round(share*1000) / 10
		switch {
		case r.max && share > r.limit+1e-9:
			msg := fmt.Sprintf("%s %d dari %d pegawai (%s), melebihi batas %s.", names, n, total, FormatPercent("id", pct), FormatPercent("id", r.limit*100))
			if r.limit == 0 {
				msg = fmt.Sprintf("%s %d dari %d pegawai; tidak boleh ada.", names, n, total)
			}
			out = append(out, Violation{r.code, msg})
		case r.atLeastOne && n+open == 0:
			out = append(out, Violation{r.code, fmt.Sprintf("Harus ada minimal satu pegawai %s; saat ini tidak ada.", names)})
		case r.moreThan && best <= r.limit+1e-9:
			out = append(out, Violation{r.code, fmt.Sprintf("%s %d dari %d pegawai (%s); sebagian besar pegawai (lebih dari %s) harus %s.",
				names, n, total, FormatPercent("id", pct), FormatPercent("id", r.limit*100), names)})
		case !r.max && !r.atLeastOne && !r.moreThan && best < r.limit-1e-9:
			out = append(out, Violation{r.code, fmt.Sprintf("%s %d dari %d pegawai (%s), kurang dari minimal %s.", names, n, total, FormatPercent("id", pct), FormatPercent("id", r.limit*100))})
		}
	}
	return out
}

// AchievementAdvice suggests a rating for an RHK from its achievement in percent of the
// target: above s.AdviceAbovePercent (default 100) di atas, from s.AdviceMeetsPercent
// (default 90) sesuai, below that di bawah. It is advice shown to the pejabat penilai, who
// decides (DOMAIN.md §3: there is no national numeric cut-off, hence the organisation's own).
func (s OrgSettings) AchievementAdvice(percent float64) Rating {
	switch {
	case percent > s.AdviceAbovePercent:
		return RatingAbove
	case percent >= s.AdviceMeetsPercent:
		return RatingMeets
	}
	return RatingBelow
}
