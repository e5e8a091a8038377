package sqldb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	"golang.org/x/crypto/bcrypt"

	"kinerja/internal/kinerja"
)

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// dummyPasswordHash is compared against when a username does not exist, so that a wrong
// username costs as long as a wrong password and timing reveals nothing.
func (db *DB) dummyPasswordHash() []byte {
	db.dummyOnce.Do(func() {
		db.dummyHash, _ = bcrypt.GenerateFromPassword([]byte(rand.Text()), db.PasswordCost)
	})
	return db.dummyHash
}

// Login checks credentials and starts a session of the given kind lasting ttl. It returns the
// session token, which is stored only as a hash. A wrong username and a wrong password give
// the same error, and take as long. Every attempt is counted under the username at
// c.Address, the address and the username (kinerja.LoginWait) before the password is
// checked; one that must wait is refused with ERATELIMITED and a kinerja.RetryError, whether
// the username exists or not.
func (db *DB) Login(ctx context.Context, c kinerja.Credentials, kind kinerja.SessionKind, ttl time.Duration) (string, *kinerja.User, error) {
	username := kinerja.NormalizeUsername(c.Username)
	keys := newLoginKeys(username, c.Address)
	if err := db.reserveLogin(ctx, keys); err != nil {
		return "", nil, err
	}

	var (
		id     int64
		hash   string
		active bool
	)
	err := db.db.QueryRowContext(ctx, `SELECT id, password_hash, active FROM users WHERE username = $1`, username).Scan(&id, &hash, &active)
	switch {
	case err == sql.ErrNoRows:
		hash = string(db.dummyPasswordHash())
	case err != nil:
		return "", nil, mapError(fmt.Errorf("login: %w", err))
	}
	db.passwordChecks.Add(1)
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(c.Password)) != nil || err != nil || !active {
		// The attempt was counted when it was let through; a failure writes nothing more.
		return "", nil, kinerja.Errorf(kinerja.EUNAUTHORIZED, kinerja.MsgLoginFailed)
	}

	token := rand.Text() + rand.Text()
	var u *kinerja.User
	err = db.update(ctx, func(tx *Tx) error {
		if err := tx.settleLogin(ctx, keys); err != nil {
			return err
		}
		var sid int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO sessions (token_hash, user_id, kind, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, hashToken(token), id, kind, tx.now, tx.now.Add(ttl)).Scan(&sid); err != nil {
			return fmt.Errorf("login: %w", err)
		}
		if u, err = findUserByID(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, u, u.OrgID, kinerja.EntitySession, sid, kinerja.ActionLogin, nil, map[string]any{"kind": kind})
	})
	if err != nil {
		return "", nil, err
	}
	return token, u, nil
}

// Authenticate returns the active user and session behind a token, or EUNAUTHORIZED when the
// token is unknown, expired or belongs to a deactivated account.
func (db *DB) Authenticate(ctx context.Context, token string, kind kinerja.SessionKind) (*kinerja.User, *kinerja.Session, error) {
	s := kinerja.Session{Kind: kind}
	row := db.db.QueryRowContext(ctx, `SELECT s.id, s.created_at, s.expires_at, `+userColumns+`
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = $1 AND s.kind = $2 AND s.expires_at > $3 AND u.active`,
		hashToken(token), kind, db.now())
	r, err := scanUser(scanPrefix{row, []any{&s.ID, &s.CreatedAt, &s.ExpiresAt}})
	if err == sql.ErrNoRows {
		return nil, nil, kinerja.Errorf(kinerja.EUNAUTHORIZED, kinerja.MsgSessionExpired)
	} else if err != nil {
		return nil, nil, mapError(fmt.Errorf("authenticate: %w", err))
	}
	s.UserID = r.ID
	if err := attachRoles(ctx, db.db, []userRow{r}); err != nil {
		return nil, nil, mapError(err)
	}
	return r.User, &s, nil
}

// scanPrefix scans leading columns into prefix before handing the rest to a row scanner.
type scanPrefix struct {
	sc     interface{ Scan(...any) error }
	prefix []any
}

func (p scanPrefix) Scan(dest ...any) error { return p.sc.Scan(append(p.prefix, dest...)...) }

// Logout ends the session of token. Ending an unknown session is not an error.
func (db *DB) Logout(ctx context.Context, token string) error {
	return db.update(ctx, func(tx *Tx) error {
		var sid, uid int64
		err := tx.QueryRowContext(ctx, `DELETE FROM sessions WHERE token_hash = $1 RETURNING id, user_id`, hashToken(token)).Scan(&sid, &uid)
		if err == sql.ErrNoRows {
			return nil
		} else if err != nil {
			return fmt.Errorf("logout: %w", err)
		}
		u, err := findUserByID(ctx, tx, uid)
		if err != nil {
			return err
		}
		return tx.audit(ctx, u, u.OrgID, kinerja.EntitySession, sid, kinerja.ActionLogout, nil, nil)
	})
}

// deleteSessions ends every session of a user except keep.
func (tx *Tx) deleteSessions(ctx context.Context, userID, keep int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND id <> $2`, userID, keep); err != nil {
		return fmt.Errorf("delete sessions: %w", err)
	}
	return nil
}

// DeleteExpired removes expired sessions, login throttle rows that count nothing any more
// and events delivered long ago. It is housekeeping: nothing a user could see changes, so it is not audited.
func (db *DB) DeleteExpired(ctx context.Context) error {
	return db.update(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, tx.now); err != nil {
			return fmt.Errorf("delete expired sessions: %w", err)
		}
		if err := tx.deleteForgottenLogins(ctx); err != nil {
			return err
		}
		return tx.deleteDeliveredEvents(ctx)
	})
}
