package kinerja

// ActionReject sends a pending activity back to its employee with a reason; ActionApprove
// accepts it, and ActionEdit changes or deletes it.
const ActionReject Action = "reject"

// activityActions lists every action on an activity.
var activityActions = []Action{ActionEdit, ActionApprove, ActionReject}

// ActivityFacts are what the activity rules need besides the activity and the actor.
type ActivityFacts struct {
	SupervisorID *int64 // the employee's direct supervisor, who verifies; nil refuses verification
}

// CheckActivity decides whether actor may take action a on activity x now, and says why not.
func CheckActivity(actor *User, x *Activity, f ActivityFacts, a Action) error {
	switch a {
	case ActionEdit:
		switch {
		case !CanEditSKP(actor, &SKP{EmployeeID: x.EmployeeID, OrgID: x.OrgID}):
			return forbidden(MsgForbidden)
		case !x.Editable():
			return conflict(MsgActivityVerified)
		}
	case ActionApprove, ActionReject:
		switch {
		case actor == nil || actor.EmployeeID == nil || f.SupervisorID == nil || *f.SupervisorID != *actor.EmployeeID:
			return forbidden(MsgActivityNotTeam)
		case x.Status != ActivityPending:
			return conflict(MsgActivityNotPending)
		}
	default:
		return unknownAction("activity", a)
	}
	return nil
}

// ActivityActions returns what actor may do with activity x now: the actions CheckActivity
// lets through.
func ActivityActions(actor *User, x *Activity, f ActivityFacts) Permitted {
	return permitted(func(a Action) error { return CheckActivity(actor, x, f, a) }, activityActions)
}
