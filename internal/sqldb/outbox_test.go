package sqldb_test

import (
	"context"
	"database/sql"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// rawStore opens a plain connection to the database at dsn that writes times as the store
// does, to set up rows the store would not write.
func rawStore(t *testing.T, e sqldb.Engine, dsn string) *sql.DB {
	t.Helper()
	if e == sqldb.SQLite {
		dsn += "?_pragma=busy_timeout(10000)&_time_format=sqlite"
	}
	return rawDB(t, e, dsn)
}

// userOf returns the account of a context from sqldbtest.Org.
func userOf(ctx context.Context) int64 { return kinerja.UserFromContext(ctx).ID }

// notificationsAbout returns, for each of the contexts, how many notifications its user has
// about the object.
func notificationsAbout(t *testing.T, db *sqldb.DB, entity string, id int64, ctxs ...context.Context) []int {
	t.Helper()
	out := make([]int, len(ctxs))
	for i, ctx := range ctxs {
		notes, _, err := db.FindNotifications(ctx, false, 500)
		if err != nil {
			t.Fatalf("FindNotifications: %v", err)
		}
		for _, n := range notes {
			if n.Entity == entity && n.EntityID != nil && *n.EntityID == id {
				out[i]++
			}
		}
	}
	return out
}

func TestOutboxDeliversCommittedEventsOnly(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Outbox")
		ctx := context.Background()
		ev := func(skp int64) kinerja.Event {
			return kinerja.Event{Kind: kinerja.EventSKPApproved, OrgID: o.ID, Entity: kinerja.EntitySKP, EntityID: skp,
				To: kinerja.ToEmployee(o.StafA.ID), Subject: o.KasiA.Name}
		}
		if err := db.EmitInTx(ctx, ev(901), false); err != nil {
			t.Fatalf("emit, rolled back: %v", err)
		}
		if err := db.EmitInTx(ctx, ev(902), true); err != nil {
			t.Fatalf("emit, committed: %v", err)
		}
		sqldbtest.Deliver(t, db)
		if got := notificationsAbout(t, db, kinerja.EntitySKP, 901, o.StafACtx); got[0] != 0 {
			t.Errorf("the event of a rolled-back transaction made %d notifications; want none", got[0])
		}
		notes, unread, err := db.FindNotifications(o.StafACtx, false, 10)
		if err != nil || unread != 1 || len(notes) != 1 {
			t.Fatalf("FindNotifications = %+v, %d, %v; want the committed event's notification", notes, unread, err)
		}
		n := notes[0]
		if n.Kind != kinerja.EventSKPApproved || n.Subject != o.KasiA.Name || n.Entity != kinerja.EntitySKP || n.EntityID == nil || *n.EntityID != 902 {
			t.Errorf("notification = %+v; want skp_approved about skp 902 from %s", n, o.KasiA.Name)
		}
		// Delivered means done: another round finds nothing.
		if d, err := db.DeliverEvents(ctx, 10); err != nil || d != (sqldb.Delivery{}) {
			t.Errorf("second DeliverEvents = %+v, %v; want nothing to do", d, err)
		}
		bad := ev(903)
		bad.Entity = kinerja.EntityAssessment
		if err := db.EmitInTx(ctx, bad, true); err == nil {
			t.Errorf("emitting skp_approved about an assessment succeeded")
		}
	})
}

func TestOutboxRecipients(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Penerima")
		ctx := context.Background()
		readers := []context.Context{o.Admin, o.CamatCtx, o.KasiACtx, o.StafACtx, o.KasiBCtx}
		tests := []struct {
			name string
			to   kinerja.Recipient
			want []int // notifications of admin, camat, kasi A, staff A, kasi B
		}{
			{"an employee", kinerja.ToEmployee(o.StafA.ID), []int{0, 0, 0, 1, 0}},
			{"the admins", kinerja.ToAdmins(), []int{1, 0, 0, 0, 0}},
			{"the camat's team", kinerja.ToTeamOf(o.Camat.ID), []int{0, 0, 1, 1, 1}}, // staff B has no account
			{"kasi A's team", kinerja.ToTeamOf(o.KasiA.ID), []int{0, 0, 0, 1, 0}},
			{"staff A's team", kinerja.ToTeamOf(o.StafA.ID), []int{0, 0, 0, 0, 0}},
		}
		for i, tt := range tests {
			id := int64(100 + i)
			if err := db.EmitInTx(ctx, kinerja.Event{Kind: kinerja.EventUpwardReply, OrgID: o.ID, Entity: kinerja.EntityUpwardReply,
				EntityID: id, To: tt.to, Subject: o.Camat.Name}, true); err != nil {
				t.Fatalf("%s: emit: %v", tt.name, err)
			}
			sqldbtest.Deliver(t, db)
			if got := notificationsAbout(t, db, kinerja.EntityUpwardReply, id, readers...); !slices.Equal(got, tt.want) {
				t.Errorf("%s: notifications of admin, camat, kasi A, staff A, kasi B = %v; want %v", tt.name, got, tt.want)
			}
		}
	})
}

// TestOutboxRetry checks that an event that cannot be delivered waits ever longer and holds
// back no other event.
func TestOutboxRetry(t *testing.T) {
	t.Parallel()
	for _, engine := range sqldbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			dsn := sqldbtest.DSN(t, engine)
			db := sqldbtest.MustOpenDSN(t, dsn)
			raw := rawStore(t, engine, dsn)
			o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Ulang")
			ctx := context.Background()
			now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
			db.Now = func() time.Time { return now }
			// A kind from a newer version of Kinerja, which this one cannot deliver.
			var stranger int64
			if err := raw.QueryRow(`INSERT INTO outbox (org_id, kind, entity, entity_id, recipient, recipient_id, created_at, available_at)
				VALUES ($1, 'email_digest', 'employee', $2, 'employee', $2, $3, $3) RETURNING id`, o.ID, o.StafA.ID, now).Scan(&stranger); err != nil {
				t.Fatal(err)
			}
			if err := db.EmitInTx(ctx, kinerja.Event{Kind: kinerja.EventActivityRejected, OrgID: o.ID, Entity: kinerja.EntityActivity,
				EntityID: 77, To: kinerja.ToEmployee(o.StafA.ID), Subject: "Rapat"}, true); err != nil {
				t.Fatal(err)
			}
			state := func() (attempts int, lastError string, available time.Time, delivered bool) {
				t.Helper()
				var at sql.NullTime
				if err := raw.QueryRow(`SELECT attempts, last_error, available_at, delivered_at FROM outbox WHERE id = $1`, stranger).
					Scan(&attempts, &lastError, &available, &at); err != nil {
					t.Fatal(err)
				}
				return attempts, lastError, available, at.Valid
			}
			tests := []struct {
				name     string
				after    time.Duration // since the start
				want     sqldb.Delivery
				attempts int
				retryAt  time.Duration // since the start
				notes    int
			}{
				{"first round", 0, sqldb.Delivery{Delivered: 1, Failed: 1}, 1, 30 * time.Second, 1},
				{"before the pause ends", 29 * time.Second, sqldb.Delivery{}, 1, 30 * time.Second, 1},
				{"second try", 30 * time.Second, sqldb.Delivery{Failed: 1}, 2, 90 * time.Second, 1},
				{"third try", 90 * time.Second, sqldb.Delivery{Failed: 1}, 3, 210 * time.Second, 1},
			}
			start := now
			for _, tt := range tests {
				now = start.Add(tt.after)
				d, err := db.DeliverEvents(ctx, 10)
				if err != nil || d != tt.want {
					t.Errorf("%s: DeliverEvents = %+v, %v; want %+v", tt.name, d, err, tt.want)
				}
				attempts, lastError, available, delivered := state()
				if attempts != tt.attempts || !strings.Contains(lastError, "email_digest") || delivered ||
					!available.Equal(start.Add(tt.retryAt)) {
					t.Errorf("%s: stranger event: %d attempts, %q, available %v, delivered %t; want %d attempts, available %v",
						tt.name, attempts, lastError, available, delivered, tt.attempts, start.Add(tt.retryAt))
				}
				if got := notificationsAbout(t, db, kinerja.EntityActivity, 77, o.StafACtx); got[0] != tt.notes {
					t.Errorf("%s: %d notifications about the rejected activity; want %d", tt.name, got[0], tt.notes)
				}
			}
		})
	}
}

// TestOutboxExactlyOnce delivers many events from two handles on one database at once, as
// two server processes sharing it would, while a third writes more: every event is claimed
// once and makes its notifications once.
func TestOutboxExactlyOnce(t *testing.T) {
	t.Parallel()
	for _, engine := range sqldbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			dsn := sqldbtest.DSN(t, engine)
			db1, db2 := sqldbtest.MustOpenDSN(t, dsn), sqldbtest.MustOpenDSN(t, dsn)
			raw := rawStore(t, engine, dsn)
			o := sqldbtest.MustCreateOrg(t, db1, "Kecamatan Sekali")
			ctx := context.Background()
			recipients := []kinerja.Recipient{kinerja.ToEmployee(o.StafA.ID), kinerja.ToAdmins(), kinerja.ToTeamOf(o.Camat.ID)}
			want := map[kinerja.RecipientKind]int{kinerja.RecipientEmployee: 1, kinerja.RecipientAdmins: 1, kinerja.RecipientTeam: 3}
			const events = 200

			var (
				wg       sync.WaitGroup
				produced = make(chan struct{})
				mu       sync.Mutex
				total    sqldb.Delivery
			)
			wg.Go(func() {
				defer close(produced)
				for i := range events {
					ev := kinerja.Event{Kind: kinerja.EventFeedbackGiven, OrgID: o.ID, Entity: kinerja.EntityEmployee, EntityID: int64(1000 + i),
						To: recipients[i%len(recipients)], Subject: o.KasiA.Name}
					if err := db1.EmitInTx(ctx, ev, true); err != nil {
						t.Errorf("emit %d: %v", i, err)
						return
					}
				}
			})
			for _, db := range []*sqldb.DB{db1, db2, db1, db2} {
				wg.Go(func() {
					for {
						// Read before the round: a round that starts after the last event
						// was written and finds nothing ends this deliverer.
						done := false
						select {
						case <-produced:
							done = true
						default:
						}
						d, err := db.DeliverEvents(ctx, 7)
						if err != nil {
							t.Errorf("DeliverEvents: %v", err)
							return
						}
						mu.Lock()
						total.Delivered += d.Delivered
						total.Failed += d.Failed
						mu.Unlock()
						if done && d.Delivered+d.Failed == 0 {
							return
						}
					}
				})
			}
			wg.Wait()
			if total != (sqldb.Delivery{Delivered: events}) {
				t.Errorf("deliveries = %+v; want %d delivered, none failed", total, events)
			}
			rows, err := raw.Query(`SELECT o.id, o.recipient, o.attempts, o.delivered_at IS NOT NULL,
					(SELECT COUNT(*) FROM notifications n WHERE n.event_id = o.id),
					(SELECT COUNT(DISTINCT n.user_id) FROM notifications n WHERE n.event_id = o.id)
				FROM outbox o`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			seen := 0
			for rows.Next() {
				var (
					id                int64
					recipient         kinerja.RecipientKind
					attempts          int
					delivered         bool
					notes, distinctTo int
				)
				if err := rows.Scan(&id, &recipient, &attempts, &delivered, &notes, &distinctTo); err != nil {
					t.Fatal(err)
				}
				seen++
				if attempts != 1 || !delivered || notes != want[recipient] || distinctTo != notes {
					t.Errorf("event %d to %s: %d attempts, delivered %t, %d notifications to %d accounts; want 1 attempt, delivered, %d notifications",
						id, recipient, attempts, delivered, notes, distinctTo, want[recipient])
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if seen != events {
				t.Errorf("outbox holds %d events; want %d", seen, events)
			}
		})
	}
}

// TestRunOutbox checks that the worker delivers what is pending when it starts, is woken by a
// commit in its own process long before its poll, and stops with its context.
func TestRunOutbox(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Pekerja")
		ev := func(id int64) kinerja.Event {
			return kinerja.Event{Kind: kinerja.EventAssessmentFinal, OrgID: o.ID, Entity: kinerja.EntityAssessment, EntityID: id,
				To: kinerja.ToEmployee(o.StafA.ID), Subject: string(kinerja.PredikatBaik)}
		}
		waitFor := func(id int64) {
			t.Helper()
			deadline := time.Now().Add(10 * time.Second)
			for notificationsAbout(t, db, kinerja.EntityAssessment, id, o.StafACtx)[0] == 0 {
				if time.Now().After(deadline) {
					t.Fatalf("the notification about assessment %d did not arrive", id)
				}
				time.Sleep(5 * time.Millisecond)
			}
		}
		if err := db.EmitInTx(context.Background(), ev(1), true); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		stopped := make(chan struct{})
		go func() {
			defer close(stopped)
			db.RunOutbox(ctx, time.Hour)
		}()
		waitFor(1)
		if err := db.EmitInTx(context.Background(), ev(2), true); err != nil {
			t.Fatal(err)
		}
		waitFor(2)
		cancel()
		select {
		case <-stopped:
		case <-time.After(10 * time.Second):
			t.Fatal("RunOutbox did not stop with its context")
		}
	})
}

// TestNotificationObjects migrates notifications written with web addresses and checks that
// each gets the object it pointed at.
func TestNotificationObjects(t *testing.T) {
	t.Parallel()
	for _, engine := range sqldbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			dsn := sqldbtest.EmptyDSN(t, engine)
			ctx := context.Background()
			db, err := sqldb.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			db.Logger = slog.New(slog.DiscardHandler)
			if err := db.MigrateTo(ctx, 11); err != nil {
				t.Fatalf("migrate to 11: %v", err)
			}
			// Today's store cannot write into the schema of version 11.
			raw := rawStore(t, engine, dsn)
			o, periodID := oldSchemaOrg(t, raw, "Kecamatan Lama")
			at := time.Date(2026, 2, 10, 3, 0, 0, 0, time.UTC)
			if _, err := raw.Exec(`INSERT INTO peer_assignments (org_id, period_id, employee_id, peer_id, created_at) VALUES ($1, $2, $3, $4, $5)`,
				o.ID, periodID, o.StafB.ID, o.StafA.ID, at); err != nil {
				t.Fatal(err)
			}
			var reply int64
			if err := raw.QueryRow(`INSERT INTO upward_replies (org_id, leader_id, year, text, created_at) VALUES ($1, $2, 2026, 'Terima kasih.', $3) RETURNING id`,
				o.ID, o.KasiA.ID, at).Scan(&reply); err != nil {
				t.Fatal(err)
			}
			staf, kasi := o.StafA.ID, o.KasiA.ID
			tests := []struct {
				kind, subject, link string
				entity              string
				id                  int64 // 0: unknown
			}{
				{"skp_approved", o.KasiA.Name, "/skp/12", kinerja.EntitySKP, 12},
				{"assessment_final", "baik", "/assessments/5", kinerja.EntityAssessment, 5},
				{"activity_rejected", "Rapat", "/activities/7", kinerja.EntityActivity, 7},
				{"activities_approved", "3", "/activities", kinerja.EntityEmployee, staf},
				{"feedback_given", o.KasiA.Name, "/employees/" + itoa(staf) + "/feedback", kinerja.EntityEmployee, staf},
				{"feedback_reply", o.KasiA.Name, "/employees/" + itoa(kasi) + "/feedback", kinerja.EntityEmployee, kasi},
				{"dialog_recorded", o.KasiA.Name, "/employees/" + itoa(staf) + "/feedback#dialogs", kinerja.EntityEmployee, staf},
				{"peer_requested", o.StafB.Name, "/peer-tasks", kinerja.EntityEmployee, o.StafB.ID},
				{"peer_requested", "Pegawai Yang Sudah Pindah", "/peer-tasks", kinerja.EntityEmployee, 0},
				{"upward_reply", o.KasiA.Name, "/upward", kinerja.EntityUpwardReply, reply},
			}
			want := map[int64]int{}
			for i, tt := range tests {
				var id int64
				if err := raw.QueryRow(`INSERT INTO notifications (user_id, kind, subject, link, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
					userOf(o.StafACtx), tt.kind, tt.subject, tt.link, at.Add(time.Minute)).Scan(&id); err != nil {
					t.Fatal(err)
				}
				want[id] = i
			}
			if err := db.Migrate(ctx); err != nil {
				t.Fatalf("migrate: %v", err)
			}
			notes, _, err := db.FindNotifications(o.StafACtx, false, 50)
			if err != nil || len(notes) != len(tests) {
				t.Fatalf("FindNotifications = %d, %v; want %d", len(notes), err, len(tests))
			}
			for _, n := range notes {
				tt := tests[want[n.ID]]
				var got int64
				if n.EntityID != nil {
					got = *n.EntityID
				}
				if n.Entity != tt.entity || got != tt.id || string(n.Kind) != tt.kind || n.Subject != tt.subject {
					t.Errorf("%s (%s): notification about %s %d; want %s %d", tt.link, tt.subject, n.Entity, got, tt.entity, tt.id)
				}
			}
		})
	}
}

// TestOutboxHousekeeping checks that housekeeping deletes events delivered a week ago, keeps
// the rest, and that an id is never given twice, even once its event is gone: notifications
// keep the id of their event.
func TestOutboxHousekeeping(t *testing.T) {
	t.Parallel()
	for _, engine := range sqldbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			dsn := sqldbtest.DSN(t, engine)
			db := sqldbtest.MustOpenDSN(t, dsn)
			raw := rawStore(t, engine, dsn)
			o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Bersih")
			ctx := context.Background()
			now := time.Date(2026, 4, 1, 2, 0, 0, 0, time.UTC)
			db.Now = func() time.Time { return now }
			emit := func(activity int64) int64 {
				t.Helper()
				if err := db.EmitInTx(ctx, kinerja.Event{Kind: kinerja.EventActivityRejected, OrgID: o.ID, Entity: kinerja.EntityActivity,
					EntityID: activity, To: kinerja.ToEmployee(o.StafA.ID), Subject: "Rapat"}, true); err != nil {
					t.Fatal(err)
				}
				var id int64
				if err := raw.QueryRow(`SELECT MAX(id) FROM outbox`).Scan(&id); err != nil {
					t.Fatal(err)
				}
				return id
			}
			first := emit(1)
			sqldbtest.Deliver(t, db)
			now = now.Add(8 * 24 * time.Hour)
			second := emit(2) // pending: housekeeping leaves it
			if err := db.DeleteExpired(ctx); err != nil {
				t.Fatal(err)
			}
			if got := queryStrings(t, raw, `SELECT CAST(id AS TEXT) FROM outbox ORDER BY id`); !slices.Equal(got, []string{itoa(second)}) {
				t.Errorf("outbox after housekeeping = %v; want only the pending event %d", got, second)
			}
			sqldbtest.Deliver(t, db)
			now = now.Add(8 * 24 * time.Hour)
			if err := db.DeleteExpired(ctx); err != nil {
				t.Fatal(err)
			}
			if n := countRows(t, raw, "outbox"); n != 0 {
				t.Errorf("%d events left; want none", n)
			}
			if third := emit(3); third <= second || second <= first {
				t.Errorf("event ids %d, %d, %d; want each larger than the last", first, second, third)
			}
			sqldbtest.Deliver(t, db)
			if got := notificationsAbout(t, db, kinerja.EntityActivity, 3, o.StafACtx); got[0] != 1 {
				t.Errorf("%d notifications about the third event; want 1", got[0])
			}
		})
	}
}
