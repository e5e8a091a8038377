package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"kinerja/internal/kinerja"
)

// listDialogs lists the dialogs kinerja about an employee (?employee_id=, default the caller),
// newest first, with their agreed actions.
func (h *Handler) listDialogs(w http.ResponseWriter, r *http.Request) {
	employee, err := employeeQuery(r, "employee_id")
	if err != nil {
		h.error(w, r, err)
		return
	}
	list, err := h.db.FindDialogs(r.Context(), employee)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(list, 0))
}

// dialogBody is the JSON of a new dialog kinerja. Dates are raw so that a bad one is reported
// under its own field name rather than as malformed JSON.
type dialogBody struct {
	EmployeeID   int64              `json:"employee_id"`
	SupervisorID int64              `json:"supervisor_id"`
	Date         json.RawMessage    `json:"date"`
	Topics       string             `json:"topics"`
	Actions      []dialogActionBody `json:"actions"`
}

type dialogActionBody struct {
	Text    string          `json:"text"`
	OwnerID int64           `json:"owner_id"`
	DueDate json.RawMessage `json:"due_date"`
}

func (b *dialogBody) input() (kinerja.NewDialog, error) {
	n := kinerja.NewDialog{EmployeeID: b.EmployeeID, SupervisorID: b.SupervisorID, Topics: b.Topics}
	var v kinerja.Validation
	if len(b.Date) > 0 && n.Date.UnmarshalJSON(b.Date) != nil {
		v.Add("date", kinerja.MsgBadDate)
	}
	for i, a := range b.Actions {
		act := kinerja.NewDialogAction{Text: a.Text, OwnerID: a.OwnerID}
		if len(a.DueDate) > 0 && act.DueDate.UnmarshalJSON(a.DueDate) != nil {
			v.Add("actions."+strconv.Itoa(i)+".due_date", kinerja.MsgBadDate)
		}
		n.Actions = append(n.Actions, act)
	}
	return n, v.Err()
}

// createDialog records a dialog kinerja between an employee and their supervisor (the direct
// one, or the pejabat penilai of someone without one, unless supervisor_id names another above
// them or their pejabat penilai), by one of the two, with the actions agreed.
func (h *Handler) createDialog(w http.ResponseWriter, r *http.Request) {
	var b dialogBody
	if !h.decode(w, r, &b) {
		return
	}
	n, err := b.input()
	if err != nil {
		h.error(w, r, err)
		return
	}
	d, err := h.db.CreateDialog(r.Context(), n)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, d)
}

// setDialogActionStatus marks an agreed action open or done; either person of the dialog may.
func (h *Handler) setDialogActionStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var b struct {
		Status kinerja.DialogActionStatus `json:"status"`
	}
	if !h.decode(w, r, &b) {
		return
	}
	act, err := h.db.SetDialogActionStatus(r.Context(), id, b.Status)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, act)
}
