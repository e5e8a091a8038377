package web

import (
	"net/http"
	"slices"
	"time"

	"kinerja/internal/kinerja"
)

// LanguageCookie remembers the UI language chosen by a visitor who is not logged in.
const LanguageCookie = "kinerja_lang"

// chooseLanguage records the language picked in the footer: in the user's profile when
// logged in (so it follows them to other devices), and in a cookie for the login page.
func (h *Handler) chooseLanguage(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	locale := r.PostForm.Get("locale")
	next := safeNext(r.PostForm.Get("next"))
	if !slices.Contains(kinerja.Locales, locale) {
		h.ErrorPage(w, r, http.StatusUnprocessableEntity, kinerja.MsgLocaleUnknown)
		return
	}
	if u := kinerja.UserFromContext(r.Context()); u != nil && u.Locale != locale {
		if _, err := h.db.UpdateUser(r.Context(), u.ID, kinerja.UserUpdate{Locale: &locale}); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{
		Name:     LanguageCookie,
		Value:    locale,
		Path:     "/",
		MaxAge:   int((365 * 24 * time.Hour).Seconds()),
		HttpOnly: true,
		Secure:   r.TLS != nil || h.secureCookies,
		SameSite: http.SameSiteLaxMode,
	})
	redirect(w, r, next)
}

// cookieLocale returns the language cookie's locale when it names a known one.
func cookieLocale(r *http.Request) string {
	if c, err := r.Cookie(LanguageCookie); err == nil && slices.Contains(kinerja.Locales, c.Value) {
		return c.Value
	}
	return ""
}
