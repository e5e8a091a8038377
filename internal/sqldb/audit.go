package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"kinerja/internal/kinerja"
)

// audit appends an entry to the audit log inside tx. before and after are marshalled to JSON;
// nil stays NULL. The actor is who acted, or nil for the system; org is the organisation the
// entity belongs to, which scopes who may read the entry.
func (tx *Tx) audit(ctx context.Context, actor *kinerja.User, org *int64, entity string, entityID int64, action string, before, after any) error {
	if !kinerja.IsAuditEntity(entity) {
		// An entity the filter, its label and this check do not know: declare it in kinerja.
		return fmt.Errorf("audit: entity %q is not declared in kinerja", entity)
	}
	var actorID *int64
	actorName := "sistem"
	if actor != nil {
		actorName = actor.Username
		if actor.ID != 0 { // 0 is the command line acting for the installation
			actorID = &actor.ID
		}
	}
	b, err := marshalNullable(before)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	a, err := marshalNullable(after)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, actor_name, entity, entity_id, action, before_json, after_json, request_id, org_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		tx.now, actorID, actorName, entity, fmt.Sprint(entityID), action, b, a, kinerja.RequestIDFromContext(ctx), org)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

func marshalNullable(v any) (*string, error) {
	if v == nil {
		return nil, nil
	}
	buf, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	s := string(buf)
	return &s, nil
}

// FindAuditEntries lists audit entries newest first. It returns the cursor of the next page,
// or 0 on the last page. Only admins may read the audit log.
func (db *DB) FindAuditEntries(ctx context.Context, f kinerja.AuditFilter) ([]kinerja.AuditEntry, int64, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, 0, err
	}
	if !kinerja.CanViewAudit(u) {
		return nil, 0, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	limit := kinerja.ClampLimit(f.Limit)
	var (
		a     args
		where []string
	)
	if f.Entity != "" {
		where = append(where, "entity = "+a.add(f.Entity))
	}
	if f.EntityID != "" {
		where = append(where, "entity_id = "+a.add(f.EntityID))
	}
	if f.ActorID != nil {
		where = append(where, "actor_id = "+a.add(*f.ActorID))
	}
	if !f.From.IsZero() {
		where = append(where, "at >= "+a.add(f.From.UTC()))
	}
	if !f.To.IsZero() {
		where = append(where, "at < "+a.add(f.To.UTC()))
	}
	if f.Before > 0 {
		where = append(where, "id < "+a.add(f.Before))
	}
	if u.OrgID != nil {
		where = append(where, "org_id = "+a.add(*u.OrgID))
	}
	if u.EmployeeID != nil {
		// An admin who is also reviewed by peers must not learn from the log who answered about
		// them, and when: that, with the summary before and after, would name each answer.
		where = append(where, "NOT (entity = "+a.add(kinerja.EntityPeer)+" AND entity_id = "+a.add(strconv.FormatInt(*u.EmployeeID, 10))+")")
	}
	q := `SELECT id, at, actor_id, actor_name, entity, entity_id, action, before_json, after_json, request_id FROM audit_log`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC LIMIT " + a.add(limit+1)
	rows, err := db.db.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, 0, mapError(fmt.Errorf("find audit entries: %w", err))
	}
	defer rows.Close()
	var out []kinerja.AuditEntry
	for rows.Next() {
		var (
			e             kinerja.AuditEntry
			actorID       sql.NullInt64
			before, after sql.NullString
		)
		if err := rows.Scan(&e.ID, &e.At, &actorID, &e.ActorName, &e.Entity, &e.EntityID, &e.Action, &before, &after, &e.RequestID); err != nil {
			return nil, 0, mapError(fmt.Errorf("find audit entries: %w", err))
		}
		if actorID.Valid {
			e.ActorID = &actorID.Int64
		}
		if before.Valid {
			e.Before = json.RawMessage(before.String)
		}
		if after.Valid {
			e.After = json.RawMessage(after.String)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, mapError(fmt.Errorf("find audit entries: %w", err))
	}
	var next int64
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ID
	}
	return out, next, nil
}
