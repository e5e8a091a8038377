package main

import (
	"database/sql"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestCrashDeliversEventsOnce kills the server with SIGKILL while events wait in the outbox,
// then restarts it: each event is delivered after the restart, and only once.
func TestCrashDeliversEventsOnce(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts real server processes")
	}
	for _, engine := range sqldbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			dsn := sqldbtest.DSN(t, engine)
			store := sqldbtest.MustOpenDSN(t, dsn)
			raw := openRaw(t, engine, dsn)
			o := sqldbtest.MustCreateOrg(t, store, "Kecamatan Krisis")
			give := kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Text: "Laporan bulanan tepat waktu."}
			addr := freeAddr(t)

			// An event committed by another process is seen only at the worker's next poll,
			// seconds away: killed now, the server leaves it undelivered.
			var pending bool
			for try := 0; try < 5 && !pending; try++ {
				srv := startServer(t, addr, dsn)
				if _, err := store.CreateFeedback(o.KasiACtx, give); err != nil {
					t.Fatal(err)
				}
				if err := srv.Process.Kill(); err != nil {
					t.Fatal(err)
				}
				srv.Wait()
				pending = undelivered(t, raw) > 0
			}
			if !pending {
				t.Fatal("every event was delivered before the kill; the test proves nothing")
			}
			startServer(t, addr, dsn)
			waitDelivered(t, raw)
			checkOnce(t, raw, o)

			// Now kill right after answers to requests that wrote events: whether the worker
			// had delivered them or not, each is delivered once after the restart.
			srv := startServer(t, addr, dsn)
			kasi := apiLoginAs(t, addr, kinerja.UserFromContext(o.KasiACtx).Username, sqldbtest.Password)
			var (
				mu       sync.Mutex
				answered int
				wg       sync.WaitGroup
				stop     = make(chan struct{})
			)
			for range 3 {
				wg.Go(func() {
					client := &http.Client{Timeout: 5 * time.Second}
					for {
						select {
						case <-stop:
							return
						default:
						}
						status, err := apiCall(client, "POST", addr, "/api/v1/feedback", kasi,
							map[string]any{"about_employee_id": o.StafA.ID, "text": give.Text})
						if err != nil {
							return // the server is gone
						}
						if status != http.StatusCreated {
							t.Errorf("POST /api/v1/feedback: status %d", status)
							return
						}
						mu.Lock()
						answered++
						mu.Unlock()
					}
				})
			}
			deadline := time.Now().Add(20 * time.Second)
			for {
				mu.Lock()
				n := answered
				mu.Unlock()
				if n >= 15 || time.Now().After(deadline) {
					break
				}
				time.Sleep(2 * time.Millisecond)
			}
			if err := srv.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			srv.Wait()
			close(stop)
			wg.Wait()
			if answered == 0 {
				t.Fatal("no feedback was answered before the kill")
			}
			left := undelivered(t, raw)
			startServer(t, addr, dsn)
			waitDelivered(t, raw)
			events := checkOnce(t, raw, o)
			if events < answered+1 {
				t.Errorf("%d events for %d answered requests and one from the store", events, answered)
			}
			t.Logf("%s: %d requests answered before SIGKILL, %d events undelivered at the kill, each delivered once after restart",
				engine, answered, left)
		})
	}
}

// openRaw opens a plain connection to the database at dsn, beside the server's.
func openRaw(t *testing.T, e sqldb.Engine, dsn string) *sql.DB {
	t.Helper()
	driver, src := "pgx", dsn
	if e == sqldb.SQLite {
		driver, src = "sqlite", "file:"+strings.TrimPrefix(dsn, "sqlite:")+"?_pragma=busy_timeout(10000)"
	}
	raw, err := sql.Open(driver, src)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func undelivered(t *testing.T, raw *sql.DB) int {
	t.Helper()
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func waitDelivered(t *testing.T, raw *sql.DB) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for undelivered(t, raw) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d events still undelivered after the restart", undelivered(t, raw))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// checkOnce checks that every feedback about staff A made one event, and every event one
// notification to staff A's one account, and returns how many events there are.
func checkOnce(t *testing.T, raw *sql.DB, o *sqldbtest.Org) int {
	t.Helper()
	var feedback, events, notes int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM feedback WHERE about_employee_id = $1`, o.StafA.ID).Scan(&feedback); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT COUNT(*) FROM outbox WHERE kind = 'feedback_given'`).Scan(&events); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT COUNT(*) FROM notifications WHERE kind = 'feedback_given' AND user_id = $1`,
		kinerja.UserFromContext(o.StafACtx).ID).Scan(&notes); err != nil {
		t.Fatal(err)
	}
	if feedback != events || events != notes {
		t.Errorf("%d feedback, %d events, %d notifications; want one event and one notification per feedback", feedback, events, notes)
	}
	rows, err := raw.Query(`SELECT o.id, o.attempts, (SELECT COUNT(*) FROM notifications n WHERE n.event_id = o.id) FROM outbox o`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var attempts, n int
		if err := rows.Scan(&id, &attempts, &n); err != nil {
			t.Fatal(err)
		}
		if attempts != 1 || n != 1 {
			t.Errorf("event %d: delivered in %d attempts to %d notifications; want 1 and 1", id, attempts, n)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return events
}
