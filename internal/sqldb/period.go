package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"kinerja/internal/kinerja"
)

const periodColumns = `p.id, p.org_id, p.year, p.start_date, p.end_date, p.cadence, p.closed, p.skp_due, p.created_at`

func scanPeriod(sc interface{ Scan(...any) error }) (*kinerja.Period, error) {
	p := new(kinerja.Period)
	err := sc.Scan(&p.ID, &p.OrgID, &p.Year, dateScanner{&p.Start}, dateScanner{&p.End}, &p.Cadence, &p.Closed, dateScanner{&p.SKPDueDate}, &p.CreatedAt)
	return p, err
}

func findPeriod(ctx context.Context, q queryer, id int64) (*kinerja.Period, error) {
	p, err := scanPeriod(q.QueryRowContext(ctx, `SELECT `+periodColumns+` FROM periods p WHERE p.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgPeriodNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("find period: %w", err)
	}
	return p, nil
}

// CreatePeriod opens a performance year for an organisation. Only its admins may.
func (db *DB) CreatePeriod(ctx context.Context, n kinerja.NewPeriod) (*kinerja.Period, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if n.OrgID, err = db.orgOf(ctx, a, n.OrgID); err != nil {
		return nil, err
	}
	if !kinerja.CanManageEmployees(a, n.OrgID) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	if err := n.Validate(); err != nil {
		return nil, err
	}
	var p *kinerja.Period
	err = db.update(ctx, func(tx *Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO periods (org_id, year, start_date, end_date, cadence, closed, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, FALSE, $6, $6) RETURNING id`,
			n.OrgID, n.Year, dateValue(n.Start), dateValue(n.End), n.Cadence, tx.now).Scan(&id)
		if err != nil {
			if kinerja.ErrorCode(mapError(err)) == kinerja.ECONFLICT {
				return &kinerja.Error{Code: kinerja.ECONFLICT, Message: kinerja.MsgPeriodTaken, Fields: map[string]string{"year": kinerja.MsgPeriodTaken}, Err: err}
			}
			return fmt.Errorf("create period: %w", err)
		}
		if p, err = findPeriod(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, a, &n.OrgID, kinerja.EntityPeriod, id, kinerja.ActionCreate, nil, p)
	})
	return p, err
}

// FindPeriods lists an organisation's performance years, newest first.
func (db *DB) FindPeriods(ctx context.Context, org int64) ([]*kinerja.Period, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if org, err = db.orgOf(ctx, a, org); err != nil {
		return nil, err
	}
	if !a.InOrg(org) {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgPeriodNotFound)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+periodColumns+` FROM periods p WHERE p.org_id = $1 ORDER BY p.year DESC`, org)
	if err != nil {
		return nil, mapError(fmt.Errorf("find periods: %w", err))
	}
	defer rows.Close()
	out := []*kinerja.Period{}
	for rows.Next() {
		p, err := scanPeriod(rows)
		if err != nil {
			return nil, mapError(fmt.Errorf("find periods: %w", err))
		}
		out = append(out, p)
	}
	return out, mapError(rows.Err())
}

// FindPeriodByID returns a period of the caller's organisation.
func (db *DB) FindPeriodByID(ctx context.Context, id int64) (*kinerja.Period, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	p, err := findPeriod(ctx, db.db, id)
	if err != nil {
		return nil, mapError(err)
	}
	if !a.InOrg(p.OrgID) {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgPeriodNotFound)
	}
	return p, nil
}

// UpdatePeriod changes the cadence of a period or closes and reopens it. Admins only.
func (db *DB) UpdatePeriod(ctx context.Context, id int64, cadence *kinerja.Cadence, closed *bool) (*kinerja.Period, error) {
	return db.PatchPeriod(ctx, id, kinerja.PeriodUpdate{Cadence: cadence, Closed: closed})
}

// PatchPeriod changes the cadence of a period, closes or reopens it, or sets the date by
// which its SKP are due. Admins only. The cadence cannot change once an assessment of the year
// exists: its periods would no longer match those assessed.
func (db *DB) PatchPeriod(ctx context.Context, id int64, upd kinerja.PeriodUpdate) (*kinerja.Period, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var after *kinerja.Period
	err = db.update(ctx, func(tx *Tx) error {
		if err := tx.lockRow(ctx, "periods", id); err != nil {
			return err
		}
		before, err := findPeriod(ctx, tx, id)
		if err != nil || !a.InOrg(before.OrgID) {
			return kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgPeriodNotFound)
		}
		if !kinerja.CanManageEmployees(a, before.OrgID) {
			return kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
		}
		p := *before
		if err := upd.Apply(&p); err != nil {
			return err
		}
		if p.Cadence != before.Cadence {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM assessments x JOIN skp s ON s.id = x.skp_id WHERE s.period_id = $1`, id).Scan(&n); err != nil {
				return fmt.Errorf("update period: %w", err)
			}
			if n > 0 {
				return &kinerja.Error{Code: kinerja.ECONFLICT, Message: kinerja.MsgPeriodCadenceLocked,
					Fields: map[string]string{"cadence": kinerja.MsgPeriodCadenceLocked}}
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE periods SET cadence = $1, closed = $2, skp_due = $3, updated_at = $4 WHERE id = $5`,
			p.Cadence, p.Closed, dateValue(p.SKPDueDate), tx.now, id); err != nil {
			return fmt.Errorf("update period: %w", err)
		}
		after = &p
		return tx.audit(ctx, a, &p.OrgID, kinerja.EntityPeriod, id, kinerja.ActionUpdate, before, after)
	})
	return after, err
}
