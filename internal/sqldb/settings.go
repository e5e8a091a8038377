package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"kinerja/internal/kinerja"
)

// FindSettings returns an organisation's rules, the defaults where none were set.
func (db *DB) FindSettings(ctx context.Context, org int64) (kinerja.OrgSettings, error) {
	a, err := actor(ctx)
	if err != nil {
		return kinerja.OrgSettings{}, err
	}
	if org, err = db.orgOf(ctx, a, org); err != nil {
		return kinerja.OrgSettings{}, err
	}
	return findSettings(ctx, db.db, org)
}

func findSettings(ctx context.Context, q queryer, org int64) (kinerja.OrgSettings, error) {
	s := kinerja.DefaultSettings(org)
	var head [5]kinerja.Rating
	err := q.QueryRowContext(ctx, `SELECT activity_deadline_days, verification_sla_days, evidence_max_bytes, objection_days,
		advice_above_percent, advice_meets_percent, head_rating_istimewa, head_rating_baik, head_rating_butuh_perbaikan,
		head_rating_kurang, head_rating_sangat_kurang, assessment_early_days FROM org_settings WHERE org_id = $1`, org).
		Scan(&s.ActivityDeadlineDays, &s.VerificationSLADays, &s.EvidenceMaxBytes, &s.ObjectionDays, &s.AdviceAbovePercent, &s.AdviceMeetsPercent,
			&head[0], &head[1], &head[2], &head[3], &head[4], &s.AssessmentEarlyDays)
	if err == nil {
		for i, o := range kinerja.OrgPredikats {
			s.HeadRatings[o] = head[i]
		}
	}
	if err != nil && kinerja.ErrorCode(mapError(err)) != kinerja.ENOTFOUND {
		return s, mapError(fmt.Errorf("find settings: %w", err))
	}
	return s, nil
}

// UpdateSettings sets an organisation's rules. Admins only.
func (db *DB) UpdateSettings(ctx context.Context, s kinerja.OrgSettings) (kinerja.OrgSettings, error) {
	a, err := actor(ctx)
	if err != nil {
		return s, err
	}
	if s.OrgID, err = db.orgOf(ctx, a, s.OrgID); err != nil {
		return s, err
	}
	if !kinerja.CanManageEmployees(a, s.OrgID) {
		return s, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	if err := s.Validate(); err != nil {
		return s, err
	}
	err = db.update(ctx, func(tx *Tx) error {
		before, err := findSettings(ctx, tx, s.OrgID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO org_settings (org_id, activity_deadline_days, verification_sla_days, evidence_max_bytes,
			objection_days, advice_above_percent, advice_meets_percent, head_rating_istimewa, head_rating_baik, head_rating_butuh_perbaikan,
			head_rating_kurang, head_rating_sangat_kurang, updated_at, assessment_early_days)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (org_id) DO UPDATE SET activity_deadline_days = excluded.activity_deadline_days,
			verification_sla_days = excluded.verification_sla_days, evidence_max_bytes = excluded.evidence_max_bytes,
			objection_days = excluded.objection_days, advice_above_percent = excluded.advice_above_percent,
			advice_meets_percent = excluded.advice_meets_percent, head_rating_istimewa = excluded.head_rating_istimewa,
			head_rating_baik = excluded.head_rating_baik, head_rating_butuh_perbaikan = excluded.head_rating_butuh_perbaikan,
			head_rating_kurang = excluded.head_rating_kurang, head_rating_sangat_kurang = excluded.head_rating_sangat_kurang,
			updated_at = excluded.updated_at, assessment_early_days = excluded.assessment_early_days`,
			s.OrgID, s.ActivityDeadlineDays, s.VerificationSLADays, s.EvidenceMaxBytes, s.ObjectionDays, s.AdviceAbovePercent, s.AdviceMeetsPercent,
			s.HeadRatings[kinerja.OrgIstimewa], s.HeadRatings[kinerja.OrgBaik], s.HeadRatings[kinerja.OrgButuhPerbaikan],
			s.HeadRatings[kinerja.OrgKurang], s.HeadRatings[kinerja.OrgSangatKurang], tx.now, s.AssessmentEarlyDays); err != nil {
			return fmt.Errorf("update settings: %w", err)
		}
		return tx.audit(ctx, a, &s.OrgID, kinerja.EntitySettings, s.OrgID, kinerja.ActionUpdate, before, s)
	})
	return s, err
}

// FindHolidays returns an organisation's holidays of a year.
func (db *DB) FindHolidays(ctx context.Context, org int64, year int) ([]kinerja.Holiday, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if org, err = db.orgOf(ctx, a, org); err != nil {
		return nil, err
	}
	cal, err := calendar(ctx, db.db, org, kinerja.NewDate(year, 1, 1), kinerja.NewDate(year, 12, 31))
	if err != nil {
		return nil, mapError(err)
	}
	out := []kinerja.Holiday{}
	for d, name := range cal {
		out = append(out, kinerja.Holiday{Date: d, Name: name})
	}
	slices.SortFunc(out, func(x, y kinerja.Holiday) int { return x.Date.Time().Compare(y.Date.Time()) })
	return out, nil
}

// calendar reads the holidays of org between two dates.
func calendar(ctx context.Context, q queryer, org int64, from, to kinerja.Date) (kinerja.Calendar, error) {
	rows, err := q.QueryContext(ctx, `SELECT day, name FROM holidays WHERE org_id = $1 AND day >= $2 AND day <= $3`, org, dateValue(from), dateValue(to))
	if err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}
	defer rows.Close()
	cal := kinerja.Calendar{}
	for rows.Next() {
		var d kinerja.Date
		var name string
		if err := rows.Scan(dateScanner{&d}, &name); err != nil {
			return nil, fmt.Errorf("calendar: %w", err)
		}
		cal[d] = name
	}
	return cal, rows.Err()
}

// SetHoliday adds or renames a holiday; DeleteHoliday removes one. Admins only.
func (db *DB) SetHoliday(ctx context.Context, org int64, h kinerja.Holiday) error {
	return db.changeHoliday(ctx, org, h, false)
}

// DeleteHoliday removes a holiday of the organisation's calendar.
func (db *DB) DeleteHoliday(ctx context.Context, org int64, d kinerja.Date) error {
	return db.changeHoliday(ctx, org, kinerja.Holiday{Date: d}, true)
}

func (db *DB) changeHoliday(ctx context.Context, org int64, h kinerja.Holiday, remove bool) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if org, err = db.orgOf(ctx, a, org); err != nil {
		return err
	}
	if !kinerja.CanManageEmployees(a, org) {
		return kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	h.Name = strings.TrimSpace(h.Name)
	var v kinerja.Validation
	if h.Date.IsZero() {
		v.Add("date", kinerja.MsgBadDate)
	}
	if !remove && (h.Name == "" || utf8.RuneCountInString(h.Name) > 200) {
		v.Add("name", "Nama hari libur wajib diisi (paling banyak 200 karakter).")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM holidays WHERE org_id = $1 AND day = $2`, org, dateValue(h.Date)); err != nil {
			return fmt.Errorf("holiday: %w", err)
		}
		action := kinerja.ActionDelete
		if !remove {
			action = kinerja.ActionUpdate
			if _, err := tx.ExecContext(ctx, `INSERT INTO holidays (org_id, day, name) VALUES ($1, $2, $3)`, org, dateValue(h.Date), h.Name); err != nil {
				return fmt.Errorf("holiday: %w", err)
			}
		}
		return tx.audit(ctx, a, &org, kinerja.EntityHoliday, org, action, nil, h)
	})
}
