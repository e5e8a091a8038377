package server

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
	"kinerja/internal/web"
)

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestID gives every request an id, taken from a well-formed X-Request-ID header (set by a
// proxy) or made up, and returns it in the response.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !requestIDPattern.MatchString(id) {
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(kinerja.NewContextWithRequestID(r.Context(), id)))
	})
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs each request and counts it in the metrics by route label (routeLabel) and
// status. The writes of the feedback family are logged under their label, not their path, so
// the log cannot tell an anonymous answer from the other feedback writes either. A request
// whose client went away before the answer counts as 499 (client closed request), not as a
// server error.
func observe(next http.Handler, logger *slog.Logger, m *Metrics) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		status := sw.status
		if status == 0 {
			status = http.StatusOK
		}
		if status >= 500 && httperr.ClientClosed(r) {
			status = httperr.StatusClientClosedRequest
		}
		d := time.Since(start)
		route := routeLabel(r.Pattern)
		path := r.URL.Path
		if route == feedbackWrites {
			path = route
		}
		m.observe(route, status, d)
		level := slog.LevelInfo
		if route == "GET /healthz" || route == "GET /static/{hash}/{file}" {
			level = slog.LevelDebug
		}
		logger.Log(r.Context(), level, "request",
			"request_id", kinerja.RequestIDFromContext(r.Context()),
			"method", r.Method, "path", path, "route", route,
			"status", status, "bytes", sw.bytes, "duration_ms", float64(d.Microseconds())/1000)
	})
}

// recoverer turns a panic into a 500 answer and a logged stack.
func recoverer(next http.Handler, logger *slog.Logger, ui *web.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil || v == http.ErrAbortHandler {
				if v != nil {
					panic(v)
				}
				return
			}
			logger.ErrorContext(r.Context(), "panic", "request_id", kinerja.RequestIDFromContext(r.Context()), "panic", v, "stack", string(debug.Stack()))
			if isAPI(r) {
				writeAPIError(w, http.StatusInternalServerError, kinerja.EINTERNAL, kinerja.MsgInternal)
				return
			}
			ui.ErrorPage(w, r, http.StatusInternalServerError, kinerja.MsgInternal)
		}()
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows no inline script or style and no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

func securityHeaders(next http.Handler, tls bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if tls || r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody caps request bodies, file uploads at upload and the rest at n; handlers see
// *http.MaxBytesError past the limit.
func limitBody(next http.Handler, n, upload int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := n
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			n = upload
		}
		if r.ContentLength > n {
			if isAPI(r) {
				writeAPIError(w, http.StatusRequestEntityTooLarge, kinerja.EINVALID, kinerja.MsgBodyTooLarge)
			} else {
				http.Error(w, kinerja.MsgBodyTooLarge, http.StatusRequestEntityTooLarge)
			}
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

// writeAPIError writes the API's error shape for failures met before the API handler runs.
func writeAPIError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"code": code, "message": message, "fields": map[string]string{}}})
}
