package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// dialogForm prepares the dialog kinerja form of the feedback page: the employee records it
// with kinerja.DialogSupervisor (their direct supervisor, else their pejabat penilai), a
// supervisor with the employee; an agreed action belongs to one of the two.
func (h *Handler) dialogForm(u *kinerja.User, e *kinerja.Employee, d *feedbackData, locale string) {
	for i := range dialogRows {
		d.DialogRows = append(d.DialogRows, dialogRow{Index: i})
	}
	if d.Dialog.Values == nil || !d.Dialog.Values.Has("date") {
		d.Dialog = newForm(url.Values{"date": {h.today().String()}}, nil)
	}
	g := optionGroup{}
	if d.Self {
		partner := "dialog.owner_supervisor"
		if e.SupervisorID == nil {
			partner = "dialog.owner_appraiser"
		}
		g.Options = []option{
			{Value: strconv.FormatInt(e.ID, 10), Label: h.i18n.translate(locale, "dialog.owner_me")},
			{Value: strconv.FormatInt(kinerja.DialogSupervisor(e), 10), Label: h.i18n.translate(locale, partner)},
		}
	} else {
		d.DialogWith = *u.EmployeeID
		g.Options = []option{
			{Value: strconv.FormatInt(e.ID, 10), Label: e.Name},
			{Value: strconv.FormatInt(*u.EmployeeID, 10), Label: h.i18n.translate(locale, "dialog.owner_me")},
		}
	}
	d.Owners = []optionGroup{g}
}

// dialogInput reads the dialog form; empty action rows are left out. rows maps each action
// of the input to its form row, to place the store's messages.
func dialogInput(values url.Values, employee int64) (kinerja.NewDialog, []int, error) {
	var v kinerja.Validation
	n := kinerja.NewDialog{EmployeeID: employee, Topics: values.Get("topics")}
	if s := strings.TrimSpace(values.Get("supervisor_id")); s != "" && s != "0" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			v.Add("supervisor_id", kinerja.MsgDialogPair)
		}
		n.SupervisorID = id
	}
	if s := strings.TrimSpace(values.Get("date")); s != "" {
		d, err := kinerja.ParseDate(s)
		if err != nil {
			v.Add("date", kinerja.MsgDialogDate)
		}
		n.Date = d
	}
	var rows []int
	for i := range dialogRows {
		row := dialogRow{Index: i}
		text, owner, due := strings.TrimSpace(values.Get(row.Name("text"))), values.Get(row.Name("owner_id")), strings.TrimSpace(values.Get(row.Name("due_date")))
		if text == "" && due == "" {
			continue
		}
		act := kinerja.NewDialogAction{Text: text}
		act.OwnerID, _ = strconv.ParseInt(owner, 10, 64)
		if due != "" {
			d, err := kinerja.ParseDate(due)
			if err != nil {
				v.Add(row.Name("due_date"), kinerja.MsgBadDate)
			}
			act.DueDate = d
		}
		rows = append(rows, i)
		n.Actions = append(n.Actions, act)
	}
	return n, rows, v.Err()
}

// dialogRowErrors renames the action fields of err ("actions.0.text") from positions in the
// input to form rows.
func dialogRowErrors(err error, rows []int) error {
	fields := map[string]string{}
	for k, msg := range kinerja.ErrorFields(err) {
		if rest, ok := strings.CutPrefix(k, "actions."); ok {
			if n, tail, ok := strings.Cut(rest, "."); ok {
				if i, err := strconv.Atoi(n); err == nil && i >= 0 && i < len(rows) {
					k = dialogRow{Index: rows[i]}.Name(tail)
				}
			}
		}
		fields[k] = msg
	}
	return &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.ErrorMessage(err), Fields: fields}
}

// createDialog records a dialog kinerja with the employee of the URL.
func (h *Handler) createDialog(w http.ResponseWriter, r *http.Request) {
	e, ok := h.feedbackSubject(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	n, rows, err := dialogInput(r.PostForm, e.ID)
	if err != nil {
		err = mergeErrors(err, n.Validate(h.today()))
	} else {
		_, err = h.db.CreateDialog(r.Context(), n)
	}
	if err != nil {
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			h.fail(w, r, err)
			return
		}
		err = dialogRowErrors(err, rows)
		h.renderFeedback(w, r, httperr.Status(err), e, &feedbackData{Dialog: newForm(r.PostForm, err)}, err)
		return
	}
	redirect(w, r, withFlash(feedbackURL(e.ID)+"#dialogs", flashDialogCreated))
}

// setDialogAction marks an agreed action done or open again and goes back to the feedback
// page of the employee (field employee_id).
func (h *Handler) setDialogAction(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgDialogNotFound)
		return
	}
	if !h.parseForm(w, r) {
		return
	}
	if _, err := h.db.SetDialogActionStatus(r.Context(), id, kinerja.DialogActionStatus(r.PostForm.Get("status"))); err != nil {
		h.fail(w, r, err)
		return
	}
	to := "/"
	if emp, err := strconv.ParseInt(r.PostForm.Get("employee_id"), 10, 64); err == nil && emp > 0 {
		to = withFlash(feedbackURL(emp)+"#dialogs", flashDialogUpdated)
	}
	redirect(w, r, to)
}
