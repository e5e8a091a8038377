package kinerja

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// Login throttling. Every login attempt is counted, before its password is checked, under
// three keys: the username at the client's address, the client's address (whatever the
// username) and the username (whatever the address). Each key keeps a counter that forgets
// one attempt every Forget; while it holds fewer than Free attempts an attempt goes through at
// once, after that each one must wait Base, then twice as long, and so on up to Cap, counted
// from the key's last attempt. A successful login clears its username-at-address key and takes
// its own attempt back from the other two, so that colleagues logging in behind one office
// address do not add up.
//
// The username key holds back no one by itself: once a username has more than its Free
// attempts, every address that has already tried that username waits the username's delay
// (at most 30 seconds) between its own attempts, while an address that has not tried it yet
// goes through at once. Someone who guesses from many addresses is slowed on every one of
// them, and the owner, arriving from an address of their own, is never locked out by them.
var (
	// LoginLimitPair is the limit of one username at one address.
	LoginLimitPair = LoginLimit{Free: 5, Base: time.Second, Cap: 5 * time.Minute, Forget: 10 * time.Minute}
	// LoginLimitAddress is the limit of one address across usernames.
	LoginLimitAddress = LoginLimit{Free: 20, Base: time.Second, Cap: 2 * time.Minute, Forget: 2 * time.Minute}
	// LoginLimitUsername is the limit of one username across addresses.
	LoginLimitUsername = LoginLimit{Free: 10, Base: time.Second, Cap: 30 * time.Second, Forget: 10 * time.Minute}
)

// LoginLimit is the rule of one kind of throttle key.
type LoginLimit struct {
	Free   int           // attempts that need no wait
	Base   time.Duration // wait after the first attempt beyond Free; it doubles with each further one
	Cap    time.Duration // longest wait
	Forget time.Duration // one remembered attempt is forgotten per Forget
}

// LoginCounter is the stored state of one throttle key. The zero value is a key that
// remembers nothing.
type LoginCounter struct {
	// Until is when the key will have forgotten every attempt: each attempt moves it Forget
	// later, from now at the latest.
	Until time.Time
	// Last is the time of the last attempt let through.
	Last time.Time
}

// Count returns how many attempts c still remembers at now.
func (l LoginLimit) Count(c LoginCounter, now time.Time) int {
	now = c.since(now)
	if !c.Until.After(now) || l.Forget <= 0 {
		return 0
	}
	return int((c.Until.Sub(now) + l.Forget - 1) / l.Forget)
}

// Delay returns the wait between the last attempt and the next one when n attempts are
// remembered: none below Free, then Base, 2×Base, 4×Base … up to Cap.
func (l LoginLimit) Delay(n int) time.Duration {
	if n < l.Free {
		return 0
	}
	d := l.Base
	for i := l.Free; i < n && d < l.Cap; i++ {
		d *= 2
	}
	return min(d, l.Cap)
}

// Wait returns how long an attempt at now must still wait; 0 lets it through.
func (l LoginLimit) Wait(c LoginCounter, now time.Time) time.Duration {
	return c.wait(l.Delay(l.Count(c, now)), now)
}

// since returns now, or the last attempt when the clock has gone back since: time never
// runs backwards for a key, so a clock set back neither inflates its count nor its waits.
func (c LoginCounter) since(now time.Time) time.Time {
	if c.Last.After(now) {
		return c.Last
	}
	return now
}

// wait returns what is left at now of d after the last attempt.
func (c LoginCounter) wait(d time.Duration, now time.Time) time.Duration {
	return max(0, c.Last.Add(d).Sub(c.since(now)))
}

// Add returns c with an attempt at now remembered.
func (l LoginLimit) Add(c LoginCounter, now time.Time) LoginCounter {
	if c.Until.Before(now) {
		c.Until = now
	}
	return LoginCounter{Until: c.Until.Add(l.Forget), Last: now}
}

// Refund returns c with one attempt forgotten: a login that succeeded takes its attempt back.
func (l LoginLimit) Refund(c LoginCounter) LoginCounter {
	c.Until = c.Until.Add(-l.Forget)
	return c
}

// LoginAttempt is the state of the three keys of one login attempt.
type LoginAttempt struct {
	Pair     LoginCounter // the username at the client's address
	Address  LoginCounter // the client's address
	Username LoginCounter // the username
}

// LoginWait returns how long the attempt a must still wait at now; 0 lets it go on to the
// password check. The username's delay applies only to an address that has tried the
// username before (see LoginLimitUsername).
func LoginWait(a LoginAttempt, now time.Time) time.Duration {
	w := max(LoginLimitPair.Wait(a.Pair, now), LoginLimitAddress.Wait(a.Address, now))
	if LoginLimitPair.Count(a.Pair, now) > 0 {
		d := LoginLimitUsername.Delay(LoginLimitUsername.Count(a.Username, now))
		w = max(w, a.Pair.wait(d, now))
	}
	return w
}

// Reserve returns the state after an attempt at now that LoginWait let through.
func (a LoginAttempt) Reserve(now time.Time) LoginAttempt {
	return LoginAttempt{
		Pair:     LoginLimitPair.Add(a.Pair, now),
		Address:  LoginLimitAddress.Add(a.Address, now),
		Username: LoginLimitUsername.Add(a.Username, now),
	}
}

// LoginAddressKey returns the part of a client address that login throttling counts: an
// IPv4 address as it is, an IPv6 address by its /64 network (one subscriber's line or
// device usually holds a whole /64), and anything else, such as an empty address, as
// "unknown" or its first 64 bytes.
func LoginAddressKey(addr string) string {
	addr = strings.TrimSpace(addr)
	ip, err := netip.ParseAddr(addr)
	switch {
	case err == nil && ip.Unmap().Is4():
		return ip.Unmap().String()
	case err == nil:
		p, _ := ip.WithZone("").Prefix(64)
		return p.String()
	case addr == "":
		return "unknown"
	}
	if len(addr) > 64 {
		addr = addr[:64]
	}
	return addr
}

// RetryError tells how long a refused client should wait before trying again. It is the
// cause (Err) of an ERATELIMITED Error; RetryAfter finds it.
type RetryError struct{ After time.Duration }

func (e *RetryError) Error() string { return fmt.Sprintf("retry after %v", e.After) }

// RetryAfter returns the wait that err asks for, or 0.
func RetryAfter(err error) time.Duration {
	var r *RetryError
	if errors.As(err, &r) {
		return r.After
	}
	return 0
}

// RetryAfterSeconds returns a wait as the whole seconds of an HTTP Retry-After header: at
// least 1, rounded up.
func RetryAfterSeconds(d time.Duration) int {
	return max(1, int((d+time.Second-1)/time.Second))
}

// LoginThrottledError is the refusal of a login attempt that must wait d.
func LoginThrottledError(d time.Duration) *Error {
	return &Error{Code: ERATELIMITED, Message: MsgLoginThrottled, Err: &RetryError{After: d}}
}

// NewContextWithClientAddr returns ctx carrying the address of the client of the request it
// serves, as the server determined it (see the trusted-proxy setting).
func NewContextWithClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientAddrKey, addr)
}

// ClientAddrFromContext returns the client's address, or "".
func ClientAddrFromContext(ctx context.Context) string {
	s, _ := ctx.Value(clientAddrKey).(string)
	return s
}
