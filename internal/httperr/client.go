package httperr

import (
	"net"
	"net/http"

	"kinerja/internal/kinerja"
)

// ClientAddr is the address of r's client as the server determined it (see its trusted-proxy
// setting), or the connection's peer when a handler runs on its own, as in tests. The pages
// and the API count login attempts by it.
func ClientAddr(r *http.Request) string {
	if a := kinerja.ClientAddrFromContext(r.Context()); a != "" {
		return a
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}
