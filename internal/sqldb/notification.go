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
	// The period an assessment or SKP belongs to names it in the text: an assessment's own
	// key (2026-Q1), an SKP's year.
	q := `SELECT n.id, n.user_id, n.kind, n.subject, n.entity, n.entity_id, n.created_at, n.read_at,
	COALESCE(x.period, CAST(p.year AS TEXT), '')
	FROM notifications n
	LEFT JOIN assessments x ON n.entity = 'assessment' AND x.id = n.entity_id
	LEFT JOIN skp s ON n.entity = 'skp' AND s.id = n.entity_id
	LEFT JOIN periods p ON p.id = s.period_id
	WHERE n.user_id = $1`
	stale := db.now().Add(-kinerja.NotificationStaleAfter)
	qargs := []any{a.ID, kinerja.ClampLimit(limit)}
	if unreadOnly {
		q += ` AND n.read_at IS NULL AND n.created_at >= $3`
		qargs = append(qargs, stale)
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY n.created_at DESC, n.id DESC LIMIT $2`, qargs...)
	if err != nil {
		return nil, 0, mapError(fmt.Errorf("find notifications: %w", err))
	}
	defer rows.Close()
	out := []kinerja.Notification{}
	for rows.Next() {
		var n kinerja.Notification
		var read sql.NullTime
		var entityID nullID
		if err := rows.Scan(&n.ID, &n.UserID, &n.Kind, &n.Subject, &n.Entity, &entityID, &n.CreatedAt, &read, &n.Period); err != nil {
			return nil, 0, mapError(fmt.Errorf("find notifications: %w", err))
		}
		n.EntityID = entityID.ptr()
		switch {
		case read.Valid:
			t := read.Time
			n.ReadAt = &t
		case n.CreatedAt.Before(stale):
			// Nobody acts on a month-old notice any more: it reads as read since it went stale.
			t := n.CreatedAt.Add(kinerja.NotificationStaleAfter)
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

// UnreadNotifications counts the caller's unread notifications, those gone stale aside.
func (db *DB) UnreadNotifications(ctx context.Context) (int, error) {
	a, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	err = db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL AND created_at >= $2`,
		a.ID, db.now().Add(-kinerja.NotificationStaleAfter)).Scan(&n)
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
