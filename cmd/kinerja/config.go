package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"kinerja/internal/server"
	"kinerja/internal/sqldb"
)

// Config is the validated configuration of the server. Every field comes from a flag, whose
// default comes from a KINERJA_* environment variable.
type Config struct {
	Addr          string
	DB            string
	LogLevel      string
	LogFormat     string
	SessionTTL    time.Duration
	TokenTTL      time.Duration
	SecureCookies bool
	MaxBodyBytes  int64
	DataDir       string
	TrustedProxy  string // addresses and CIDR ranges of reverse proxies, comma-separated
	AdminPassword string // only from KINERJA_ADMIN_PASSWORD: a flag would show in ps
	AnswerKey     string // only from KINERJA_ANSWER_KEY, for the same reason; else DataDir/answer.key
	MetricsAddr   string // where /metrics is served; "": nowhere
	MetricsToken  string // only from KINERJA_METRICS_TOKEN: the bearer token scrapes must send
}

// envDefaults builds a config from the environment; parse errors are collected so every bad
// variable is reported at once.
func (m *Main) envDefaults() (Config, error) {
	c := Config{
		Addr:          "127.0.0.1:8080",
		DB:            "sqlite:kinerja.db",
		LogLevel:      "info",
		LogFormat:     "text",
		SessionTTL:    12 * time.Hour,
		TokenTTL:      24 * time.Hour,
		MaxBodyBytes:  1 << 20,
		DataDir:       "kinerja-data",
		AdminPassword: m.Getenv("KINERJA_ADMIN_PASSWORD"),
		AnswerKey:     m.Getenv("KINERJA_ANSWER_KEY"),
		MetricsToken:  m.Getenv("KINERJA_METRICS_TOKEN"),
	}
	var errs []error
	str := func(name string, dst *string) {
		if v := m.Getenv(name); v != "" {
			*dst = v
		}
	}
	dur := func(name string, dst *time.Duration) {
		if v := m.Getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q is not a duration like 12h or 30m", name, v))
			}
			*dst = d
		}
	}
	str("KINERJA_ADDR", &c.Addr)
	str("KINERJA_DB", &c.DB)
	str("KINERJA_LOG_LEVEL", &c.LogLevel)
	str("KINERJA_LOG_FORMAT", &c.LogFormat)
	str("KINERJA_DATA_DIR", &c.DataDir)
	str("KINERJA_METRICS_ADDR", &c.MetricsAddr)
	str("KINERJA_TRUSTED_PROXY", &c.TrustedProxy)
	dur("KINERJA_SESSION_TTL", &c.SessionTTL)
	dur("KINERJA_TOKEN_TTL", &c.TokenTTL)
	if v := m.Getenv("KINERJA_SECURE_COOKIES"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("KINERJA_SECURE_COOKIES=%q is not true or false", v))
		}
		c.SecureCookies = b
	}
	if v := m.Getenv("KINERJA_MAX_BODY_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			errs = append(errs, fmt.Errorf("KINERJA_MAX_BODY_BYTES=%q is not a number of bytes", v))
		}
		c.MaxBodyBytes = n
	}
	return c, errors.Join(errs...)
}

// addDBFlags registers the flags every command that opens the database shares.
func (c *Config) addDBFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.DB, "db", c.DB, "database: sqlite:PATH or postgres://USER@HOST:PORT/DB (env KINERJA_DB)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (env KINERJA_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "text or json (env KINERJA_LOG_FORMAT)")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "directory for evidence files and the answer key (env KINERJA_DATA_DIR)")
}

func (c *Config) addServeFlags(fs *flag.FlagSet) {
	c.addDBFlags(fs)
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address HOST:PORT (env KINERJA_ADDR)")
	fs.DurationVar(&c.SessionTTL, "session-ttl", c.SessionTTL, "browser session lifetime (env KINERJA_SESSION_TTL)")
	fs.DurationVar(&c.TokenTTL, "token-ttl", c.TokenTTL, "API token lifetime (env KINERJA_TOKEN_TTL)")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", c.SecureCookies, "mark cookies Secure; set behind a TLS proxy (env KINERJA_SECURE_COOKIES)")
	fs.Int64Var(&c.MaxBodyBytes, "max-body-bytes", c.MaxBodyBytes, "largest accepted request body (env KINERJA_MAX_BODY_BYTES)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr, "listen address HOST:PORT of /metrics; empty serves no metrics (env KINERJA_METRICS_ADDR; token: KINERJA_METRICS_TOKEN)")
	fs.StringVar(&c.TrustedProxy, "trusted-proxy", c.TrustedProxy,
		"comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client (env KINERJA_TRUSTED_PROXY)")
}

// Validate reports every problem with the configuration, each with the flag to fix.
func (c Config) Validate(serve bool) error {
	var errs []error
	if err := sqldb.ValidateDSN(c.DB); err != nil {
		errs = append(errs, err)
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		errs = append(errs, err)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("-log-format: %q is not text or json", c.LogFormat))
	}
	if serve {
		host, port, err := net.SplitHostPort(c.Addr)
		if p, perr := strconv.Atoi(port); err != nil || perr != nil || p < 0 || p > 65535 {
			errs = append(errs, fmt.Errorf("-addr: %q is not HOST:PORT, e.g. 127.0.0.1:8080", c.Addr))
		} else if host != "" && net.ParseIP(host) == nil && strings.ContainsAny(host, " /") {
			errs = append(errs, fmt.Errorf("-addr: %q has an invalid host", c.Addr))
		}
		if c.MetricsAddr != "" {
			if err := validateAddr("-metrics-addr", c.MetricsAddr, "127.0.0.1:9090"); err != nil {
				errs = append(errs, err)
			} else if c.MetricsAddr == c.Addr && !strings.HasSuffix(c.Addr, ":0") {
				errs = append(errs, fmt.Errorf("-metrics-addr: %q is the address of -addr; metrics need their own", c.MetricsAddr))
			}
		} else if c.MetricsToken != "" {
			errs = append(errs, errors.New("KINERJA_METRICS_TOKEN is set but -metrics-addr is not: metrics are only served on their own address"))
		}
		for _, d := range []struct {
			name string
			v    time.Duration
		}{{"-session-ttl", c.SessionTTL}, {"-token-ttl", c.TokenTTL}} {
			if d.v < time.Minute || d.v > 90*24*time.Hour {
				errs = append(errs, fmt.Errorf("%s: %v must be between 1m and 2160h (90 days)", d.name, d.v))
			}
		}
		if strings.TrimSpace(c.DataDir) == "" {
			errs = append(errs, errors.New("-data-dir: must name a directory"))
		}
		if c.MaxBodyBytes < 1024 {
			errs = append(errs, fmt.Errorf("-max-body-bytes: %d is below 1024", c.MaxBodyBytes))
		}
		if _, err := server.ParseTrustedProxies(c.TrustedProxy); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// validateAddr checks that addr is HOST:PORT, naming the flag and an example when it is not.
func validateAddr(name, addr, example string) error {
	host, port, err := net.SplitHostPort(addr)
	if p, perr := strconv.Atoi(port); err != nil || perr != nil || p < 0 || p > 65535 {
		return fmt.Errorf("%s: %q is not HOST:PORT, e.g. %s", name, addr, example)
	} else if host != "" && net.ParseIP(host) == nil && strings.ContainsAny(host, " /") {
		return fmt.Errorf("%s: %q has an invalid host", name, addr)
	}
	return nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("-log-level: %q is not debug, info, warn or error", s)
	}
	return l, nil
}

// parseFlags fills c from args on top of the environment and validates it.
func (m *Main) parseFlags(name string, args []string, serve bool) (Config, error) {
	c, envErr := m.envDefaults()
	fs := flag.NewFlagSet("kinerja "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	if serve {
		c.addServeFlags(fs)
	} else {
		c.addDBFlags(fs)
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("%s: unexpected argument %q", name, fs.Arg(0))
	}
	if err := errors.Join(envErr, c.Validate(serve)); err != nil {
		return c, errors.New(strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	return c, nil
}

func (m *Main) logger(c Config) *slog.Logger {
	level, _ := parseLevel(c.LogLevel)
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(m.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(m.Stderr, opts))
}
