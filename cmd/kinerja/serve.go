package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

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
	h, err := server.New(server.Config{DB: db, Logger: log, SessionTTL: c.SessionTTL, TokenTTL: c.TokenTTL,
		SecureCookies: c.SecureCookies, MaxBodyBytes: c.MaxBodyBytes, Version: Version(), DataDir: c.DataDir,
		TrustedProxies: proxies})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	srv := server.NewHTTPServer(c.Addr, h, log)
	go housekeeping(ctx, db, log)
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
	log.Info("Kinerja is ready", "url", "http://"+ln.Addr().String(), "db", string(db.Engine()), "version", Version())

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
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

// housekeeping removes expired sessions and forgotten login attempts every few minutes.
func housekeeping(ctx context.Context, db *sqldb.DB, log *slog.Logger) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
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
