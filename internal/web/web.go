// Package web serves Kinerja's HTML user interface: server-rendered pages from embedded
// templates, embedded static files with content-hashed URLs, and message catalogues in
// Bahasa Indonesia and English. It holds no SQL and no business rules: handlers parse the
// request, call the store with the acting user in the context, and render.
package web

import (
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"kinerja/internal/app"
	"kinerja/internal/blob"
	"kinerja/internal/sqldb"
)

// Config is what the web handler needs from its caller.
type Config struct {
	DB            *sqldb.DB
	Blobs         *blob.Store // uploaded evidence files
	Logger        *slog.Logger
	SecureCookies bool          // set Secure on cookies even without r.TLS (behind a TLS proxy)
	SessionTTL    time.Duration // web session lifetime, e.g. 12h
	Version       string
}

// DefaultSessionTTL is the web session lifetime when Config.SessionTTL is zero.
const DefaultSessionTTL = 12 * time.Hour

// Handler serves the web UI.
type Handler struct {
	db            *sqldb.DB
	app           *app.App
	logger        *slog.Logger
	secureCookies bool
	sessionTTL    time.Duration
	version       string

	mux       *http.ServeMux
	i18n      *catalogues
	assets    *assets
	templates map[string]pages // by locale
}

// New returns a handler for cfg.
func New(cfg Config) (*Handler, error) {
	if cfg.DB == nil {
		return nil, errors.New("web: Config.DB is nil")
	}
	h := &Handler{
		db:            cfg.DB,
		app:           app.New(cfg.DB, cfg.Blobs),
		logger:        cfg.Logger,
		secureCookies: cfg.SecureCookies,
		sessionTTL:    cfg.SessionTTL,
		version:       cfg.Version,
	}
	if h.logger == nil {
		h.logger = slog.Default()
	}
	if h.sessionTTL <= 0 {
		h.sessionTTL = DefaultSessionTTL
	}
	u, err := loadUI()
	if err != nil {
		return nil, err
	}
	h.i18n, h.assets, h.templates = u.i18n, u.assets, u.templates
	h.mux = h.routes().ServeMux
	return h, nil
}

// ui is what every handler shares: catalogues, static files and parsed templates, all made
// from embedded files and never changed after loading.
type ui struct {
	i18n      *catalogues
	assets    *assets
	templates map[string]pages
}

var loadedUI struct {
	once sync.Once
	ui   *ui
	err  error
}

// loadUI reads the catalogues, hashes the static files and parses every template, once per
// process: parsing takes a third of a second, which every handler after the first is spared.
func loadUI() (*ui, error) {
	loadedUI.once.Do(func() {
		u := &ui{}
		var err error
		if u.i18n, err = loadCatalogues(); err != nil {
			loadedUI.err = err
			return
		}
		if u.assets, err = loadAssets(); err != nil {
			loadedUI.err = err
			return
		}
		if u.templates, err = parseTemplates(u.i18n, u.assets); err != nil {
			loadedUI.err = err
			return
		}
		loadedUI.ui = u
	})
	return loadedUI.ui, loadedUI.err
}

// ServeHTTP dispatches to the route table. It hands the mux the very request it got, so that
// the caller can read r.Pattern afterwards.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mux.ServeHTTP(w, r)
}
