package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields"`
}

// error writes err in the error shape of CONTRACT.md. Internal causes are logged, never sent.
func (h *Handler) error(w http.ResponseWriter, r *http.Request, err error) {
	h.errorStatus(w, r, 0, err)
}

func (h *Handler) errorStatus(w http.ResponseWriter, r *http.Request, status int, err error) {
	code := kinerja.ErrorCode(err)
	if status == 0 {
		status = httperr.Status(err)
	}
	if code == kinerja.EINTERNAL && httperr.ClientClosed(r) {
		// The client went away: no server fault, and nobody to answer.
		h.log.InfoContext(r.Context(), "api: client closed request", "err", err, "request_id", kinerja.RequestIDFromContext(r.Context()))
		w.WriteHeader(httperr.StatusClientClosedRequest)
		return
	}
	if code == kinerja.EINTERNAL {
		h.log.ErrorContext(r.Context(), "api error", "err", err, "request_id", kinerja.RequestIDFromContext(r.Context()))
	}
	if d := kinerja.RetryAfter(err); d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(kinerja.RetryAfterSeconds(d)))
	}
	fields := kinerja.ErrorFields(err)
	if fields == nil {
		fields = map[string]string{}
	}
	writeJSON(w, status, errorBody{Error: errorDetail{Code: code, Message: kinerja.ErrorMessage(err), Fields: fields}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// decode reads a JSON body into v. A malformed body answers 400, an oversized one 413; both
// are written here, and decode reports false.
func (h *Handler) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	err := dec.Decode(v)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = errors.New("trailing data after JSON value")
		}
	}
	if err == nil {
		return true
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		h.errorStatus(w, r, http.StatusRequestEntityTooLarge, &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgBodyTooLarge, Err: err})
		return false
	}
	e := &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgBadJSON, Err: err}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		e.Fields = map[string]string{typeErr.Field: kinerja.MsgInvalidInput}
	}
	h.errorStatus(w, r, http.StatusBadRequest, e)
	return false
}
