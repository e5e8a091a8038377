package sqldb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	"kinerja/internal/kinerja"
)

// throttleKey is one row of login_throttle.
type throttleKey struct {
	scope string // pair, address or username
	hash  string
}

// loginKeys are the three keys a login attempt is counted under, in the order their rows are
// locked: every transaction takes them pair, address, username, so two never wait on each
// other in a circle.
type loginKeys [3]throttleKey

// newLoginKeys returns the keys of an attempt for the normalised username from addr. Keys are
// hashed so that the table keeps no text typed into the login form, such as a password
// entered as the username.
func newLoginKeys(username, addr string) loginKeys {
	addr = kinerja.LoginAddressKey(addr)
	h := func(parts ...string) string {
		s := sha256.New()
		for _, p := range parts {
			fmt.Fprintf(s, "%d:%s", len(p), p)
		}
		return hex.EncodeToString(s.Sum(nil))
	}
	return loginKeys{
		{"pair", h("pair", username, addr)},
		{"address", h("address", addr)},
		{"username", h("username", username)},
	}
}

// attempt puts the counters in the order of the keys into a kinerja.LoginAttempt.
func attempt(c [3]kinerja.LoginCounter) kinerja.LoginAttempt {
	return kinerja.LoginAttempt{Pair: c[0], Address: c[1], Username: c[2]}
}

// reserveLogin counts one login attempt under its keys before its password is checked, or
// refuses it with kinerja.LoginThrottledError while one of its keys makes it wait. The check
// and the count are one transaction holding the keys' rows, so of any number of concurrent
// attempts no more get through than the limits allow.
func (db *DB) reserveLogin(ctx context.Context, keys loginKeys) error {
	// Refusing needs no write lock: a flood of attempts that must wait is turned away by a
	// read, and only an attempt that may go on queues for the rows.
	c, err := readLoginCounters(ctx, db.db, keys)
	if err != nil {
		return mapError(err)
	}
	if w := kinerja.LoginWait(attempt(c), db.now()); w > 0 {
		return kinerja.LoginThrottledError(w)
	}
	return db.update(ctx, func(tx *Tx) error {
		var c [3]kinerja.LoginCounter
		for i, k := range keys {
			var err error
			if c[i], err = tx.lockLoginCounter(ctx, k); err != nil {
				return err
			}
		}
		a := attempt(c)
		if w := kinerja.LoginWait(a, tx.now); w > 0 {
			// Rolling back also removes the rows just made for new keys.
			return kinerja.LoginThrottledError(w)
		}
		a = a.Reserve(tx.now)
		for i, c := range []kinerja.LoginCounter{a.Pair, a.Address, a.Username} {
			if err := tx.writeLoginCounter(ctx, keys[i], c); err != nil {
				return err
			}
		}
		return nil
	})
}

// settleLogin records a successful login in tx: the username at the address starts again
// from nothing, and the address and the username take the attempt back, so that colleagues
// logging in from one office address do not add up.
func (tx *Tx) settleLogin(ctx context.Context, keys loginKeys) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM login_throttle WHERE key_hash = $1`, keys[0].hash); err != nil {
		return fmt.Errorf("settle login: %w", err)
	}
	for _, r := range []struct {
		key   throttleKey
		limit kinerja.LoginLimit
	}{{keys[1], kinerja.LoginLimitAddress}, {keys[2], kinerja.LoginLimitUsername}} {
		var c kinerja.LoginCounter
		err := tx.QueryRowContext(ctx, `UPDATE login_throttle SET scope = scope WHERE key_hash = $1 RETURNING until_at, last_at`,
			r.key.hash).Scan(&c.Until, &c.Last)
		if err == sql.ErrNoRows {
			continue
		} else if err != nil {
			return fmt.Errorf("settle login: %w", err)
		}
		if err := tx.writeLoginCounter(ctx, r.key, r.limit.Refund(c)); err != nil {
			return err
		}
	}
	return nil
}

// readLoginCounters reads the counters of keys without locking them; a key without a row
// counts nothing.
func readLoginCounters(ctx context.Context, q queryer, keys loginKeys) ([3]kinerja.LoginCounter, error) {
	var c [3]kinerja.LoginCounter
	rows, err := q.QueryContext(ctx, `SELECT key_hash, until_at, last_at FROM login_throttle WHERE key_hash IN ($1, $2, $3)`,
		keys[0].hash, keys[1].hash, keys[2].hash)
	if err != nil {
		return c, fmt.Errorf("read login throttle: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			hash string
			lc   kinerja.LoginCounter
		)
		if err := rows.Scan(&hash, &lc.Until, &lc.Last); err != nil {
			return c, fmt.Errorf("read login throttle: %w", err)
		}
		for i, k := range keys {
			if k.hash == hash {
				c[i] = lc
			}
		}
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("read login throttle: %w", err)
	}
	return c, nil
}

// lockLoginCounter returns the counter of k, making its row if there is none, and holds the
// row until tx ends. The update that changes nothing takes PostgreSQL's row lock, and waits
// for a transaction that holds it; SQLite's transactions hold the write lock from BEGIN.
func (tx *Tx) lockLoginCounter(ctx context.Context, k throttleKey) (kinerja.LoginCounter, error) {
	var c kinerja.LoginCounter
	err := tx.QueryRowContext(ctx, `INSERT INTO login_throttle (key_hash, scope, until_at, last_at) VALUES ($1, $2, $3, $3)
		ON CONFLICT (key_hash) DO UPDATE SET scope = excluded.scope
		RETURNING until_at, last_at`, k.hash, k.scope, tx.now).Scan(&c.Until, &c.Last)
	if err != nil {
		return c, fmt.Errorf("lock login throttle %s: %w", k.scope, err)
	}
	return c, nil
}

func (tx *Tx) writeLoginCounter(ctx context.Context, k throttleKey, c kinerja.LoginCounter) error {
	if _, err := tx.ExecContext(ctx, `UPDATE login_throttle SET until_at = $2, last_at = $3 WHERE key_hash = $1`,
		k.hash, c.Until.UTC().Truncate(time.Microsecond), c.Last.UTC().Truncate(time.Microsecond)); err != nil {
		return fmt.Errorf("write login throttle %s: %w", k.scope, err)
	}
	return nil
}

// deleteForgottenLogins removes throttle rows that no longer count any attempt.
func (tx *Tx) deleteForgottenLogins(ctx context.Context) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM login_throttle WHERE until_at <= $1`, tx.now); err != nil {
		return fmt.Errorf("delete forgotten login attempts: %w", err)
	}
	return nil
}
