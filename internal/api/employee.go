package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kinerja/internal/kinerja"
)

// employeeJSON returns what the caller may see of e: the whole record with full access, the
// directory entry (no personal data) otherwise.
func employeeJSON(e *kinerja.Employee) any {
	if e.Access == kinerja.AccessFull {
		return e
	}
	return e.Directory()
}

// teamDirectoryEntry is a team member the caller may see only in the directory.
type teamDirectoryEntry struct {
	kinerja.DirectoryEntry
	Depth int `json:"depth"`
}

func teamMemberJSON(m *kinerja.TeamMember) any {
	if m.Access == kinerja.AccessFull {
		return m
	}
	return teamDirectoryEntry{m.Directory(), m.Depth}
}

// listEmployees lists employees in name order, paged by position. Rows the caller may not
// fully see carry only the directory fields.
func (h *Handler) listEmployees(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := offsetPageParams(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	q := r.URL.Query()
	f := kinerja.EmployeeFilter{Query: strings.TrimSpace(q.Get("q")), Offset: offset, Limit: limit}
	var v kinerja.Validation
	f.UnitID = queryID(q, "unit_id", &v)
	f.SupervisorID = queryID(q, "supervisor_id", &v)
	f.SetKinds(q.Get("position_kind"), q.Get("status"), &v)
	switch s := q.Get("active"); s {
	case "":
	case "all":
		f.All = true
	default:
		b, err := strconv.ParseBool(s)
		if err != nil {
			v.Add("active", msgActiveFilter)
		}
		f.Active = &b
	}
	if org := queryID(q, "org_id", &v); org != nil {
		f.OrgID = *org
	}
	if err := v.Err(); err != nil {
		h.error(w, r, err)
		return
	}
	emps, total, err := h.db.FindEmployees(r.Context(), f)
	if kinerja.ErrorCode(err) == kinerja.ENOTFOUND && f.OrgID == 0 {
		// An installation without organisations yet.
		writeJSON(w, http.StatusOK, newOffsetList([]any{}, 0, 0))
		return
	}
	if err != nil {
		h.error(w, r, err)
		return
	}
	items := make([]any, len(emps))
	for i, e := range emps {
		items[i] = employeeJSON(e)
	}
	writeJSON(w, http.StatusOK, newOffsetList(items, offset, total))
}

// msgActiveFilter answers an ?active= that is neither a boolean nor "all".
const msgActiveFilter = "Filter aktif harus true, false atau all."

// queryID reads an optional positive id from query parameter name, recording a bad one in v.
func queryID(q url.Values, name string, v *kinerja.Validation) *int64 { return v.ID(name, q.Get(name)) }

// employeeBody is the JSON of a POST or PATCH of an employee. Absent and null fields keep
// their value, except supervisor_id and appraiser_id, where null clears: those are raw, and so
// are the dates, so that a bad date is reported under its own field name.
type employeeBody struct {
	NIP            *string                   `json:"nip"`
	Name           *string                   `json:"name"`
	Gender         *kinerja.Gender           `json:"gender"`
	BirthDate      json.RawMessage           `json:"birth_date"`
	Status         *kinerja.EmploymentStatus `json:"status"`
	Grade          *string                   `json:"grade"`
	Position       *string                   `json:"position"`
	PositionKind   *kinerja.PositionKind     `json:"position_kind"`
	UnitID         *int64                    `json:"unit_id"`
	SupervisorID   json.RawMessage           `json:"supervisor_id"`
	AppraiserID    json.RawMessage           `json:"appraiser_id"`
	Phone          *string                   `json:"phone"`
	Email          *string                   `json:"email"`
	Active         *bool                     `json:"active"`
	InactiveReason *kinerja.InactiveReason   `json:"inactive_reason"`
	EffectiveDate  json.RawMessage           `json:"effective_date"`
}

// apply writes the fields present in b over in. The store validates the result; apply reports
// only what it cannot carry: dates that are not YYYY-MM-DD and ids that are not ids.
func (b *employeeBody) apply(in *kinerja.EmployeeInput) error {
	set(&in.NIP, b.NIP)
	set(&in.Name, b.Name)
	set(&in.Gender, b.Gender)
	set(&in.Status, b.Status)
	set(&in.Grade, b.Grade)
	set(&in.Position, b.Position)
	set(&in.PositionKind, b.PositionKind)
	set(&in.UnitID, b.UnitID)
	set(&in.Phone, b.Phone)
	set(&in.Email, b.Email)
	set(&in.InactiveReason, b.InactiveReason)
	if b.Active != nil {
		in.Active = b.Active
	}
	var v kinerja.Validation
	for _, d := range []struct {
		name string
		raw  json.RawMessage
		dst  *kinerja.Date
	}{{"birth_date", b.BirthDate, &in.BirthDate}, {"effective_date", b.EffectiveDate, &in.EffectiveDate}} {
		if len(d.raw) > 0 {
			if err := d.dst.UnmarshalJSON(d.raw); err != nil {
				v.Add(d.name, kinerja.MsgBadDate)
			}
		}
	}
	for _, ref := range []struct {
		name string
		raw  json.RawMessage
		dst  **int64
	}{{"supervisor_id", b.SupervisorID, &in.SupervisorID}, {"appraiser_id", b.AppraiserID, &in.AppraiserID}} {
		if len(ref.raw) > 0 {
			id, ok := nullableID(ref.raw)
			if !ok {
				v.Add(ref.name, kinerja.MsgInvalidInput)
			}
			*ref.dst = id
		}
	}
	return v.Err()
}

// set overwrites *dst with *src when src is given.
func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

func (h *Handler) createEmployee(w http.ResponseWriter, r *http.Request) {
	var b employeeBody
	if !h.decode(w, r, &b) {
		return
	}
	var in kinerja.EmployeeInput
	if err := b.apply(&in); err != nil {
		h.error(w, r, err)
		return
	}
	e, err := h.db.CreateEmployee(r.Context(), in)
	if err != nil {
		h.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/employees/"+strconv.FormatInt(e.ID, 10))
	writeJSON(w, http.StatusCreated, e)
}

func (h *Handler) getEmployee(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	e, err := h.db.FindEmployeeByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, e)
}

// updateEmployee changes the fields present in the body, merged into the stored record in the
// store's transaction.
func (h *Handler) updateEmployee(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var b employeeBody
	if !h.decode(w, r, &b) {
		return
	}
	e, err := h.db.PatchEmployee(r.Context(), id, b.apply)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, e)
}

// employeeHistory lists the periods of an employee's position, unit and reporting line.
func (h *Handler) employeeHistory(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	hist, err := h.db.FindEmployeeHistory(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(hist, 0))
}

// employeeTeam lists everyone below an employee in the reporting lines, direct and indirect.
func (h *Handler) employeeTeam(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	team, err := h.db.FindTeam(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	items := make([]any, len(team))
	for i, m := range team {
		items[i] = teamMemberJSON(m)
	}
	writeJSON(w, http.StatusOK, newList(items, 0))
}
