package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// employeeFormFields are the fields of the employee form.
var employeeFormFields = []string{"nip", "name", "gender", "birth_date", "status", "grade", "position",
	"position_kind", "unit_id", "supervisor_id", "appraiser_id", "phone", "email", "effective_date"}

// employeesPageSize is how many employees the list shows per page.
const employeesPageSize = 50

func employeeURL(id int64) string { return "/employees/" + strconv.FormatInt(id, 10) }

// gradeLabel shows a grade with its pangkat: "III/a · Penata Muda"; PPPK grades stand alone.
func gradeLabel(code string) string {
	if p := kinerja.Pangkat(code); p != "" {
		return code + " · " + p
	}
	return code
}

// employeesData is the data of the employee list.
type employeesData struct {
	Scope     orgScope
	Filter    form
	Units     []unitOption
	Rows      []employeeRow
	Pages     numberedPages
	Filtered  bool
	CanManage bool
}

// employeeRow is one employee in a list, with the name of their unit.
type employeeRow struct {
	*kinerja.Employee
	Unit string
}

// employeeFilterFields are the query parameters of the filter form, kept across pages.
var employeeFilterFields = []string{"q", "unit_id", "position_kind", "status", "active"}

// Values of the active filter.
const (
	activeOnly   = "aktif"
	inactiveOnly = "nonaktif"
	activeAll    = "semua"
)

// employees lists the organisation's employees with search, filters and numbered pages.
// Colleagues the caller may not fully see come without personal data from the store.
func (h *Handler) employees(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	s, err := h.orgScope(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	values := url.Values{}
	for _, k := range employeeFilterFields {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			values.Set(k, v)
		}
	}
	// The default filter (active employees) is no search; anything else is.
	filtered := len(values) > 1 || len(values) == 1 && values.Get("active") != activeOnly
	d := employeesData{Scope: s, Filter: newForm(values, nil), Filtered: filtered}
	if s.Org == nil {
		h.render(w, r, http.StatusOK, "employees", page{Title: "employees.title", Data: d})
		return
	}
	d.CanManage = kinerja.CanManageEmployees(kinerja.UserFromContext(ctx), s.Org.ID)
	units, err := h.db.FindUnits(ctx, s.Org.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Units = unitOptions(units, 0)
	names := unitNames(units)

	f := kinerja.EmployeeFilter{OrgID: s.Org.ID, Query: values.Get("q"), Limit: employeesPageSize}
	var v kinerja.Validation
	if f.UnitID = optionalID(&v, values, "unit_id"); f.UnitID != nil {
		if _, ok := names[*f.UnitID]; !ok {
			v.Add("unit_id", kinerja.MsgUnitNotFound)
		}
	}
	f.SetKinds(values.Get("position_kind"), values.Get("status"), &v)
	switch values.Get("active") {
	case "", activeOnly:
	case inactiveOnly:
		inactive := false
		f.Active = &inactive
	case activeAll:
		f.All = true
	default:
		v.Add("active", kinerja.MsgInvalidInput)
	}
	number, alert := 1, ""
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			v.Add("page", "employees.bad_page")
			alert = "employees.bad_page"
		}
		number = max(n, 1)
	}
	if err := v.Err(); err != nil {
		d.Filter.Errors = kinerja.ErrorFields(err)
		if alert == "" {
			alert = kinerja.ErrorMessage(err)
		}
		h.render(w, r, http.StatusUnprocessableEntity, "employees", page{Title: "employees.title", Alert: alert, Data: d})
		return
	}
	f.Offset = (number - 1) * employeesPageSize
	list, total, err := h.db.FindEmployees(ctx, f)
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		d.Filter.Errors = kinerja.ErrorFields(err)
		h.render(w, r, httperr.Status(err), "employees", page{Title: "employees.title", Alert: kinerja.ErrorMessage(err), Data: d})
		return
	}
	for _, e := range list {
		d.Rows = append(d.Rows, employeeRow{Employee: e, Unit: names[e.UnitID]})
	}
	keep := url.Values{}
	for k, vs := range values {
		keep[k] = vs
	}
	if s.Choosing() {
		keep.Set("org", strconv.FormatInt(s.Org.ID, 10))
	}
	d.Pages = numberPages("/employees", keep, number, total, employeesPageSize)
	h.render(w, r, http.StatusOK, "employees", page{Title: "employees.title", Data: d})
}

// employeeFormData is the data of the new-employee and edit-employee pages.
type employeeFormData struct {
	Scope    orgScope
	Employee *kinerja.Employee // nil for a new employee
	Form     form
	Units    []unitOption
	People   []personOption // supervisors and appraisers to choose from
	Action   string
}

// employeeValues fills the edit form from e; the effective date defaults to today.
func employeeValues(e *kinerja.Employee, today kinerja.Date) url.Values {
	appraiser := ""
	if e.AppraiserOverride {
		appraiser = idString(e.AppraiserID)
	}
	return url.Values{
		"nip": {e.NIP}, "name": {e.Name}, "gender": {string(e.Gender)}, "birth_date": {e.BirthDate.String()},
		"status": {string(e.Status)}, "grade": {e.Grade}, "position": {e.Position},
		"position_kind": {string(e.PositionKind)}, "unit_id": {strconv.FormatInt(e.UnitID, 10)},
		"supervisor_id": {idString(e.SupervisorID)}, "appraiser_id": {appraiser},
		"phone": {e.Phone}, "email": {e.Email}, "effective_date": {today.String()},
	}
}

// employeeInput reads the employee form over base, which holds what the form does not show
// (active and its reason). The error names fields that could not even be read.
func employeeInput(values url.Values, base kinerja.EmployeeInput) (kinerja.EmployeeInput, error) {
	in := base
	var v kinerja.Validation
	in.NIP = values.Get("nip")
	in.Name = values.Get("name")
	in.Gender = kinerja.Gender(values.Get("gender"))
	in.BirthDate = dateField(&v, values, "birth_date")
	in.Status = kinerja.EmploymentStatus(values.Get("status"))
	in.Grade = values.Get("grade")
	in.Position = values.Get("position")
	in.PositionKind = kinerja.PositionKind(values.Get("position_kind"))
	in.UnitID = 0
	if s := strings.TrimSpace(values.Get("unit_id")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			v.Add("unit_id", kinerja.MsgUnitRequired)
		}
		in.UnitID = id
	}
	in.SupervisorID = optionalID(&v, values, "supervisor_id")
	in.AppraiserID = optionalID(&v, values, "appraiser_id")
	in.Phone = values.Get("phone")
	in.Email = values.Get("email")
	in.EffectiveDate = dateField(&v, values, "effective_date")
	return in, v.Err()
}

// dateField reads an optional YYYY-MM-DD field.
func dateField(v *kinerja.Validation, values url.Values, name string) kinerja.Date {
	return v.Date(name, values.Get(name))
}

// saveEmployee creates (id 0) or updates an employee. When the form could not be read it
// writes nothing and reports those fields together with every other problem of the input.
func (h *Handler) saveEmployee(ctx context.Context, id int64, in kinerja.EmployeeInput, readErr error) (*kinerja.Employee, error) {
	if readErr != nil {
		return nil, mergeErrors(readErr, in.Validate(h.today()))
	}
	if id == 0 {
		return h.db.CreateEmployee(ctx, in)
	}
	return h.db.UpdateEmployee(ctx, id, in)
}

// newEmployee shows the empty employee form.
func (h *Handler) newEmployee(w http.ResponseWriter, r *http.Request) {
	values := url.Values{"status": {string(kinerja.StatusPNS)}, "effective_date": {h.today().String()}}
	if u := r.URL.Query().Get("unit"); u != "" {
		values.Set("unit_id", u)
	}
	h.renderEmployeeForm(w, r, http.StatusOK, nil, newForm(values, nil), nil)
}

// createEmployee saves a new employee from the form.
func (h *Handler) createEmployee(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	in, readErr := employeeInput(r.PostForm, kinerja.EmployeeInput{})
	e, err := h.saveEmployee(r.Context(), 0, in, readErr)
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.renderEmployeeForm(w, r, httperr.Status(err), nil, newForm(r.PostForm, err), err)
		return
	}
	redirect(w, r, withFlash(employeeURL(e.ID), flashEmployeeCreated))
}

// editEmployee shows the edit form of an employee.
func (h *Handler) editEmployee(w http.ResponseWriter, r *http.Request) {
	e, ok := h.pathEmployee(w, r)
	if !ok {
		return
	}
	h.renderEmployeeForm(w, r, http.StatusOK, e, newForm(employeeValues(e, h.today()), nil), nil)
}

// updateEmployee saves the edit form: every editable field at once.
func (h *Handler) updateEmployee(w http.ResponseWriter, r *http.Request) {
	e, ok := h.pathEmployee(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	in, readErr := employeeInput(r.PostForm, e.Input())
	if _, err := h.saveEmployee(r.Context(), e.ID, in, readErr); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.renderEmployeeForm(w, r, httperr.Status(err), e, newForm(r.PostForm, err), err)
		return
	}
	redirect(w, r, withFlash(employeeURL(e.ID), flashUpdated))
}

// renderEmployeeForm shows the new (e nil) or edit form with the units and people of the
// organisation to choose from.
func (h *Handler) renderEmployeeForm(w http.ResponseWriter, r *http.Request, status int, e *kinerja.Employee, f form, formErr error) {
	ctx := r.Context()
	var s orgScope
	var err error
	if e != nil {
		s, err = h.scopeOf(ctx, e.OrgID)
	} else {
		s, err = h.orgScope(r)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if s.Org == nil {
		redirect(w, r, "/units")
		return
	}
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
	d := employeeFormData{Scope: s, Employee: e, Form: f, Units: unitOptions(units, 0),
		Action: s.Link("/employees")}
	title := "employee_new.title"
	var self int64
	if e != nil {
		self, d.Action, title = e.ID, employeeURL(e.ID), "employee_edit.title"
	}
	d.People = personOptions(people, self)
	h.render(w, r, status, "employee_form", page{Title: title, Alert: alertFor(formErr, employeeFormFields...), Data: d})
}

// pathEmployee reads the {id} of an employee URL and finds the employee; it answers with
// the error page itself when that fails.
func (h *Handler) pathEmployee(w http.ResponseWriter, r *http.Request) (*kinerja.Employee, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgEmployeeNotFound)
		return nil, false
	}
	e, err := h.db.FindEmployeeByID(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return e, true
}

// personRef names an employee on someone's page; Link is set when the reader may open
// their record.
type personRef struct {
	ID   int64
	Name string
	Link bool
}

// personRef finds employee id for a link; for someone the reader may not fully see, it
// falls back to name (from a history row) or to the directory.
func (h *Handler) personRef(ctx context.Context, org int64, id *int64, name string) (*personRef, error) {
	if id == nil {
		return nil, nil
	}
	e, err := h.db.FindEmployeeByID(ctx, *id)
	switch kinerja.ErrorCode(err) {
	case "":
		return &personRef{ID: e.ID, Name: e.Name, Link: true}, nil
	case kinerja.EFORBIDDEN, kinerja.ENOTFOUND:
	default:
		return nil, err
	}
	if name == "" {
		// Rare: only the directory knows the name. Read it in pages; nothing per person.
		people, err := h.allEmployees(ctx, kinerja.EmployeeFilter{OrgID: org, All: true})
		if err != nil {
			return nil, err
		}
		for _, p := range people {
			if p.ID == *id {
				name = p.Name
			}
		}
	}
	return &personRef{ID: *id, Name: name}, nil
}

// reportingRefs returns the supervisor and the appraiser of e; history (newest first)
// names the supervisor when the reader may not open their record.
func (h *Handler) reportingRefs(ctx context.Context, e *kinerja.Employee, history []kinerja.EmployeeHistory) (sup, appr *personRef, err error) {
	supName := ""
	if len(history) > 0 && e.SupervisorID != nil && history[0].SupervisorID != nil && *history[0].SupervisorID == *e.SupervisorID {
		supName = history[0].SupervisorName
	}
	if sup, err = h.personRef(ctx, e.OrgID, e.SupervisorID, supName); err != nil {
		return nil, nil, err
	}
	if e.AppraiserID != nil && sup != nil && *e.AppraiserID == sup.ID {
		return sup, sup, nil
	}
	appr, err = h.personRef(ctx, e.OrgID, e.AppraiserID, "")
	return sup, appr, err
}

// teamNode is a subordinate in the nested team tree.
type teamNode struct {
	*kinerja.TeamMember
	Unit     string
	Children []*teamNode
}

// teamTree nests a team (as FindTeam returns it) below the employee root by supervisor.
func teamTree(members []*kinerja.TeamMember, root int64, units map[int64]string) []*teamNode {
	byID := make(map[int64]*teamNode, len(members))
	for _, m := range members {
		byID[m.ID] = &teamNode{TeamMember: m, Unit: units[m.UnitID]}
	}
	var roots []*teamNode
	for _, m := range members {
		n := byID[m.ID]
		if m.SupervisorID != nil && *m.SupervisorID != root {
			if p, ok := byID[*m.SupervisorID]; ok {
				p.Children = append(p.Children, n)
				continue
			}
		}
		roots = append(roots, n)
	}
	return roots
}

// employeeData is the data of an employee's page and of the deactivation page.
type employeeData struct {
	Scope      orgScope
	Employee   *kinerja.Employee
	Unit       string
	Supervisor *personRef
	Appraiser  *personRef
	History    []kinerja.EmployeeHistory
	Team       []*teamNode
	TeamDirect int
	TeamTotal  int
	CanManage  bool
	Account    *kinerja.User // the linked account, shown to admins
	Form       form          // deactivation
	// SKPs and Assessments are the employee's, newest first, for the links to their SKP,
	// realisation and activities, and assessments.
	SKPs        []*kinerja.SKP
	Assessments []*kinerja.Assessment
}

// employee shows an employee's full record: personal data, position, history and team.
// Only those with full access get it (own record, own subtree, pimpinan and admins).
func (h *Handler) employee(w http.ResponseWriter, r *http.Request) {
	h.renderEmployee(w, r, "employee", http.StatusOK, nil, nil)
}

func (h *Handler) renderEmployee(w http.ResponseWriter, r *http.Request, name string, status int, f *form, formErr error) {
	e, ok := h.pathEmployee(w, r)
	if !ok {
		return
	}
	d, err := h.employeeData(r.Context(), e, name == "employee")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if f != nil {
		d.Form = *f
	}
	title, shown := "employee.title", []string(nil)
	if name == "employee_deactivate" {
		title, shown = "employee_deactivate.title", []string{"inactive_reason", "effective_date"}
	}
	alert := ""
	if formErr != nil {
		alert = alertFor(formErr, shown...)
	}
	h.render(w, r, status, name, page{Title: title, Alert: alert, Data: d})
}

// employeeData gathers an employee's page; full reads history, team and account too.
func (h *Handler) employeeData(ctx context.Context, e *kinerja.Employee, full bool) (employeeData, error) {
	u := kinerja.UserFromContext(ctx)
	d := employeeData{Employee: e, CanManage: kinerja.CanManageEmployees(u, e.OrgID),
		Form: newForm(url.Values{"effective_date": {h.today().String()}}, nil)}
	var err error
	if d.Scope, err = h.scopeOf(ctx, e.OrgID); err != nil {
		return d, err
	}
	units, err := h.db.FindUnits(ctx, e.OrgID)
	if err != nil {
		return d, err
	}
	names := unitNames(units)
	d.Unit = names[e.UnitID]
	if !full {
		return d, nil
	}
	if d.History, err = h.db.FindEmployeeHistory(ctx, e.ID); err != nil {
		return d, err
	}
	if d.Supervisor, d.Appraiser, err = h.reportingRefs(ctx, e, d.History); err != nil {
		return d, err
	}
	team, err := h.db.FindTeam(ctx, e.ID)
	if err != nil {
		return d, err
	}
	d.Team, d.TeamTotal = teamTree(team, e.ID, names), len(team)
	for _, m := range team {
		if m.Depth == 1 {
			d.TeamDirect++
		}
	}
	if kinerja.CanManageUsers(u) {
		if d.Account, err = h.accountOf(ctx, e.ID); err != nil {
			return d, err
		}
	}
	if d.SKPs, d.Assessments, err = h.employeeWork(ctx, e); err != nil {
		return d, err
	}
	return d, nil
}

// employeeWorkShown is how many SKP and assessments the employee page links to.
const employeeWorkShown = 8

// employeeWork returns the latest SKP and assessments of e that the reader may see, newest
// first, in two queries.
func (h *Handler) employeeWork(ctx context.Context, e *kinerja.Employee) ([]*kinerja.SKP, []*kinerja.Assessment, error) {
	skps, _, err := h.db.FindSKPs(ctx, kinerja.SKPFilter{OrgID: e.OrgID, EmployeeID: &e.ID, Limit: kinerja.MaxLimit})
	if err != nil {
		return nil, nil, err
	}
	slices.Reverse(skps)
	xs, err := h.db.FindAssessments(ctx, "", &e.ID)
	if err != nil {
		return nil, nil, err
	}
	slices.Reverse(xs)
	return skps[:min(len(skps), employeeWorkShown)], xs[:min(len(xs), employeeWorkShown)], nil
}

// accountOf returns the user account linked to employee id, or nil (admins only).
func (h *Handler) accountOf(ctx context.Context, id int64) (*kinerja.User, error) {
	users, _, err := h.db.FindUsers(ctx, kinerja.UserFilter{EmployeeID: &id, Page: kinerja.Page{Limit: 1}})
	if err != nil || len(users) == 0 {
		return nil, err
	}
	return users[0], nil
}

// confirmDeactivateEmployee asks for the reason before an employee leaves active service.
func (h *Handler) confirmDeactivateEmployee(w http.ResponseWriter, r *http.Request) {
	h.renderEmployee(w, r, "employee_deactivate", http.StatusOK, nil, nil)
}

// deactivateEmployee marks an employee inactive with a reason (mutasi, pensiun, …).
func (h *Handler) deactivateEmployee(w http.ResponseWriter, r *http.Request) {
	e, ok := h.pathEmployee(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	in := e.Input()
	inactive := false
	in.Active = &inactive
	in.InactiveReason = kinerja.InactiveReason(r.PostForm.Get("inactive_reason"))
	var v kinerja.Validation
	in.EffectiveDate = dateField(&v, r.PostForm, "effective_date")
	if _, err := h.saveEmployee(r.Context(), e.ID, in, v.Err()); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		f := newForm(r.PostForm, err)
		h.renderEmployee(w, r, "employee_deactivate", httperr.Status(err), &f, err)
		return
	}
	redirect(w, r, withFlash(employeeURL(e.ID), flashEmployeeInactive))
}

// activateEmployee returns an employee to active service.
func (h *Handler) activateEmployee(w http.ResponseWriter, r *http.Request) {
	e, ok := h.pathEmployee(w, r)
	if !ok {
		return
	}
	in := e.Input()
	active := true
	in.Active, in.InactiveReason = &active, ""
	if _, err := h.db.UpdateEmployee(r.Context(), e.ID, in); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		// Say why on the record itself, e.g. the supervisor has left meanwhile.
		h.renderEmployee(w, r, "employee", httperr.Status(err), nil, err)
		return
	}
	redirect(w, r, withFlash(employeeURL(e.ID), flashEmployeeActive))
}
