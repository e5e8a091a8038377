// Package httperr holds what the pages and the API share about answering a request: the one
// table from kinerja error codes to HTTP statuses, whether the client went away, and who the
// client is.
package httperr

import (
	"net/http"

	"kinerja/internal/kinerja"
)

var statuses = map[string]int{
	kinerja.EINVALID:      http.StatusUnprocessableEntity,
	kinerja.EUNAUTHORIZED: http.StatusUnauthorized,
	kinerja.EFORBIDDEN:    http.StatusForbidden,
	kinerja.ENOTFOUND:     http.StatusNotFound,
	kinerja.ECONFLICT:     http.StatusConflict,
	kinerja.ERATELIMITED:  http.StatusTooManyRequests,
	kinerja.EINTERNAL:     http.StatusInternalServerError,
}

// Status returns the HTTP status that answers err: 500 for an error that is not a
// *kinerja.Error.
func Status(err error) int {
	if s, ok := statuses[kinerja.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}
