package kinerja

import (
	"fmt"
	"testing"
)

func TestCheckFeedback(t *testing.T) {
	t.Parallel()
	org := int64(1)
	user := func(id int64, roles ...Role) *User { return &User{EmployeeID: idPtr(id), OrgID: &org, Roles: roles} }
	camat, kasi, staf, colleague, appraiser := user(1, RolePimpinan, RoleAtasan), user(2, RoleAtasan), user(3), user(4), user(5)
	admin := &User{OrgID: &org, Roles: []Role{RoleAdmin}}
	stranger := &User{EmployeeID: idPtr(8), OrgID: idPtr(9)}
	e := &Employee{ID: 3, OrgID: org, SupervisorID: idPtr(2), AppraiserID: idPtr(5), Active: true}
	inactive := &Employee{ID: 3, OrgID: org, SupervisorID: idPtr(2), AppraiserID: idPtr(5)}
	// Staff placed under nobody but appraised by someone (5), and staff with neither.
	unplaced := &Employee{ID: 3, OrgID: org, AppraiserID: idPtr(5), Active: true}
	alone := &Employee{ID: 3, OrgID: org, Active: true}
	above, beside, closed := FeedbackFacts{Above: true}, FeedbackFacts{}, FeedbackFacts{Above: true, PeriodClosed: true}

	tests := []struct {
		who    string
		actor  *User
		e      *Employee
		f      FeedbackFacts
		action Action
		want   verdict
	}{
		{"the direct supervisor", kasi, e, above, ActionGiveFeedback, allowed},
		{"someone higher up", camat, e, above, ActionGiveFeedback, allowed},
		{"the pejabat penilai, not above", appraiser, e, beside, ActionGiveFeedback, allowed},
		{"the employee", staf, e, beside, ActionGiveFeedback, refused(EFORBIDDEN, MsgFeedbackNotSupervisor)},
		{"a colleague", colleague, e, beside, ActionGiveFeedback, refused(EFORBIDDEN, MsgFeedbackNotSupervisor)},
		{"another organisation", stranger, e, above, ActionGiveFeedback, refused(EFORBIDDEN, MsgFeedbackNotSupervisor)},
		{"an admin without an employee record", admin, e, beside, ActionGiveFeedback, refused(EFORBIDDEN, MsgFeedbackNoEmployee)},
		{"the direct supervisor, about someone inactive", kasi, inactive, above, ActionGiveFeedback, refused(EINVALID, MsgFeedbackInactive)},

		{"the employee", staf, e, beside, ActionRequestFeedback, allowed},
		{"the direct supervisor", kasi, e, above, ActionRequestFeedback, refused(EFORBIDDEN, MsgFeedbackRequestSelf)},
		{"the employee, inactive", staf, inactive, beside, ActionRequestFeedback, refused(EINVALID, MsgFeedbackInactive)},

		{"the employee", staf, e, beside, ActionReplyFeedback, allowed},
		{"the direct supervisor", kasi, e, above, ActionReplyFeedback, allowed},
		{"the pejabat penilai", appraiser, e, beside, ActionReplyFeedback, allowed},
		{"a colleague", colleague, e, beside, ActionReplyFeedback, refused(EFORBIDDEN, MsgForbidden)},

		{"the direct supervisor", kasi, e, above, ActionAssignPeers, allowed},
		{"the pejabat penilai", appraiser, e, beside, ActionAssignPeers, allowed},
		{"an admin", admin, e, beside, ActionAssignPeers, allowed},
		{"someone higher up", camat, e, above, ActionAssignPeers, refused(EFORBIDDEN, MsgPeerAssigner)},
		{"the employee", staf, e, beside, ActionAssignPeers, refused(EFORBIDDEN, MsgPeerAssigner)},
		{"the direct supervisor, about someone inactive", kasi, inactive, above, ActionAssignPeers, refused(EINVALID, MsgFeedbackInactive)},
		{"the direct supervisor, a closed year", kasi, e, closed, ActionAssignPeers, refused(ECONFLICT, MsgPeriodClosed)},

		{"the direct supervisor", kasi, e, above, ActionReadPeerAnswers, allowed},
		{"someone higher up", camat, e, above, ActionReadPeerAnswers, allowed},
		{"the pejabat penilai, not above", appraiser, e, beside, ActionReadPeerAnswers, allowed},
		{"an admin", admin, e, beside, ActionReadPeerAnswers, refused(EFORBIDDEN, MsgForbidden)},
		{"another organisation, even above", stranger, e, above, ActionReadPeerAnswers, refused(EFORBIDDEN, MsgForbidden)},
		{"the employee", staf, e, beside, ActionReadPeerAnswers, refused(EFORBIDDEN, MsgPeerSelf)},
		{"a colleague", colleague, e, beside, ActionReadPeerAnswers, refused(EFORBIDDEN, MsgForbidden)},

		{"the employee, with the direct supervisor", staf, e, beside, ActionRecordDialog, allowed},
		{"the employee without a supervisor, with the pejabat penilai", staf, unplaced, beside, ActionRecordDialog, allowed},
		{"the employee with neither", staf, alone, beside, ActionRecordDialog, refused(EINVALID, MsgDialogPair)},
		{"the direct supervisor", kasi, e, above, ActionRecordDialog, allowed},
		{"someone higher up", camat, e, above, ActionRecordDialog, allowed},
		{"the pejabat penilai, not above", appraiser, e, beside, ActionRecordDialog, allowed},
		{"a colleague", colleague, e, beside, ActionRecordDialog, refused(EINVALID, MsgDialogPair)},
		{"an admin without an employee record", admin, e, beside, ActionRecordDialog, refused(EFORBIDDEN, MsgFeedbackNoEmployee)},
		{"the direct supervisor, about someone inactive", kasi, inactive, above, ActionRecordDialog, refused(EINVALID, MsgFeedbackInactive)},
	}
	for _, tt := range tests {
		call := fmt.Sprintf("CheckFeedback(%s, %+v, %s)", tt.who, tt.f, tt.action)
		wantVerdict(t, call, CheckFeedback(tt.actor, tt.e, tt.f, tt.action), tt.want)
		p := FeedbackActions(tt.actor, tt.e, tt.f)
		wantSameAsCheck(t, "FeedbackActions", p, func(a Action) error { return CheckFeedback(tt.actor, tt.e, tt.f, a) }, feedbackActions)
	}
}

func TestCheckNewDialog(t *testing.T) {
	t.Parallel()
	org := int64(1)
	user := func(id int64) *User { return &User{EmployeeID: idPtr(id), OrgID: &org} }
	e := &Employee{ID: 3, OrgID: org, SupervisorID: idPtr(2), AppraiserID: idPtr(5), Active: true}
	tests := []struct {
		who        string
		actor      *User
		supervisor int64
		above      bool
		want       verdict
	}{
		{"the employee, with the camat above", user(3), 1, true, allowed},
		{"the employee, with the pejabat penilai", user(3), 5, false, allowed},
		{"the employee, with a colleague", user(3), 4, false, refused(EINVALID, MsgDialogPair)},
		{"the employee, with themself", user(3), 3, false, refused(EINVALID, MsgDialogPair)},
		{"the employee, with nobody", user(3), 0, false, refused(EINVALID, MsgDialogPair)},
		{"the camat, for the kasi's dialog", user(1), 2, true, refused(EFORBIDDEN, MsgDialogNotMember)},
		{"the kasi", user(2), 2, true, allowed},
	}
	for _, tt := range tests {
		wantVerdict(t, fmt.Sprintf("CheckNewDialog(%s, %d)", tt.who, tt.supervisor), CheckNewDialog(tt.actor, e, tt.supervisor, tt.above), tt.want)
	}
}

func TestCanBePeer(t *testing.T) {
	t.Parallel()
	e := &Employee{ID: 3, SupervisorID: idPtr(2), AppraiserID: idPtr(5)}
	for id, want := range map[int64]bool{4: true, 6: true, 3: false, 2: false, 5: false, 0: false, -1: false} {
		if got := CanBePeer(e, id); got != want {
			t.Errorf("CanBePeer(%d) = %v; want %v", id, got, want)
		}
	}
}

func TestCheckPeerTask(t *testing.T) {
	t.Parallel()
	org := int64(1)
	peer, other := &User{EmployeeID: idPtr(4), OrgID: &org}, &User{EmployeeID: idPtr(6), OrgID: &org}
	task := func(answered, closed bool) *PeerAssignment {
		return &PeerAssignment{ID: 1, OrgID: org, EmployeeID: 3, PeerID: 4, Answered: answered, PeriodClosed: closed}
	}
	tests := []struct {
		who   string
		actor *User
		pa    *PeerAssignment
		want  verdict
	}{
		{"the peer", peer, task(false, false), allowed},
		{"someone else", other, task(false, false), refused(EFORBIDDEN, MsgForbidden)},
		{"nobody", nil, task(false, false), refused(EFORBIDDEN, MsgForbidden)},
		{"the peer, again", peer, task(true, false), refused(ECONFLICT, MsgPeerAnswered)},
		{"the peer, a closed year", peer, task(false, true), refused(ECONFLICT, MsgPeriodClosed)},
	}
	for _, tt := range tests {
		wantVerdict(t, "CheckPeerTask("+tt.who+")", CheckPeerTask(tt.actor, tt.pa, ActionAnswerPeer), tt.want)
		if got := PeerTaskActions(tt.actor, tt.pa).Has(ActionAnswerPeer); got != (tt.want.code == "") {
			t.Errorf("PeerTaskActions(%s).Has(answer_peer) = %v; want %v", tt.who, got, tt.want)
		}
	}
}

func TestCheckDialog(t *testing.T) {
	t.Parallel()
	org := int64(1)
	d := &Dialog{ID: 1, OrgID: org, SupervisorID: 2, EmployeeID: 3}
	tests := []struct {
		who   string
		actor *User
		want  verdict
	}{
		{"the supervisor", &User{EmployeeID: idPtr(2), OrgID: &org}, allowed},
		{"the employee", &User{EmployeeID: idPtr(3), OrgID: &org}, allowed},
		{"the camat above", &User{EmployeeID: idPtr(1), OrgID: &org, Roles: []Role{RolePimpinan}}, refused(EFORBIDDEN, MsgDialogNotMember)},
		{"an admin", &User{OrgID: &org, Roles: []Role{RoleAdmin}}, refused(EFORBIDDEN, MsgDialogNotMember)},
	}
	for _, tt := range tests {
		wantVerdict(t, "CheckDialog("+tt.who+")", CheckDialog(tt.actor, d, ActionFollowUp), tt.want)
		if got := DialogActions(tt.actor, d).Has(ActionFollowUp); got != (tt.want.code == "") {
			t.Errorf("DialogActions(%s).Has(follow_up) = %v; want %v", tt.who, got, tt.want)
		}
	}
}

func TestCheckUpward(t *testing.T) {
	t.Parallel()
	org := int64(1)
	kasi, staf := &User{EmployeeID: idPtr(2), OrgID: &org}, &User{EmployeeID: idPtr(3), OrgID: &org}
	admin := &User{OrgID: &org, Roles: []Role{RoleAdmin}}
	tests := []struct {
		who    string
		actor  *User
		leader int64
		f      UpwardFacts
		action Action
		want   verdict
	}{
		{"staff below", staf, 2, UpwardFacts{Below: true, Tenured: true}, ActionGiveUpward, allowed},
		{"staff below, a second time", staf, 2, UpwardFacts{Below: true, Tenured: true, Answered: true}, ActionGiveUpward, refused(ECONFLICT, MsgUpwardGiven)},
		{"staff below since too recently", staf, 2, UpwardFacts{Below: true}, ActionGiveUpward, refused(EFORBIDDEN, MsgUpwardTenure)},
		{"someone not below", staf, 7, UpwardFacts{}, ActionGiveUpward, refused(EFORBIDDEN, MsgUpwardNotLeader)},
		{"the leader themself", kasi, 2, UpwardFacts{Below: true, Tenured: true}, ActionGiveUpward, refused(EFORBIDDEN, MsgUpwardNotLeader)},
		{"an admin without an employee record", admin, 2, UpwardFacts{Below: true, Tenured: true}, ActionGiveUpward, refused(EFORBIDDEN, MsgFeedbackNoEmployee)},
		{"the leader of a team", kasi, 2, UpwardFacts{Team: 3}, ActionReplyUpward, allowed},
		{"an atasan by hand, without a team", kasi, 2, UpwardFacts{}, ActionReplyUpward, refused(EFORBIDDEN, MsgUpwardNoTeam)},
		{"staff, for their leader", staf, 2, UpwardFacts{Team: 3, Below: true}, ActionReplyUpward, refused(EFORBIDDEN, MsgUpwardNoTeam)},
	}
	for _, tt := range tests {
		wantVerdict(t, fmt.Sprintf("CheckUpward(%s, %s)", tt.who, tt.action), CheckUpward(tt.actor, tt.leader, tt.f, tt.action), tt.want)
		if got := UpwardActions(tt.actor, tt.leader, tt.f).Has(tt.action); got != (tt.want.code == "") {
			t.Errorf("UpwardActions(%s).Has(%s) = %v; want %v", tt.who, tt.action, got, tt.want)
		}
	}
}
