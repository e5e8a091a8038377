package sqldb_test

import (
	"context"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestNotificationsOrderPeriodStale checks that notifications come newest first by when they
// happened (not by when they were delivered), name the period of their SKP, and count as read
// once a month old.
func TestNotificationsOrderPeriodStale(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		base := time.Now().UTC().Truncate(time.Second)
		now := base.Add(-90 * 24 * time.Hour) // the SKP's own notifications are the oldest
		db.Now = func() time.Time { return now }
		period, err := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		s, _ := approvedSKP(t, db, o.CamatCtx, sys, o.Camat, period.ID, nil)
		sqldbtest.Deliver(t, db)
		if err := db.MarkNotificationsRead(o.CamatCtx, nil); err != nil {
			t.Fatal(err)
		}
		ev := kinerja.Event{Kind: kinerja.EventSKPApproved, OrgID: o.ID, Entity: kinerja.EntitySKP, EntityID: s.ID,
			To: kinerja.ToEmployee(o.Camat.ID), Subject: "Camat"}
		now = base
		// The recent event is written first, the old one after it (a late import, a clock
		// set right): the list still shows the recent one first.
		if err := db.EmitInTx(o.Admin, ev, true); err != nil {
			t.Fatal(err)
		}
		now = now.Add(-60 * 24 * time.Hour)
		ev.Subject = "Lama"
		if err := db.EmitInTx(o.Admin, ev, true); err != nil {
			t.Fatal(err)
		}
		now = now.Add(60 * 24 * time.Hour)
		sqldbtest.Deliver(t, db)
		notes, unread, err := db.FindNotifications(o.CamatCtx, false, 2)
		if err != nil || len(notes) != 2 {
			t.Fatalf("FindNotifications = %+v, %v", notes, err)
		}
		if notes[0].Subject != "Camat" || notes[1].Subject != "Lama" {
			t.Errorf("order = %q, %q; want the recent one first", notes[0].Subject, notes[1].Subject)
		}
		if notes[0].Period != "2026" {
			t.Errorf("period = %q; want 2026", notes[0].Period)
		}
		if notes[0].ReadAt != nil || notes[1].ReadAt == nil {
			t.Errorf("read = %v, %v; want the recent one unread, the two-month-old one read", notes[0].ReadAt, notes[1].ReadAt)
		}
		if unread != 1 {
			t.Errorf("unread = %d; want 1 (the old one counts as read)", unread)
		}
		if only, _, _ := db.FindNotifications(o.CamatCtx, true, 10); len(only) != 1 {
			t.Errorf("unread list has %d; want 1", len(only))
		}
	})
}
