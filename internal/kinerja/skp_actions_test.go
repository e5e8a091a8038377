package kinerja

import (
	"fmt"
	"testing"
)

func TestCheckSKP(t *testing.T) {
	t.Parallel()
	org := int64(1)
	staf := &User{EmployeeID: idPtr(3), OrgID: &org, Roles: []Role{RolePegawai}}
	kasi := &User{EmployeeID: idPtr(2), OrgID: &org, Roles: []Role{RoleAtasan, RolePegawai}}
	admin := &User{OrgID: &org, Roles: []Role{RoleAdmin}}
	otherAdmin := &User{OrgID: idPtr(9), Roles: []Role{RoleAdmin}}
	camat := &User{EmployeeID: idPtr(1), OrgID: &org, Roles: []Role{RolePimpinan, RoleAtasan, RolePegawai}}
	skp := func(status SKPStatus, current bool) *SKP {
		return &SKP{ID: 10, OrgID: org, EmployeeID: 3, AppraiserID: idPtr(2), Status: status, Current: current}
	}
	top := &SKP{ID: 11, OrgID: org, EmployeeID: 1, Status: SKPSubmitted, Current: true} // the camat's: no pejabat penilai inside
	draft, returned, submitted, approved := skp(SKPDraft, true), skp(SKPReturned, true), skp(SKPSubmitted, true), skp(SKPApproved, true)
	replaced := skp(SKPApproved, false) // a revision of it is current
	oldDraft := skp(SKPDraft, false)
	open, closed := SKPFacts{}, SKPFacts{PeriodClosed: true}

	tests := []struct {
		who    string
		actor  *User
		s      *SKP
		f      SKPFacts
		action Action
		want   verdict
	}{
		{"the employee", staf, draft, open, ActionEdit, allowed},
		{"the employee", staf, returned, open, ActionEdit, allowed},
		{"an admin", admin, draft, open, ActionEdit, allowed},
		{"another organisation's admin", otherAdmin, draft, open, ActionEdit, refused(EFORBIDDEN, MsgForbidden)},
		{"the pejabat penilai", kasi, draft, open, ActionEdit, refused(EFORBIDDEN, MsgForbidden)},
		{"nobody", nil, draft, open, ActionEdit, refused(EFORBIDDEN, MsgForbidden)},
		{"the employee", staf, submitted, open, ActionEdit, refused(ECONFLICT, MsgSKPNotEditable)},
		{"the employee", staf, approved, open, ActionEdit, refused(ECONFLICT, MsgSKPNotEditable)},
		{"the employee, an old version", staf, oldDraft, open, ActionEdit, refused(ECONFLICT, MsgSKPNotCurrent)},
		{"the employee, a closed year", staf, draft, closed, ActionEdit, refused(ECONFLICT, MsgPeriodClosed)},

		{"the employee", staf, draft, open, ActionSubmit, allowed},
		{"the employee", staf, returned, open, ActionSubmit, allowed},
		{"the employee", staf, submitted, open, ActionSubmit, refused(ECONFLICT, MsgSKPNotEditable)},
		{"the pejabat penilai", kasi, draft, open, ActionSubmit, refused(EFORBIDDEN, MsgForbidden)},
		{"the employee, a closed year", staf, returned, closed, ActionSubmit, refused(ECONFLICT, MsgPeriodClosed)},

		{"the pejabat penilai", kasi, submitted, open, ActionApprove, allowed},
		{"the employee", staf, submitted, open, ActionApprove, refused(EFORBIDDEN, MsgSKPNotAppraiser)},
		{"the atasan pejabat penilai", camat, submitted, open, ActionApprove, refused(EFORBIDDEN, MsgSKPNotAppraiser)},
		{"an admin, with a pejabat penilai inside", admin, submitted, open, ActionApprove, refused(EFORBIDDEN, MsgSKPNotAppraiser)},
		{"an admin, for the top of the organisation", admin, top, open, ActionApprove, allowed},
		{"the top of the organisation, their own", camat, top, open, ActionApprove, refused(EFORBIDDEN, MsgSKPNotAppraiser)},
		{"the pejabat penilai", kasi, draft, open, ActionApprove, refused(ECONFLICT, MsgSKPBadTransition)},
		{"the pejabat penilai", kasi, approved, open, ActionApprove, refused(ECONFLICT, MsgSKPBadTransition)},
		{"the pejabat penilai, an old version", kasi, skp(SKPSubmitted, false), open, ActionApprove, refused(ECONFLICT, MsgSKPNotCurrent)},
		{"the pejabat penilai, a closed year", kasi, submitted, closed, ActionApprove, refused(ECONFLICT, MsgPeriodClosed)},

		{"the pejabat penilai", kasi, submitted, open, ActionReturn, allowed},
		{"the employee", staf, submitted, open, ActionReturn, refused(EFORBIDDEN, MsgSKPNotAppraiser)},
		{"the pejabat penilai", kasi, returned, open, ActionReturn, refused(ECONFLICT, MsgSKPBadTransition)},

		{"the employee", staf, approved, open, ActionRevise, allowed},
		{"an admin", admin, approved, open, ActionRevise, allowed},
		{"the pejabat penilai", kasi, approved, open, ActionRevise, refused(EFORBIDDEN, MsgForbidden)},
		{"the employee", staf, draft, open, ActionRevise, refused(ECONFLICT, MsgSKPBadTransition)},
		{"the employee", staf, submitted, open, ActionRevise, refused(ECONFLICT, MsgSKPBadTransition)},
		{"the employee, a replaced version", staf, replaced, open, ActionRevise, refused(ECONFLICT, MsgSKPBadTransition)},
		{"the employee, a closed year", staf, approved, closed, ActionRevise, refused(ECONFLICT, MsgPeriodClosed)},

		{"the pejabat penilai", kasi, draft, open, ActionSetBehaviors, allowed},
		{"the pejabat penilai", kasi, submitted, open, ActionSetBehaviors, allowed},
		{"an admin", admin, returned, open, ActionSetBehaviors, allowed},
		{"the employee", staf, draft, open, ActionSetBehaviors, refused(EFORBIDDEN, MsgSKPNotAppraiser)},
		{"the pejabat penilai", kasi, approved, open, ActionSetBehaviors, refused(ECONFLICT, MsgSKPNotEditable)},
		{"the pejabat penilai, an old version", kasi, oldDraft, open, ActionSetBehaviors, refused(ECONFLICT, MsgSKPNotEditable)},
		{"the pejabat penilai, a closed year", kasi, draft, closed, ActionSetBehaviors, refused(ECONFLICT, MsgPeriodClosed)},

		{"the employee", staf, approved, open, ActionCascade, allowed},
		{"the employee", staf, draft, open, ActionCascade, allowed},
		{"the pejabat penilai", kasi, approved, open, ActionCascade, refused(EFORBIDDEN, MsgForbidden)},
		{"the employee, a replaced version", staf, replaced, open, ActionCascade, refused(ECONFLICT, MsgSKPNotCurrent)},
		{"the employee, a closed year", staf, approved, closed, ActionCascade, refused(ECONFLICT, MsgPeriodClosed)},

		{"the employee", staf, approved, open, ActionNote, allowed},
		{"the employee, the approved version a revision replaces", staf, replaced, open, ActionNote, allowed},
		{"the pejabat penilai", kasi, approved, open, ActionNote, refused(EFORBIDDEN, MsgForbidden)},

		{"the pejabat penilai", kasi, approved, open, ActionAssess, allowed},
		{"the pejabat penilai, the approved version a revision replaces", kasi, replaced, open, ActionAssess, allowed},
		{"an admin", admin, approved, open, ActionAssess, allowed},
		{"the employee", staf, approved, open, ActionAssess, refused(EFORBIDDEN, MsgAssessmentNotAppraiser)},
		{"the pejabat penilai", kasi, submitted, open, ActionAssess, refused(EINVALID, MsgAssessmentSKPApproved)},
	}
	for _, tt := range tests {
		call := fmt.Sprintf("CheckSKP(%s, %s current=%v, %+v, %s)", tt.who, tt.s.Status, tt.s.Current, tt.f, tt.action)
		err := CheckSKP(tt.actor, tt.s, tt.f, tt.action)
		wantVerdict(t, call, err, tt.want)
		p := SKPActions(tt.actor, tt.s, tt.f)
		if p.Has(tt.action) != (tt.want.code == "") {
			t.Errorf("SKPActions(%s, %s).Has(%s) = %v; want %v", tt.who, tt.s.Status, tt.action, p.Has(tt.action), tt.want)
		}
		wantSameAsCheck(t, "SKPActions", p, func(a Action) error { return CheckSKP(tt.actor, tt.s, tt.f, a) }, skpActions)
	}
}
