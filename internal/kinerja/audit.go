package kinerja

import (
	"encoding/json"
	"slices"
	"time"
)

// AuditEntry records one change of state: who did what to which entity, with the values before
// and after. Entries are append-only.
type AuditEntry struct {
	ID        int64           `json:"id"`
	At        time.Time       `json:"at"`
	ActorID   *int64          `json:"actor_id"`
	ActorName string          `json:"actor_name"`
	Entity    string          `json:"entity"`
	EntityID  string          `json:"entity_id"`
	Action    string          `json:"action"`
	Before    json.RawMessage `json:"before"`
	After     json.RawMessage `json:"after"`
	RequestID string          `json:"request_id"`
}

// Audited entities. Each is declared here, once, with auditEntity, which also lists it in
// AuditEntities: the audit filter, its labels and the store's check all follow from this list.
var (
	EntityUser        = auditEntity("user")
	EntitySession     = auditEntity("session")
	EntityUnit        = auditEntity("unit")
	EntityEmployee    = auditEntity("employee")
	EntityPeriod      = auditEntity("period")
	EntitySKP         = auditEntity("skp")
	EntityResult      = auditEntity("result")
	EntityActivity    = auditEntity("activity")
	EntityEvidence    = auditEntity("evidence")
	EntitySettings    = auditEntity("settings")
	EntityHoliday     = auditEntity("holiday")
	EntityFeedback    = auditEntity("feedback")
	EntityPeer        = auditEntity("peer")
	EntityDialog      = auditEntity("dialog")
	EntityUpwardReply = auditEntity("upward_reply")
	EntityAssessment  = auditEntity("assessment")
	EntityOrgRating   = auditEntity("org_rating")
)

// Upward answers are deliberately not an entity: an audit row names its actor, and the author
// of an upward answer must never be stored.

// AuditEntities lists every audited entity in declaration order. auditEntity fills it, so an
// entity cannot be declared without being listed.
var AuditEntities []string

func auditEntity(name string) string {
	AuditEntities = append(AuditEntities, name)
	return name
}

// IsAuditEntity reports whether name is a declared audited entity.
func IsAuditEntity(name string) bool { return slices.Contains(AuditEntities, name) }

// Audited actions.
const (
	ActionCreate         = "create"
	ActionUpdate         = "update"
	ActionPasswordChange = "password_change"
	ActionPasswordReset  = "password_reset"
	ActionLogin          = "login"
	ActionLogout         = "logout"
	ActionDelete         = "delete"
	ActionImport         = "import"
	ActionActivate       = "activate" // an account's first login with its activation code
)

// AuditFilter selects audit entries; they are listed newest first.
type AuditFilter struct {
	Entity   string
	EntityID string
	ActorID  *int64
	From     time.Time // inclusive; zero means unbounded
	To       time.Time // exclusive; zero means unbounded
	Before   int64     // keyset cursor: entries with a smaller id
	Limit    int
}

// Validate checks the filter.
func (f AuditFilter) Validate() error {
	var v Validation
	if f.Entity != "" && !IsAuditEntity(f.Entity) {
		v.Add("entity", MsgInvalidInput)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		v.Add("to", MsgBadDateRange)
	}
	return v.Err()
}

// Changes returns the top-level fields whose values differ between before and after, in
// sorted order, so the viewer can show what a change touched.
func (e AuditEntry) Changes() []AuditChange {
	var b, a map[string]json.RawMessage
	_ = json.Unmarshal(e.Before, &b)
	_ = json.Unmarshal(e.After, &a)
	keys := map[string]bool{}
	for k := range b {
		keys[k] = true
	}
	for k := range a {
		keys[k] = true
	}
	var out []AuditChange
	for k := range keys {
		if string(b[k]) != string(a[k]) {
			out = append(out, AuditChange{Field: k, Before: string(b[k]), After: string(a[k])})
		}
	}
	slices.SortFunc(out, func(x, y AuditChange) int {
		switch {
		case x.Field < y.Field:
			return -1
		case x.Field > y.Field:
			return 1
		}
		return 0
	})
	return out
}

// AuditChange is one field changed by an audited action.
type AuditChange struct {
	Field, Before, After string
}
