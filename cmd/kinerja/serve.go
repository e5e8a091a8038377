package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"kinerja/internal/blob"
	"kinerja/internal/seal"
	"kinerja/internal/server"
	"kinerja/internal/sqldb"
)

func (m *Main) serve(ctx context.Context, args []string) error {
	c, err := m.parseFlags("serve", args, true)
	if err != nil {
		return err
	}
	log := m.logger(c)
	db, err := m.openDB(ctx, c, log)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := loadAnswerKey(db, c); err != nil {
		return err
	}

	created, password, err := db.EnsureAdmin(ctx, c.AdminPassword)
	if err != nil {
		return err
	}
	if created && c.AdminPassword == "" {
		// CONTRACT.md: the generated password is shown once, here, and must be changed at first login.
		log.Warn("created user admin with a generated password; change it after logging in", "username", "admin", "password", password)
	} else if created {
		log.Info("created user admin with the password from KINERJA_ADMIN_PASSWORD")
	}

	proxies, _ := server.ParseTrustedProxies(c.TrustedProxy) // checked by Validate
	metrics := server.NewMetrics()
	h, err := server.New(server.Config{DB: db, Logger: log, SessionTTL: c.SessionTTL, TokenTTL: c.TokenTTL,
		SecureCookies: c.SecureCookies, MaxBodyBytes: c.MaxBodyBytes, Version: Version(), DataDir: c.DataDir,
		Metrics: metrics, TrustedProxies: proxies})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	srv := server.NewHTTPServer(c.Addr, h, log)
	// Metrics are served only on their own address, which can stay on a private network;
	// without -metrics-addr nobody can read them.
	var msrv *http.Server
	var mln net.Listener
	if c.MetricsAddr != "" {
		if mln, err = net.Listen("tcp", c.MetricsAddr); err != nil {
			ln.Close()
			return fmt.Errorf("listen on -metrics-addr %s: %w", c.MetricsAddr, err)
		}
		msrv = server.NewHTTPServer(c.MetricsAddr, metrics.Handler(c.MetricsToken), log)
		if c.MetricsToken == "" && !isLoopback(mln.Addr()) {
			log.Warn("metrics are served without KINERJA_METRICS_TOKEN on an address others can reach", "metrics_addr", mln.Addr().String())
		}
	}
	go housekeeping(ctx, db, &blob.Store{Dir: evidenceDir(c.DataDir)}, log)
	// The outbox worker stops after the HTTP server, so that it still hears of the events of
	// requests that finish during the shutdown; whatever it leaves is delivered at the next
	// start, or by another instance on the same database.
	outboxCtx, stopOutbox := context.WithCancel(context.WithoutCancel(ctx))
	outboxDone := make(chan struct{})
	go func() {
		defer close(outboxDone)
		db.RunOutbox(outboxCtx, sqldb.OutboxPoll)
	}()
	defer func() {
		stopOutbox()
		<-outboxDone
	}()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	merrc := make(chan error, 1)
	if msrv != nil {
		go func() { merrc <- msrv.Serve(mln) }()
		log.Info("metrics are served", "url", "http://"+mln.Addr().String()+"/metrics", "token", c.MetricsToken != "")
	}
	log.Info("Kinerja is ready", "url", "http://"+ln.Addr().String(), "db", string(db.Engine()), "version", Version())

	var serveErr error
	select {
	case err := <-errc:
		serveErr = fmt.Errorf("serve: %w", err)
	case err := <-merrc:
		serveErr = fmt.Errorf("serve metrics: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	// The metrics listener closes after the main one, so the shutdown itself can be watched.
	shutErr := srv.Shutdown(shutCtx)
	if msrv != nil {
		msrv.Shutdown(shutCtx)
	}
	if serveErr != nil {
		return serveErr
	}
	if shutErr != nil {
		return fmt.Errorf("shutdown: %w", shutErr)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// isLoopback reports whether addr listens on a loopback address only.
func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// openDB connects and applies pending migrations.
func (m *Main) openDB(ctx context.Context, c Config, log *slog.Logger) (*sqldb.DB, error) {
	db, err := sqldb.Open(ctx, c.DB)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", sqldb.RedactDSN(c.DB), err)
	}
	db.Logger = log
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// loadAnswerKey gives db the key that seals anonymous answers while they wait for their batch:
// KINERJA_ANSWER_KEY, else the file answer.key in the data directory, created on first use.
// The key is not in the database nor in its backups; losing it loses only the answers still
// waiting.
func loadAnswerKey(db *sqldb.DB, c Config) error {
	k, err := seal.LoadOrCreate(filepath.Join(c.DataDir, "answer.key"), c.AnswerKey)
	if err != nil {
		return fmt.Errorf("answer key: %w", err)
	}
	db.AnswerKey = k
	return nil
}

// housekeeping removes expired sessions, forgotten login attempts and uploads a killed
// process left half staged, and keeps the planner's statistics current: at start and every
// few minutes.
func housekeeping(ctx context.Context, db *sqldb.DB, blobs *blob.Store, log *slog.Logger) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		if err := db.Optimize(ctx); err != nil && ctx.Err() == nil {
			log.Warn("housekeeping: statistics", "err", err)
		}
		if n, err := blobs.SweepStaging(time.Hour, time.Now()); err != nil {
			log.Warn("housekeeping: staged uploads", "err", err)
		} else if n > 0 {
			log.Info("housekeeping: removed abandoned staged uploads", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := db.DeleteExpired(ctx); err != nil && ctx.Err() == nil {
				log.Warn("housekeeping failed", "err", err)
			}
		}
	}
}
