package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// bulkAccountsData is the data of the page that makes accounts for every employee without one.
type bulkAccountsData struct {
	Scope      orgScope // the installation admin chooses the organisation
	OrgID      int64    // the organisation whose employees get accounts
	Candidates []kinerja.AccountCandidate
	Issued     []kinerja.IssuedActivation // after the POST: the accounts made, with their codes
	ExpiresAt  time.Time
}

// bulkAccounts lists the employees without an account, by unit, and offers to make them all.
func (h *Handler) bulkAccounts(w http.ResponseWriter, r *http.Request) {
	s, err := h.orgScope(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := bulkAccountsData{Scope: s}
	if s.Org != nil {
		d.OrgID = s.Org.ID
		if d.Candidates, err = h.db.FindAccountCandidates(r.Context(), d.OrgID); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, "users_bulk", page{Title: "users_bulk.title", Data: d})
}

// createBulkAccounts makes the accounts and shows their one-time codes as a printable list.
// The list is the answer to the POST itself, never a page to come back to: the codes are
// stored only as hashes and this is the one time they are shown.
func (h *Handler) createBulkAccounts(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	var v kinerja.Validation
	var org int64
	if id := optionalID(&v, r.PostForm, "org_id"); id != nil {
		org = *id
	}
	if err := v.Err(); err != nil {
		h.fail(w, r, err)
		return
	}
	issued, err := h.db.CreateEmployeeAccounts(r.Context(), org)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := bulkAccountsData{OrgID: org, Issued: issued}
	if len(issued) > 0 {
		d.ExpiresAt = issued[0].ExpiresAt
	}
	h.render(w, r, http.StatusOK, "activation_codes", page{Title: "activation_codes.title", Data: d})
}

// activateData is the data of the activation page.
type activateData struct {
	Form       form
	RetryAfter int // seconds to wait after too many attempts
}

// activatePage asks for the username and code from the printed list and a new password.
func (h *Handler) activatePage(w http.ResponseWriter, r *http.Request) {
	if kinerja.UserFromContext(r.Context()) != nil {
		redirect(w, r, "/")
		return
	}
	values := url.Values{"username": {r.URL.Query().Get("username")}}
	h.render(w, r, http.StatusOK, "activate", page{Title: "activate.title", Data: activateData{Form: newForm(values, nil)}})
}

// activate sets the person's first password with their activation code. It is throttled like
// the login form; every refusal of the code gives the same message.
func (h *Handler) activate(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	in := kinerja.Activation{Username: r.PostForm.Get("username"), Code: r.PostForm.Get("code"),
		Password: r.PostForm.Get("password"), Address: httperr.ClientAddr(r)}
	var err error
	if in.Password != r.PostForm.Get("confirm_password") {
		err = kinerja.FieldError("confirm_password", kinerja.MsgPasswordMismatch)
	} else {
		_, err = h.db.Activate(r.Context(), in)
	}
	if err == nil {
		redirect(w, r, withFlash("/login", flashAccountActivated))
		return
	}
	values := url.Values{"username": {in.Username}}
	d := activateData{}
	status := httperr.Status(err)
	msg := kinerja.ErrorMessage(err)
	switch kinerja.ErrorCode(err) {
	case kinerja.EINVALID:
		d.Form = newForm(values, err)
	case kinerja.EUNAUTHORIZED:
		d.Form = newForm(values, nil)
	case kinerja.ERATELIMITED:
		status, msg = http.StatusTooManyRequests, kinerja.MsgLoginThrottled
		d.RetryAfter = kinerja.RetryAfterSeconds(kinerja.RetryAfter(err))
		w.Header().Set("Retry-After", strconv.Itoa(d.RetryAfter))
		d.Form = newForm(values, nil)
	default:
		h.serverError(w, r, err)
		return
	}
	h.render(w, r, status, "activate", page{Title: "activate.title", Alert: msg, Data: d})
}
