package sqldb

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"fmt"
	"time"

	"kinerja/internal/kinerja"
)

// noPassword is the password hash of an account made with an activation code: it is no bcrypt
// hash, so no password matches it until the person activates the account.
const noPassword = "!"

// FindAccountCandidates lists the active employees of an organisation who have no account,
// by unit and name, for an admin to pick or to make accounts for. org is the organisation
// the installation admin asks for; an organisation's admin always gets their own.
func (db *DB) FindAccountCandidates(ctx context.Context, org int64) ([]kinerja.AccountCandidate, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !kinerja.CanManageUsers(a) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	if org, err = db.orgOf(ctx, a, org); err != nil {
		return nil, err
	}
	c, err := findAccountCandidates(ctx, db.db, org)
	return c, mapError(err)
}

func findAccountCandidates(ctx context.Context, q queryer, org int64) ([]kinerja.AccountCandidate, error) {
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.name, e.nip, e.unit_id, un.name
		FROM employees e JOIN units un ON un.id = e.unit_id
		WHERE e.org_id = $1 AND e.active AND NOT EXISTS (SELECT 1 FROM users u WHERE u.employee_id = e.id)
		ORDER BY un.name, un.id, e.name, e.id`, org)
	if err != nil {
		return nil, fmt.Errorf("find account candidates: %w", err)
	}
	defer rows.Close()
	out := []kinerja.AccountCandidate{}
	for rows.Next() {
		var c kinerja.AccountCandidate
		if err := rows.Scan(&c.EmployeeID, &c.Name, &c.NIP, &c.UnitID, &c.UnitName); err != nil {
			return nil, fmt.Errorf("find account candidates: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find account candidates: %w", err)
	}
	return out, nil
}

// CreateEmployeeAccounts makes an account with role pegawai for every active employee of the
// organisation who has none, each with a username made from the name (kinerja.UsernameFromName,
// numbered on a collision, in unit and name order) and a one-time activation code valid for
// kinerja.ActivationTTL. It returns the accounts with their codes, which exist nowhere else:
// only their hashes are stored, and the audit log records each account without its code.
func (db *DB) CreateEmployeeAccounts(ctx context.Context, org int64) ([]kinerja.IssuedActivation, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !kinerja.CanManageUsers(a) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	if a.OrgID == nil && org <= 0 {
		return nil, kinerja.FieldError("org_id", kinerja.MsgAccountOrgRequired)
	}
	if org, err = db.orgOf(ctx, a, org); err != nil {
		return nil, err
	}
	out := []kinerja.IssuedActivation{}
	err = db.update(ctx, func(tx *Tx) error {
		if err := tx.checkUserLinks(ctx, &org, nil); err != nil {
			return err
		}
		cands, err := findAccountCandidates(ctx, tx, org)
		if err != nil {
			return err
		}
		if len(cands) == 0 {
			return nil
		}
		taken, err := tx.usernames(ctx)
		if err != nil {
			return err
		}
		expires := tx.now.Add(kinerja.ActivationTTL)
		for _, c := range cands {
			username := kinerja.UniqueUsername(kinerja.UsernameFromName(c.Name), func(s string) bool { return taken[s] })
			taken[username] = true
			id := c.EmployeeID
			u, err := tx.createUser(ctx, a, kinerja.NewUser{OrgID: &org, Username: username, Name: c.Name,
				Roles: []kinerja.Role{kinerja.RolePegawai}, EmployeeID: &id}, noPassword, false)
			if err != nil {
				return err
			}
			code := kinerja.NewActivationCode()
			if err := tx.storeActivationCode(ctx, u.ID, code, expires); err != nil {
				return err
			}
			out = append(out, kinerja.IssuedActivation{UserID: u.ID, EmployeeID: c.EmployeeID, Name: c.Name, NIP: c.NIP,
				UnitName: c.UnitName, Username: username, Code: code, ExpiresAt: expires})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// usernames returns every username of the installation: usernames are unique across it.
func (tx *Tx) usernames(ctx context.Context) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT username FROM users`)
	if err != nil {
		return nil, fmt.Errorf("find usernames: %w", err)
	}
	defer rows.Close()
	taken := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("find usernames: %w", err)
		}
		taken[s] = true
	}
	return taken, rows.Err()
}

func (tx *Tx) storeActivationCode(ctx context.Context, userID int64, code string, expires time.Time) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO activation_codes (user_id, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_id) DO UPDATE SET code_hash = excluded.code_hash, created_at = excluded.created_at, expires_at = excluded.expires_at`,
		userID, kinerja.HashActivationCode(userID, code), tx.now, expires); err != nil {
		return fmt.Errorf("store activation code: %w", err)
	}
	return nil
}

// Activate is a person's first login with the username and one-time code from the printed
// list: it sets the password they chose and uses the code up. Attempts are throttled like
// login, under the same keys (a wrong code counts as a wrong password); a wrong, used or
// expired code and an unknown username give the same error. It needs no acting user.
func (db *DB) Activate(ctx context.Context, in kinerja.Activation) (*kinerja.User, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	keys := newLoginKeys(in.Username, in.Address)
	if err := db.reserveLogin(ctx, keys); err != nil {
		return nil, err
	}
	hash, err := db.hashPassword(in.Password)
	if err != nil {
		return nil, mapError(err)
	}
	var u *kinerja.User
	err = db.update(ctx, func(tx *Tx) error {
		var (
			id      int64
			stored  string
			active  bool
			expires time.Time
		)
		err := tx.QueryRowContext(ctx, `SELECT u.id, u.active, c.code_hash, c.expires_at
			FROM users u JOIN activation_codes c ON c.user_id = u.id WHERE u.username = $1`, in.Username).Scan(&id, &active, &stored, &expires)
		if err == sql.ErrNoRows {
			return kinerja.Errorf(kinerja.EUNAUTHORIZED, kinerja.MsgActivationFailed)
		} else if err != nil {
			return fmt.Errorf("activate: %w", err)
		}
		given := kinerja.HashActivationCode(id, in.Code)
		if subtle.ConstantTimeCompare([]byte(given), []byte(stored)) != 1 || !active || !tx.now.Before(expires) {
			return kinerja.Errorf(kinerja.EUNAUTHORIZED, kinerja.MsgActivationFailed)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM activation_codes WHERE user_id = $1`, id); err != nil {
			return fmt.Errorf("activate: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, must_change_password = FALSE, updated_at = $2 WHERE id = $3`,
			hash, tx.now, id); err != nil {
			return fmt.Errorf("activate: %w", err)
		}
		if err := tx.settleLogin(ctx, keys); err != nil {
			return err
		}
		if u, err = findUserByID(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, u, u.OrgID, kinerja.EntityUser, id, kinerja.ActionActivate, nil, nil)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
