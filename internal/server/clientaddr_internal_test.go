package server

import (
	"net/http/httptest"
	"testing"
)

func TestClientAddr(t *testing.T) {
	t.Parallel()
	proxies, err := ParseTrustedProxies(" 127.0.0.1, 10.0.0.0/8 ,::1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		trusted bool
		peer    string
		xff     []string
		realIP  string
		want    string
	}{
		{"no proxy trusted: the peer", false, "203.0.113.7:5555", []string{"198.51.100.1"}, "198.51.100.2", "203.0.113.7"},
		{"untrusted peer: headers ignored", true, "203.0.113.7:5555", []string{"198.51.100.1"}, "", "203.0.113.7"},
		{"trusted peer: the forwarded client", true, "127.0.0.1:5555", []string{"198.51.100.1"}, "", "198.51.100.1"},
		{"made-up entries left of the proxy's are skipped", true, "127.0.0.1:5555", []string{"1.2.3.4, 198.51.100.1"}, "", "198.51.100.1"},
		{"a chain of trusted proxies", true, "127.0.0.1:5555", []string{"198.51.100.1, 10.1.2.3", "10.9.9.9"}, "", "198.51.100.1"},
		{"every hop trusted: the first", true, "127.0.0.1:5555", []string{"10.0.0.5, 10.0.0.6"}, "", "10.0.0.5"},
		{"garbage where the proxy writes: the peer", true, "127.0.0.1:5555", []string{"198.51.100.1, bukan-alamat"}, "", "127.0.0.1"},
		{"port and brackets", true, "[::1]:5555", []string{"[2001:db8::1]:443"}, "", "2001:db8::1"},
		{"X-Real-IP from a trusted peer", true, "127.0.0.1:5555", nil, "198.51.100.3", "198.51.100.3"},
		{"X-Real-IP from an untrusted peer", true, "203.0.113.7:5555", nil, "198.51.100.3", "203.0.113.7"},
		{"mapped IPv4 peer", true, "[::ffff:127.0.0.1]:5555", []string{"198.51.100.1"}, "", "198.51.100.1"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.peer
		for _, v := range tt.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if tt.realIP != "" {
			r.Header.Set("X-Real-IP", tt.realIP)
		}
		p := proxies
		if !tt.trusted {
			p = nil
		}
		if got := clientAddr(r, p); got != tt.want {
			t.Errorf("%s: clientAddr = %q; want %q", tt.name, got, tt.want)
		}
	}
}

func TestParseTrustedProxies(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", " ", "127.0.0.1", "10.0.0.0/8,192.168.1.1", "::1, fd00::/8", "10.1.2.3/8"} {
		if _, err := ParseTrustedProxies(s); err != nil {
			t.Errorf("ParseTrustedProxies(%q): %v", s, err)
		}
	}
	for _, s := range []string{"proxy.lan", "10.0.0.0/33", "1.2.3", "true"} {
		if _, err := ParseTrustedProxies(s); err == nil {
			t.Errorf("ParseTrustedProxies(%q) = nil error; want one", s)
		}
	}
	p, _ := ParseTrustedProxies("10.1.2.3/8")
	if p[0].String() != "10.0.0.0/8" {
		t.Errorf("10.1.2.3/8 read as %v; want 10.0.0.0/8", p[0])
	}
}
