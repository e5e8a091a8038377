package kinerja

import (
	"context"
	"time"
)

// SessionKind tells a browser session from an API token.
type SessionKind string

// Session kinds.
const (
	SessionWeb SessionKind = "web"
	SessionAPI SessionKind = "api"
)

// Session is a logged-in browser or API client. Only the hash of its token is stored.
type Session struct {
	ID        int64
	UserID    int64
	Kind      SessionKind
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Credentials are what a user types to log in, and the address they come from.
type Credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
	// Address is the client's network address, which login throttling counts. The handler
	// sets it from the connection (see ClientAddrFromContext), never from the request body.
	Address string `json:"-"`
}

// PasswordChange is a user's change of their own password.
type PasswordChange struct {
	Current string `json:"current_password"`
	New     string `json:"new_password"`
	Confirm string `json:"confirm_password"`
}

// Validate checks the new password and that it differs from the current one.
func (p PasswordChange) Validate() error {
	var v Validation
	if err := ValidatePassword(p.New); err != nil {
		v.Add("new_password", ErrorMessage(err))
	} else if p.New == p.Current {
		v.Add("new_password", MsgPasswordSame)
	}
	if p.Confirm != "" && p.Confirm != p.New {
		v.Add("confirm_password", MsgPasswordMismatch)
	}
	return v.Err()
}

type ctxKey int

const (
	userKey ctxKey = iota
	sessionKey
	requestIDKey
	clientAddrKey
)

// NewContextWithUser returns ctx carrying the acting user.
func NewContextWithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey, u)
}

// UserFromContext returns the acting user, or nil for an anonymous caller.
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userKey).(*User)
	return u
}

// NewContextWithSession returns ctx carrying the caller's session.
func NewContextWithSession(ctx context.Context, s *Session) context.Context {
	return context.WithValue(ctx, sessionKey, s)
}

// SessionFromContext returns the caller's session, or nil.
func SessionFromContext(ctx context.Context) *Session {
	s, _ := ctx.Value(sessionKey).(*Session)
	return s
}

// NewContextWithRequestID returns ctx carrying the id of the HTTP request it serves.
func NewContextWithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}

// RequestIDFromContext returns the request id, or "".
func RequestIDFromContext(ctx context.Context) string {
	s, _ := ctx.Value(requestIDKey).(string)
	return s
}

// SystemUser is the installation itself, acting for an operator's command (demo, import): an
// installation admin recorded in the audit log as "sistem".
func SystemUser() *User {
	return &User{Username: "sistem", Name: "Sistem", Roles: []Role{RoleAdmin}, GrantedRoles: []Role{RoleAdmin}, Active: true}
}
