package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the Prometheus registry of one server. Labels use the route pattern, never
// the raw path, so their number stays bounded. The public handler counts requests into it;
// only Handler serves it, on a listener of its own.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewMetrics returns an empty registry with the request metrics and the Go runtime and
// process collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerja_http_requests_total",
			Help: "HTTP requests by route pattern and status.",
		}, []string{"route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kinerja_http_request_duration_seconds",
			Help:    "HTTP request latency by route pattern and status.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "status"}),
	}
	m.reg.MustRegister(m.requests, m.duration,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *Metrics) observe(route string, status int, d time.Duration) {
	s := strconv.Itoa(status)
	m.requests.WithLabelValues(route, s).Inc()
	m.duration.WithLabelValues(route, s).Observe(d.Seconds())
}

// Handler serves GET /metrics in the Prometheus text format and answers 404 to anything
// else. With a token, a scrape must send "Authorization: Bearer TOKEN" or gets 401.
func (m *Metrics) Handler(token string) http.Handler {
	prom := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	want := sha256.Sum256([]byte(token))
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if token != "" {
			// Hashing first makes the comparison take the same time whatever the length of
			// what was sent.
			got := sha256.Sum256([]byte(bearer(r)))
			if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="kinerja-metrics"`)
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
		}
		prom.ServeHTTP(w, r)
	}))
	return mux
}

// bearer returns the token of an "Authorization: Bearer" header, or "".
func bearer(r *http.Request) string {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// feedbackWrites is the one route label, and the one path in the access log, of every write
// to feedback, peer answers and upward feedback. Upward answers are anonymous and peer
// answers are shown only in aggregate to the employee, so neither the metrics nor the log may
// tell when such an answer arrived: grouped with the other feedback writes (a supervisor's
// feedback, a reply, choosing peers, a leader's reply), an answer is one write among many.
const feedbackWrites = "feedback writes"

// routeLabel returns the label under which a request matched by pattern is counted and
// logged: the pattern itself, feedbackWrites for the feedback family's writes, or
// "unmatched".
func routeLabel(pattern string) string {
	if pattern == "" {
		return "unmatched"
	}
	method, path, ok := strings.Cut(pattern, " ")
	if !ok || method == http.MethodGet || method == http.MethodHead {
		return pattern
	}
	for _, s := range []string{"feedback", "peer", "upward"} {
		if strings.Contains(path, s) {
			return feedbackWrites
		}
	}
	return pattern
}
