package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"

	"kinerja/internal/kinerja"
)

// msgActivityStatusFilter answers an ?status= that is no activity status.
const msgActivityStatusFilter = "Status harus pending, approved atau rejected."

var activityStatuses = []kinerja.ActivityStatus{kinerja.ActivityPending, kinerja.ActivityApproved, kinerja.ActivityRejected}

// listActivities lists daily activities, newest first, paged by position: the caller's own,
// an employee's with ?employee_id=, or with ?queue=1 the caller's verification queue (the
// pending activities of their direct subordinates, oldest first).
func (h *Handler) listActivities(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := offsetPageParams(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	q := r.URL.Query()
	f := kinerja.ActivityFilter{Limit: limit, Offset: offset}
	var v kinerja.Validation
	f.EmployeeID = queryID(q, "employee_id", &v)
	f.ResultID = queryID(q, "result_id", &v)
	if s := q.Get("status"); s != "" {
		if f.Status = kinerja.ActivityStatus(s); !slices.Contains(activityStatuses, f.Status) {
			v.Add("status", msgActivityStatusFilter)
		}
	}
	f.From = queryDate(q.Get("from"), "from", &v)
	f.To = queryDate(q.Get("to"), "to", &v)
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		v.Add("to", kinerja.MsgBadDateRange)
	}
	if s := q.Get("queue"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			v.Add("queue", kinerja.MsgInvalidInput)
		}
		f.Queue = b
	}
	if err := v.Err(); err != nil {
		h.error(w, r, err)
		return
	}
	as, total, err := h.db.FindActivities(r.Context(), f)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newOffsetList(as, offset, total))
}

// queryDate reads an optional YYYY-MM-DD query value, recording a bad one under name in v.
func queryDate(s, name string, v *kinerja.Validation) kinerja.Date { return v.Date(name, s) }

// activityBody is the JSON of a POST or PATCH of an activity. Absent fields keep their value
// on PATCH; the date is raw so that a bad one is reported under its own field name.
type activityBody struct {
	EmployeeID  *int64          `json:"employee_id"`
	Date        json.RawMessage `json:"date"`
	ResultID    *int64          `json:"result_id"`
	Description *string         `json:"description"`
	Output      *float64        `json:"output"`
	Unit        *string         `json:"unit"`
	Minutes     *int            `json:"minutes"`
}

// apply writes the fields present in b over in; the store validates the result.
func (b *activityBody) apply(in *kinerja.ActivityInput) error {
	set(&in.EmployeeID, b.EmployeeID)
	set(&in.ResultID, b.ResultID)
	set(&in.Description, b.Description)
	set(&in.Output, b.Output)
	set(&in.Unit, b.Unit)
	set(&in.Minutes, b.Minutes)
	if len(b.Date) > 0 {
		if err := in.Date.UnmarshalJSON(b.Date); err != nil {
			return kinerja.FieldError("date", kinerja.MsgActivityDate)
		}
	}
	return nil
}

// createActivity logs an activity for the caller, or for employee_id (an admin on an
// employee's behalf). A date in the future answers 422 naming date.
func (h *Handler) createActivity(w http.ResponseWriter, r *http.Request) {
	var b activityBody
	if !h.decode(w, r, &b) {
		return
	}
	var in kinerja.ActivityInput
	if err := b.apply(&in); err != nil {
		h.error(w, r, err)
		return
	}
	a, err := h.db.CreateActivity(r.Context(), in)
	if err != nil {
		h.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/activities/"+strconv.FormatInt(a.ID, 10))
	writeJSON(w, http.StatusCreated, a)
}

func (h *Handler) getActivity(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	a, err := h.db.FindActivityByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

// updateActivity changes the fields present in the body of an activity not yet approved; a
// rejected one goes back to the supervisor's queue.
func (h *Handler) updateActivity(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var b activityBody
	if !h.decode(w, r, &b) {
		return
	}
	a, err := h.db.PatchActivity(r.Context(), id, b.apply)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (h *Handler) deleteActivity(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	if err := h.db.DeleteActivity(r.Context(), id); err != nil {
		h.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// approveActivity approves one pending activity of a direct subordinate.
func (h *Handler) approveActivity(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	as, err := h.db.ApproveActivities(r.Context(), []int64{id})
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, as[0])
}

// approveActivities approves pending activities of direct subordinates in bulk, all or none.
func (h *Handler) approveActivities(w http.ResponseWriter, r *http.Request) {
	var b struct {
		IDs []int64 `json:"ids"`
	}
	if !h.decode(w, r, &b) {
		return
	}
	// An id listed twice is approved once.
	ids := make([]int64, 0, len(b.IDs))
	for _, id := range b.IDs {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	as, err := h.db.ApproveActivities(r.Context(), ids)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(as, 0))
}

// rejectActivity sends a pending activity back to its employee with the reason.
func (h *Handler) rejectActivity(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var b struct {
		Reason string `json:"reason"`
	}
	if !h.decodeOptional(w, r, &b) {
		return
	}
	a, err := h.db.RejectActivity(r.Context(), id, b.Reason)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}
