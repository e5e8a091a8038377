package kinerja

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is an access role. Roles are given by hand; later issues also derive atasan and pimpinan
// from the reporting lines.
type Role string

// The four roles of CONTRACT.md.
const (
	RoleAdmin    Role = "admin"
	RolePimpinan Role = "pimpinan"
	RoleAtasan   Role = "atasan"
	RolePegawai  Role = "pegawai"
)

// Roles lists every role, most powerful first.
var Roles = []Role{RoleAdmin, RolePimpinan, RoleAtasan, RolePegawai}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Locales the UI speaks; "" means "follow the browser".
var Locales = []string{"id", "en"}

// User is an account that can log in.
type User struct {
	ID                 int64     `json:"id"`
	OrgID              *int64    `json:"org_id"` // nil: the installation, for the first admin
	Username           string    `json:"username"`
	Name               string    `json:"name"`
	EmployeeID         *int64    `json:"employee_id"`
	Roles              []Role    `json:"roles"`         // given by hand plus those the reporting lines give
	GrantedRoles       []Role    `json:"granted_roles"` // given by hand
	Locale             string    `json:"locale"`
	Active             bool      `json:"active"`
	MustChangePassword bool      `json:"must_change_password"`
	CreatedAt          time.Time `json:"created_at"`
	UpdatedAt          time.Time `json:"updated_at"`
}

// HasRole reports whether u holds role r.
func (u *User) HasRole(r Role) bool { return u != nil && slices.Contains(u.Roles, r) }

// IsAdmin reports whether u is an HR administrator.
func (u *User) IsAdmin() bool { return u.HasRole(RoleAdmin) }

// DisplayName is the name to greet the user with.
func (u *User) DisplayName() string {
	if u.Name != "" {
		return u.Name
	}
	return u.Username
}

// NewUser is the input to create a user.
type NewUser struct {
	OrgID      *int64 `json:"org_id"` // defaults to the creator's organisation
	Username   string `json:"username"`
	Name       string `json:"name"`
	Password   string `json:"password"`
	Roles      []Role `json:"roles"`
	EmployeeID *int64 `json:"employee_id"`
	// EmployeeNIP picks the employee by NIP instead of by id; the account then takes the
	// employee's name when Name is empty.
	EmployeeNIP string `json:"employee_nip,omitempty"`
	Locale      string `json:"locale"`
}

// UserUpdate holds the fields to change; nil leaves a field as it is.
type UserUpdate struct {
	Name       *string `json:"name"`
	Roles      *[]Role `json:"roles"`
	EmployeeID **int64 `json:"employee_id"`
	Locale     *string `json:"locale"`
	Active     *bool   `json:"active"`
}

// UserFilter selects users for a list.
type UserFilter struct {
	Query      string // part of username or name
	Role       Role
	Active     *bool
	EmployeeID *int64 // the account linked to this employee
	Page
}

// Page is keyset pagination: items after the cursor ID, at most Limit of them.
type Page struct {
	Limit int
	After int64 // for lists ordered by id ascending; Before for descending ones
}

// Pagination limits of CONTRACT.md.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// ClampLimit returns a usable page size for n.
func ClampLimit(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)

// NormalizeUsername returns the canonical form of a username: trimmed and lower-case.
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Password limits. bcrypt reads at most 72 bytes, so a longer password would be silently cut.
const (
	MinPasswordLength = 10
	MaxPasswordBytes  = 72
)

// ValidatePassword checks the strength rules for a new password.
func ValidatePassword(p string) error {
	switch {
	case utf8.RuneCountInString(p) < MinPasswordLength:
		return FieldError("password", MsgPasswordTooShort)
	case len(p) > MaxPasswordBytes:
		return FieldError("password", MsgPasswordTooLong)
	}
	return nil
}

// Validate normalises and checks a new user.
func (n *NewUser) Validate() error {
	n.Username = NormalizeUsername(n.Username)
	n.Name = strings.TrimSpace(n.Name)
	n.EmployeeNIP = strings.TrimSpace(n.EmployeeNIP)
	var v Validation
	switch {
	case n.Username == "":
		v.Add("username", MsgUsernameRequired)
	case !usernamePattern.MatchString(n.Username):
		v.Add("username", MsgUsernameFormat)
	}
	if utf8.RuneCountInString(n.Name) > 200 {
		v.Add("name", MsgNameTooLong)
	}
	if err := ValidatePassword(n.Password); err != nil {
		v.Add("password", ErrorMessage(err))
	}
	validateRoles(&v, n.Roles)
	validateLocale(&v, n.Locale)
	if n.EmployeeID != nil && *n.EmployeeID <= 0 {
		v.Add("employee_id", MsgEmployeeIDInvalid)
	}
	n.Roles = NormalizeRoles(n.Roles)
	return v.Err()
}

// Validate normalises and checks an update.
func (u *UserUpdate) Validate() error {
	var v Validation
	if u.Name != nil {
		s := strings.TrimSpace(*u.Name)
		u.Name = &s
		if utf8.RuneCountInString(s) > 200 {
			v.Add("name", MsgNameTooLong)
		}
	}
	if u.Roles != nil {
		validateRoles(&v, *u.Roles)
		r := NormalizeRoles(*u.Roles)
		u.Roles = &r
	}
	if u.Locale != nil {
		validateLocale(&v, *u.Locale)
	}
	if u.EmployeeID != nil && *u.EmployeeID != nil && **u.EmployeeID <= 0 {
		v.Add("employee_id", MsgEmployeeIDInvalid)
	}
	return v.Err()
}

func validateRoles(v *Validation, roles []Role) {
	if len(roles) == 0 {
		v.Add("roles", MsgRolesRequired)
	}
	for _, r := range roles {
		if !r.Valid() {
			v.Add("roles", MsgRoleUnknown)
		}
	}
}

func validateLocale(v *Validation, l string) {
	if l != "" && !slices.Contains(Locales, l) {
		v.Add("locale", MsgLocaleUnknown)
	}
}

// NormalizeRoles returns roles without duplicates, in the order of Roles.
func NormalizeRoles(roles []Role) []Role {
	out := make([]Role, 0, len(roles))
	for _, r := range Roles {
		if slices.Contains(roles, r) {
			out = append(out, r)
		}
	}
	return out
}

// CanManageUsers reports whether actor may create, change and reset other accounts.
func CanManageUsers(actor *User) bool { return actor.IsAdmin() }

// CanManageUser reports whether actor may change the account u: an admin of u's organisation,
// or the installation admin.
func CanManageUser(actor, u *User) bool {
	if !actor.IsAdmin() {
		return false
	}
	if actor.OrgID == nil {
		return true
	}
	return u.OrgID != nil && *u.OrgID == *actor.OrgID
}

// CanViewAudit reports whether actor may read the audit log.
func CanViewAudit(actor *User) bool { return actor.IsAdmin() }

// CanViewUser reports whether actor may read the account u.
func CanViewUser(actor, u *User) bool {
	return actor != nil && (actor.ID == u.ID || CanManageUser(actor, u))
}

// WithDerivedRoles returns roles plus atasan when the user's employee has active subordinates
// and pimpinan when it heads an organisation.
func WithDerivedRoles(roles []Role, hasSubordinates, headsOrganisation bool) []Role {
	out := append([]Role(nil), roles...)
	if hasSubordinates {
		out = append(out, RoleAtasan)
	}
	if headsOrganisation {
		out = append(out, RolePimpinan)
	}
	return NormalizeRoles(out)
}
