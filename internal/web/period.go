package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// periodsData is the data of the period page.
type periodsData struct {
	Scope   orgScope
	Periods []*kinerja.Period
	Form    form // opening a year
}

// periodValues fills the form that opens a year: this year, quarterly.
func (h *Handler) periodValues() url.Values {
	return url.Values{"year": {strconv.Itoa(h.today().Year())}, "cadence": {string(kinerja.CadenceQuarterly)}}
}

// periods lists the organisation's performance years with the form to open one.
func (h *Handler) periods(w http.ResponseWriter, r *http.Request) {
	h.renderPeriods(w, r, http.StatusOK, newForm(h.periodValues(), nil), nil)
}

func (h *Handler) renderPeriods(w http.ResponseWriter, r *http.Request, status int, f form, formErr error) {
	s, err := h.orgScope(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := periodsData{Scope: s, Form: f}
	if s.Org != nil {
		if d.Periods, err = h.db.FindPeriods(r.Context(), s.Org.ID); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	alert := ""
	if formErr != nil {
		alert = alertFor(formErr, "year", "cadence")
	}
	h.render(w, r, status, "periods", page{Title: "periods.title", Alert: alert, Data: d})
}

// createPeriod opens a performance year. With next (the SKP page's empty state) it returns
// there, showing the new year.
func (h *Handler) createPeriod(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	s, err := h.orgScope(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if s.Org == nil {
		redirect(w, r, "/units")
		return
	}
	var v kinerja.Validation
	year, err := strconv.Atoi(strings.TrimSpace(r.PostForm.Get("year")))
	if err != nil {
		v.Add("year", kinerja.MsgPeriodYear)
	}
	n := kinerja.NewPeriod{OrgID: s.Org.ID, Year: year, Cadence: kinerja.Cadence(r.PostForm.Get("cadence"))}
	var p *kinerja.Period
	if err = v.Err(); err != nil {
		err = mergeErrors(err, n.Validate())
	} else {
		p, err = h.db.CreatePeriod(r.Context(), n)
	}
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.renderPeriods(w, r, httperr.Status(err), newForm(r.PostForm, err), err)
		return
	}
	if next := r.PostForm.Get("next"); next == "/skp" {
		redirect(w, r, withFlash("/skp?period="+strconv.FormatInt(p.ID, 10), flashPeriodCreated))
		return
	}
	redirect(w, r, withQuery(s.Link("/admin/periods"), "ok", "period_created"))
}

// updatePeriod changes a period's cadence, closes or reopens it (field closed "1" or "0"),
// or sets the date its SKP are due (skp_due).
func (h *Handler) updatePeriod(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgPeriodNotFound)
		return
	}
	if !h.parseForm(w, r) {
		return
	}
	var cadence *kinerja.Cadence
	if c := r.PostForm.Get("cadence"); c != "" {
		cc := kinerja.Cadence(c)
		cadence = &cc
	}
	var closed *bool
	switch r.PostForm.Get("closed") {
	case "":
	case "1":
		closed = new(bool)
		*closed = true
	case "0":
		closed = new(bool)
	default:
		h.ErrorPage(w, r, http.StatusBadRequest, kinerja.MsgInvalidInput)
		return
	}
	upd := kinerja.PeriodUpdate{Cadence: cadence, Closed: closed}
	if r.PostForm.Has("skp_due") {
		var v kinerja.Validation
		due := dateField(&v, r.PostForm, "skp_due")
		if err := v.Err(); err != nil {
			h.renderPeriods(w, r, httperr.Status(err), newForm(h.periodValues(), nil), err)
			return
		}
		upd.SKPDue = &due
	}
	p, err := h.db.PatchPeriod(r.Context(), id, upd)
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.renderPeriods(w, r, httperr.Status(err), newForm(h.periodValues(), nil), err)
		return
	}
	s, err := h.scopeOf(r.Context(), p.OrgID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, withQuery(s.Link("/admin/periods"), "ok", "period_updated"))
}

// withQuery appends key=value to a path that may already hold a query.
func withQuery(path, key, value string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + url.QueryEscape(key) + "=" + url.QueryEscape(value)
}
