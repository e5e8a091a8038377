package kinerja

import (
	"fmt"
	"testing"
	"time"
)

func TestLoginLimit_Delay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		limit LoginLimit
		n     int
		want  time.Duration
	}{
		{LoginLimitPair, 0, 0},
		{LoginLimitPair, 4, 0},
		{LoginLimitPair, 5, time.Second},
		{LoginLimitPair, 6, 2 * time.Second},
		{LoginLimitPair, 7, 4 * time.Second},
		{LoginLimitPair, 13, 256 * time.Second},
		{LoginLimitPair, 14, 5 * time.Minute},
		{LoginLimitPair, 1000, 5 * time.Minute},
		{LoginLimitAddress, 19, 0},
		{LoginLimitAddress, 20, time.Second},
		{LoginLimitAddress, 1 << 40, 2 * time.Minute},
		{LoginLimitUsername, 9, 0},
		{LoginLimitUsername, 10, time.Second},
		{LoginLimitUsername, 14, 16 * time.Second},
		{LoginLimitUsername, 15, 30 * time.Second},
		{LoginLimitUsername, 500, 30 * time.Second},
	}
	for _, tt := range tests {
		if got := tt.limit.Delay(tt.n); got != tt.want {
			t.Errorf("%+v.Delay(%d) = %v; want %v", tt.limit, tt.n, got, tt.want)
		}
	}
}

func TestLoginLimit_CountForgets(t *testing.T) {
	t.Parallel()
	l := LoginLimit{Free: 2, Base: time.Second, Cap: time.Minute, Forget: 10 * time.Minute}
	t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	var c LoginCounter
	for range 3 {
		c = l.Add(c, t0)
	}
	tests := []struct {
		at   time.Duration
		want int
	}{
		{0, 3},
		{time.Second, 3},
		{10 * time.Minute, 2},
		{10*time.Minute + time.Second, 2},
		{20*time.Minute + time.Second, 1},
		{30 * time.Minute, 0},
		{time.Hour, 0},
	}
	for _, tt := range tests {
		if got := l.Count(c, t0.Add(tt.at)); got != tt.want {
			t.Errorf("Count at +%v = %d; want %d", tt.at, got, tt.want)
		}
	}
	if got := l.Count(l.Refund(c), t0); got != 2 {
		t.Errorf("Count after Refund = %d; want 2", got)
	}
	// A key idle long enough starts again from nothing, not from a debt.
	c = l.Add(c, t0.Add(time.Hour))
	if got := l.Count(c, t0.Add(time.Hour)); got != 1 {
		t.Errorf("Count after an hour's rest and one attempt = %d; want 1", got)
	}
	if got := l.Count(LoginCounter{}, t0); got != 0 {
		t.Errorf("Count of a new key = %d; want 0", got)
	}
}

// throttleSim keeps the counters of every key as the store does, for replaying attacks.
type throttleSim struct {
	keys map[string]LoginCounter
}

func newThrottleSim() *throttleSim { return &throttleSim{keys: map[string]LoginCounter{}} }

func (s *throttleSim) state(user, addr string) LoginAttempt {
	return LoginAttempt{Pair: s.keys["p:"+user+"@"+addr], Address: s.keys["a:"+addr], Username: s.keys["u:"+user]}
}

// try makes one attempt and returns the wait it was refused with, 0 when it went through.
func (s *throttleSim) try(user, addr string, now time.Time) time.Duration {
	a := s.state(user, addr)
	if w := LoginWait(a, now); w > 0 {
		return w
	}
	a = a.Reserve(now)
	s.keys["p:"+user+"@"+addr], s.keys["a:"+addr], s.keys["u:"+user] = a.Pair, a.Address, a.Username
	return 0
}

// succeed records a successful login of the attempt just let through.
func (s *throttleSim) succeed(user, addr string) {
	delete(s.keys, "p:"+user+"@"+addr)
	s.keys["a:"+addr] = LoginLimitAddress.Refund(s.keys["a:"+addr])
	s.keys["u:"+user] = LoginLimitUsername.Refund(s.keys["u:"+user])
}

func TestLoginWait(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	through := func(s *throttleSim, n int, user func(i int) string, addr func(i int) string, now time.Time) int {
		ok := 0
		for i := range n {
			if s.try(user(i), addr(i), now) == 0 {
				ok++
			}
		}
		return ok
	}
	same := func(v string) func(int) string { return func(int) string { return v } }
	numbered := func(prefix string) func(int) string {
		return func(i int) string { return fmt.Sprintf("%s%d", prefix, i) }
	}

	t.Run("200 at once for one username at one address", func(t *testing.T) {
		s := newThrottleSim()
		if got := through(s, 200, same("camat"), same("203.0.113.7"), t0); got != LoginLimitPair.Free {
			t.Errorf("%d of 200 went through; want %d", got, LoginLimitPair.Free)
		}
		if w := s.try("camat", "203.0.113.7", t0); w != time.Second {
			t.Errorf("the next one waits %v; want 1s", w)
		}
	})

	t.Run("growing delays, then the right password", func(t *testing.T) {
		s := newThrottleSim()
		now := t0
		for i := range 5 {
			if w := s.try("camat", "203.0.113.7", now); w != 0 {
				t.Fatalf("attempt %d waits %v; want none", i+1, w)
			}
		}
		for _, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
			if w := s.try("camat", "203.0.113.7", now); w != want {
				t.Fatalf("at +%v: wait %v; want %v", now.Sub(t0), w, want)
			}
			now = now.Add(want - time.Millisecond)
			if w := s.try("camat", "203.0.113.7", now); w != time.Millisecond {
				t.Fatalf("a millisecond early: wait %v; want 1ms", w)
			}
			now = now.Add(time.Millisecond)
			if w := s.try("camat", "203.0.113.7", now); w != 0 {
				t.Fatalf("after the delay: wait %v; want none", w)
			}
		}
		s.succeed("camat", "203.0.113.7")
		if w := s.try("camat", "203.0.113.7", now); w != 0 {
			t.Errorf("after a success: wait %v; want none (the pair is cleared)", w)
		}
	})

	t.Run("the delay is capped, no lock-out", func(t *testing.T) {
		s := newThrottleSim()
		now := t0
		longest := time.Duration(0)
		for range 200 {
			w := s.try("camat", "203.0.113.7", now)
			longest = max(longest, w)
			now = now.Add(w)
		}
		if longest != LoginLimitPair.Cap {
			t.Errorf("longest wait %v; want the cap %v", longest, LoginLimitPair.Cap)
		}
	})

	t.Run("60 usernames from one address", func(t *testing.T) {
		s := newThrottleSim()
		if got := through(s, 60, numbered("pegawai"), same("203.0.113.7"), t0); got != LoginLimitAddress.Free {
			t.Errorf("%d of 60 usernames went through; want %d", got, LoginLimitAddress.Free)
		}
		if w := s.try("pegawai99", "198.51.100.1", t0); w != 0 {
			t.Errorf("another address waits %v; want none", w)
		}
	})

	t.Run("successes from one office address do not add up", func(t *testing.T) {
		s := newThrottleSim()
		for i := range 500 {
			user := fmt.Sprintf("pegawai%d", i)
			if w := s.try(user, "203.0.113.7", t0); w != 0 {
				t.Fatalf("login %d of colleagues behind one address waits %v; want none", i+1, w)
			}
			s.succeed(user, "203.0.113.7")
		}
	})

	t.Run("the owner from another address during an attack from many", func(t *testing.T) {
		s := newThrottleSim()
		now := t0
		// 300 addresses guess the Camat's password for ten minutes, each as fast as it may.
		for now.Before(t0.Add(10 * time.Minute)) {
			for i := range 300 {
				s.try("camat", fmt.Sprintf("10.0.%d.%d", i/250, i%250), now)
			}
			if n := LoginLimitUsername.Count(s.keys["u:camat"], now); now.After(t0.Add(time.Minute)) && n < 100 {
				t.Fatalf("the username counts %d attempts; want the attack to be heavy", n)
			}
			now = now.Add(time.Second)
		}
		// The owner's first attempt from a fresh address goes through at once.
		if w := s.try("camat", "198.51.100.9", now); w != 0 {
			t.Fatalf("the owner from a fresh address waits %v; want none", w)
		}
		// After a typo the owner waits no more than the username's cap, however the attack goes on.
		if w := s.try("camat", "198.51.100.9", now); w <= 0 || w > LoginLimitUsername.Cap {
			t.Fatalf("the owner after a typo waits %v; want at most %v", w, LoginLimitUsername.Cap)
		}
		for range 30 {
			for i := range 300 {
				s.try("camat", fmt.Sprintf("10.0.%d.%d", i/250, i%250), now)
			}
			now = now.Add(time.Second)
		}
		if w := s.try("camat", "198.51.100.9", now); w != 0 {
			t.Errorf("the owner 30 s after the typo waits %v; want none", w)
		}
		// Each attacking address is held to one guess per 30 s at most.
		if w := s.try("camat", "10.0.0.1", now); w == 0 {
			if w2 := s.try("camat", "10.0.0.1", now.Add(29*time.Second)); w2 == 0 {
				t.Errorf("an attacking address guessed twice within 29 s")
			}
		}
	})
}

func TestLoginAddressKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"203.0.113.7", "203.0.113.7"},
		{" 203.0.113.7 ", "203.0.113.7"},
		{"::ffff:203.0.113.7", "203.0.113.7"},
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"},
		{"fe80::1%eth0", "fe80::/64"},
		{"", "unknown"},
		{"@unix", "@unix"},
		{string(make([]byte, 100)), string(make([]byte, 64))},
	}
	for _, tt := range tests {
		if got := LoginAddressKey(tt.in); got != tt.want {
			t.Errorf("LoginAddressKey(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("login: %w", LoginThrottledError(1500*time.Millisecond))
	if got := RetryAfter(err); got != 1500*time.Millisecond {
		t.Errorf("RetryAfter = %v; want 1.5s", got)
	}
	if ErrorCode(err) != ERATELIMITED || ErrorMessage(err) != MsgLoginThrottled {
		t.Errorf("LoginThrottledError = %v; want rate_limited with MsgLoginThrottled", err)
	}
	if got := RetryAfter(Errorf(EUNAUTHORIZED, MsgLoginFailed)); got != 0 {
		t.Errorf("RetryAfter(unauthorized) = %v; want 0", got)
	}
	for d, want := range map[time.Duration]int{0: 1, time.Millisecond: 1, time.Second: 1, 1001 * time.Millisecond: 2, 30 * time.Second: 30} {
		if got := RetryAfterSeconds(d); got != want {
			t.Errorf("RetryAfterSeconds(%v) = %d; want %d", d, got, want)
		}
	}
}

func TestLoginLimit_ClockSetBack(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	l := LoginLimitAddress
	c := l.Refund(l.Add(LoginCounter{}, t0)) // a success at t0
	back := t0.Add(-300 * 24 * time.Hour)
	if n, w := l.Count(c, back), l.Wait(c, back); n != 0 || w != 0 {
		t.Errorf("after the clock went back: count %d, wait %v; want 0, 0", n, w)
	}
	for range l.Free + 3 {
		c = l.Add(c, t0)
	}
	if w := l.Wait(c, back); w != l.Delay(l.Free+3) {
		t.Errorf("wait after the clock went back = %v; want no more than the delay %v", w, l.Delay(l.Free+3))
	}
}
