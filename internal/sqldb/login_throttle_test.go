package sqldb_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// throttleClock is a store clock that tests move by hand; it is safe for concurrent logins.
type throttleClock struct {
	mu  sync.Mutex
	now time.Time
}

func newThrottleClock(db *sqldb.DB) *throttleClock {
	c := &throttleClock{now: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)}
	db.Now = c.Now
	return c
}

func (c *throttleClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *throttleClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// loginFrom logs username in from addr with password.
func loginFrom(db *sqldb.DB, username, password, addr string) error {
	_, _, err := db.Login(context.Background(), kinerja.Credentials{Username: username, Password: password, Address: addr}, kinerja.SessionAPI, time.Hour)
	return err
}

// TestLoginThrottle_Concurrent replays the attack of issue 11: 200 wrong passwords for one user
// sent at once from one address. The check used to come before any failure was recorded, so
// all 200 reached bcrypt.
func TestLoginThrottle_Concurrent(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		clock := newThrottleClock(db)
		ctx, _ := sqldbtest.AdminContext(t, db)
		sqldbtest.MustCreateUser(t, db, ctx, "camat", kinerja.RolePegawai)
		before := db.PasswordChecks()

		const n = 200
		errs := make([]error, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Go(func() {
				<-start
				errs[i] = loginFrom(db, "camat", "tebakan-salah-"+fmt.Sprint(i), "203.0.113.7")
			})
		}
		close(start)
		wg.Wait()

		counts := map[string]int{}
		for _, err := range errs {
			counts[kinerja.ErrorCode(err)]++
			if kinerja.ErrorCode(err) == kinerja.ERATELIMITED && kinerja.RetryAfter(err) <= 0 {
				t.Errorf("refused without a wait: %v", err)
			}
		}
		checked := db.PasswordChecks() - before
		if checked > 10 || checked != int64(counts[kinerja.EUNAUTHORIZED]) || counts[kinerja.ERATELIMITED] != n-int(checked) {
			t.Errorf("%d concurrent wrong passwords: %d compared with the hash, answers %v; want at most 10 compared, the rest rate_limited",
				n, checked, counts)
		}
		if checked != int64(kinerja.LoginLimitPair.Free) {
			t.Errorf("%d compared with the hash; want exactly the %d free attempts", checked, kinerja.LoginLimitPair.Free)
		}

		// The attack goes on, and the owner logs in from another address within a minute.
		clock.Add(10 * time.Second)
		for range 20 {
			loginFrom(db, "camat", "tebakan-salah", "203.0.113.7")
		}
		if err := loginFrom(db, "camat", sqldbtest.Password, "198.51.100.9"); err != nil {
			t.Errorf("the owner from another address during the attack: %v; want success", err)
		}
		if err := loginFrom(db, "camat", "tebakan-salah", "203.0.113.7"); kinerja.ErrorCode(err) != kinerja.ERATELIMITED {
			t.Errorf("the attacker after the owner's login: %v; want still rate_limited", err)
		}
	})
}

func TestLoginThrottle_DelayNotLockout(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		clock := newThrottleClock(db)
		ctx, _ := sqldbtest.AdminContext(t, db)
		sqldbtest.MustCreateUser(t, db, ctx, "rina", kinerja.RolePegawai)
		const addr = "203.0.113.7"
		for i := 1; i <= 7; i++ {
			// Attempts 6 and 7 come after waiting 1 s and 2 s.
			clock.Add(kinerja.LoginLimitPair.Delay(i - 1))
			if err := loginFrom(db, "rina", "salah-salah", addr); kinerja.ErrorCode(err) != kinerja.EUNAUTHORIZED {
				t.Fatalf("wrong password %d: %v; want unauthorized", i, err)
			}
		}
		err := loginFrom(db, "rina", sqldbtest.Password, addr)
		if kinerja.ErrorCode(err) != kinerja.ERATELIMITED || kinerja.RetryAfter(err) != 4*time.Second {
			t.Fatalf("right password right after the 7th failure: %v (retry after %v); want rate_limited for 4s", err, kinerja.RetryAfter(err))
		}
		clock.Add(4 * time.Second)
		if err := loginFrom(db, "rina", sqldbtest.Password, addr); err != nil {
			t.Fatalf("right password after the delay: %v; want success, not a 15-minute lock", err)
		}
		// The success cleared the counter of rina at this address: without it the next
		// attempt would wait 8 s.
		for i := 1; i <= 3; i++ {
			if err := loginFrom(db, "rina", "salah-salah", addr); kinerja.ErrorCode(err) != kinerja.EUNAUTHORIZED {
				t.Fatalf("after success, wrong password %d: %v; want unauthorized", i, err)
			}
		}
		// An unknown username is throttled the same way: the answers tell nothing.
		for i := 1; i <= kinerja.LoginLimitPair.Free+1; i++ {
			err := loginFrom(db, "tidak-ada", "salah-salah", addr)
			want := kinerja.EUNAUTHORIZED
			if i > kinerja.LoginLimitPair.Free {
				want = kinerja.ERATELIMITED
			}
			if kinerja.ErrorCode(err) != want || kinerja.ErrorMessage(err) != map[string]string{kinerja.EUNAUTHORIZED: kinerja.MsgLoginFailed, kinerja.ERATELIMITED: kinerja.MsgLoginThrottled}[want] {
				t.Errorf("unknown username, attempt %d: %v; want %s", i, err, want)
			}
		}

		// Housekeeping removes what counts nothing any more.
		if n, err := db.LoginThrottleRows(context.Background()); err != nil || n == 0 {
			t.Fatalf("throttle rows = %d, %v; want some", n, err)
		}
		clock.Add(2 * time.Hour)
		if err := db.DeleteExpired(context.Background()); err != nil {
			t.Fatalf("DeleteExpired: %v", err)
		}
		if n, err := db.LoginThrottleRows(context.Background()); err != nil || n != 0 {
			t.Errorf("throttle rows after two hours = %d, %v; want none", n, err)
		}
	})
}

func TestLoginThrottle_PerAddress(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		newThrottleClock(db)
		counts := map[string]int{}
		for i := range 60 {
			counts[kinerja.ErrorCode(loginFrom(db, fmt.Sprintf("pegawai%02d", i), "sandi-umum-2026", "203.0.113.7"))]++
		}
		free := kinerja.LoginLimitAddress.Free
		if counts[kinerja.EUNAUTHORIZED] != free || counts[kinerja.ERATELIMITED] != 60-free {
			t.Errorf("60 usernames from one address: %v; want %d unauthorized, the rest rate_limited", counts, free)
		}
		if err := loginFrom(db, "pegawai99", "sandi-umum-2026", "198.51.100.9"); kinerja.ErrorCode(err) != kinerja.EUNAUTHORIZED {
			t.Errorf("another address: %v; want unauthorized, not throttled", err)
		}
		// An IPv6 attacker cannot escape by moving within its /64.
		for i := range free {
			loginFrom(db, fmt.Sprintf("pegawai%02d", i), "sandi-umum-2026", fmt.Sprintf("2001:db8:7:7::%x", i+1))
		}
		if err := loginFrom(db, "pegawai50", "sandi-umum-2026", "2001:db8:7:7::ffff"); kinerja.ErrorCode(err) != kinerja.ERATELIMITED {
			t.Errorf("the next address of the same /64: %v; want rate_limited", err)
		}
	})
}

func TestLoginThrottle_OfficeLogins(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		newThrottleClock(db)
		ctx, _ := sqldbtest.AdminContext(t, db)
		// Colleagues behind one office address log in, each after one typo: only the typos count.
		n := kinerja.LoginLimitAddress.Free - 1
		for i := range n {
			sqldbtest.MustCreateUser(t, db, ctx, fmt.Sprintf("staf%02d", i), kinerja.RolePegawai)
		}
		for round := range 3 {
			for i := range n {
				u := fmt.Sprintf("staf%02d", i)
				if round == 0 {
					if err := loginFrom(db, u, "salah-ketik", "203.0.113.7"); kinerja.ErrorCode(err) != kinerja.EUNAUTHORIZED {
						t.Fatalf("%s typo: %v; want unauthorized", u, err)
					}
				}
				if err := loginFrom(db, u, sqldbtest.Password, "203.0.113.7"); err != nil {
					t.Fatalf("round %d, %s: %v; want success", round, u, err)
				}
			}
		}
	})
}

func TestLoginThrottle_DistributedAttack(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		clock := newThrottleClock(db)
		ctx, _ := sqldbtest.AdminContext(t, db)
		sqldbtest.MustCreateUser(t, db, ctx, "camat", kinerja.RolePegawai)
		attack := func() {
			for i := range 40 {
				loginFrom(db, "camat", "tebakan-salah", fmt.Sprintf("10.0.0.%d", i+1))
			}
		}
		for range 10 {
			attack()
			clock.Add(time.Second)
		}
		// A fresh address goes through at once, whatever the username's count.
		if err := loginFrom(db, "camat", sqldbtest.Password, "198.51.100.9"); err != nil {
			t.Fatalf("the owner from a fresh address: %v; want success", err)
		}
		// After a typo the owner waits at most the username's cap while the attack goes on.
		if err := loginFrom(db, "camat", "salah-ketik", "198.51.100.10"); kinerja.ErrorCode(err) != kinerja.EUNAUTHORIZED {
			t.Fatalf("the owner's typo: %v; want unauthorized", err)
		}
		attack()
		err := loginFrom(db, "camat", sqldbtest.Password, "198.51.100.10")
		wait := kinerja.RetryAfter(err)
		if kinerja.ErrorCode(err) != kinerja.ERATELIMITED || wait <= 0 || wait > kinerja.LoginLimitUsername.Cap {
			t.Fatalf("right after the typo: %v (retry after %v); want rate_limited for at most %v", err, wait, kinerja.LoginLimitUsername.Cap)
		}
		for elapsed := time.Duration(0); elapsed < wait; elapsed += time.Second {
			clock.Add(time.Second)
			attack()
		}
		if err := loginFrom(db, "camat", sqldbtest.Password, "198.51.100.10"); err != nil {
			t.Errorf("the owner %v after the typo, the attack going on: %v; want success", wait, err)
		}
	})
}
