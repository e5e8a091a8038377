package kinerja

// Actions on an SKP besides its workflow steps (ActionSubmit, ActionApprove, ActionReturn,
// ActionRevise).
const (
	ActionEdit         Action = "edit"      // change the header, lampiran and RHK (also: change an activity)
	ActionSetBehaviors Action = "behaviors" // write the pejabat penilai's expectation of each BerAKHLAK value
	ActionCascade      Action = "cascade"   // hand an RHK down to direct subordinates (Matriks Peran Hasil)
	ActionNote         Action = "note"      // write the employee's note on a realisation
	ActionAssess       Action = "assess"    // start an evaluation of the approved SKP
)

// skpActions lists every action on an SKP.
var skpActions = []Action{ActionEdit, ActionSubmit, ActionApprove, ActionReturn, ActionRevise, ActionSetBehaviors,
	ActionCascade, ActionNote, ActionAssess}

// SKPFacts are what the SKP rules need besides the SKP and the actor.
type SKPFacts struct {
	PeriodClosed bool // the performance year is closed: the SKP no longer changes
}

// CheckSKP decides whether actor may take action a on s now, and says why not: EFORBIDDEN for
// someone else's step, ECONFLICT (or EINVALID) for a step the SKP is not in a state for.
// Reading the SKP at all is checked before, by the store.
func CheckSKP(actor *User, s *SKP, f SKPFacts, a Action) error {
	switch a {
	case ActionEdit, ActionSubmit:
		switch {
		case !CanEditSKP(actor, s):
			return forbidden(MsgForbidden)
		case !s.Current:
			return conflict(MsgSKPNotCurrent)
		case !s.Status.Editable():
			return conflict(MsgSKPNotEditable)
		case f.PeriodClosed:
			return conflict(MsgPeriodClosed)
		}
	case ActionApprove, ActionReturn:
		switch {
		case !CanApproveSKP(actor, s):
			return forbidden(MsgSKPNotAppraiser)
		case !s.Current:
			return conflict(MsgSKPNotCurrent)
		case f.PeriodClosed:
			return conflict(MsgPeriodClosed)
		}
		if _, ok := NextStatus(s.Status, a); !ok {
			return conflict(MsgSKPBadTransition)
		}
	case ActionRevise:
		if !CanEditSKP(actor, s) {
			return forbidden(MsgForbidden)
		}
		if _, ok := NextStatus(s.Status, a); !ok || !s.Current {
			return conflict(MsgSKPBadTransition)
		}
		// A revision of a closed year would replace the approved SKP by a draft nobody may
		// change any more.
		if f.PeriodClosed {
			return conflict(MsgPeriodClosed)
		}
	case ActionSetBehaviors:
		switch {
		case !CanApproveSKP(actor, s) && !CanManageEmployees(actor, s.OrgID):
			return forbidden(MsgSKPNotAppraiser)
		case !s.Current || s.Status == SKPApproved:
			return conflict(MsgSKPNotEditable)
		case f.PeriodClosed:
			return conflict(MsgPeriodClosed)
		}
	case ActionCascade:
		switch {
		case !CanEditSKP(actor, s):
			return forbidden(MsgForbidden)
		case !s.Current:
			return conflict(MsgSKPNotCurrent)
		case f.PeriodClosed:
			return conflict(MsgPeriodClosed)
		}
	case ActionNote:
		// Also on an older version: while a revision waits, the approved one is assessed.
		if !CanEditSKP(actor, s) {
			return forbidden(MsgForbidden)
		}
	case ActionAssess:
		// Not only the current version: while a revision waits, the approved one is assessed.
		switch {
		case !CanStartAssessment(actor, s):
			return forbidden(MsgAssessmentNotAppraiser)
		case s.Status != SKPApproved:
			return FieldError("skp_id", MsgAssessmentSKPApproved)
		}
	default:
		return unknownAction("skp", a)
	}
	return nil
}

// SKPActions returns what actor may do with s now: the actions CheckSKP lets through.
func SKPActions(actor *User, s *SKP, f SKPFacts) Permitted {
	return permitted(func(a Action) error { return CheckSKP(actor, s, f, a) }, skpActions)
}
