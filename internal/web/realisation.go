package web

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// realisationData is the data of an SKP's realisation in one evaluation period.
type realisationData struct {
	SKP     *kinerja.SKP
	Period  *kinerja.Period
	Periods []kinerja.EvalPeriod // the year's evaluation periods, then the year
	Eval    kinerja.EvalPeriod   // the one shown
	Results []realisationResult
	CanNote bool // the employee (or an admin) writes the notes
	Mine    bool
	Note    form  // a refused note, shown again
	NoteFor int64 // the indicator it is about
	noteErr error
}

// NoteForm returns the note form of indicator id: the refused one when it is about id.
func (d *realisationData) NoteForm(id int64, note string) form {
	if id == d.NoteFor {
		return d.Note
	}
	return newForm(url.Values{"note": {note}}, nil)
}

// realisationResult is an RHK with the realisation of each of its indicators.
type realisationResult struct {
	*kinerja.Result
	Number int
	Items  []realisationItem
}

// realisationItem is one indicator's realisation with the value of its progress bar.
type realisationItem struct {
	kinerja.Realisation
	Bar  int     // the percentage achieved, capped to 0–100
	Part float64 // the target's share of a period shorter than the year; 0 for the year
}

// newRealisationItem prepares a realisation for the pages.
func newRealisationItem(re kinerja.Realisation) realisationItem {
	item := realisationItem{Realisation: re}
	if re.Percent != nil {
		item.Bar = int(math.Round(min(max(*re.Percent, 0), 100)))
	}
	if t, ok := kinerja.ParseTarget(re.Target); ok && re.PeriodTarget != nil && *re.PeriodTarget < t {
		item.Part = *re.PeriodTarget
	}
	return item
}

// currentEval is the evaluation period of a year that holds today, or the year itself when
// today lies outside it.
func currentEval(periods []kinerja.EvalPeriod, today kinerja.Date) kinerja.EvalPeriod {
	for _, p := range periods {
		if !today.Before(p.Start) && !today.After(p.End) {
			return p
		}
	}
	return periods[len(periods)-1]
}

// evalLabel names an evaluation period key: "Triwulan I 2026", "Mar 2026", "Semester II
// 2026" or "Tahun 2026".
func evalLabel(c *catalogues, locale, key string) string {
	roman := []string{"", "I", "II", "III", "IV"}
	year, rest, _ := strings.Cut(key, "-")
	y, _ := strconv.Atoi(year)
	if rest == "" {
		return c.translate(locale, "eval.year", y)
	}
	n, _ := strconv.Atoi(strings.TrimLeft(rest, "QS"))
	switch {
	case strings.HasPrefix(rest, "Q") && n >= 1 && n <= 4:
		return c.translate(locale, "eval.quarter", roman[n], y)
	case strings.HasPrefix(rest, "S") && n >= 1 && n <= 2:
		return c.translate(locale, "eval.semester", roman[n], y)
	case n >= 1 && n <= 12:
		return c.translate(locale, fmt.Sprintf("month.%d", n)) + " " + year
	}
	return key
}

// realisation shows, for every indicator of an SKP, what it achieved in an evaluation
// period (?period=2026-Q1; default the current one): computed from approved activities for
// kuantitas indicators, with a progress bar, and the employee's note.
func (h *Handler) realisation(w http.ResponseWriter, r *http.Request) {
	s, ok := h.pathSKP(w, r)
	if !ok {
		return
	}
	h.renderRealisation(w, r, http.StatusOK, s, r.URL.Query().Get("period"), nil)
}

func (h *Handler) renderRealisation(w http.ResponseWriter, r *http.Request, status int, s *kinerja.SKP, key string, d *realisationData) {
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	if d == nil {
		d = &realisationData{}
	}
	d.SKP = s
	d.Mine = u.EmployeeID != nil && *u.EmployeeID == s.EmployeeID
	var err error
	if d.Period, err = h.db.FindPeriodByID(ctx, s.PeriodID); err != nil {
		h.fail(w, r, err)
		return
	}
	d.CanNote = kinerja.SKPActions(u, s, kinerja.SKPFacts{PeriodClosed: d.Period.Closed}).Has(kinerja.ActionNote)
	d.Periods = kinerja.EvalPeriods(d.Period.Year, d.Period.Cadence)
	found := true
	if key == "" {
		d.Eval = currentEval(d.Periods, h.today())
	} else if d.Eval, found = kinerja.FindEvalPeriod(d.Period.Year, d.Period.Cadence, key); !found {
		h.ErrorPage(w, r, http.StatusNotFound, "realisation.no_period")
		return
	}
	list, err := h.db.FindRealisation(ctx, s.ID, d.Eval.Key)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	byResult := map[int64][]realisationItem{}
	for _, re := range list {
		byResult[re.ResultID] = append(byResult[re.ResultID], newRealisationItem(re))
	}
	for i, res := range s.Results {
		d.Results = append(d.Results, realisationResult{Result: res, Number: i + 1, Items: byResult[res.ID]})
	}
	p := page{Title: "realisation.title", Data: d}
	if d.NoteFor != 0 {
		p.Alert = alertFor(d.noteErr, "note")
	}
	h.render(w, r, status, "realisation", p)
}

// saveRealisationNote stores the employee's note on one indicator for one period.
func (h *Handler) saveRealisationNote(w http.ResponseWriter, r *http.Request) {
	s, valid := h.pathSKP(w, r)
	if !valid || !h.parseForm(w, r) {
		return
	}
	key := r.PostForm.Get("period")
	id, err := strconv.ParseInt(r.PostForm.Get("indicator_id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgNotFound)
		return
	}
	if err := h.db.SetRealisationNote(r.Context(), s.ID, id, key, r.PostForm.Get("note")); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		if _, known := kinerja.ErrorFields(err)["note"]; !known {
			h.ErrorPage(w, r, httperr.Status(err), kinerja.ErrorMessage(err))
			return
		}
		h.renderRealisation(w, r, httperr.Status(err), s, key, &realisationData{Note: newForm(r.PostForm, err), NoteFor: id, noteErr: err})
		return
	}
	redirect(w, r, withFlash(skpURL(s.ID)+"/realisation?period="+url.QueryEscape(key), flashNoteSaved))
}
