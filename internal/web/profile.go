package web

import (
	"net/http"
	"net/url"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// profileData is the data of the profile page: the account and its two forms.
type profileData struct {
	Account  *kinerja.User
	Profile  form
	Password form
}

// profileForm returns the profile form filled from the account.
func profileForm(u *kinerja.User) form {
	return newForm(url.Values{"name": {u.Name}, "locale": {u.Locale}}, nil)
}

func (h *Handler) profile(w http.ResponseWriter, r *http.Request) {
	u := kinerja.UserFromContext(r.Context())
	p := page{Title: "profile.title", Data: profileData{Account: u, Profile: profileForm(u), Password: newForm(nil, nil)}}
	if u.MustChangePassword && r.URL.Query().Get("password") == "required" {
		// Sent here from another page (see passwordChangePages): say why.
		p.Notice = kinerja.MsgPasswordChange
	}
	h.render(w, r, http.StatusOK, "profile", p)
}

func (h *Handler) updateProfile(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	u := kinerja.UserFromContext(r.Context())
	name, locale := r.PostForm.Get("name"), r.PostForm.Get("locale")
	if _, err := h.db.UpdateUser(r.Context(), u.ID, kinerja.UserUpdate{Name: &name, Locale: &locale}); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, httperr.Status(err), "profile", page{Title: "profile.title", Alert: kinerja.ErrorMessage(err),
			Data: profileData{Account: u, Profile: newForm(r.PostForm, err), Password: newForm(nil, nil)}})
		return
	}
	redirect(w, r, withFlash("/profile", flashProfile))
}

func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	c := kinerja.PasswordChange{
		Current: r.PostForm.Get("current_password"),
		New:     r.PostForm.Get("new_password"),
		Confirm: r.PostForm.Get("confirm_password"),
	}
	// Check the form as a whole first so that every field at fault is marked at once; the
	// store accepts an empty confirmation (API clients send none), a form must not.
	var v kinerja.Validation
	for f, msg := range kinerja.ErrorFields(c.Validate()) {
		v.Add(f, msg)
	}
	if c.Confirm != c.New {
		v.Add("confirm_password", kinerja.MsgPasswordMismatch)
	}
	err := v.Err()
	if err == nil {
		err = h.db.ChangePassword(r.Context(), c)
	}
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		u := kinerja.UserFromContext(r.Context())
		h.render(w, r, httperr.Status(err), "profile", page{Title: "profile.title", Alert: kinerja.ErrorMessage(err),
			Data: profileData{Account: u, Profile: profileForm(u), Password: newForm(nil, err)}})
		return
	}
	redirect(w, r, withFlash("/profile", flashPasswordChanged))
}
