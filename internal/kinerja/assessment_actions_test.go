package kinerja

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestCheckAssessment(t *testing.T) {
	t.Parallel()
	org := int64(1)
	staf := &User{EmployeeID: idPtr(3), OrgID: &org}
	kasi := &User{EmployeeID: idPtr(2), OrgID: &org}
	camat := &User{EmployeeID: idPtr(1), OrgID: &org}
	admin := &User{OrgID: &org, Roles: []Role{RoleAdmin}}
	s := &SKP{ID: 10, OrgID: org, EmployeeID: 3, AppraiserID: idPtr(2), Status: SKPApproved, Current: true,
		AppraiserSuperior: &Person{EmployeeID: 1}}
	noSuperior := &SKP{ID: 10, OrgID: org, EmployeeID: 3, AppraiserID: idPtr(2), Status: SKPApproved, Current: true}

	finalized := time.Date(2026, 4, 2, 3, 0, 0, 0, time.UTC)
	deadline := finalized.Add(14 * 24 * time.Hour)
	at := func(now time.Time) AssessmentFacts { return AssessmentFacts{SKP: s, ObjectionDays: 14, Now: now} }
	fresh := at(finalized.Add(time.Hour))
	x := func(status AssessmentStatus, change func(*Assessment)) *Assessment {
		a := &Assessment{ID: 7, OrgID: org, SKPID: 10, EmployeeID: 3, AppraiserID: idPtr(2), Status: status}
		if status != AssessmentDraft {
			a.FinalizedAt = &finalized
		}
		if change != nil {
			change(a)
		}
		return a
	}
	draft, final := x(AssessmentDraft, nil), x(AssessmentFinal, nil)
	objected := x(AssessmentObjected, func(a *Assessment) { a.ObjectedAt = &finalized })
	decided := x(AssessmentFinal, func(a *Assessment) { a.ObjectedAt, a.DecidedAt = &finalized, &deadline })
	acknowledged := x(AssessmentAcknowledged, nil)

	tests := []struct {
		who    string
		actor  *User
		x      *Assessment
		f      AssessmentFacts
		action Action
		want   verdict
	}{
		{"the pejabat penilai", kasi, draft, fresh, ActionRate, allowed},
		{"the employee", staf, draft, fresh, ActionRate, refused(EFORBIDDEN, MsgAssessmentNotAppraiser)},
		{"an admin", admin, draft, fresh, ActionRate, refused(EFORBIDDEN, MsgAssessmentNotAppraiser)},
		{"the pejabat penilai, SKP unknown", kasi, draft, AssessmentFacts{}, ActionRate, refused(EFORBIDDEN, MsgAssessmentNotAppraiser)},
		{"the pejabat penilai", kasi, final, fresh, ActionRate, refused(ECONFLICT, MsgAssessmentFinal)},
		{"the pejabat penilai", kasi, draft, fresh, ActionFinalize, allowed},
		{"the atasan pejabat penilai", camat, draft, fresh, ActionFinalize, refused(EFORBIDDEN, MsgAssessmentNotAppraiser)},
		{"the pejabat penilai", kasi, objected, fresh, ActionFinalize, refused(ECONFLICT, MsgAssessmentFinal)},

		{"the employee", staf, draft, fresh, ActionSelfAssess, allowed},
		{"the pejabat penilai", kasi, draft, fresh, ActionSelfAssess, refused(EFORBIDDEN, MsgAssessmentNotEmployee)},
		{"the employee", staf, final, fresh, ActionSelfAssess, refused(ECONFLICT, MsgSelfNotDraft)},

		{"the employee", staf, final, fresh, ActionAcknowledge, allowed},
		{"the employee, after the objection deadline", staf, final, at(deadline.Add(time.Hour)), ActionAcknowledge, allowed},
		{"the pejabat penilai", kasi, final, fresh, ActionAcknowledge, refused(EFORBIDDEN, MsgAssessmentNotEmployee)},
		{"the employee", staf, draft, fresh, ActionAcknowledge, refused(ECONFLICT, MsgAssessmentNotFinal)},
		{"the employee", staf, acknowledged, fresh, ActionAcknowledge, refused(ECONFLICT, MsgAssessmentNotFinal)},
		{"the employee", staf, objected, fresh, ActionAcknowledge, refused(ECONFLICT, MsgAssessmentNotFinal)},
		{"the employee, after the decision", staf, decided, fresh, ActionAcknowledge, refused(ECONFLICT, MsgAssessmentNotFinal)},

		{"the employee, just finalised", staf, final, fresh, ActionObject, allowed},
		{"the employee, a second before the deadline", staf, final, at(deadline.Add(-time.Second)), ActionObject, allowed},
		{"the employee, at the deadline", staf, final, at(deadline), ActionObject, allowed},
		{"the employee, a nanosecond late", staf, final, at(deadline.Add(time.Nanosecond)), ActionObject, refused(ECONFLICT, MsgObjectionLate)},
		{"the employee, a day late", staf, final, at(deadline.Add(24 * time.Hour)), ActionObject, refused(ECONFLICT, MsgObjectionLate)},
		{"the employee, one day allowed, at its end", staf, final,
			AssessmentFacts{SKP: s, ObjectionDays: 1, Now: finalized.Add(24 * time.Hour)}, ActionObject, allowed},
		{"the employee, one day allowed, a second late", staf, final,
			AssessmentFacts{SKP: s, ObjectionDays: 1, Now: finalized.Add(24*time.Hour + time.Second)}, ActionObject, refused(ECONFLICT, MsgObjectionLate)},
		{"the pejabat penilai", kasi, final, fresh, ActionObject, refused(EFORBIDDEN, MsgAssessmentNotEmployee)},
		{"the employee, a draft", staf, draft, fresh, ActionObject, refused(ECONFLICT, MsgAssessmentNotFinal)},
		{"the employee, twice", staf, objected, fresh, ActionObject, refused(ECONFLICT, MsgAssessmentNotFinal)},
		{"the employee, late and already objected", staf, objected, at(deadline.Add(time.Hour)), ActionObject, refused(ECONFLICT, MsgAssessmentNotFinal)},

		{"the atasan pejabat penilai", camat, objected, fresh, ActionDecide, allowed},
		{"the pejabat penilai", kasi, objected, fresh, ActionDecide, refused(EFORBIDDEN, MsgObjectionDecider)},
		{"an admin, with an atasan pejabat penilai", admin, objected, fresh, ActionDecide, refused(EFORBIDDEN, MsgObjectionDecider)},
		{"an admin, without one", admin, objected, AssessmentFacts{SKP: noSuperior, ObjectionDays: 14, Now: finalized}, ActionDecide, allowed},
		{"the atasan pejabat penilai", camat, final, fresh, ActionDecide, refused(ECONFLICT, MsgObjectionNotOpen)},
	}
	for _, tt := range tests {
		call := fmt.Sprintf("CheckAssessment(%s, %s, now %s, %s)", tt.who, tt.x.Status, tt.f.Now.Format(time.RFC3339Nano), tt.action)
		wantVerdict(t, call, CheckAssessment(tt.actor, tt.x, tt.f, tt.action), tt.want)
		p := AssessmentActions(tt.actor, tt.x, tt.f)
		if p.Has(tt.action) != (tt.want.code == "") {
			t.Errorf("AssessmentActions(%s, %s).Has(%s) = %v; want %v", tt.who, tt.x.Status, tt.action, p.Has(tt.action), tt.want)
		}
		wantSameAsCheck(t, "AssessmentActions", p, func(a Action) error { return CheckAssessment(tt.actor, tt.x, tt.f, a) }, assessmentActions)
	}
}

func TestObjectionDeadline(t *testing.T) {
	t.Parallel()
	fin := time.Date(2026, 12, 20, 23, 30, 0, 0, time.UTC)
	if got, want := ObjectionDeadline(fin, 14), time.Date(2027, 1, 3, 23, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("ObjectionDeadline(%v, 14) = %v; want %v", fin, got, want)
	}
}

func TestValidateObjectionReason(t *testing.T) {
	t.Parallel()
	javanese := "ꦲ" // HA of Javanese script: three bytes in UTF-8
	tests := []struct {
		name   string
		reason string
		ok     bool
	}{
		{"a sentence", "  Rating perilaku tidak sesuai catatan dialog.  ", true},
		{"empty", " \n ", false},
		{"4000 Javanese letters (12000 bytes)", strings.Repeat(javanese, MaxObjectionReason), true},
		{"4001 Javanese letters", strings.Repeat(javanese, MaxObjectionReason+1), false},
		{"4000 accented letters", strings.Repeat("é", MaxObjectionReason), true},
		{"4001 accented letters", strings.Repeat("é", MaxObjectionReason+1), false},
		{"4000 plain letters", strings.Repeat("a", MaxObjectionReason), true},
		{"4001 plain letters", strings.Repeat("a", MaxObjectionReason+1), false},
	}
	for _, tt := range tests {
		r := tt.reason
		err := ValidateObjectionReason(&r)
		if tt.ok && err != nil || !tt.ok && ErrorFields(err)["reason"] != MsgObjectionReason {
			t.Errorf("ValidateObjectionReason(%s) = %v; want ok %v", tt.name, err, tt.ok)
		}
		if r != strings.TrimSpace(tt.reason) {
			t.Errorf("ValidateObjectionReason(%s) left %q; want it trimmed", tt.name, r)
		}
	}
}
