package api

import (
	"net/http"
	"strconv"

	"kinerja/internal/kinerja"
)

// msgEmployeeRequired answers a request that names no employee when the caller has no
// employee record to stand for one.
const msgEmployeeRequired = "Sebutkan pegawai (employee_id)."

// employeeQuery reads the employee a request is about from query parameter name; absent, it
// is the caller's own employee record.
func employeeQuery(r *http.Request, name string) (int64, error) {
	var v kinerja.Validation
	id := queryID(r.URL.Query(), name, &v)
	if err := v.Err(); err != nil {
		return 0, err
	}
	if id == nil {
		if id = kinerja.UserFromContext(r.Context()).EmployeeID; id == nil {
			return 0, kinerja.FieldError(name, msgEmployeeRequired)
		}
	}
	return *id, nil
}

// yearQuery reads ?year=; absent, it is def.
func yearQuery(r *http.Request, def int) (int, error) {
	s := r.URL.Query().Get("year")
	if s == "" {
		return def, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 2000 || y > 2100 {
		return 0, kinerja.FieldError("year", kinerja.MsgInvalidInput)
	}
	return y, nil
}

// listFeedback shows the continuous-feedback timeline about an employee (?about_employee_id=,
// default the caller) for ?year= (default every year): each thread, then its replies.
func (h *Handler) listFeedback(w http.ResponseWriter, r *http.Request) {
	about, err := employeeQuery(r, "about_employee_id")
	if err != nil {
		h.error(w, r, err)
		return
	}
	year, err := yearQuery(r, 0)
	if err != nil {
		h.error(w, r, err)
		return
	}
	items, err := h.db.FindFeedback(r.Context(), about, year)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(items, 0))
}

// createFeedback adds to the continuous-feedback thread about an employee: a supervisor's or
// pejabat penilai's comment (on an RHK, a BerAKHLAK value, or in general), the employee's
// request for feedback (request true; about_employee_id defaults to the caller), or a reply
// (parent_id).
func (h *Handler) createFeedback(w http.ResponseWriter, r *http.Request) {
	var n kinerja.NewFeedback
	if !h.decode(w, r, &n) {
		return
	}
	if own := kinerja.UserFromContext(r.Context()).EmployeeID; n.AboutEmployeeID == 0 && n.Request && own != nil {
		n.AboutEmployeeID = *own
	}
	fb, err := h.db.CreateFeedback(r.Context(), n)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, fb)
}
