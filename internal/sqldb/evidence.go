package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"kinerja/internal/kinerja"
)

const evidenceColumns = `v.id, v.org_id, v.employee_id, v.activity_id, v.result_id, v.sha256, v.size, v.content_type, v.filename, v.created_at`

// scanEvidence reads evidenceColumns, then any extra columns of the query into extra.
func scanEvidence(sc interface{ Scan(...any) error }, extra ...any) (*kinerja.Evidence, error) {
	v := new(kinerja.Evidence)
	var act, res nullID
	err := sc.Scan(append([]any{&v.ID, &v.OrgID, &v.EmployeeID, &act, &res, &v.SHA256, &v.Size, &v.ContentType, &v.Filename, &v.CreatedAt}, extra...)...)
	v.ActivityID, v.ResultID = act.ptr(), res.ptr()
	return v, err
}

// attachEvidence loads the evidence of activities in one query.
func attachEvidence(ctx context.Context, q queryer, as []*kinerja.Activity) error {
	if len(as) == 0 {
		return nil
	}
	var ar args
	ph := make([]string, len(as))
	byID := map[int64]*kinerja.Activity{}
	for i, a := range as {
		ph[i] = ar.add(a.ID)
		byID[a.ID] = a
	}
	rows, err := q.QueryContext(ctx, `SELECT `+evidenceColumns+` FROM evidence v WHERE v.activity_id IN (`+strings.Join(ph, ", ")+`) ORDER BY v.id`, ar...)
	if err != nil {
		return fmt.Errorf("find evidence: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		v, err := scanEvidence(rows)
		if err != nil {
			return fmt.Errorf("find evidence: %w", err)
		}
		byID[*v.ActivityID].Evidence = append(byID[*v.ActivityID].Evidence, v)
	}
	return rows.Err()
}

// EvidenceTarget is what a file is evidence of: one activity or one RHK.
type EvidenceTarget struct {
	ActivityID *int64
	ResultID   *int64
}

// CheckEvidenceTarget returns the organisation and employee a file would be attached to, and
// the organisation's size limit, when the caller may attach evidence there: to their own
// activity that is not approved yet, or to an RHK of their own current SKP.
func (db *DB) CheckEvidenceTarget(ctx context.Context, t EvidenceTarget) (org, employee int64, maxBytes int64, err error) {
	u, err := actor(ctx)
	if err != nil {
		return 0, 0, 0, err
	}
	org, employee, err = evidenceOwner(ctx, db.db, u, t)
	if err != nil {
		return 0, 0, 0, mapError(err)
	}
	s, err := findSettings(ctx, db.db, org)
	return org, employee, s.EvidenceMaxBytes, mapError(err)
}

func evidenceOwner(ctx context.Context, q queryer, u *kinerja.User, t EvidenceTarget) (org, employee int64, err error) {
	switch {
	case (t.ActivityID == nil) == (t.ResultID == nil):
		return 0, 0, kinerja.FieldError("activity_id", kinerja.MsgEvidenceTarget)
	case t.ActivityID != nil:
		a, err := findActivity(ctx, q, *t.ActivityID)
		if err != nil || !u.InOrg(a.OrgID) {
			return 0, 0, kinerja.FieldError("activity_id", kinerja.MsgActivityNotFound)
		}
		if err := kinerja.CheckActivity(u, a, kinerja.ActivityFacts{}, kinerja.ActionEdit); err != nil {
			return 0, 0, err
		}
		return a.OrgID, a.EmployeeID, nil
	}
	var skpID int64
	if err := q.QueryRowContext(ctx, `SELECT skp_id FROM skp_results WHERE id = $1`, *t.ResultID).Scan(&skpID); err != nil {
		return 0, 0, kinerja.FieldError("result_id", kinerja.MsgResultNotFound)
	}
	s, err := findSKP(ctx, q, skpID)
	if err != nil || !u.InOrg(s.OrgID) {
		return 0, 0, kinerja.FieldError("result_id", kinerja.MsgResultNotFound)
	}
	if !kinerja.CanEditSKP(u, s) {
		return 0, 0, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	return s.OrgID, s.EmployeeID, nil
}

// CreateEvidence records a stored file as evidence of its target.
func (db *DB) CreateEvidence(ctx context.Context, t EvidenceTarget, sha string, size int64, contentType, filename string) (*kinerja.Evidence, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	filename = strings.TrimSpace(filename)
	if len(filename) > 200 {
		filename = filename[:200]
	}
	var out *kinerja.Evidence
	err = db.update(ctx, func(tx *Tx) error {
		org, emp, err := evidenceOwner(ctx, tx, u, t)
		if err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO evidence (org_id, employee_id, activity_id, result_id, sha256, size, content_type, filename, uploaded_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			org, emp, t.ActivityID, t.ResultID, sha, size, contentType, filename, userRef(u), tx.now).Scan(&id); err != nil {
			return fmt.Errorf("create evidence: %w", err)
		}
		if out, err = scanEvidence(tx.QueryRowContext(ctx, `SELECT `+evidenceColumns+` FROM evidence v WHERE v.id = $1`, id)); err != nil {
			return fmt.Errorf("create evidence: %w", err)
		}
		return tx.audit(ctx, u, &org, kinerja.EntityEvidence, id, kinerja.ActionCreate, nil, out)
	})
	return out, err
}

// FindEvidence returns evidence the caller may see: with full access to its employee, or as
// their pejabat penilai.
func (db *DB) FindEvidence(ctx context.Context, id int64) (*kinerja.Evidence, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	v, err := scanEvidence(db.db.QueryRowContext(ctx, `SELECT `+evidenceColumns+` FROM evidence v WHERE v.id = $1`, id))
	if err == sql.ErrNoRows || err == nil && !u.InOrg(v.OrgID) {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgEvidenceNotFound)
	} else if err != nil {
		return nil, mapError(fmt.Errorf("find evidence: %w", err))
	}
	if _, err := readableRelation(ctx, db.db, u, v.EmployeeID); err != nil {
		return nil, mapError(err)
	}
	return v, nil
}
