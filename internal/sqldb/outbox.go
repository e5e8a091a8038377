package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"kinerja/internal/kinerja"
)

// The outbox: a change writes what happened as an event in its own transaction, and a worker
// delivers it after commit. An event of a transaction that rolls back never existed; one that
// committed survives any crash until it is delivered.

// OutboxPoll is how often the worker looks for events it was not woken for: those committed by
// other processes, those a crash left behind, and retries that have come due.
const OutboxPoll = 5 * time.Second

// outboxBatch is how many events one delivery transaction takes at most.
const outboxBatch = 100

// outboxKeep is how long delivered events stay, for looking into a delivery, before
// housekeeping deletes them.
const outboxKeep = 7 * 24 * time.Hour

// retryAfter is the pause before a failed event is tried again: 30 seconds, doubling with
// each attempt, at most an hour.
func retryAfter(attempts int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// emit writes ev to the outbox, to be delivered once tx has committed.
func (tx *Tx) emit(ctx context.Context, ev kinerja.Event) error {
	ev.CreatedAt = tx.now
	if err := ev.Validate(); err != nil {
		return fmt.Errorf("emit: %w", err)
	}
	var recipient *int64
	if ev.To.EmployeeID != 0 {
		recipient = &ev.To.EmployeeID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (org_id, kind, entity, entity_id, recipient, recipient_id, subject, created_at, available_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
		ev.OrgID, ev.Kind, ev.Entity, ev.EntityID, ev.To.Kind, recipient, ev.Subject, ev.CreatedAt); err != nil {
		return fmt.Errorf("emit %s: %w", ev.Kind, err)
	}
	tx.emitted = true
	return nil
}

// Commit commits the transaction and, when it emitted events, wakes this process's worker so
// that they are delivered at once rather than at the next poll.
func (tx *Tx) Commit() error {
	if err := tx.Tx.Commit(); err != nil {
		return err
	}
	if tx.emitted {
		select {
		case tx.db.wake <- struct{}{}:
		default: // a wake-up is already pending; it will find these events too
		}
	}
	return nil
}

// Delivery counts what one round of delivery did.
type Delivery struct {
	Delivered int // events delivered to every recipient
	Failed    int // events that failed and wait to be tried again
}

// pendingEvent is a claimed event with its delivery attempts so far.
type pendingEvent struct {
	kinerja.Event
	attempts int
}

// DeliverEvents delivers up to limit due events. Each is delivered in the transaction that
// marks it delivered, so it is delivered once: a crash before the commit leaves it pending, and
// after it leaves it done. On PostgreSQL the claim skips rows another process has locked, so
// processes sharing a database take different events; SQLite's write lock, taken at BEGIN,
// lets one process deliver at a time. A failing event is put off with a growing pause and
// does not hold back the others.
func (db *DB) DeliverEvents(ctx context.Context, limit int) (Delivery, error) {
	// Most rounds find nothing to do; a read first spares them the write lock (on SQLite the
	// only one, which requests are waiting for).
	var one int
	err := db.db.QueryRowContext(ctx, `SELECT 1 FROM outbox WHERE delivered_at IS NULL AND available_at <= $1 LIMIT 1`, db.now()).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return Delivery{}, nil
	}
	if err != nil {
		return Delivery{}, fmt.Errorf("deliver events: %w", err)
	}
	type failure struct {
		ev       pendingEvent
		attempts int
		err      error
	}
	var (
		d        Delivery
		failures []failure
	)
	err = db.update(ctx, func(tx *Tx) error {
		d, failures = Delivery{}, nil
		events, err := tx.claimEvents(ctx, limit)
		if err != nil {
			return err
		}
		for _, ev := range events {
			if _, err := tx.ExecContext(ctx, `SAVEPOINT event`); err != nil {
				return fmt.Errorf("deliver events: %w", err)
			}
			derr := tx.deliver(ctx, ev.Event)
			if derr != nil && ctx.Err() != nil {
				return ctx.Err()
			}
			if derr != nil {
				// Undo this event's part only: on PostgreSQL a failed statement would
				// otherwise abort the whole transaction.
				if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT event`); err != nil {
					return fmt.Errorf("deliver events: %w", err)
				}
			}
			if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT event`); err != nil {
				return fmt.Errorf("deliver events: %w", err)
			}
			attempts := ev.attempts + 1
			if derr != nil {
				if _, err := tx.ExecContext(ctx, `UPDATE outbox SET attempts = $1, last_error = $2, available_at = $3 WHERE id = $4`,
					attempts, derr.Error(), tx.now.Add(retryAfter(attempts)), ev.ID); err != nil {
					return fmt.Errorf("deliver events: %w", err)
				}
				failures = append(failures, failure{ev, attempts, derr})
				d.Failed++
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET attempts = $1, last_error = '', delivered_at = $2 WHERE id = $3`,
				attempts, tx.now, ev.ID); err != nil {
				return fmt.Errorf("deliver events: %w", err)
			}
			d.Delivered++
		}
		return nil
	})
	if err != nil {
		return Delivery{}, fmt.Errorf("deliver events: %w", err)
	}
	for _, f := range failures {
		db.Logger.WarnContext(ctx, "outbox: delivery failed, will retry", "event", f.ev.ID, "kind", f.ev.Kind,
			"attempts", f.attempts, "retry_in", retryAfter(f.attempts), "err", f.err)
	}
	return d, nil
}

// claimEvents reads the due events, oldest first, and locks them for this transaction.
func (tx *Tx) claimEvents(ctx context.Context, limit int) ([]pendingEvent, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, org_id, kind, entity, entity_id, recipient, recipient_id, subject, created_at, attempts
		FROM outbox WHERE delivered_at IS NULL AND available_at <= $1 ORDER BY id LIMIT $2`+tx.db.engine.skipLocked(), tx.now, limit)
	if err != nil {
		return nil, fmt.Errorf("claim events: %w", err)
	}
	defer rows.Close()
	var out []pendingEvent
	for rows.Next() {
		var ev pendingEvent
		var recipient nullID
		if err := rows.Scan(&ev.ID, &ev.OrgID, &ev.Kind, &ev.Entity, &ev.EntityID, &ev.To.Kind, &recipient, &ev.Subject,
			&ev.CreatedAt, &ev.attempts); err != nil {
			return nil, fmt.Errorf("claim events: %w", err)
		}
		ev.To.EmployeeID = recipient.Int64
		out = append(out, ev)
	}
	return out, rows.Err()
}

// deliver hands one claimed event to where it goes. Every kind today becomes in-app
// notifications, written in the claim transaction itself. A kind this process does not know
// (one a newer version wrote) fails and waits for a process that does.
func (tx *Tx) deliver(ctx context.Context, ev kinerja.Event) error {
	if _, ok := kinerja.EventKinds[ev.Kind]; !ok {
		return fmt.Errorf("unknown event kind %q", ev.Kind)
	}
	return tx.notify(ctx, ev)
}

// notify writes an event's notification for each active account among its recipients.
func (tx *Tx) notify(ctx context.Context, ev kinerja.Event) error {
	// $1 is the recipient: the employee, the leader of the team, or the organisation.
	const insert = `INSERT INTO notifications (user_id, kind, subject, entity, entity_id, event_id, created_at)
		SELECT u.id, $2, $3, $4, $5, $6, $7 FROM users u WHERE u.active AND `
	recipient, q := ev.To.EmployeeID, ""
	switch ev.To.Kind {
	case kinerja.RecipientEmployee:
		q = insert + `u.employee_id = $1`
	case kinerja.RecipientAdmins:
		recipient = ev.OrgID
		q = insert + `u.org_id = $1 AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'admin')`
	case kinerja.RecipientTeam:
		q = teamQuery + ` ` + insert + `u.employee_id IN (SELECT id FROM down)`
	default:
		return fmt.Errorf("unknown recipient %q", ev.To.Kind)
	}
	if _, err := tx.ExecContext(ctx, q, recipient, ev.Kind, ev.Subject, ev.Entity, ev.EntityID, ev.ID, ev.CreatedAt); err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	return nil
}

// RunOutbox delivers events until ctx is done: at once when this process commits one, and at
// every poll for the rest. Failures are logged; the events wait for a later round.
func (db *DB) RunOutbox(ctx context.Context, poll time.Duration) {
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		db.drainOutbox(ctx)
		select {
		case <-ctx.Done():
			return
		case <-db.wake:
		case <-t.C:
		}
	}
}

// drainOutbox delivers due events until a round finds fewer than a full batch.
func (db *DB) drainOutbox(ctx context.Context) {
	for ctx.Err() == nil {
		d, err := db.DeliverEvents(ctx, outboxBatch)
		if err != nil {
			if ctx.Err() == nil {
				db.Logger.ErrorContext(ctx, "outbox: delivery round failed", "err", err)
			}
			return
		}
		if d.Delivered+d.Failed < outboxBatch {
			return
		}
	}
}

// deleteDeliveredEvents removes events delivered long enough ago; housekeeping calls it.
func (tx *Tx) deleteDeliveredEvents(ctx context.Context) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE delivered_at <= $1`, tx.now.Add(-outboxKeep)); err != nil {
		return fmt.Errorf("delete delivered events: %w", err)
	}
	return nil
}
