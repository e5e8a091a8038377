package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// SessionCookie is the name of the cookie that carries the web session token.
const SessionCookie = "kinerja_session"

// session looks up the session of the request's cookie. It returns the request with user and
// session in its context; ok is false without a valid session, and err is set only when the
// store failed.
func (h *Handler) session(r *http.Request) (_ *http.Request, ok bool, err error) {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return r, false, nil
	}
	u, s, err := h.db.Authenticate(r.Context(), c.Value, kinerja.SessionWeb)
	switch kinerja.ErrorCode(err) {
	case "":
	case kinerja.EUNAUTHORIZED:
		return r, false, nil
	default:
		return r, false, err
	}
	ctx := kinerja.NewContextWithSession(kinerja.NewContextWithUser(r.Context(), u), s)
	return r.WithContext(ctx), true, nil
}

// auth wraps a page that needs a login. Without a valid session the browser goes to the
// login page, which brings it back afterwards.
func (h *Handler) auth(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r2, ok, err := h.session(r)
		if err != nil {
			h.serverError(w, r, err)
			return
		}
		if !ok {
			h.toLogin(w, r)
			return
		}
		if kinerja.UserFromContext(r2.Context()).MustChangePassword && !passwordChangePages[r.Pattern] {
			redirect(w, r, passwordRequiredURL)
			return
		}
		next(w, r2)
	}
}

// passwordChangePages are the pages open to a user who must change their password first;
// every other page behind a login sends them to passwordRequiredURL. Logging out, the
// language switch and static files need no login and stay open anyway.
var passwordChangePages = map[string]bool{
	"GET /profile":           true,
	"POST /profile/password": true,
}

// passwordRequiredURL is the password form, saying why the user was sent there.
const passwordRequiredURL = "/profile?password=required#password"

// admin wraps a page for HR administrators. The store checks again; this gives a friendly
// page before any work is done.
func (h *Handler) admin(next http.HandlerFunc) http.HandlerFunc {
	return h.auth(func(w http.ResponseWriter, r *http.Request) {
		if !kinerja.CanManageUsers(kinerja.UserFromContext(r.Context())) {
			h.ErrorPage(w, r, http.StatusForbidden, kinerja.MsgForbidden)
			return
		}
		next(w, r)
	})
}

// optionalAuth puts the user in the context when there is a session, and lets anonymous
// requests through, so that public pages know the user's locale and navigation.
func (h *Handler) optionalAuth(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r2, ok, err := h.session(r); err == nil && ok {
			r = r2
		}
		next(w, r)
	}
}

// toLogin redirects to the login page with the page to come back to. A stale cookie is
// removed and the login page says that the session ended.
func (h *Handler) toLogin(w http.ResponseWriter, r *http.Request) {
	next := r.URL.RequestURI()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		// A form was posted: come back to the page that showed it, not to the POST target.
		next = "/"
		if ref, err := url.Parse(r.Referer()); err == nil && ref.Host == r.Host {
			next = safeNext(ref.RequestURI())
		}
	}
	q := url.Values{"next": {next}}
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		h.clearSessionCookie(w, r)
		q.Set("expired", "1")
	}
	redirect(w, r, "/login?"+q.Encode())
}

// safeNext returns next when it is a path on this site, else "/". "//host" and "/\host" are
// refused because browsers treat them as other sites.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}

// loginData is the data of the login page.
type loginData struct {
	Form       form
	Next       string
	RetryAfter int // seconds to wait after too many attempts
}

func (h *Handler) loginPage(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if kinerja.UserFromContext(r.Context()) != nil {
		redirect(w, r, next)
		return
	}
	p := page{Title: "login.title", Data: loginData{Form: newForm(nil, nil), Next: next}}
	if r.URL.Query().Get("expired") == "1" {
		p.Notice = kinerja.MsgSessionExpired
	}
	h.render(w, r, http.StatusOK, "login", p)
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	next := safeNext(r.PostForm.Get("next"))
	creds := kinerja.Credentials{Username: r.PostForm.Get("username"), Password: r.PostForm.Get("password"), Address: httperr.ClientAddr(r)}
	token, _, err := h.db.Login(r.Context(), creds, kinerja.SessionWeb, h.sessionTTL)
	if err != nil {
		status := http.StatusUnauthorized
		msg := kinerja.MsgLoginFailed
		var retry int
		switch kinerja.ErrorCode(err) {
		case kinerja.EUNAUTHORIZED:
		case kinerja.ERATELIMITED:
			status, msg = http.StatusTooManyRequests, kinerja.MsgLoginThrottled
			retry = kinerja.RetryAfterSeconds(kinerja.RetryAfter(err))
			w.Header().Set("Retry-After", strconv.Itoa(retry))
			h.logger.InfoContext(r.Context(), "web: login throttled", "client", creds.Address,
				"retry_after", kinerja.RetryAfter(err), "request_id", kinerja.RequestIDFromContext(r.Context()))
		default:
			h.serverError(w, r, err)
			return
		}
		values := url.Values{"username": {creds.Username}}
		h.render(w, r, status, "login", page{Title: "login.title", Alert: msg,
			Data: loginData{Form: newForm(values, nil), Next: next, RetryAfter: retry}})
		return
	}
	// Signing in over an existing session replaces it; end the old one rather than leave
	// it valid until it expires.
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		if err := h.db.Logout(r.Context(), c.Value); err != nil {
			h.logger.WarnContext(r.Context(), "web: end replaced session", "err", err)
		}
	}
	http.SetCookie(w, &http.Cookie{
		Name:     SessionCookie,
		Value:    token,
		Path:     "/",
		Expires:  time.Now().Add(h.sessionTTL),
		MaxAge:   int(h.sessionTTL / time.Second),
		HttpOnly: true,
		Secure:   r.TLS != nil || h.secureCookies,
		SameSite: http.SameSiteLaxMode,
	})
	redirect(w, r, next)
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		if err := h.db.Logout(r.Context(), c.Value); err != nil {
			h.serverError(w, r, err)
			return
		}
	}
	h.clearSessionCookie(w, r)
	redirect(w, r, withFlash("/login", flashLoggedOut))
}

func (h *Handler) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name:     SessionCookie,
		Value:    "",
		Path:     "/",
		MaxAge:   -1,
		Expires:  time.Unix(0, 0),
		HttpOnly: true,
		Secure:   r.TLS != nil || h.secureCookies,
		SameSite: http.SameSiteLaxMode,
	})
}
