package kinerja

import (
	"fmt"
	"testing"
)

func TestCheckActivity(t *testing.T) {
	t.Parallel()
	org := int64(1)
	staf := &User{EmployeeID: idPtr(3), OrgID: &org}
	kasi := &User{EmployeeID: idPtr(2), OrgID: &org}
	camat := &User{EmployeeID: idPtr(1), OrgID: &org, Roles: []Role{RolePimpinan}}
	admin := &User{OrgID: &org, Roles: []Role{RoleAdmin}}
	act := func(s ActivityStatus) *Activity { return &Activity{ID: 5, OrgID: org, EmployeeID: 3, Status: s} }
	team := ActivityFacts{SupervisorID: idPtr(2)}

	tests := []struct {
		who    string
		actor  *User
		x      *Activity
		f      ActivityFacts
		action Action
		want   verdict
	}{
		{"the employee", staf, act(ActivityPending), team, ActionEdit, allowed},
		{"the employee", staf, act(ActivityRejected), team, ActionEdit, allowed},
		{"an admin", admin, act(ActivityPending), team, ActionEdit, allowed},
		{"the supervisor", kasi, act(ActivityPending), team, ActionEdit, refused(EFORBIDDEN, MsgForbidden)},
		{"the employee", staf, act(ActivityApproved), team, ActionEdit, refused(ECONFLICT, MsgActivityVerified)},
		{"the supervisor", kasi, act(ActivityApproved), team, ActionEdit, refused(EFORBIDDEN, MsgForbidden)},

		{"the direct supervisor", kasi, act(ActivityPending), team, ActionApprove, allowed},
		{"the direct supervisor", kasi, act(ActivityPending), team, ActionReject, allowed},
		{"the direct supervisor, supervisor unknown", kasi, act(ActivityPending), ActivityFacts{}, ActionApprove, refused(EFORBIDDEN, MsgActivityNotTeam)},
		{"someone above", camat, act(ActivityPending), team, ActionApprove, refused(EFORBIDDEN, MsgActivityNotTeam)},
		{"the employee", staf, act(ActivityPending), team, ActionApprove, refused(EFORBIDDEN, MsgActivityNotTeam)},
		{"an admin", admin, act(ActivityPending), team, ActionReject, refused(EFORBIDDEN, MsgActivityNotTeam)},
		{"the direct supervisor", kasi, act(ActivityApproved), team, ActionApprove, refused(ECONFLICT, MsgActivityNotPending)},
		{"the direct supervisor", kasi, act(ActivityRejected), team, ActionReject, refused(ECONFLICT, MsgActivityNotPending)},
	}
	for _, tt := range tests {
		call := fmt.Sprintf("CheckActivity(%s, %s, %s)", tt.who, tt.x.Status, tt.action)
		wantVerdict(t, call, CheckActivity(tt.actor, tt.x, tt.f, tt.action), tt.want)
		p := ActivityActions(tt.actor, tt.x, tt.f)
		wantSameAsCheck(t, "ActivityActions", p, func(a Action) error { return CheckActivity(tt.actor, tt.x, tt.f, a) }, activityActions)
	}
}
