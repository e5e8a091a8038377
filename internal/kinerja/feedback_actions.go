package kinerja

// Actions about an employee on their feedback page: continuous feedback, peers and dialogs.
const (
	ActionGiveFeedback    Action = "give_feedback"     // a supervisor writes continuous feedback
	ActionRequestFeedback Action = "request_feedback"  // the employee asks for feedback
	ActionReplyFeedback   Action = "reply_feedback"    // either side answers in a thread
	ActionAssignPeers     Action = "assign_peers"      // choose the peers of a period
	ActionReadPeerAnswers Action = "read_peer_answers" // read each peer's answer with the peer's name: those above and the pejabat penilai
	ActionRecordDialog    Action = "record_dialog"     // record a dialog kinerja with the usual partner
	ActionProposePeers    Action = "propose_peers"     // the employee proposes their own peers to the pejabat penilai
)

// feedbackActions lists every action about an employee.
var feedbackActions = []Action{ActionGiveFeedback, ActionRequestFeedback, ActionReplyFeedback, ActionAssignPeers,
	ActionReadPeerAnswers, ActionRecordDialog, ActionProposePeers}

// FeedbackFacts are what the rules about an employee need besides the employee and the actor.
type FeedbackFacts struct {
	Above        bool // the employee reports to the actor, directly or not
	PeriodClosed bool // the performance year the peers are chosen for is closed
	PeersChosen  bool // peers are already assigned for the period
}

// CanReadFeedback reports whether actor may read the feedback, peer summary and dialogs about
// e: with full access to e (above is whether e reports to actor), or as e's pejabat penilai.
func CanReadFeedback(actor *User, e *Employee, above bool) bool {
	return EmployeeAccess(actor, e, above) == AccessFull || isAppraiserOf(actor, e)
}

// isAppraiserOf reports whether actor is e's pejabat penilai, and not e themself.
func isAppraiserOf(actor *User, e *Employee) bool {
	return actor != nil && actor.EmployeeID != nil && *actor.EmployeeID != e.ID && e.AppraiserID != nil && *e.AppraiserID == *actor.EmployeeID
}

// CheckFeedback decides whether actor may take action a about employee e now, and says why not.
func CheckFeedback(actor *User, e *Employee, f FeedbackFacts, a Action) error {
	self := actor != nil && actor.EmployeeID != nil && *actor.EmployeeID == e.ID
	switch a {
	case ActionGiveFeedback, ActionRequestFeedback, ActionReplyFeedback:
		giver := CanGiveFeedback(actor, e, f.Above)
		switch {
		case actor == nil || actor.EmployeeID == nil:
			return forbidden(MsgFeedbackNoEmployee)
		case a == ActionGiveFeedback && !giver:
			return forbidden(MsgFeedbackNotSupervisor)
		case a == ActionRequestFeedback && !self:
			return forbidden(MsgFeedbackRequestSelf)
		case a == ActionReplyFeedback && !self && !giver:
			return forbidden(MsgForbidden)
		case !e.Active:
			return FieldError("about_employee_id", MsgFeedbackInactive)
		}
	case ActionAssignPeers:
		switch {
		case !CanAssignPeers(actor, e):
			return forbidden(MsgPeerAssigner)
		case !e.Active:
			return FieldError("employee_id", MsgFeedbackInactive)
		case f.PeriodClosed:
			return conflict(MsgPeriodClosed)
		}
	case ActionProposePeers:
		// The employee proposes; the pejabat penilai approves by assigning.
		switch {
		case !self || !actor.InOrg(e.OrgID):
			return forbidden(MsgPeerProposeSelf)
		case !e.Active:
			return FieldError("employee_id", MsgFeedbackInactive)
		case e.AppraiserID == nil:
			return conflict(MsgPeerProposeNone)
		case f.PeriodClosed:
			return conflict(MsgPeriodClosed)
		case f.PeersChosen:
			return conflict(MsgPeerAssigned)
		}
	case ActionReadPeerAnswers:
		// Named answers go to those who judge the employee, not to everyone with full access:
		// an admin sees the anonymous summary like the employee.
		switch {
		case self:
			return forbidden(MsgPeerSelf)
		case !actor.InOrg(e.OrgID) || !f.Above && !isAppraiserOf(actor, e):
			return forbidden(MsgForbidden)
		}
	case ActionRecordDialog:
		// The employee records with DialogSupervisor, a supervisor with the employee.
		if self {
			return CheckNewDialog(actor, e, DialogSupervisor(e), e.SupervisorID != nil)
		}
		var me int64
		if actor != nil && actor.EmployeeID != nil {
			me = *actor.EmployeeID
		}
		return CheckNewDialog(actor, e, me, f.Above)
	default:
		return unknownAction("feedback", a)
	}
	return nil
}

// FeedbackActions returns what actor may do about employee e now: the actions CheckFeedback
// lets through.
func FeedbackActions(actor *User, e *Employee, f FeedbackFacts) Permitted {
	return permitted(func(a Action) error { return CheckFeedback(actor, e, f, a) }, feedbackActions)
}

// CanBePeer reports whether employee id may give peer feedback on e as far as the reporting
// lines tell: anyone but e, e's direct supervisor and e's pejabat penilai. The store also
// requires an active employee of the same organisation.
func CanBePeer(e *Employee, id int64) bool {
	return id > 0 && id != e.ID && (e.SupervisorID == nil || id != *e.SupervisorID) && (e.AppraiserID == nil || id != *e.AppraiserID)
}

// DialogSupervisor is whom employee e holds a dialog kinerja with unless another is named:
// the direct supervisor, else the pejabat penilai; 0 when e has neither.
func DialogSupervisor(e *Employee) int64 {
	switch {
	case e.SupervisorID != nil:
		return *e.SupervisorID
	case e.AppraiserID != nil:
		return *e.AppraiserID
	}
	return 0
}

// CheckNewDialog decides whether actor may record a dialog kinerja between employee e and
// supervisorID, who is above e when supervisorAbove: the pair must be e and someone above e or
// e's pejabat penilai, and the actor one of the two.
func CheckNewDialog(actor *User, e *Employee, supervisorID int64, supervisorAbove bool) error {
	appraiser := e.AppraiserID != nil && *e.AppraiserID == supervisorID
	switch {
	case actor == nil || actor.EmployeeID == nil:
		return forbidden(MsgFeedbackNoEmployee)
	case !e.Active:
		return FieldError("employee_id", MsgFeedbackInactive)
	case supervisorID == 0 || supervisorID == e.ID || !supervisorAbove && !appraiser:
		return FieldError("supervisor_id", MsgDialogPair)
	case !IsDialogMember(actor, supervisorID, e.ID):
		return forbidden(MsgDialogNotMember)
	}
	return nil
}

// ActionAnswerPeer is a peer's answer to the review asked of them.
const ActionAnswerPeer Action = "answer_peer"

// CheckPeerTask decides whether actor may take action a on peer assignment pa now.
func CheckPeerTask(actor *User, pa *PeerAssignment, a Action) error {
	switch a {
	case ActionAnswerPeer:
		switch {
		case actor == nil || actor.EmployeeID == nil || *actor.EmployeeID != pa.PeerID:
			return forbidden(MsgForbidden)
		case pa.Answered:
			return conflict(MsgPeerAnswered)
		case pa.PeriodClosed:
			return conflict(MsgPeriodClosed)
		}
	default:
		return unknownAction("peer assignment", a)
	}
	return nil
}

// PeerTaskActions returns what actor may do with peer assignment pa now.
func PeerTaskActions(actor *User, pa *PeerAssignment) Permitted {
	return permitted(func(a Action) error { return CheckPeerTask(actor, pa, a) }, []Action{ActionAnswerPeer})
}

// ActionFollowUp marks an action agreed in a dialog done, or open again.
const ActionFollowUp Action = "follow_up"

// CheckDialog decides whether actor may take action a on dialog d: either person of the
// dialog follows its agreed actions up.
func CheckDialog(actor *User, d *Dialog, a Action) error {
	switch a {
	case ActionFollowUp:
		if !IsDialogMember(actor, d.SupervisorID, d.EmployeeID) {
			return forbidden(MsgDialogNotMember)
		}
	default:
		return unknownAction("dialog", a)
	}
	return nil
}

// DialogActions returns what actor may do with dialog d.
func DialogActions(actor *User, d *Dialog) Permitted {
	return permitted(func(a Action) error { return CheckDialog(actor, d, a) }, []Action{ActionFollowUp})
}

// Actions about a leader's upward feedback.
const (
	ActionGiveUpward  Action = "give_upward"  // a staff member answers about the leader, anonymously
	ActionReplyUpward Action = "reply_upward" // the leader replies to their team
)

// UpwardFacts are what the upward feedback rules need besides the leader and the actor.
type UpwardFacts struct {
	Below    bool // the actor reports to the leader, directly or not
	Tenured  bool // ... and has for long enough (UpwardTenured)
	Answered bool // the actor already gave the leader feedback for the year
	Team     int  // the leader's active direct subordinates
}

// MinUpwardTenureDays is how long someone must have been below a leader without a break before
// their answer about the leader counts. It keeps an admin from adding subordinates who answer
// the same day, which would fill a batch around a real answer and expose it.
const MinUpwardTenureDays = 60

// UpwardTenured reports whether someone below a leader since since (the latest date any link of
// the reporting line between them was recorded, by the system's clock and not by a date an admin
// typed) has been there long enough on day today.
func UpwardTenured(since, today Date) bool {
	return !since.IsZero() && !today.Before(since.AddDate(0, 0, MinUpwardTenureDays))
}

// Facts are the upward rules' facts about a leader of the caller's own list: the caller is
// below them by construction. The leader's team, which only a reply needs, is not known.
func (l *UpwardLeader) Facts() UpwardFacts {
	return UpwardFacts{Below: true, Tenured: l.Tenured, Answered: l.Answered}
}

// CheckUpward decides whether actor may take action a about the leader with employee id
// leaderID, for a year the facts describe.
func CheckUpward(actor *User, leaderID int64, f UpwardFacts, a Action) error {
	if actor == nil || actor.EmployeeID == nil {
		return forbidden(MsgFeedbackNoEmployee)
	}
	switch a {
	case ActionGiveUpward:
		switch {
		case *actor.EmployeeID == leaderID || !f.Below:
			return forbidden(MsgUpwardNotLeader)
		case f.Answered:
			return conflict(MsgUpwardGiven)
		case !f.Tenured:
			return forbidden(MsgUpwardTenure)
		}
	case ActionReplyUpward:
		if *actor.EmployeeID != leaderID || f.Team == 0 {
			return forbidden(MsgUpwardNoTeam)
		}
	default:
		return unknownAction("upward", a)
	}
	return nil
}

// UpwardActions returns what actor may do about the leader leaderID.
func UpwardActions(actor *User, leaderID int64, f UpwardFacts) Permitted {
	return permitted(func(a Action) error { return CheckUpward(actor, leaderID, f, a) }, []Action{ActionGiveUpward, ActionReplyUpward})
}
