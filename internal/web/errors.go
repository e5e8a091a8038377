package web

import (
	"errors"
	"net/http"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// isFormError reports whether err is about the submitted input, so the form should be shown
// again with the messages rather than an error page.
func isFormError(err error) bool {
	switch kinerja.ErrorCode(err) {
	case kinerja.EINVALID, kinerja.ECONFLICT:
		return true
	}
	return false
}

// errorData is the data of the error page.
type errorData struct {
	Message string
}

// ErrorPage writes a friendly HTML error page with a link home. message is a catalogue key or
// an Indonesian sentence from package kinerja, translated for the reader; "" uses the
// default text for status. The server uses it for CSRF rejections too.
func (h *Handler) ErrorPage(w http.ResponseWriter, r *http.Request, status int, message string) {
	if message == "" {
		switch status {
		case http.StatusNotFound:
			message = "error.404.text"
		case http.StatusMethodNotAllowed:
			message = kinerja.MsgMethodNotAllowed
		case http.StatusForbidden:
			message = kinerja.MsgForbidden
		case http.StatusInternalServerError:
			message = kinerja.MsgInternal
		default:
			message = "error.default.text"
		}
	}
	h.render(w, r, status, "error", page{Title: "error.title", Data: errorData{Message: message}})
}

// fail answers a request that the store refused and that has no form to show again.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch code := kinerja.ErrorCode(err); code {
	case kinerja.EUNAUTHORIZED:
		h.toLogin(w, r)
	case kinerja.EINTERNAL:
		h.serverError(w, r, err)
	default:
		h.ErrorPage(w, r, httperr.Status(err), kinerja.ErrorMessage(err))
	}
}

// serverError logs the cause of an unexpected error and shows the 500 page with the request
// id, which the user can quote to support. A request whose client went away is no server
// fault: it is logged at info level and recorded as 499, with no page.
func (h *Handler) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if httperr.ClientClosed(r) {
		h.logger.InfoContext(r.Context(), "web: client closed request", "method", r.Method, "path", r.URL.Path,
			"request_id", kinerja.RequestIDFromContext(r.Context()), "err", err)
		w.WriteHeader(httperr.StatusClientClosedRequest)
		return
	}
	h.logger.ErrorContext(r.Context(), "web: internal error", "method", r.Method, "path", r.URL.Path,
		"request_id", kinerja.RequestIDFromContext(r.Context()), "err", err)
	h.ErrorPage(w, r, http.StatusInternalServerError, kinerja.MsgInternal)
}

// maxFormBytes bounds a submitted form; the UI's forms are a few hundred bytes.
const maxFormBytes = 64 << 10

// parseForm reads a posted form, answering with an error page when it is too large or
// malformed.
func (h *Handler) parseForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.ErrorPage(w, r, http.StatusRequestEntityTooLarge, kinerja.MsgBodyTooLarge)
		} else {
			h.ErrorPage(w, r, http.StatusBadRequest, kinerja.MsgInvalidInput)
		}
		return false
	}
	return true
}
