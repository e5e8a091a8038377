package httperr

import (
	"context"
	"errors"
	"net/http"
)

// StatusClientClosedRequest is the status recorded, in the log and the metrics, for a request
// whose client went away before it was answered (as nginx records it). Nobody receives it.
const StatusClientClosedRequest = 499

// ClientClosed reports whether the client of r closed the request: its context was cancelled
// (the connection closed, or an HTTP/2 stream was reset). Whatever failed afterwards failed
// for want of a client, not because of a fault of the server.
func ClientClosed(r *http.Request) bool {
	return errors.Is(r.Context().Err(), context.Canceled)
}
