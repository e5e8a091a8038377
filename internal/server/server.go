// Package server assembles Kinerja's HTTP surfaces — the web UI, the JSON API and health —
// behind the middleware every request passes through, and counts them in metrics served on a
// listener of their own.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"path/filepath"
	"strings"
	"time"

	"kinerja/internal/api"
	"kinerja/internal/blob"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/web"
)

// Config holds what the HTTP server needs.
type Config struct {
	DB             *sqldb.DB
	Logger         *slog.Logger
	SessionTTL     time.Duration // browser sessions
	TokenTTL       time.Duration // API bearer tokens
	SecureCookies  bool          // behind a TLS-terminating proxy
	MaxBodyBytes   int64         // request body limit
	MaxUploadBytes int64         // limit for multipart uploads (files)
	Version        string
	DataDir        string         // where uploaded files are kept
	TrustedProxies []netip.Prefix // reverse proxies whose X-Forwarded-For names the client
	// Metrics counts every request; the caller serves it apart (Metrics.Handler), never on
	// the public handler. Nil: counted into a registry nobody reads.
	Metrics *Metrics
}

// EvidenceDir is where evidence files are kept under a data directory.
func EvidenceDir(dataDir string) string { return filepath.Join(dataDir, "evidence") }

// New returns the root handler.
func New(cfg Config) (http.Handler, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if cfg.MaxUploadBytes <= 0 {
		cfg.MaxUploadBytes = kinerja.MaxEvidenceLimit + 1<<20 // the largest evidence limit an organisation may set, plus the form
	}
	if cfg.DataDir == "" {
		cfg.DataDir = "kinerja-data"
	}
	blobs := &blob.Store{Dir: EvidenceDir(cfg.DataDir)}
	ui, err := web.New(web.Config{DB: cfg.DB, Blobs: blobs, Logger: cfg.Logger, SecureCookies: cfg.SecureCookies, SessionTTL: cfg.SessionTTL, Version: cfg.Version})
	if err != nil {
		return nil, err
	}
	apiHandler := api.New(api.Config{DB: cfg.DB, Blobs: blobs, Logger: cfg.Logger, TokenTTL: cfg.TokenTTL})
	metrics := cfg.Metrics
	if metrics == nil {
		metrics = NewMetrics()
	}

	// /metrics is not served here: it tells when people act, so it has a listener of its own.
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", health(cfg.DB))
	mux.Handle("/api/v1/", apiHandler)
	mux.Handle("/", ui)

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isAPI(r) {
			writeAPIError(w, http.StatusForbidden, kinerja.EFORBIDDEN, kinerja.MsgCrossOrigin)
			return
		}
		ui.ErrorPage(w, r, http.StatusForbidden, kinerja.MsgCrossOrigin)
	}))

	// Only requestID and clientAddress copy the request: observe must hand the same
	// *http.Request down to the muxes so that it can read r.Pattern afterwards.
	var h http.Handler = cop.Handler(mux)
	h = limitBody(h, cfg.MaxBodyBytes, cfg.MaxUploadBytes)
	h = securityHeaders(h, cfg.SecureCookies)
	h = recoverer(h, cfg.Logger, ui)
	if h, err = compress(h); err != nil {
		return nil, err
	}
	h = observe(h, cfg.Logger, metrics)
	h = requestID(h)
	h = clientAddress(h, cfg.TrustedProxies, cfg.Logger)
	return h, nil
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// health answers 200 while the database answers, 503 otherwise.
func health(db *sqldb.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if err := db.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("unavailable\n"))
			return
		}
		w.Write([]byte("ok\n"))
	}
}

// NewHTTPServer returns an http.Server with timeouts that keep slow or idle clients from
// holding connections forever.
func NewHTTPServer(addr string, h http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}
