package server

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"

	"kinerja/internal/kinerja"
)

// ParseTrustedProxies reads the -trusted-proxy setting: a comma-separated list of addresses
// and CIDR ranges (e.g. "127.0.0.1,10.0.0.0/8") of the reverse proxies whose
// X-Forwarded-For and X-Real-IP headers are believed. "" trusts none.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("-trusted-proxy: %q is not an IP address or a CIDR range such as 10.0.0.0/8", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// clientAddress puts the client's address (kinerja.ClientAddrFromContext) in the context of
// every request: the connection's peer, unless that peer is a trusted proxy, in which case
// the proxies' headers name the client. Login throttling counts attempts by this address.
func clientAddress(next http.Handler, trusted []netip.Prefix, logger *slog.Logger) http.Handler {
	var warnOnce sync.Once
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(trusted) == 0 && r.Header.Get("X-Forwarded-For") != "" {
			warnOnce.Do(func() {
				logger.Warn("requests carry X-Forwarded-For but no proxy is trusted: every client behind a proxy shares " +
					"the proxy's address for login limits; set -trusted-proxy (KINERJA_TRUSTED_PROXY) to the proxy's address")
			})
		}
		next.ServeHTTP(w, r.WithContext(kinerja.NewContextWithClientAddr(r.Context(), clientAddr(r, trusted))))
	})
}

// clientAddr returns the address of the client of r. Without a trusted peer it is the peer
// itself, whatever the headers say, since a client writes its own headers. From a trusted
// peer it is the rightmost address of X-Forwarded-For that is not itself a trusted proxy:
// each proxy appends the address it saw, so the entries to the left of the last untrusted
// one may be made up. Without X-Forwarded-For a trusted peer's X-Real-IP is used.
func clientAddr(r *http.Request, trusted []netip.Prefix) string {
	peer := r.RemoteAddr
	if host, _, err := net.SplitHostPort(peer); err == nil {
		peer = host
	}
	ip, err := netip.ParseAddr(peer)
	if err != nil || !isTrusted(ip, trusted) {
		return peer
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	client := ip
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			// A proxy we trust would not write this; what stands to its left is the client's.
			break
		}
		client = a
		if !isTrusted(a, trusted) {
			return a.String()
		}
	}
	if len(hops) == 0 {
		if a, ok := parseHop(r.Header.Get("X-Real-IP")); ok {
			return a.String()
		}
	}
	return client.String()
}

// parseHop reads one entry of X-Forwarded-For: an address, perhaps with a port or in brackets.
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if host, _, err := net.SplitHostPort(s); err == nil {
		s = host
	}
	a, err := netip.ParseAddr(strings.Trim(s, "[]"))
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	a = a.Unmap()
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
