package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kinerja/internal/kinerja"
)

// legacyRows is how many activities the historical calculator takes.
const legacyRows = 5

// legacyRow is one activity row of the calculator: four aspects, each a target and a
// realisation field.
type legacyRow struct {
	N     int
	Cells []legacyCell
}

type legacyCell struct{ Aspect, Target, Real string }

// legacyData is the data of the historical (PP 46/2011) calculator.
type legacyData struct {
	Form   form
	Rows   []legacyRow
	Scores []float64 // per filled activity row, in order
	Result *kinerja.LegacyResult
}

// legacy is the PP 46/2011 calculator, labelled historis: old records used numeric scores
// that PermenPANRB 6/2022 replaced with ratings and predikat.
func (h *Handler) legacy(w http.ResponseWriter, r *http.Request) {
	d := legacyData{Form: newForm(r.URL.Query(), nil)}
	for i := range legacyRows {
		row := legacyRow{N: i + 1}
		for _, k := range []string{"q", "k", "w", "b"} {
			p := "a" + strconv.Itoa(i) + "." + k
			row.Cells = append(row.Cells, legacyCell{Aspect: k, Target: p + "t", Real: p + "r"})
		}
		d.Rows = append(d.Rows, row)
	}
	q := r.URL.Query()
	if q.Get("compute") == "" {
		h.render(w, r, http.StatusOK, "legacy", page{Title: "legacy.title", Data: d})
		return
	}
	var v kinerja.Validation
	num := func(name string) float64 {
		s := strings.ReplaceAll(strings.TrimSpace(q.Get(name)), ",", ".")
		if s == "" {
			return 0
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f < 0 {
			v.Add(name, "Isi angka 0 atau lebih.")
		}
		return f
	}
	var acts []kinerja.LegacyActivity
	for i := range legacyRows {
		p := "a" + strconv.Itoa(i) + "."
		a := kinerja.LegacyActivity{QuantityT: num(p + "qt"), QuantityR: num(p + "qr"), QualityT: num(p + "kt"), QualityR: num(p + "kr"),
			TimeT: num(p + "wt"), TimeR: num(p + "wr"), CostT: num(p + "bt"), CostR: num(p + "br")}
		if a.QuantityT == 0 && a.QualityT == 0 && a.TimeT == 0 {
			continue
		}
		if a.QuantityT == 0 || a.QualityT == 0 || a.TimeT == 0 {
			v.Add(p+"qt", "Isi target kuantitas, kualitas dan waktu.")
		}
		acts = append(acts, a)
	}
	behaviour := num("behaviour")
	if behaviour > 100 {
		v.Add("behaviour", "Nilai perilaku 0–100.")
	}
	if len(acts) == 0 {
		v.Add("a0.qt", "Isi minimal satu kegiatan.")
	}
	if err := v.Err(); err != nil {
		d.Form = newForm(q, err)
		h.render(w, r, http.StatusUnprocessableEntity, "legacy", page{Title: "legacy.title", Alert: kinerja.ErrorMessage(err), Data: d})
		return
	}
	res := kinerja.LegacyScore(acts, behaviour)
	d.Result = &res
	for _, a := range acts {
		d.Scores = append(d.Scores, a.Score())
	}
	d.Form = newForm(url.Values(q), nil)
	h.render(w, r, http.StatusOK, "legacy", page{Title: "legacy.title", Data: d})
}
