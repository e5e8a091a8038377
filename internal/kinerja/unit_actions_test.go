package kinerja

import (
	"fmt"
	"testing"
)

func TestCheckUnitDistribution(t *testing.T) {
	t.Parallel()
	org := int64(1)
	user := func(id int64, roles ...Role) *User { return &User{EmployeeID: idPtr(id), OrgID: &org, Roles: roles} }
	// The seksi (head 2) sits in the kecamatan (head 1); 3 is staff of the seksi, 4 a
	// supervisor inside it who does not head it.
	camat, kasi, staf, ketua := user(1, RolePimpinan, RoleAtasan), user(2, RoleAtasan), user(3), user(4, RoleAtasan)
	admin := &User{OrgID: &org, Roles: []Role{RoleAdmin}}
	install := &User{Roles: []Role{RoleAdmin}}
	stranger := &User{EmployeeID: idPtr(8), OrgID: idPtr(9), Roles: []Role{RoleAdmin}}
	seksi := &Unit{ID: 20, OrgID: org, ParentID: &org, HeadID: idPtr(2)}
	headed := UnitFacts{Heads: []int64{2, 1}}
	headless := UnitFacts{Heads: []int64{1}}

	tests := []struct {
		who   string
		actor *User
		f     UnitFacts
		want  verdict
	}{
		{"the unit's head", kasi, headed, allowed},
		{"the head of the unit above", user(1), headed, allowed},
		{"above the head in the reporting lines", user(7, RoleAtasan), UnitFacts{Heads: []int64{2}, AboveHead: true}, allowed},
		{"the organisation's pimpinan", camat, UnitFacts{}, allowed},
		{"an admin of the organisation", admin, headed, allowed},
		{"the installation admin", install, headed, allowed},
		{"a staff member of the unit", staf, headed, refused(EFORBIDDEN, MsgDistributionForbidden)},
		{"a supervisor inside the unit who does not head it", ketua, headed, refused(EFORBIDDEN, MsgDistributionForbidden)},
		{"the head of a unit without a head, not above", kasi, headless, refused(EFORBIDDEN, MsgDistributionForbidden)},
		{"a login without an employee", &User{OrgID: &org, Roles: []Role{RolePegawai}}, headed, refused(EFORBIDDEN, MsgDistributionForbidden)},
		{"an admin of another organisation", stranger, headed, refused(ENOTFOUND, MsgUnitNotFound)},
		{"nobody", nil, headed, refused(ENOTFOUND, MsgUnitNotFound)},
	}
	for _, tt := range tests {
		wantVerdict(t, fmt.Sprintf("CheckUnitDistribution(%s)", tt.who), CheckUnitDistribution(tt.actor, seksi, tt.f), tt.want)
	}
}
