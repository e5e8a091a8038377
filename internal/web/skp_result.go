package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// Indicator rows of the RHK form: a kualitatif SKP shows narrativeRows empty rows (more when
// an RHK already has more indicators), never more than maxIndicatorRows.
const (
	narrativeRows    = 3
	maxIndicatorRows = 10
)

// indicatorRow is one indicator of the RHK form. Its fields are named indicators.N.text,
// .target, .unit and (kuantitatif) .aspect, with ids indicators-N-text and so on.
type indicatorRow struct {
	Index    int
	Aspect   kinerja.Aspect // the aspect of a kuantitatif row; "" for a narrative one
	Optional bool
}

// Name returns the form name of one of the row's fields.
func (r indicatorRow) Name(f string) string { return "indicators." + strconv.Itoa(r.Index) + "." + f }

// Number counts the rows from 1, for their legends.
func (r indicatorRow) Number() int { return r.Index + 1 }

// ID returns the element id of one of the row's fields.
func (r indicatorRow) ID(f string) string { return "indicators-" + strconv.Itoa(r.Index) + "-" + f }

// indicatorRows lays out the rows for approach a: one per aspect for kuantitatif (biaya
// optional), else narrative rows, at least n.
func indicatorRows(a kinerja.Approach, n int) []indicatorRow {
	var rows []indicatorRow
	if a == kinerja.ApproachQuantitative {
		for i, asp := range kinerja.Aspects {
			rows = append(rows, indicatorRow{Index: i, Aspect: asp, Optional: asp == kinerja.AspectCost})
		}
		return rows
	}
	for i := range min(max(n, narrativeRows), maxIndicatorRows) {
		rows = append(rows, indicatorRow{Index: i, Optional: i > 0})
	}
	return rows
}

// postedRows counts the indicator rows of a posted form.
func postedRows(values url.Values) int {
	n := 0
	for i := range maxIndicatorRows {
		if values.Has("indicators." + strconv.Itoa(i) + ".text") {
			n = i + 1
		}
	}
	return n
}

// resultValues fills the RHK form from r (nil for a new RHK) for approach a.
func resultValues(r *kinerja.Result, a kinerja.Approach) url.Values {
	v := url.Values{"kind": {string(kinerja.ResultMain)}}
	if a == kinerja.ApproachQuantitative {
		for _, row := range indicatorRows(a, 0) {
			v.Set(row.Name("aspect"), string(row.Aspect))
		}
	}
	if r == nil {
		return v
	}
	v.Set("kind", string(r.Kind))
	v.Set("text", r.Text)
	v.Set("parent_result_id", idString(r.ParentResultID))
	v.Set("perspective", string(r.Perspective))
	v.Set("strategic_goal", r.StrategicGoal)
	for i, ind := range r.Indicators {
		row := indicatorRow{Index: i}
		if a == kinerja.ApproachQuantitative {
			n := -1
			for j, asp := range kinerja.Aspects {
				if asp == ind.Aspect {
					n = j
				}
			}
			if n < 0 {
				continue // an indicator without aspect has no row here; it is written again
			}
			row.Index = n
		}
		v.Set(row.Name("text"), ind.Text)
		v.Set(row.Name("target"), ind.Target)
		v.Set(row.Name("unit"), ind.Unit)
	}
	return v
}

// resultInput reads the RHK form for approach a. Rows left empty are ignored where they are
// optional: every narrative row, and the biaya row. rows maps each indicator of the input to
// its form row, to place the store's messages.
func resultInput(values url.Values, a kinerja.Approach) (in kinerja.ResultInput, rows []int, err error) {
	var v kinerja.Validation
	in.Kind = kinerja.ResultKind(values.Get("kind"))
	in.Text = values.Get("text")
	in.ParentResultID = optionalID(&v, values, "parent_result_id")
	in.Perspective = kinerja.Perspective(values.Get("perspective"))
	in.StrategicGoal = values.Get("strategic_goal")
	for i := range maxIndicatorRows {
		row := indicatorRow{Index: i}
		if !values.Has(row.Name("text")) && !values.Has(row.Name("target")) {
			continue
		}
		ind := kinerja.IndicatorInput{Text: values.Get(row.Name("text")), Target: values.Get(row.Name("target")),
			Unit: values.Get(row.Name("unit"))}
		if a == kinerja.ApproachQuantitative {
			ind.Aspect = kinerja.Aspect(values.Get(row.Name("aspect")))
		}
		blank := strings.TrimSpace(ind.Text+ind.Target+ind.Unit) == ""
		if blank && (a != kinerja.ApproachQuantitative || ind.Aspect == kinerja.AspectCost) {
			continue
		}
		rows = append(rows, i)
		in.Indicators = append(in.Indicators, ind)
	}
	return in, rows, v.Err()
}

// rowErrors renames the indicator fields of err from positions in the input to form rows.
func rowErrors(err error, rows []int) error {
	var e *kinerja.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	fields := make(map[string]string, len(e.Fields))
	for k, msg := range e.Fields {
		if rest, ok := strings.CutPrefix(k, "indicators."); ok {
			if n, tail, ok := strings.Cut(rest, "."); ok {
				if i, err := strconv.Atoi(n); err == nil && i >= 0 && i < len(rows) {
					k = "indicators." + strconv.Itoa(rows[i]) + "." + tail
				}
			}
		}
		fields[k] = msg
	}
	return &kinerja.Error{Code: e.Code, Message: e.Message, Fields: fields, Err: e.Err}
}

// resultFormData is the data of the new-RHK and edit-RHK forms.
type resultFormData struct {
	SKP         *kinerja.SKP
	Result      *kinerja.Result // nil for a new RHK
	Form        form
	Rows        []indicatorRow
	Parents     []optionGroup // the direct supervisor's RHK of the same period
	TopLevel    bool          // no supervisor: the RHK intervenes nothing
	NoParentSKP bool          // the supervisor has no SKP (or no RHK) for the period yet
	Action      string
	// Perspectives are the choices of the JPT form (nil for JA/JF), which also asks for the
	// strategic goal each RHK derives from.
	Perspectives []optionGroup
}

// resultFormFields are the fields the RHK form shows next to their inputs, besides the
// indicator rows.
var resultFormFields = []string{"kind", "text", "parent_result_id", "perspective", "strategic_goal", "indicators"}

// parentChoices lists the RHK of the direct supervisor's current SKP for the period of s: the
// ones an utama RHK of s may intervene. Three queries, whatever their number.
func (h *Handler) parentChoices(ctx context.Context, s *kinerja.SKP, locale string) (groups []optionGroup, top, none bool, err error) {
	e, err := h.db.FindEmployeeByID(ctx, s.EmployeeID)
	if err != nil {
		return nil, false, false, err
	}
	if e.SupervisorID == nil {
		return nil, true, false, nil
	}
	sup, err := h.skpOf(ctx, *e.SupervisorID, s.PeriodID)
	if err != nil || sup == nil {
		return nil, false, true, err
	}
	full, err := h.db.FindSKPByID(ctx, sup.ID)
	switch kinerja.ErrorCode(err) {
	case "":
	case kinerja.ENOTFOUND, kinerja.EFORBIDDEN:
		return nil, false, true, nil
	default:
		return nil, false, false, err
	}
	main := optionGroup{Label: h.i18n.translate(locale, "result_form.parent_main")}
	extra := optionGroup{Label: h.i18n.translate(locale, "result_form.parent_additional")}
	for _, r := range full.Results {
		g := &main
		if r.Kind != kinerja.ResultMain {
			g = &extra
		}
		g.Options = append(g.Options, option{Value: strconv.FormatInt(r.ID, 10), Label: strconv.Itoa(len(g.Options)+1) + ". " + r.Text})
	}
	for _, g := range []optionGroup{main, extra} {
		if len(g.Options) > 0 {
			groups = append(groups, g)
		}
	}
	return groups, false, len(groups) == 0, nil
}

// withOption returns groups with o added in front unless one of them holds its value.
func withOption(groups []optionGroup, o option) []optionGroup {
	for _, g := range groups {
		for _, x := range g.Options {
			if x.Value == o.Value {
				return groups
			}
		}
	}
	return append([]optionGroup{{Options: []option{o}}}, groups...)
}

// findResultIn returns the RHK id of s, or nil.
func findResultIn(s *kinerja.SKP, id int64) *kinerja.Result {
	for _, r := range s.Results {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// pathResult finds the editable SKP and the RHK {rid} of the URL.
func (h *Handler) pathResult(w http.ResponseWriter, r *http.Request) (*kinerja.SKP, *kinerja.Result, bool) {
	s, ok := h.editableSKP(w, r)
	if !ok {
		return nil, nil, false
	}
	rid, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	res := findResultIn(s, rid)
	if err != nil || res == nil {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgResultNotFound)
		return nil, nil, false
	}
	return s, res, true
}

// newResult shows the form for a new RHK.
func (h *Handler) newResult(w http.ResponseWriter, r *http.Request) {
	s, ok := h.editableSKP(w, r)
	if !ok {
		return
	}
	values := resultValues(nil, s.Approach)
	if k := r.URL.Query().Get("kind"); k == string(kinerja.ResultAdditional) {
		values.Set("kind", k)
	}
	h.renderResultForm(w, r, http.StatusOK, s, nil, newForm(values, nil), nil)
}

// createResult adds an RHK from the form.
func (h *Handler) createResult(w http.ResponseWriter, r *http.Request) {
	s, ok := h.editableSKP(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	h.saveResult(w, r, s, nil)
}

// editResult shows the form of an RHK.
func (h *Handler) editResult(w http.ResponseWriter, r *http.Request) {
	s, res, ok := h.pathResult(w, r)
	if !ok {
		return
	}
	h.renderResultForm(w, r, http.StatusOK, s, res, newForm(resultValues(res, s.Approach), nil), nil)
}

// updateResult saves the form of an RHK.
func (h *Handler) updateResult(w http.ResponseWriter, r *http.Request) {
	s, res, ok := h.pathResult(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	h.saveResult(w, r, s, res)
}

// saveResult adds (res nil) or replaces an RHK, showing the form again with the messages
// next to their fields when the input is refused.
func (h *Handler) saveResult(w http.ResponseWriter, r *http.Request, s *kinerja.SKP, res *kinerja.Result) {
	in, rows, err := resultInput(r.PostForm, s.Approach)
	switch {
	case err != nil:
		err = mergeErrors(err, in.Validate(s.Approach))
	case res == nil:
		_, err = h.db.AddResult(r.Context(), s.ID, in)
	default:
		_, err = h.db.UpdateResult(r.Context(), res.ID, in)
	}
	if err != nil {
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			h.fail(w, r, err)
			return
		}
		err = rowErrors(err, rows)
		h.renderResultForm(w, r, httperr.Status(err), s, res, newForm(r.PostForm, err), err)
		return
	}
	ok := flashResultCreated
	if res != nil {
		ok = flashResultUpdated
	}
	redirect(w, r, withFlash(skpURL(s.ID), ok))
}

func (h *Handler) renderResultForm(w http.ResponseWriter, r *http.Request, status int, s *kinerja.SKP, res *kinerja.Result, f form, formErr error) {
	d := resultFormData{SKP: s, Result: res, Form: f, Action: skpURL(s.ID) + "/results"}
	title := "result_new.title"
	if res != nil {
		d.Action, title = skpURL(s.ID)+"/results/"+strconv.FormatInt(res.ID, 10), "result_edit.title"
	}
	n := postedRows(f.Values)
	if res != nil {
		n = max(n, len(res.Indicators))
	}
	d.Rows = indicatorRows(s.Approach, n)
	var err error
	if d.Parents, d.TopLevel, d.NoParentSKP, err = h.parentChoices(r.Context(), s, h.locale(r)); err != nil {
		h.fail(w, r, err)
		return
	}
	if res != nil && res.ParentResultID != nil && !d.TopLevel {
		// Keep the RHK it intervenes now choosable, even when the reader cannot list the
		// supervisor's SKP: saving the form unchanged must not lose the link.
		d.Parents = withOption(d.Parents, option{Value: idString(res.ParentResultID), Label: res.ParentText})
		d.NoParentSKP = false
	}
	if s.Form == kinerja.FormJPT {
		g := optionGroup{}
		for _, p := range kinerja.Perspectives {
			g.Options = append(g.Options, option{Value: string(p), Label: h.i18n.label(h.locale(r), "perspective", string(p))})
		}
		d.Perspectives = []optionGroup{g}
	}
	alert := ""
	if formErr != nil {
		shown := append([]string(nil), resultFormFields...)
		for _, row := range d.Rows {
			shown = append(shown, row.Name("aspect"), row.Name("text"), row.Name("target"), row.Name("unit"))
		}
		alert = alertFor(formErr, shown...)
	}
	h.render(w, r, status, "result_form", page{Title: title, Alert: alert, Data: d})
}

// resultDeleteData is the data of the page that confirms deleting an RHK.
type resultDeleteData struct {
	SKP    *kinerja.SKP
	Result *kinerja.Result
}

// confirmDeleteResult asks before an RHK is deleted.
func (h *Handler) confirmDeleteResult(w http.ResponseWriter, r *http.Request) {
	s, res, ok := h.pathResult(w, r)
	if !ok {
		return
	}
	h.render(w, r, http.StatusOK, "result_delete", page{Title: "result_delete.title", Data: resultDeleteData{SKP: s, Result: res}})
}

// deleteResult deletes an RHK; one that subordinates' RHK intervene stays, and the page
// says why.
func (h *Handler) deleteResult(w http.ResponseWriter, r *http.Request) {
	s, res, ok := h.pathResult(w, r)
	if !ok {
		return
	}
	if err := h.db.DeleteResult(r.Context(), res.ID); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, httperr.Status(err), "result_delete", page{Title: "result_delete.title", Alert: kinerja.ErrorMessage(err),
			Data: resultDeleteData{SKP: s, Result: res}})
		return
	}
	redirect(w, r, withFlash(skpURL(s.ID), flashResultDeleted))
}
