package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// orgKinds are the kinds an organisation (the root of a tree) usually has.
var orgKinds = []kinerja.UnitKind{kinerja.UnitKecamatan, kinerja.UnitPemkot, kinerja.UnitKelurahan, kinerja.UnitOther}

func unitURL(id int64) string { return "/units/" + strconv.FormatInt(id, 10) }

// unitsData is the data of the unit tree page.
type unitsData struct {
	Scope        orgScope
	Tree         []*unitNode
	SubUnits     int // units below the organisation
	CanManage    bool
	CanCreateOrg bool
	OrgForm      form // a new organisation
}

// units shows the unit tree of the caller's organisation; an installation admin picks the
// organisation and creates new ones here.
func (h *Handler) units(w http.ResponseWriter, r *http.Request) {
	s, err := h.orgScope(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderUnits(w, r, s, http.StatusOK, nil, nil)
}

// renderUnits shows the unit tree; orgForm is the organisation form that failed, if any.
func (h *Handler) renderUnits(w http.ResponseWriter, r *http.Request, s orgScope, status int, orgForm *form, formErr error) {
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	d := unitsData{Scope: s, CanCreateOrg: kinerja.CanCreateOrganisation(u),
		OrgForm: newForm(url.Values{"kind": {string(kinerja.UnitKecamatan)}}, nil)}
	if orgForm != nil {
		d.OrgForm = *orgForm
	}
	if s.Org != nil {
		units, err := h.db.FindUnits(ctx, s.Org.ID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		people, err := h.allEmployees(ctx, kinerja.EmployeeFilter{OrgID: s.Org.ID})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Tree = unitTree(units)
		placeHeads(d.Tree, people, false)
		d.SubUnits = len(units) - 1
		d.CanManage = kinerja.CanManageEmployees(u, s.Org.ID)
	}
	h.render(w, r, status, "units", page{Title: "units.title", Alert: alertFor(formErr, "name", "kind"), Data: d})
}

// placeHeads sets the head of every node from people; with members it also places each
// active employee in their unit.
func placeHeads(tree []*unitNode, people []*kinerja.Employee, members bool) {
	byID := make(map[int64]*kinerja.Employee, len(people))
	byUnit := map[int64][]*kinerja.Employee{}
	for _, e := range people {
		byID[e.ID] = e
		if members && e.Active {
			byUnit[e.UnitID] = append(byUnit[e.UnitID], e)
		}
	}
	// Leaders first, then by name (the list is in name order already).
	rank := func(k kinerja.PositionKind) int { return slices.Index(kinerja.PositionKinds, k) }
	for _, es := range byUnit {
		slices.SortStableFunc(es, func(a, b *kinerja.Employee) int { return cmp.Compare(rank(a.PositionKind), rank(b.PositionKind)) })
	}
	var walk func(ns []*unitNode)
	walk = func(ns []*unitNode) {
		for _, n := range ns {
			if n.HeadID != nil {
				if e, ok := byID[*n.HeadID]; ok && e.Active {
					n.Head = e
				}
			}
			for _, e := range byUnit[n.ID] {
				if n.Head == nil || e.ID != n.Head.ID {
					n.Members = append(n.Members, e)
				}
			}
			walk(n.Children)
		}
	}
	walk(tree)
}

// unitFormData is the data of the new-unit page.
type unitFormData struct {
	Scope   orgScope
	Form    form
	Parents []unitOption
}

// newUnit shows the form for a unit below ?parent=ID, by default below the organisation.
func (h *Handler) newUnit(w http.ResponseWriter, r *http.Request) {
	values := url.Values{}
	if p := r.URL.Query().Get("parent"); p != "" {
		values.Set("parent_id", p)
	}
	h.renderNewUnit(w, r, http.StatusOK, newForm(values, nil), nil)
}

func (h *Handler) renderNewUnit(w http.ResponseWriter, r *http.Request, status int, f form, formErr error) {
	ctx := r.Context()
	var s orgScope
	var err error
	if p, perr := strconv.ParseInt(f.Get("parent_id"), 10, 64); perr == nil && p > 0 {
		var parent *kinerja.Unit
		if parent, err = h.db.FindUnitByID(ctx, p); err == nil {
			s, err = h.scopeOf(ctx, parent.OrgID)
		}
	} else {
		s, err = h.orgScope(r)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if s.Org == nil {
		// Without an organisation there is nothing to add a unit to: create one first.
		redirect(w, r, "/units")
		return
	}
	units, err := h.db.FindUnits(ctx, s.Org.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if f.Get("parent_id") == "" {
		f.Values.Set("parent_id", strconv.FormatInt(s.Org.ID, 10))
	}
	h.render(w, r, status, "unit_new", page{Title: "unit_new.title", Alert: alertFor(formErr, "name", "kind", "parent_id"),
		Data: unitFormData{Scope: s, Form: f, Parents: unitOptions(units, 0)}})
}

// createUnit creates a unit, or without parent_id a new organisation (installation admin).
func (h *Handler) createUnit(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	var v kinerja.Validation
	n := kinerja.NewUnit{Name: r.PostForm.Get("name"), Kind: kinerja.UnitKind(r.PostForm.Get("kind")),
		ParentID: optionalID(&v, r.PostForm, "parent_id")}
	err := v.Err()
	var created *kinerja.Unit
	if err == nil {
		created, err = h.db.CreateUnit(r.Context(), n)
	}
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		f := newForm(r.PostForm, err)
		if r.PostForm.Get("parent_id") == "" {
			s, serr := h.orgScope(r)
			if serr != nil {
				h.fail(w, r, serr)
				return
			}
			h.renderUnits(w, r, s, httperr.Status(err), &f, err)
			return
		}
		h.renderNewUnit(w, r, httperr.Status(err), f, err)
		return
	}
	redirect(w, r, withFlash(unitURL(created.ID), flashUnitCreated))
}

// unitData is the data of a unit's page.
type unitData struct {
	Scope     orgScope
	Unit      *kinerja.Unit
	Parent    *kinerja.Unit
	Head      *kinerja.Employee
	Children  []*kinerja.Unit
	Members   []*kinerja.Employee // active employees directly in the unit
	CanManage bool
	Form      form
	Parents   []unitOption
	Heads     []personOption
}

// Empty reports whether the unit may be deleted: no sub-units and nobody in it.
func (d unitData) Empty() bool { return len(d.Children) == 0 && len(d.Members) == 0 }

// unitForm returns the edit form filled from u.
func unitForm(u *kinerja.Unit) form {
	return newForm(url.Values{"name": {u.Name}, "kind": {string(u.Kind)}, "parent_id": {idString(u.ParentID)},
		"head_id": {idString(u.HeadID)}, "independent": {strconv.FormatBool(u.Independent)}}, nil)
}

// unit shows a unit: details, sub-units and members, and the edit form for admins.
func (h *Handler) unit(w http.ResponseWriter, r *http.Request) {
	h.renderUnit(w, r, "unit", http.StatusOK, nil, nil)
}

// renderUnit shows a unit's page or its delete confirmation (name), with a form that failed.
func (h *Handler) renderUnit(w http.ResponseWriter, r *http.Request, name string, status int, f *form, formErr error) {
	id, ok := h.pathUnitID(w, r)
	if !ok {
		return
	}
	d, err := h.unitData(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if f != nil {
		d.Form = *f
	}
	title := "unit.title"
	if name == "unit_delete" {
		title = "unit_delete.title"
	}
	alert := ""
	if formErr != nil {
		alert = alertFor(formErr, "name", "kind", "parent_id", "head_id")
	}
	h.render(w, r, status, name, page{Title: title, Alert: alert, Data: d})
}

func (h *Handler) unitData(r *http.Request, id int64) (unitData, error) {
	ctx := r.Context()
	u, err := h.db.FindUnitByID(ctx, id)
	if err != nil {
		return unitData{}, err
	}
	s, err := h.scopeOf(ctx, u.OrgID)
	if err != nil {
		return unitData{}, err
	}
	units, err := h.db.FindUnits(ctx, u.OrgID)
	if err != nil {
		return unitData{}, err
	}
	people, err := h.allEmployees(ctx, kinerja.EmployeeFilter{OrgID: u.OrgID})
	if err != nil {
		return unitData{}, err
	}
	d := unitData{Scope: s, Unit: u, Form: unitForm(u),
		CanManage: kinerja.CanManageEmployees(kinerja.UserFromContext(ctx), u.OrgID)}
	for _, x := range units {
		if x.ParentID != nil && *x.ParentID == id {
			d.Children = append(d.Children, x)
		}
		if u.ParentID != nil && x.ID == *u.ParentID {
			d.Parent = x
		}
	}
	for _, e := range people {
		if u.HeadID != nil && e.ID == *u.HeadID {
			d.Head = e
		}
		if e.UnitID == id && e.Active {
			d.Members = append(d.Members, e)
		}
	}
	if d.CanManage {
		d.Parents = unitOptions(units, id)
		d.Heads = personOptions(people, 0)
	}
	return d, nil
}

// pathUnitID reads the {id} of a unit URL.
func (h *Handler) pathUnitID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgUnitNotFound)
		return 0, false
	}
	return id, true
}

// updateUnit saves the edit form of a unit: name, kind, parent and head.
func (h *Handler) updateUnit(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathUnitID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	var v kinerja.Validation
	name, kind := r.PostForm.Get("name"), kinerja.UnitKind(r.PostForm.Get("kind"))
	head := optionalID(&v, r.PostForm, "head_id")
	// The edit form always carries the checkbox: absent means unticked.
	independent := r.PostForm.Get("independent") == "true"
	upd := kinerja.UnitUpdate{Name: &name, Kind: &kind, HeadID: &head, Independent: &independent}
	if r.PostForm.Has("parent_id") {
		// An organisation has no parent field; a unit must keep one.
		if upd.ParentID = optionalID(&v, r.PostForm, "parent_id"); upd.ParentID == nil {
			v.Add("parent_id", kinerja.MsgUnitParentOther)
		}
	}
	err := v.Err()
	if err == nil {
		_, err = h.db.UpdateUnit(r.Context(), id, upd)
	}
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		f := newForm(r.PostForm, err)
		h.renderUnit(w, r, "unit", httperr.Status(err), &f, err)
		return
	}
	redirect(w, r, withFlash(unitURL(id), flashUpdated))
}

// confirmDeleteUnit asks before deleting a unit.
func (h *Handler) confirmDeleteUnit(w http.ResponseWriter, r *http.Request) {
	h.renderUnit(w, r, "unit_delete", http.StatusOK, nil, nil)
}

// deleteUnit deletes an empty unit.
func (h *Handler) deleteUnit(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathUnitID(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	u, err := h.db.FindUnitByID(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.scopeOf(ctx, u.OrgID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.db.DeleteUnit(ctx, id); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.renderUnit(w, r, "unit_delete", httperr.Status(err), nil, err)
		return
	}
	to := "/units"
	if u.ParentID != nil {
		to = s.Link("/units")
	}
	redirect(w, r, withFlash(to, flashUnitDeleted))
}
