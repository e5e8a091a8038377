package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"kinerja/internal/kinerja"
)

// FindNotifications returns the caller's newest notifications and how many are unread.
func (db *DB) FindNotifications(ctx context.Context, unreadOnly bool, limit int) ([]kinerja.Notification, int, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, 0, err
	}
	q := `SELECT id, user_id, kind, subject, entity, entity_id, created_at, read_at FROM notifications WHERE user_id = $1`
	if unreadOnly {
		q += ` AND read_at IS NULL`
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY id DESC LIMIT $2`, a.ID, kinerja.ClampLimit(limit))
	if err != nil {
		return nil, 0, mapError(fmt.Errorf("find notifications: %w", err))
	}
	defer rows.Close()
	out := []kinerja.Notification{}
	for rows.Next() {
		var n kinerja.Notification
		var read sql.NullTime
		var entityID nullID
		if err := rows.Scan(&n.ID, &n.UserID, &n.Kind, &n.Subject, &n.Entity, &entityID, &n.CreatedAt, &read); err != nil {
			return nil, 0, mapError(fmt.Errorf("find notifications: %w", err))
		}
		n.EntityID = entityID.ptr()
		if read.Valid {
			t := read.Time
			n.ReadAt = &t
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, mapError(err)
	}
	unread, err := db.UnreadNotifications(ctx)
	return out, unread, err
}

// UnreadNotifications counts the caller's unread notifications.
func (db *DB) UnreadNotifications(ctx context.Context) (int, error) {
	a, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	err = db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`, a.ID).Scan(&n)
	return n, mapError(err)
}

// MarkNotificationsRead marks the caller's notifications read: those listed, or all for nil.
// Reading is no change of state worth auditing.
func (db *DB) MarkNotificationsRead(ctx context.Context, ids []int64) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		var ar args
		q := `UPDATE notifications SET read_at = ` + ar.add(tx.now) + ` WHERE user_id = ` + ar.add(a.ID) + ` AND read_at IS NULL`
		if ids != nil {
			if len(ids) == 0 {
				return nil
			}
			ph := make([]string, len(ids))
			for i, id := range ids {
				ph[i] = ar.add(id)
			}
			q += ` AND id IN (` + strings.Join(ph, ", ") + `)`
		}
		_, err := tx.ExecContext(ctx, q, ar...)
		return err
	})
}
