package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"kinerja/internal/kinerja"
)

// FindUserByUsername returns the user with the given username, active or not, for an admin
// or for the user themself. The audit viewer uses it to turn a typed username into an actor id.
func (db *DB) FindUserByUsername(ctx context.Context, username string) (*kinerja.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	username = kinerja.NormalizeUsername(username)
	if !kinerja.CanManageUsers(a) && a.Username != username {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	r, err := scanUser(db.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.username = $1`, username))
	if err == sql.ErrNoRows {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUserNotFound)
	} else if err != nil {
		return nil, mapError(fmt.Errorf("find user by username: %w", err))
	}
	if a.Username != username && !kinerja.CanManageUser(a, r.User) {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUserNotFound)
	}
	if err := attachRoles(ctx, db.db, []userRow{r}); err != nil {
		return nil, mapError(err)
	}
	return r.User, nil
}
