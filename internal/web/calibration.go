package web

import (
	"net/http"
	"slices"
	"strconv"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// calibrationUnit is a unit on the calibration page with its organisation predikat and the
// distribution of its employees' predikat.
type calibrationUnit struct {
	*kinerja.Unit
	Dist *kinerja.Distribution
	Bars []predikatBar
	Form form // a refused organisation predikat, shown again
}

// predikatBar is one bar of a unit's distribution chart.
type predikatBar struct {
	Predikat kinerja.Predikat
	Count    int
	Percent  int // of the unit's total, rounded
}

// appraiserGroup is the assessments of one pejabat penilai.
type appraiserGroup struct {
	AppraiserID int64
	Name        string
	Assessments []*kinerja.Assessment
	Dist        *kinerja.Distribution // the group's predikat against the curve
}

// calibrationData is the data of the calibration page.
type calibrationData struct {
	Scope   orgScope
	Choice  evalChoice
	Units   []calibrationUnit
	Groups  []appraiserGroup
	OrgPred []option
}

// calibration shows pimpinan and admins every unit of the organisation with its organisation
// predikat (and a form to set it), the distribution of predikat against the curve with a bar
// chart, and all assessments of the period grouped by appraiser. Three queries plus one per
// unit.
func (h *Handler) calibration(w http.ResponseWriter, r *http.Request) {
	h.renderCalibration(w, r, http.StatusOK, r.URL.Query().Get("period"), 0, form{}, nil)
}

func (h *Handler) renderCalibration(w http.ResponseWriter, r *http.Request, status int, key string, formUnit int64, f form, formErr error) {
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	locale := h.locale(r)
	s, err := h.orgScope(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if s.Org == nil || !u.SeesWholeOrg(s.Org.ID) {
		h.ErrorPage(w, r, http.StatusForbidden, "")
		return
	}
	d := &calibrationData{Scope: s}
	p := page{Title: "calibration.title", Data: d}
	if formErr != nil {
		p.Alert = alertFor(formErr, "predikat")
	}
	if d.Choice, err = h.chooseEval(ctx, "/calibration", s, key); err != nil {
		h.fail(w, r, err)
		return
	}
	for _, o := range kinerja.OrgPredikats {
		d.OrgPred = append(d.OrgPred, option{Value: string(o), Label: h.i18n.label(locale, "org_predikat", string(o))})
	}
	if d.Choice.Period == nil {
		h.render(w, r, status, "calibration", p)
		return
	}
	units, err := h.db.FindUnits(ctx, s.Org.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, un := range units {
		dist, err := h.db.UnitDistribution(ctx, un.ID, d.Choice.Key)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		cu := calibrationUnit{Unit: un, Dist: dist, Form: newForm(nil, nil)}
		if un.ID == formUnit {
			cu.Form = f
		} else if dist.OrgPredikat != "" {
			cu.Form.Values.Set("predikat", string(dist.OrgPredikat))
		}
		for _, pr := range kinerja.Predikats {
			b := predikatBar{Predikat: pr, Count: dist.Counts[pr]}
			if dist.Total > 0 {
				b.Percent = (b.Count*100 + dist.Total/2) / dist.Total
			}
			cu.Bars = append(cu.Bars, b)
		}
		d.Units = append(d.Units, cu)
	}
	list, err := h.db.FindAssessments(ctx, d.Choice.Key, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if len(list) > 0 {
		people, err := h.allEmployees(ctx, kinerja.EmployeeFilter{OrgID: s.Org.ID, All: true})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		names := map[int64]string{}
		for _, e := range people {
			names[e.ID] = e.Name
		}
		index := map[int64]int{}
		for _, x := range list {
			var id int64
			if x.AppraiserID != nil {
				id = *x.AppraiserID
			}
			i, ok := index[id]
			if !ok {
				i = len(d.Groups)
				index[id] = i
				d.Groups = append(d.Groups, appraiserGroup{AppraiserID: id, Name: names[id]})
			}
			d.Groups[i].Assessments = append(d.Groups[i].Assessments, x)
		}
		slices.SortStableFunc(d.Groups, func(a, b appraiserGroup) int {
			switch {
			case a.Name < b.Name:
				return -1
			case a.Name > b.Name:
				return 1
			}
			return 0
		})
		for i := range d.Groups {
			if id := d.Groups[i].AppraiserID; id > 0 {
				// One query per appraiser: bounded by the organisation's appraisers, not its people.
				if dist, err := h.db.AppraiserDistribution(r.Context(), id, d.Choice.Key); err == nil {
					d.Groups[i].Dist = dist
				}
			}
		}
	}
	h.render(w, r, status, "calibration", p)
}

// setOrgRating sets a unit's Predikat Kinerja Organisasi for a period.
func (h *Handler) setOrgRating(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	v := r.PostForm
	key := v.Get("period")
	unit, err := strconv.ParseInt(v.Get("unit_id"), 10, 64)
	if err != nil || unit <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgUnitNotFound)
		return
	}
	if err := h.db.SetUnitRating(r.Context(), unit, key, kinerja.OrgPredikat(v.Get("predikat"))); err != nil {
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			h.fail(w, r, err)
			return
		}
		if _, bad := kinerja.ErrorFields(err)["period"]; bad {
			key = ""
		}
		h.renderCalibration(w, r, httperr.Status(err), key, unit, newForm(v, err), err)
		return
	}
	redirect(w, r, withFlash("/calibration?period="+key+"#unit-"+strconv.FormatInt(unit, 10), flashOrgRatingSaved))
}

// adjustAssessment changes proposed ratings in calibration, with a reason.
func (h *Handler) adjustAssessment(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	v := r.PostForm
	key := v.Get("period")
	id, err := strconv.ParseInt(v.Get("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgAssessmentNotFound)
		return
	}
	_, err = h.db.CalibrateAssessment(r.Context(), id, kinerja.Rating(v.Get("result_rating")), kinerja.Rating(v.Get("behavior_rating")), v.Get("reason"))
	if err != nil {
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			h.fail(w, r, err)
			return
		}
		h.renderCalibration(w, r, httperr.Status(err), key, 0, newForm(nil, nil), err)
		return
	}
	redirect(w, r, withFlash("/calibration?period="+key+"#calibration-row-"+strconv.FormatInt(id, 10), flashAssessmentAdjusted))
}

// unitRecap serves the XLSX recap of a unit's assessments for a period: one row per employee
// of the unit and its sub-units, assessed or not.
func (h *Handler) unitRecap(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathUnitID(w, r)
	if !ok {
		return
	}
	f, err := h.app.UnitRecap(r.Context(), id, r.URL.Query().Get("period"))
	if kinerja.ErrorCode(err) == kinerja.EINVALID {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgAssessmentPeriod)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f.Serve(w)
}
