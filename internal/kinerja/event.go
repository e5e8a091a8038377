package kinerja

import (
	"fmt"
	"time"
)

// EventKind names what happened. It is also the catalogue key of the notification people read
// about it ("notification." + kind), so a kind, once stored, is never renamed.
type EventKind string

// Event kinds. The comment says who hears of it; the object is in EventKinds.
const (
	EventSKPSubmitted       EventKind = "skp_submitted"       // the pejabat penilai, or the admins when the SKP has none
	EventSKPApproved        EventKind = "skp_approved"        // the SKP's employee
	EventSKPReturned        EventKind = "skp_returned"        // the SKP's employee
	EventActivitiesApproved EventKind = "activities_approved" // the employee; the subject is how many
	EventActivityRejected   EventKind = "activity_rejected"   // the activity's employee
	EventAssessmentFinal    EventKind = "assessment_final"    // the assessed employee; the subject is the predikat
	EventAssessmentObjected EventKind = "assessment_objected" // the atasan of the pejabat penilai, or the admins
	EventAssessmentDecided  EventKind = "assessment_decided"  // the assessed employee; the subject is the predikat
	EventDialogRecorded     EventKind = "dialog_recorded"     // the other party of the dialog
	EventFeedbackGiven      EventKind = "feedback_given"      // the employee the feedback is about
	EventFeedbackRequested  EventKind = "feedback_requested"  // the employee's supervisor and pejabat penilai
	EventFeedbackReply      EventKind = "feedback_reply"      // the other side of the thread
	EventPeerRequested      EventKind = "peer_requested"      // the peer asked to review the employee
	EventPeerSummaryReady   EventKind = "peer_summary_ready"  // the reviewed employee; the subject is the year, never a name
	EventPeerComplete       EventKind = "peer_complete"       // the reviewed employee's pejabat penilai
	EventPeerProposed       EventKind = "peer_proposed"       // the pejabat penilai of the employee who proposed peers
	EventUpwardReply        EventKind = "upward_reply"        // everyone below the leader who replied
)

// EventKinds is the registry of kinds: each with the entity its events are about. Emitting
// checks an event against it, and tests check that every kind has a text in each catalogue.
var EventKinds = map[EventKind]string{
	EventSKPSubmitted:       EntitySKP,
	EventSKPApproved:        EntitySKP,
	EventSKPReturned:        EntitySKP,
	EventActivitiesApproved: EntityEmployee, // many activities at once: the employee whose they are
	EventActivityRejected:   EntityActivity,
	EventAssessmentFinal:    EntityAssessment,
	EventAssessmentObjected: EntityAssessment,
	EventAssessmentDecided:  EntityAssessment,
	// Feedback, dialogs and peer reviews are read on the page of the employee they are about,
	// so that employee is their object.
	EventDialogRecorded:    EntityEmployee,
	EventFeedbackGiven:     EntityEmployee,
	EventFeedbackRequested: EntityEmployee,
	EventFeedbackReply:     EntityEmployee,
	EventPeerRequested:     EntityEmployee,
	EventPeerSummaryReady:  EntityEmployee,
	EventPeerComplete:      EntityEmployee,
	EventPeerProposed:      EntityEmployee,
	EventUpwardReply:       EntityUpwardReply,
}

// RecipientKind says how an event's recipients are found when it is delivered.
type RecipientKind string

// Recipient kinds.
const (
	RecipientEmployee RecipientKind = "employee" // every active account of one employee
	RecipientTeam     RecipientKind = "team"     // every active account of those below one employee
	RecipientAdmins   RecipientKind = "admins"   // the active admins of the event's organisation
)

// Recipient is who hears of an event. Accounts are looked up at delivery, not when the event
// happens: whoever holds an account by then is told.
type Recipient struct {
	Kind       RecipientKind
	EmployeeID int64 // for RecipientEmployee and RecipientTeam
}

// ToEmployee addresses the accounts of an employee.
func ToEmployee(id int64) Recipient { return Recipient{Kind: RecipientEmployee, EmployeeID: id} }

// ToTeamOf addresses everyone below an employee, at any depth.
func ToTeamOf(id int64) Recipient { return Recipient{Kind: RecipientTeam, EmployeeID: id} }

// ToAdmins addresses the admins of the event's organisation.
func ToAdmins() Recipient { return Recipient{Kind: RecipientAdmins} }

// Event says that something happened to an object, for someone who should hear of it. It is
// written in the transaction of the change and delivered after commit; it carries no wording
// and no address: the pages decide how to show it.
type Event struct {
	ID        int64
	Kind      EventKind
	OrgID     int64
	Entity    string // one of the Entity constants, as EventKinds says for Kind
	EntityID  int64
	To        Recipient
	Subject   string    // a short word for the text: the other person's name, a count, a predikat
	CreatedAt time.Time // the time of the change, set when the event is written
}

// Validate checks that an event is well formed. A failure is a programming error, not a
// user's: the message is not for display.
func (e Event) Validate() error {
	entity, ok := EventKinds[e.Kind]
	switch {
	case !ok:
		return fmt.Errorf("event: unknown kind %q", e.Kind)
	case e.Entity != entity:
		return fmt.Errorf("event %s: entity %q; want %q", e.Kind, e.Entity, entity)
	case e.EntityID <= 0:
		return fmt.Errorf("event %s: no %s id", e.Kind, e.Entity)
	case e.OrgID <= 0:
		return fmt.Errorf("event %s: no organisation", e.Kind)
	}
	switch e.To.Kind {
	case RecipientEmployee, RecipientTeam:
		if e.To.EmployeeID <= 0 {
			return fmt.Errorf("event %s: recipient %s without an employee", e.Kind, e.To.Kind)
		}
	case RecipientAdmins:
		if e.To.EmployeeID != 0 {
			return fmt.Errorf("event %s: admins with an employee", e.Kind)
		}
	default:
		return fmt.Errorf("event %s: unknown recipient %q", e.Kind, e.To.Kind)
	}
	return nil
}

// Notification is an in-app message to a user about something that concerns them: an event
// as delivered to one account. Entity and EntityID name the object; EntityID is nil for the
// few notifications older than this reference whose object could not be recovered.
type Notification struct {
	ID        int64      `json:"id"`
	UserID    int64      `json:"user_id"`
	Kind      EventKind  `json:"kind"`
	Subject   string     `json:"subject"`
	Entity    string     `json:"entity"`
	EntityID  *int64     `json:"entity_id"`
	Period    string     `json:"period"` // the period of an assessment (2026-Q1) or an SKP (2026); "" for other objects
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"` // set NotificationStaleAfter after CreatedAt for one never opened
}

// NotificationStaleAfter is how long a notification stays unread: older ones count as read,
// since whatever they asked for has either been done or is listed on the home page.
const NotificationStaleAfter = 30 * 24 * time.Hour
