package kinerja

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Actions on an assessment.
const (
	ActionRate        Action = "rate"        // the pejabat penilai records ratings and reasons
	ActionFinalize    Action = "finalize"    // the pejabat penilai makes it final
	ActionSelfAssess  Action = "self_assess" // the employee writes their self-assessment
	ActionAcknowledge Action = "acknowledge" // the employee accepts the final assessment
	ActionObject      Action = "object"      // the employee objects (keberatan), within the deadline
	ActionDecide      Action = "decide"      // the atasan pejabat penilai decides the objection
)

// assessmentActions lists every action on an assessment.
var assessmentActions = []Action{ActionRate, ActionFinalize, ActionSelfAssess, ActionAcknowledge, ActionObject, ActionDecide}

// AssessmentFacts are what the assessment rules need besides the assessment and the actor.
type AssessmentFacts struct {
	SKP           *SKP      // the SKP assessed, whose pejabat penilai rates; nil refuses the actions that need it
	ObjectionDays int       // OrgSettings.ObjectionDays
	Now           time.Time // the moment of the action
}

// ObjectionDeadline is the last moment an employee may object to an assessment finalised at
// finalized: days calendar days later, to the second.
func ObjectionDeadline(finalized time.Time, days int) time.Time {
	return finalized.Add(time.Duration(days) * 24 * time.Hour)
}

// CheckAssessment decides whether actor may take action a on x now, and says why not:
// EFORBIDDEN for someone else's step, ECONFLICT for a step x is not in a state for.
func CheckAssessment(actor *User, x *Assessment, f AssessmentFacts, a Action) error {
	employee := actor != nil && actor.EmployeeID != nil && *actor.EmployeeID == x.EmployeeID
	// An answer the employee has not given yet: neither accepted nor objected, nor decided.
	awaiting := x.Status == AssessmentFinal && x.ObjectedAt == nil && x.DecidedAt == nil
	switch a {
	case ActionRate, ActionFinalize:
		switch {
		case f.SKP == nil || !CanApproveSKP(actor, f.SKP):
			return forbidden(MsgAssessmentNotAppraiser)
		case x.Status != AssessmentDraft:
			return conflict(MsgAssessmentFinal)
		}
	case ActionSelfAssess:
		switch {
		case !employee:
			return forbidden(MsgAssessmentNotEmployee)
		case x.Status != AssessmentDraft:
			return conflict(MsgSelfNotDraft)
		}
	case ActionAcknowledge:
		switch {
		case !employee:
			return forbidden(MsgAssessmentNotEmployee)
		case !awaiting:
			return conflict(MsgAssessmentNotFinal)
		}
	case ActionObject:
		switch {
		case !employee:
			return forbidden(MsgAssessmentNotEmployee)
		case !awaiting:
			return conflict(MsgAssessmentNotFinal)
		case x.FinalizedAt != nil && f.Now.After(ObjectionDeadline(*x.FinalizedAt, f.ObjectionDays)):
			return conflict(MsgObjectionLate)
		}
	case ActionDecide:
		switch {
		case f.SKP == nil || !CanDecideObjection(actor, f.SKP):
			return forbidden(MsgObjectionDecider)
		case x.Status != AssessmentObjected:
			return conflict(MsgObjectionNotOpen)
		}
	default:
		return unknownAction("assessment", a)
	}
	return nil
}

// AssessmentActions returns what actor may do with x now: the actions CheckAssessment lets
// through.
func AssessmentActions(actor *User, x *Assessment, f AssessmentFacts) Permitted {
	return permitted(func(a Action) error { return CheckAssessment(actor, x, f, a) }, assessmentActions)
}

// MaxObjectionReason is how many characters an objection's reason may have.
const MaxObjectionReason = 4000

// ValidateObjectionReason trims an objection's reason in place and checks it: required, and
// at most MaxObjectionReason characters (not bytes: Javanese script takes three per letter).
func ValidateObjectionReason(reason *string) error {
	*reason = strings.TrimSpace(*reason)
	if *reason == "" || utf8.RuneCountInString(*reason) > MaxObjectionReason {
		return FieldError("reason", MsgObjectionReason)
	}
	return nil
}
