package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"kinerja/internal/kinerja"
)

func (h *Handler) listUsers(w http.ResponseWriter, r *http.Request) {
	limit, after, err := pageParams(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	q := r.URL.Query()
	f := kinerja.UserFilter{Query: q.Get("q"), Role: kinerja.Role(q.Get("role")), Page: kinerja.Page{Limit: limit, After: after}}
	if f.Role != "" && !f.Role.Valid() {
		h.error(w, r, kinerja.FieldError("role", kinerja.MsgRoleUnknown))
		return
	}
	var v kinerja.Validation
	f.EmployeeID = queryID(q, "employee_id", &v)
	if err := v.Err(); err != nil {
		h.error(w, r, err)
		return
	}
	if s := q.Get("active"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			h.error(w, r, kinerja.FieldError("active", kinerja.MsgInvalidInput))
			return
		}
		f.Active = &b
	}
	users, next, err := h.db.FindUsers(r.Context(), f)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(users, next))
}

func (h *Handler) createUser(w http.ResponseWriter, r *http.Request) {
	var n kinerja.NewUser
	if !h.decode(w, r, &n) {
		return
	}
	u, err := h.db.CreateUser(r.Context(), n)
	if err != nil {
		h.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/users/"+strconv.FormatInt(u.ID, 10))
	writeJSON(w, http.StatusCreated, u)
}

func (h *Handler) getUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	u, err := h.db.FindUserByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

// userPatch tells an absent employee_id (leave it) from null (unlink it).
type userPatch struct {
	Name       *string         `json:"name"`
	Roles      *[]kinerja.Role `json:"roles"`
	Locale     *string         `json:"locale"`
	Active     *bool           `json:"active"`
	EmployeeID json.RawMessage `json:"employee_id"`
}

func (h *Handler) updateUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var p userPatch
	if !h.decode(w, r, &p) {
		return
	}
	upd := kinerja.UserUpdate{Name: p.Name, Roles: p.Roles, Locale: p.Locale, Active: p.Active}
	if len(p.EmployeeID) > 0 {
		var emp *int64
		if err := json.Unmarshal(p.EmployeeID, &emp); err != nil {
			h.errorStatus(w, r, http.StatusBadRequest, kinerja.FieldError("employee_id", kinerja.MsgEmployeeIDInvalid))
			return
		}
		upd.EmployeeID = &emp
	}
	u, err := h.db.UpdateUser(r.Context(), id, upd)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

func (h *Handler) resetPassword(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var in struct {
		Password string `json:"password"`
	}
	if !h.decode(w, r, &in) {
		return
	}
	if err := h.db.ResetPassword(r.Context(), id, in.Password); err != nil {
		h.error(w, r, err)
		return
	}
	u, err := h.db.FindUserByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}
