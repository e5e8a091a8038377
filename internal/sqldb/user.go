package sqldb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"kinerja/internal/kinerja"
)

const userColumns = `u.id, u.username, u.name, u.employee_id, u.locale, u.active, u.must_change_password, u.created_at, u.updated_at`

func scanUser(sc interface{ Scan(...any) error }, u *kinerja.User) error {
	var emp sql.NullInt64
	if err := sc.Scan(&u.ID, &u.Username, &u.Name, &emp, &u.Locale, &u.Active, &u.MustChangePassword, &u.CreatedAt, &u.UpdatedAt); err != nil {
		return err
	}
	if emp.Valid {
		u.EmployeeID = &emp.Int64
	}
	return nil
}

// queryer is what both *sql.DB and *Tx can run queries on.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// findUserByID reads one user with roles through q.
func findUserByID(ctx context.Context, q queryer, id int64) (*kinerja.User, error) {
	var u kinerja.User
	err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, id), &u)
	if err == sql.ErrNoRows {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUserNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	if err := attachRoles(ctx, q, []*kinerja.User{&u}); err != nil {
		return nil, err
	}
	return &u, nil
}

// attachRoles loads the roles of users in one query.
func attachRoles(ctx context.Context, q queryer, users []*kinerja.User) error {
	if len(users) == 0 {
		return nil
	}
	var a args
	byID := make(map[int64]*kinerja.User, len(users))
	ph := make([]string, len(users))
	for i, u := range users {
		byID[u.ID] = u
		u.Roles = []kinerja.Role{}
		ph[i] = a.add(u.ID)
	}
	rows, err := q.QueryContext(ctx, `SELECT user_id, role FROM user_roles WHERE user_id IN (`+strings.Join(ph, ", ")+`)`, a...)
	if err != nil {
		return fmt.Errorf("find roles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id   int64
			role kinerja.Role
		)
		if err := rows.Scan(&id, &role); err != nil {
			return fmt.Errorf("find roles: %w", err)
		}
		byID[id].Roles = append(byID[id].Roles, role)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("find roles: %w", err)
	}
	for _, u := range users {
		u.Roles = kinerja.NormalizeRoles(u.Roles)
	}
	return nil
}

// FindUserByID returns a user the caller may see.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*kinerja.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !kinerja.CanViewUser(a, id) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	u, err := findUserByID(ctx, db.db, id)
	return u, mapError(err)
}

// FindUsers lists users in id order for an admin. It returns the cursor of the next page, or 0.
func (db *DB) FindUsers(ctx context.Context, f kinerja.UserFilter) ([]*kinerja.User, int64, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, 0, err
	}
	if !kinerja.CanManageUsers(a) {
		return nil, 0, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	limit := kinerja.ClampLimit(f.Limit)
	var (
		ar    args
		where []string
	)
	if q := strings.TrimSpace(f.Query); q != "" {
		p := ar.add("%" + strings.ToLower(q) + "%")
		where = append(where, "(lower(u.username) LIKE "+p+" OR lower(u.name) LIKE "+p+")")
	}
	if f.Role != "" {
		where = append(where, "EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = "+ar.add(f.Role)+")")
	}
	if f.Active != nil {
		where = append(where, "u.active = "+ar.add(*f.Active))
	}
	if f.After > 0 {
		where = append(where, "u.id > "+ar.add(f.After))
	}
	q := `SELECT ` + userColumns + ` FROM users u`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY u.id LIMIT " + ar.add(limit+1)
	rows, err := db.db.QueryContext(ctx, q, ar...)
	if err != nil {
		return nil, 0, mapError(fmt.Errorf("find users: %w", err))
	}
	defer rows.Close()
	users := []*kinerja.User{}
	for rows.Next() {
		u := new(kinerja.User)
		if err := scanUser(rows, u); err != nil {
			return nil, 0, mapError(fmt.Errorf("find users: %w", err))
		}
		users = append(users, u)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, mapError(fmt.Errorf("find users: %w", err))
	}
	rows.Close()
	var next int64
	if len(users) > limit {
		users = users[:limit]
		next = users[limit-1].ID
	}
	if err := attachRoles(ctx, db.db, users); err != nil {
		return nil, 0, mapError(err)
	}
	return users, next, nil
}

// CountUsers returns how many accounts exist and how many of them are active.
func (db *DB) CountUsers(ctx context.Context) (total, active int, err error) {
	err = db.db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(CASE WHEN active THEN 1 END) FROM users`).Scan(&total, &active)
	return total, active, mapError(err)
}

func (db *DB) hashPassword(p string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(p), db.PasswordCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// CreateUser creates an account. Only admins may.
func (db *DB) CreateUser(ctx context.Context, n kinerja.NewUser) (*kinerja.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !kinerja.CanManageUsers(a) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	if err := n.Validate(); err != nil {
		return nil, err
	}
	hash, err := db.hashPassword(n.Password)
	if err != nil {
		return nil, mapError(err)
	}
	var u *kinerja.User
	err = db.update(ctx, func(tx *Tx) error {
		u, err = tx.createUser(ctx, a, n, hash, false)
		return err
	})
	return u, err
}

func (tx *Tx) createUser(ctx context.Context, a *kinerja.User, n kinerja.NewUser, hash string, mustChange bool) (*kinerja.User, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO users (username, name, password_hash, employee_id, locale, must_change_password, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
		n.Username, n.Name, hash, n.EmployeeID, n.Locale, mustChange, tx.now).Scan(&id)
	if err != nil {
		if kinerja.ErrorCode(mapError(err)) == kinerja.ECONFLICT {
			return nil, &kinerja.Error{Code: kinerja.ECONFLICT, Message: kinerja.MsgUsernameTaken,
				Fields: map[string]string{"username": kinerja.MsgUsernameTaken}, Err: err}
		}
		return nil, fmt.Errorf("create user: %w", err)
	}
	if err := tx.setRoles(ctx, id, n.Roles); err != nil {
		return nil, err
	}
	u, err := findUserByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := tx.audit(ctx, a, kinerja.EntityUser, id, kinerja.ActionCreate, nil, u); err != nil {
		return nil, err
	}
	return u, nil
}

func (tx *Tx) setRoles(ctx context.Context, userID int64, roles []kinerja.Role) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM user_roles WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("set roles: %w", err)
	}
	for _, r := range roles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, userID, r); err != nil {
			return fmt.Errorf("set roles: %w", err)
		}
	}
	return nil
}

// UpdateUser changes an account. Admins change anyone's fields; every user may change their
// own name and locale. Deactivating an account ends its sessions.
func (db *DB) UpdateUser(ctx context.Context, id int64, upd kinerja.UserUpdate) (*kinerja.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	admin := kinerja.CanManageUsers(a)
	self := a.ID == id
	switch {
	case !admin && !self:
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	case !admin && (upd.Roles != nil || upd.EmployeeID != nil || upd.Active != nil):
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	if err := upd.Validate(); err != nil {
		return nil, err
	}
	if self && upd.Active != nil && !*upd.Active {
		return nil, kinerja.FieldError("active", kinerja.MsgSelfDeactivate)
	}
	if self && upd.Roles != nil && a.IsAdmin() && !(&kinerja.User{Roles: *upd.Roles}).IsAdmin() {
		return nil, kinerja.FieldError("roles", kinerja.MsgSelfDemote)
	}
	var after *kinerja.User
	err = db.update(ctx, func(tx *Tx) error {
		before, err := findUserByID(ctx, tx, id)
		if err != nil {
			return err
		}
		u := *before
		if upd.Name != nil {
			u.Name = *upd.Name
		}
		if upd.Locale != nil {
			u.Locale = *upd.Locale
		}
		if upd.EmployeeID != nil {
			u.EmployeeID = *upd.EmployeeID
		}
		if upd.Active != nil {
			u.Active = *upd.Active
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET name = $1, locale = $2, employee_id = $3, active = $4, updated_at = $5 WHERE id = $6`,
			u.Name, u.Locale, u.EmployeeID, u.Active, tx.now, id); err != nil {
			return fmt.Errorf("update user: %w", err)
		}
		if upd.Roles != nil {
			if err := tx.setRoles(ctx, id, *upd.Roles); err != nil {
				return err
			}
		}
		if !u.Active {
			if err := tx.deleteSessions(ctx, id, 0); err != nil {
				return err
			}
		}
		if after, err = findUserByID(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, a, kinerja.EntityUser, id, kinerja.ActionUpdate, before, after)
	})
	return after, err
}

// ResetPassword sets a new password for another user, who must change it at next login.
// Only admins may; every session of that user ends.
func (db *DB) ResetPassword(ctx context.Context, id int64, password string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if !kinerja.CanManageUsers(a) {
		return kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	if err := kinerja.ValidatePassword(password); err != nil {
		return err
	}
	hash, err := db.hashPassword(password)
	if err != nil {
		return mapError(err)
	}
	return db.update(ctx, func(tx *Tx) error {
		if _, err := findUserByID(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, must_change_password = $2, updated_at = $3 WHERE id = $4`,
			hash, a.ID != id, tx.now, id); err != nil {
			return fmt.Errorf("reset password: %w", err)
		}
		if err := tx.deleteSessions(ctx, id, 0); err != nil {
			return err
		}
		return tx.audit(ctx, a, kinerja.EntityUser, id, kinerja.ActionPasswordReset, nil, map[string]any{"must_change_password": a.ID != id})
	})
}

// ChangePassword changes the caller's own password after checking the current one. The
// caller's other sessions end; the current one stays.
func (db *DB) ChangePassword(ctx context.Context, c kinerja.PasswordChange) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	var hash string
	if err := db.db.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = $1`, a.ID).Scan(&hash); err != nil {
		return mapError(fmt.Errorf("change password: %w", err))
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(c.Current)) != nil {
		return kinerja.FieldError("current_password", kinerja.MsgPasswordWrong)
	}
	newHash, err := db.hashPassword(c.New)
	if err != nil {
		return mapError(err)
	}
	var keep int64
	if s := kinerja.SessionFromContext(ctx); s != nil {
		keep = s.ID
	}
	return db.update(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, must_change_password = FALSE, updated_at = $2 WHERE id = $3`,
			newHash, tx.now, a.ID); err != nil {
			return fmt.Errorf("change password: %w", err)
		}
		if err := tx.deleteSessions(ctx, a.ID, keep); err != nil {
			return err
		}
		return tx.audit(ctx, a, kinerja.EntityUser, a.ID, kinerja.ActionPasswordChange, nil, nil)
	})
}

// EnsureAdmin creates the user "admin" with role admin when the database has no user yet.
// With an empty password it makes a random one, which it returns so it can be shown once.
func (db *DB) EnsureAdmin(ctx context.Context, password string) (created bool, pw string, err error) {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		return false, "", mapError(fmt.Errorf("ensure admin: %w", err))
	}
	if n > 0 {
		return false, "", nil
	}
	generated := password == ""
	if generated {
		password = rand.Text()
	}
	nu := kinerja.NewUser{Username: "admin", Name: "Administrator", Password: password, Roles: []kinerja.Role{kinerja.RoleAdmin}}
	if err := nu.Validate(); err != nil {
		return false, "", fmt.Errorf("KINERJA_ADMIN_PASSWORD: %s", kinerja.ErrorFields(err)["password"])
	}
	hash, err := db.hashPassword(password)
	if err != nil {
		return false, "", err
	}
	err = db.update(ctx, func(tx *Tx) error {
		// Another instance may have won the race since the count.
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
			return fmt.Errorf("ensure admin: %w", err)
		}
		if n > 0 {
			return nil
		}
		_, err := tx.createUser(ctx, nil, nu, hash, generated)
		created = err == nil
		return err
	})
	if kinerja.ErrorCode(err) == kinerja.ECONFLICT || (err == nil && !created) {
		return false, "", nil
	} else if err != nil {
		return false, "", err
	}
	return true, password, nil
}
