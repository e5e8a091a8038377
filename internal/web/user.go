package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// usersData is the data of the user list.
type usersData struct {
	Filter   form
	Users    []*kinerja.User
	NextURL  string // the next page, or ""
	FirstURL string // the first page, when this is a later one
	Filtered bool   // a search or filter is active
}

// users lists accounts with search, filters and keyset pagination.
func (h *Handler) users(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := kinerja.UserFilter{Query: strings.TrimSpace(q.Get("q"))}
	var v kinerja.Validation
	if role := q.Get("role"); role != "" {
		if f.Role = kinerja.Role(role); !f.Role.Valid() {
			v.Add("role", kinerja.MsgRoleUnknown)
		}
	}
	switch q.Get("active") {
	case "":
	case "1", "0":
		active := q.Get("active") == "1"
		f.Active = &active
	default:
		v.Add("active", kinerja.MsgInvalidInput)
	}
	alert := ""
	if s := q.Get("after"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			v.Add("after", kinerja.MsgBadCursor)
			alert = kinerja.MsgBadCursor
		}
		f.After = n
	}
	d := usersData{Filter: newForm(url.Values{"q": {f.Query}, "role": {q.Get("role")}, "active": {q.Get("active")}}, nil),
		Filtered: f.Query != "" || f.Role != "" || f.Active != nil}
	if err := v.Err(); err != nil {
		d.Filter.Errors = kinerja.ErrorFields(err)
		if alert == "" {
			alert = kinerja.ErrorMessage(err)
		}
		h.render(w, r, http.StatusUnprocessableEntity, "users", page{Title: "users.title", Alert: alert, Data: d})
		return
	}
	users, next, err := h.db.FindUsers(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Users = users
	keep := url.Values{}
	for _, k := range []string{"q", "role", "active"} {
		if s := d.Filter.Get(k); s != "" {
			keep.Set(k, s)
		}
	}
	d.NextURL, d.FirstURL = pageLinks("/admin/users", keep, "after", next, f.After)
	h.render(w, r, http.StatusOK, "users", page{Title: "users.title", Data: d})
}

// userData is the data of the new-user and edit-user pages.
type userData struct {
	Account  *kinerja.User     // nil on the new-user page
	Form     form              // create or update
	Reset    form              // password reset
	Employee *kinerja.Employee // new user: the employee the account is for, if any; edit: the linked employee
	Orgs     []*kinerja.Unit   // new user: organisations the installation admin may pick
	// Candidates are, on the new-user page without a chosen employee, the employees without
	// an account by unit, to pick from.
	Candidates []optionGroup
}

// candidateGroups groups employees without an account by unit, each labelled with name and NIP.
func candidateGroups(cands []kinerja.AccountCandidate) []optionGroup {
	var groups []optionGroup
	for _, c := range cands {
		if len(groups) == 0 || groups[len(groups)-1].Label != c.UnitName {
			groups = append(groups, optionGroup{Label: c.UnitName})
		}
		g := &groups[len(groups)-1]
		g.Options = append(g.Options, option{Value: strconv.FormatInt(c.EmployeeID, 10), Label: c.Name + " — " + c.NIP})
	}
	return groups
}

// parseRoles reads the roles checkboxes.
func parseRoles(values []string) []kinerja.Role {
	roles := make([]kinerja.Role, len(values))
	for i, v := range values {
		roles[i] = kinerja.Role(v)
	}
	return roles
}

// accountForm returns the edit form filled from an account: the roles given by hand, not
// those the reporting lines add.
func accountForm(u *kinerja.User) form {
	v := url.Values{"name": {u.Name}, "locale": {u.Locale}}
	for _, r := range u.GrantedRoles {
		v.Add("roles", string(r))
	}
	return newForm(v, nil)
}

// pathID reads the {id} of the URL; a malformed id is a page that does not exist.
func (h *Handler) pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgUserNotFound)
		return 0, false
	}
	return id, true
}

func userURL(id int64) string { return "/admin/users/" + strconv.FormatInt(id, 10) }

// newUser shows the form for a new account; ?employee=ID prepares it for that employee.
func (h *Handler) newUser(w http.ResponseWriter, r *http.Request) {
	values := url.Values{"roles": {string(kinerja.RolePegawai)}}
	if id := r.URL.Query().Get("employee"); id != "" {
		values.Set("employee_id", id)
	}
	h.renderNewUser(w, r, http.StatusOK, newForm(values, nil), nil, true)
}

// renderNewUser shows the new-user form. For an employee it fills in their name and
// organisation when fill is set.
func (h *Handler) renderNewUser(w http.ResponseWriter, r *http.Request, status int, f form, formErr error, fill bool) {
	ctx := r.Context()
	d := userData{Form: f}
	if s := f.Get("employee_id"); s != "" {
		id, _ := strconv.ParseInt(s, 10, 64)
		e, err := h.db.FindEmployeeByID(ctx, id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Employee = e
		if fill {
			f.Values.Set("name", e.Name)
			f.Values.Set("org_id", strconv.FormatInt(e.OrgID, 10))
		}
	}
	var org int64
	if s := f.Get("org_id"); s != "" {
		org, _ = strconv.ParseInt(s, 10, 64)
	}
	// The installation admin sees the employees of an organisation once they have chosen it.
	if d.Employee == nil && (kinerja.UserFromContext(ctx).OrgID != nil || org > 0) {
		cands, err := h.db.FindAccountCandidates(ctx, org)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Candidates = candidateGroups(cands)
	}
	if kinerja.CanCreateOrganisation(kinerja.UserFromContext(ctx)) && d.Employee == nil {
		orgs, err := h.db.FindOrganisations(ctx)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Orgs = orgs
	}
	h.render(w, r, status, "user_new", page{Title: "user_new.title", Alert: alertFor(formErr, "username", "name",
		"password", "roles", "locale", "org_id", "employee_id"), Data: d})
}

func (h *Handler) createUser(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	var v kinerja.Validation
	n := kinerja.NewUser{
		Username:   r.PostForm.Get("username"),
		Name:       r.PostForm.Get("name"),
		Password:   r.PostForm.Get("password"),
		Roles:      parseRoles(r.PostForm["roles"]),
		Locale:     r.PostForm.Get("locale"),
		OrgID:      optionalID(&v, r.PostForm, "org_id"),
		EmployeeID: optionalID(&v, r.PostForm, "employee_id"),
	}
	err := v.Err()
	if err == nil {
		_, err = h.db.CreateUser(r.Context(), n)
	}
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.renderNewUser(w, r, httperr.Status(err), newForm(r.PostForm, err), err, false)
		return
	}
	if n.EmployeeID != nil {
		redirect(w, r, withFlash(employeeURL(*n.EmployeeID), flashCreated))
		return
	}
	redirect(w, r, withFlash("/admin/users", flashCreated))
}

func (h *Handler) editUser(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r)
	if !ok {
		return
	}
	u, err := h.db.FindUserByID(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := userData{Account: u, Form: accountForm(u), Reset: newForm(nil, nil)}
	if d.Employee, err = h.accountEmployee(r, u); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "user_edit", page{Title: "user_edit.title", Data: d})
}

// accountEmployee returns the employee linked to an account, or nil when there is none.
func (h *Handler) accountEmployee(r *http.Request, u *kinerja.User) (*kinerja.Employee, error) {
	if u.EmployeeID == nil {
		return nil, nil
	}
	return h.db.FindEmployeeByID(r.Context(), *u.EmployeeID)
}

// renderEdit shows the edit page again after a form error; fill the form that failed.
func (h *Handler) renderEdit(w http.ResponseWriter, r *http.Request, id int64, formErr error, update, reset *form) {
	u, err := h.db.FindUserByID(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := userData{Account: u, Form: accountForm(u), Reset: newForm(nil, nil)}
	if d.Employee, err = h.accountEmployee(r, u); err != nil {
		h.fail(w, r, err)
		return
	}
	if update != nil {
		d.Form = *update
	}
	if reset != nil {
		d.Reset = *reset
	}
	h.render(w, r, httperr.Status(formErr), "user_edit", page{Title: "user_edit.title",
		Alert: kinerja.ErrorMessage(formErr), Data: d})
}

func (h *Handler) updateUser(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r)
	if !ok {
		return
	}
	if !h.parseForm(w, r) {
		return
	}
	name, locale := r.PostForm.Get("name"), r.PostForm.Get("locale")
	roles := parseRoles(r.PostForm["roles"])
	if _, err := h.db.UpdateUser(r.Context(), id, kinerja.UserUpdate{Name: &name, Roles: &roles, Locale: &locale}); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		f := newForm(r.PostForm, err)
		h.renderEdit(w, r, id, err, &f, nil)
		return
	}
	redirect(w, r, withFlash(userURL(id), flashUpdated))
}

func (h *Handler) resetPassword(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r)
	if !ok {
		return
	}
	if !h.parseForm(w, r) {
		return
	}
	var err error
	if id == kinerja.UserFromContext(r.Context()).ID {
		// A reset ends every session of the account, the admin's own included; their own
		// password is changed on the profile page, which checks the current one.
		err = kinerja.FieldError("password", "user_edit.reset_self")
	} else {
		err = h.db.ResetPassword(r.Context(), id, r.PostForm.Get("password"))
	}
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		f := newForm(nil, err)
		h.renderEdit(w, r, id, err, nil, &f)
		return
	}
	redirect(w, r, withFlash(userURL(id), flashPasswordReset))
}

// confirmDeactivate asks before deactivating: the account's sessions end at once.
func (h *Handler) confirmDeactivate(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r)
	if !ok {
		return
	}
	u, err := h.db.FindUserByID(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !u.Active {
		redirect(w, r, userURL(id))
		return
	}
	p := page{Title: "deactivate.title", Data: userData{Account: u}}
	if u.ID == kinerja.UserFromContext(r.Context()).ID {
		p.Alert = kinerja.MsgSelfDeactivate
	}
	h.render(w, r, http.StatusOK, "user_deactivate", p)
}

func (h *Handler) deactivateUser(w http.ResponseWriter, r *http.Request) {
	h.setActive(w, r, false)
}

func (h *Handler) activateUser(w http.ResponseWriter, r *http.Request) {
	h.setActive(w, r, true)
}

func (h *Handler) setActive(w http.ResponseWriter, r *http.Request, active bool) {
	id, ok := h.pathID(w, r)
	if !ok {
		return
	}
	if _, err := h.db.UpdateUser(r.Context(), id, kinerja.UserUpdate{Active: &active}); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		u, ferr := h.db.FindUserByID(r.Context(), id)
		if ferr != nil {
			h.fail(w, r, ferr)
			return
		}
		h.render(w, r, httperr.Status(err), "user_deactivate", page{Title: "deactivate.title",
			Alert: kinerja.ErrorMessage(err), Data: userData{Account: u}})
		return
	}
	if active {
		redirect(w, r, withFlash(userURL(id), flashActivated))
	} else {
		redirect(w, r, withFlash(userURL(id), flashDeactivated))
	}
}
