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

// userColumns reads a user with the two facts of the reporting lines that give roles.
const userColumns = `u.id, u.org_id, u.username, u.name, u.employee_id, u.locale, u.active, u.must_change_password, u.created_at, u.updated_at,
	EXISTS (SELECT 1 FROM employees s WHERE s.supervisor_id = u.employee_id AND s.active),
	EXISTS (SELECT 1 FROM units o WHERE o.head_id = u.employee_id AND o.parent_id IS NULL)`

// userRow is a user as read, with the facts its derived roles come from.
type userRow struct {
	*kinerja.User
	hasTeam, headsOrg bool
}

func scanUser(sc interface{ Scan(...any) error }) (userRow, error) {
	r := userRow{User: new(kinerja.User)}
	u := r.User
	var emp, org sql.NullInt64
	if err := sc.Scan(&u.ID, &org, &u.Username, &u.Name, &emp, &u.Locale, &u.Active, &u.MustChangePassword, &u.CreatedAt, &u.UpdatedAt,
		&r.hasTeam, &r.headsOrg); err != nil {
		return r, err
	}
	if emp.Valid {
		u.EmployeeID = &emp.Int64
	}
	if org.Valid {
		u.OrgID = &org.Int64
	}
	return r, nil
}

// queryer is what both *sql.DB and *Tx can run queries on.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// findUserByID reads one user with roles through q.
func findUserByID(ctx context.Context, q queryer, id int64) (*kinerja.User, error) {
	r, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUserNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	if err := attachRoles(ctx, q, []userRow{r}); err != nil {
		return nil, err
	}
	return r.User, nil
}

// attachRoles loads the granted roles of users in one query and adds the derived ones.
func attachRoles(ctx context.Context, q queryer, users []userRow) error {
	if len(users) == 0 {
		return nil
	}
	var a args
	byID := make(map[int64]*kinerja.User, len(users))
	ph := make([]string, len(users))
	for i, u := range users {
		byID[u.ID] = u.User
		u.GrantedRoles = []kinerja.Role{}
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
		byID[id].GrantedRoles = append(byID[id].GrantedRoles, role)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("find roles: %w", err)
	}
	for _, u := range users {
		u.GrantedRoles = kinerja.NormalizeRoles(u.GrantedRoles)
		u.Roles = kinerja.WithDerivedRoles(u.GrantedRoles, u.hasTeam, u.headsOrg)
	}
	return nil
}

// FindUserByID returns a user the caller may see.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*kinerja.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	u, err := findUserByID(ctx, db.db, id)
	if err != nil {
		return nil, mapError(err)
	}
	if !kinerja.CanViewUser(a, u) {
		if a.IsAdmin() || u.OrgID == nil || !a.InOrg(*u.OrgID) {
			return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUserNotFound)
		}
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	return u, nil
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
	if f.EmployeeID != nil {
		where = append(where, "u.employee_id = "+ar.add(*f.EmployeeID))
	}
	if a.OrgID != nil {
		where = append(where, "u.org_id = "+ar.add(*a.OrgID))
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
	var found []userRow
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, 0, mapError(fmt.Errorf("find users: %w", err))
		}
		found = append(found, u)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, mapError(fmt.Errorf("find users: %w", err))
	}
	rows.Close()
	var next int64
	if len(found) > limit {
		found = found[:limit]
		next = found[limit-1].ID
	}
	if err := attachRoles(ctx, db.db, found); err != nil {
		return nil, 0, mapError(err)
	}
	users := make([]*kinerja.User, len(found))
	for i, r := range found {
		users[i] = r.User
	}
	return users, next, nil
}

// CountUsers returns how many accounts of the caller's organisation exist and how many of
// them are active; for the installation admin, of the whole installation.
func (db *DB) CountUsers(ctx context.Context) (total, active int, err error) {
	a, err := actor(ctx)
	if err != nil {
		return 0, 0, err
	}
	q := `SELECT COUNT(*), COUNT(CASE WHEN active THEN 1 END) FROM users`
	var ar args
	if a.OrgID != nil {
		q += " WHERE org_id = " + ar.add(*a.OrgID)
	}
	err = db.db.QueryRowContext(ctx, q, ar...).Scan(&total, &active)
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
	if a.OrgID != nil {
		n.OrgID = a.OrgID
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
		if err := tx.pickEmployee(ctx, &n); err != nil {
			return err
		}
		if err := tx.checkUserLinks(ctx, n.OrgID, n.EmployeeID); err != nil {
			return err
		}
		u, err = tx.createUser(ctx, a, n, hash, false)
		return err
	})
	return u, err
}

func (tx *Tx) createUser(ctx context.Context, a *kinerja.User, n kinerja.NewUser, hash string, mustChange bool) (*kinerja.User, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO users (username, name, password_hash, employee_id, locale, must_change_password, created_at, updated_at, org_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id`,
		n.Username, n.Name, hash, n.EmployeeID, n.Locale, mustChange, tx.now, n.OrgID).Scan(&id)
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
	if err := tx.audit(ctx, a, u.OrgID, kinerja.EntityUser, id, kinerja.ActionCreate, nil, u); err != nil {
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

// pickEmployee resolves the employee a new account is for: by NIP when no id is given, in
// the account's organisation. The employee must not have an account yet, and gives the
// account its name when none is given.
func (tx *Tx) pickEmployee(ctx context.Context, n *kinerja.NewUser) error {
	if n.EmployeeID == nil && n.EmployeeNIP == "" {
		return nil
	}
	q := `SELECT e.id, e.name, e.org_id, EXISTS (SELECT 1 FROM users u WHERE u.employee_id = e.id) FROM employees e WHERE `
	var ar args
	field := "employee_id"
	if n.EmployeeID != nil {
		q += "e.id = " + ar.add(*n.EmployeeID)
	} else {
		field = "employee_nip"
		q += "e.nip = " + ar.add(n.EmployeeNIP)
	}
	if n.OrgID != nil {
		q += " AND e.org_id = " + ar.add(*n.OrgID)
	}
	var (
		id, org int64
		name    string
		taken   bool
	)
	err := tx.QueryRowContext(ctx, q+" ORDER BY e.id LIMIT 1", ar...).Scan(&id, &name, &org, &taken)
	switch {
	case err == sql.ErrNoRows:
		return kinerja.FieldError(field, kinerja.MsgEmployeeNotFound)
	case err != nil:
		return fmt.Errorf("pick employee: %w", err)
	case taken:
		return kinerja.FieldError(field, kinerja.MsgAccountEmployeeTaken)
	}
	n.EmployeeID = &id
	if n.OrgID == nil {
		n.OrgID = &org
	}
	if n.Name == "" {
		n.Name = name
	}
	return nil
}

// checkUserLinks checks that an account's organisation exists and that its employee belongs
// to it.
func (tx *Tx) checkUserLinks(ctx context.Context, org, employee *int64) error {
	if org != nil {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE id = $1 AND parent_id IS NULL`, *org).Scan(&n); err != nil {
			return fmt.Errorf("check organisation: %w", err)
		}
		if n == 0 {
			return kinerja.FieldError("org_id", kinerja.MsgOrgRequired)
		}
	}
	if employee != nil {
		var n int
		if org != nil {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM employees WHERE id = $1 AND org_id = $2`, *employee, *org).Scan(&n); err != nil {
				return fmt.Errorf("check employee: %w", err)
			}
		}
		if n == 0 {
			return kinerja.FieldError("employee_id", kinerja.MsgEmployeeIDInvalid)
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
	if self && upd.Roles != nil && a.IsAdmin() {
		// Derived roles are not granted; judge by the granted ones.
		a = &kinerja.User{ID: a.ID, OrgID: a.OrgID, Roles: a.GrantedRoles}
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
		if err := tx.lockRow(ctx, "users", id); err != nil {
			return err
		}
		before, err := findUserByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if !self && !kinerja.CanManageUser(a, before) {
			return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUserNotFound)
		}
		if upd.EmployeeID != nil {
			if err := tx.checkUserLinks(ctx, before.OrgID, *upd.EmployeeID); err != nil {
				return err
			}
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
		return tx.audit(ctx, a, after.OrgID, kinerja.EntityUser, id, kinerja.ActionUpdate, before, after)
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
		target, err := findUserByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if !kinerja.CanManageUser(a, target) {
			return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUserNotFound)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, must_change_password = $2, updated_at = $3 WHERE id = $4`,
			hash, a.ID != id, tx.now, id); err != nil {
			return fmt.Errorf("reset password: %w", err)
		}
		if err := tx.deleteSessions(ctx, id, 0); err != nil {
			return err
		}
		// A password set by the admin replaces an activation code not yet used.
		if _, err := tx.ExecContext(ctx, `DELETE FROM activation_codes WHERE user_id = $1`, id); err != nil {
			return fmt.Errorf("reset password: %w", err)
		}
		return tx.audit(ctx, a, target.OrgID, kinerja.EntityUser, id, kinerja.ActionPasswordReset, nil, map[string]any{"must_change_password": a.ID != id})
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
		return tx.audit(ctx, a, a.OrgID, kinerja.EntityUser, a.ID, kinerja.ActionPasswordChange, nil, nil)
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
