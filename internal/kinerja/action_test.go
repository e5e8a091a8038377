package kinerja

import "testing"

// verdict is what a check should answer: allowed (the zero value), or refused with a code and
// the message the store shows.
type verdict struct{ code, msg string }

var allowed verdict

func refused(code, msg string) verdict { return verdict{code, msg} }

func (v verdict) String() string {
	if v.code == "" {
		return "allowed"
	}
	return v.code + " " + v.msg
}

// wantVerdict fails when err is not verdict v.
func wantVerdict(t *testing.T, call string, err error, v verdict) {
	t.Helper()
	if ErrorCode(err) != v.code || v.code != "" && ErrorMessage(err) != v.msg {
		t.Errorf("%s = %v; want %v", call, err, v)
	}
}

// wantSameAsCheck fails when the permitted set p disagrees with check on any of actions.
func wantSameAsCheck(t *testing.T, call string, p Permitted, check func(Action) error, actions []Action) {
	t.Helper()
	for _, a := range actions {
		if p.Has(a) != (check(a) == nil) {
			t.Errorf("%s.Has(%q) = %v; its check says %v", call, a, p.Has(a), check(a))
		}
	}
}

func TestPermitted(t *testing.T) {
	t.Parallel()
	var none Permitted
	if none.Has(ActionEdit) {
		t.Errorf("nil Permitted.Has(edit) = true; want false")
	}
	p := permitted(func(a Action) error {
		if a == ActionSubmit {
			return nil
		}
		return forbidden(MsgForbidden)
	}, []Action{ActionEdit, ActionSubmit})
	if !p.Has(ActionSubmit) || p.Has(ActionEdit) || len(p) != 1 {
		t.Errorf("permitted = %v; want only submit", p)
	}
	for _, check := range []error{
		CheckSKP(&User{}, &SKP{}, SKPFacts{}, "fly"),
		CheckAssessment(&User{}, &Assessment{}, AssessmentFacts{}, "fly"),
		CheckActivity(&User{}, &Activity{}, ActivityFacts{}, "fly"),
		CheckFeedback(&User{}, &Employee{}, FeedbackFacts{}, "fly"),
		CheckPeerTask(&User{}, &PeerAssignment{}, "fly"),
		CheckDialog(&User{}, &Dialog{}, "fly"),
		CheckUpward(&User{EmployeeID: idPtr(1)}, 2, UpwardFacts{}, "fly"),
	} {
		if ErrorCode(check) != EINTERNAL {
			t.Errorf("check of an unknown action = %v; want internal", check)
		}
	}
}
