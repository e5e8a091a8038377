package kinerja

import (
	"strings"
	"testing"
)

func peerIDs(v ...int64) []int64 { return v }

func idPtr(v int64) *int64 { return &v }

func TestNewFeedbackValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    NewFeedback
		field string // "" for valid
	}{
		{"general feedback", NewFeedback{AboutEmployeeID: 1, Text: " Bagus "}, ""},
		{"on an RHK and a value", NewFeedback{AboutEmployeeID: 1, ResultID: idPtr(3), Value: "adaptif", Text: "Bagus"}, ""},
		{"a request", NewFeedback{AboutEmployeeID: 1, Request: true, Text: "Mohon masukan"}, ""},
		{"a reply", NewFeedback{AboutEmployeeID: 1, ParentID: idPtr(9), Text: "Terima kasih"}, ""},
		{"no employee", NewFeedback{Text: "Bagus"}, "about_employee_id"},
		{"no text", NewFeedback{AboutEmployeeID: 1, Text: " \n "}, "text"},
		{"text too long", NewFeedback{AboutEmployeeID: 1, Text: strings.Repeat("é", MaxFeedbackText+1)}, "text"},
		{"unknown value", NewFeedback{AboutEmployeeID: 1, Value: "disiplin", Text: "Bagus"}, "value"},
		{"bad result id", NewFeedback{AboutEmployeeID: 1, ResultID: idPtr(0), Text: "Bagus"}, "result_id"},
		{"bad evidence id", NewFeedback{AboutEmployeeID: 1, EvidenceID: idPtr(-1), Text: "Bagus"}, "evidence_id"},
		{"a request that replies", NewFeedback{AboutEmployeeID: 1, ParentID: idPtr(9), Request: true, Text: "Minta"}, "parent_id"},
	}
	for _, tt := range tests {
		err := tt.in.Validate()
		if got := ErrorFields(err)[tt.field]; tt.field == "" && err != nil || tt.field != "" && got == "" {
			t.Errorf("%s: Validate() = %v; want error on %q", tt.name, err, tt.field)
		}
	}
}

func TestCheckFeedbackEvidence(t *testing.T) {
	t.Parallel()
	e := &Employee{ID: 3, OrgID: 1}
	tests := []struct {
		name string
		v    *Evidence
		ok   bool
	}{
		{"of the employee's activity", &Evidence{ID: 10, OrgID: 1, EmployeeID: 3, ActivityID: idPtr(4)}, true},
		{"of the employee's RHK", &Evidence{ID: 11, OrgID: 1, EmployeeID: 3, ResultID: idPtr(5)}, true},
		{"of a colleague", &Evidence{ID: 12, OrgID: 1, EmployeeID: 4, ActivityID: idPtr(6)}, false},
		{"of another organisation", &Evidence{ID: 13, OrgID: 2, EmployeeID: 3, ActivityID: idPtr(7)}, false},
		{"unknown", nil, false},
	}
	for _, tt := range tests {
		err := CheckFeedbackEvidence(e, tt.v)
		if tt.ok != (err == nil) || !tt.ok && ErrorFields(err)["evidence_id"] != MsgFeedbackEvidenceOwner {
			t.Errorf("CheckFeedbackEvidence(%s) = %v; want ok %v, else %q on evidence_id", tt.name, err, tt.ok, MsgFeedbackEvidenceOwner)
		}
	}
}

func TestCanGiveFeedback(t *testing.T) {
	t.Parallel()
	org := int64(1)
	kasi := &User{EmployeeID: idPtr(2), OrgID: &org}
	appraiser := &User{EmployeeID: idPtr(5), OrgID: &org}
	other := &User{EmployeeID: idPtr(7), OrgID: idPtr(99)}
	admin := &User{OrgID: &org, Roles: []Role{RoleAdmin}}
	e := &Employee{ID: 3, OrgID: org, SupervisorID: idPtr(2), AppraiserID: idPtr(5)}
	self := &User{EmployeeID: idPtr(3), OrgID: &org}
	tests := []struct {
		name  string
		actor *User
		above bool
		want  bool
	}{
		{"supervisor above", kasi, true, true},
		{"pejabat penilai", appraiser, false, true},
		{"colleague", &User{EmployeeID: idPtr(4), OrgID: &org}, false, false},
		{"the employee", self, false, false},
		{"another organisation, even above", other, true, false},
		{"admin without an employee record", admin, false, false},
		{"nobody", nil, false, false},
	}
	for _, tt := range tests {
		if got := CanGiveFeedback(tt.actor, e, tt.above); got != tt.want {
			t.Errorf("CanGiveFeedback(%s, above %v) = %v; want %v", tt.name, tt.above, got, tt.want)
		}
	}
}

func TestCheckPeerIDs(t *testing.T) {
	t.Parallel()
	e := &Employee{ID: 1, SupervisorID: idPtr(2), AppraiserID: idPtr(9)}
	tests := []struct {
		in   []int64
		want []int64 // nil: invalid
	}{
		{peerIDs(3, 4, 5), peerIDs(3, 4, 5)},
		{peerIDs(3, 4, 5, 6, 7), peerIDs(3, 4, 5, 6, 7)},
		{peerIDs(3, 3, 4, 5), peerIDs(3, 4, 5)},
		{peerIDs(3, 4), nil},
		{peerIDs(3, 3, 4), nil},
		{peerIDs(3, 4, 5, 6, 7, 8), nil},
		{peerIDs(1, 4, 5), nil}, // the employee
		{peerIDs(2, 4, 5), nil}, // the supervisor
		{peerIDs(9, 4, 5), nil}, // the pejabat penilai
		{peerIDs(0, 4, 5), nil},
	}
	for _, tt := range tests {
		got, err := CheckPeerIDs(e, tt.in)
		if tt.want == nil {
			if ErrorFields(err)["peer_ids"] == "" {
				t.Errorf("CheckPeerIDs(%v) = %v, %v; want an error on peer_ids", tt.in, got, err)
			}
			continue
		}
		if err != nil || len(got) != len(tt.want) {
			t.Errorf("CheckPeerIDs(%v) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestCanAssignPeers(t *testing.T) {
	t.Parallel()
	org := int64(1)
	e := &Employee{ID: 3, OrgID: org, SupervisorID: idPtr(2), AppraiserID: idPtr(5)}
	tests := []struct {
		name  string
		actor *User
		want  bool
	}{
		{"direct supervisor", &User{EmployeeID: idPtr(2), OrgID: &org}, true},
		{"pejabat penilai", &User{EmployeeID: idPtr(5), OrgID: &org}, true},
		{"admin", &User{OrgID: &org, Roles: []Role{RoleAdmin}}, true},
		{"admin who is the employee", &User{EmployeeID: idPtr(3), OrgID: &org, Roles: []Role{RoleAdmin}}, false},
		{"the employee", &User{EmployeeID: idPtr(3), OrgID: &org}, false},
		{"a colleague", &User{EmployeeID: idPtr(4), OrgID: &org}, false},
		{"admin of another organisation", &User{OrgID: idPtr(2), Roles: []Role{RoleAdmin}}, false},
	}
	for _, tt := range tests {
		if got := CanAssignPeers(tt.actor, e); got != tt.want {
			t.Errorf("CanAssignPeers(%s) = %v; want %v", tt.name, got, tt.want)
		}
	}
}

func TestNewDialogValidate(t *testing.T) {
	t.Parallel()
	today := NewDate(2026, 3, 15)
	good := func() NewDialog {
		return NewDialog{EmployeeID: 3, Date: today, Topics: "Capaian triwulan", Actions: []NewDialogAction{
			{Text: "Pelatihan", OwnerID: 3, DueDate: today.AddDate(0, 1, 0)}, {Text: "Sediakan alat", OwnerID: 2}}}
	}
	tests := []struct {
		name  string
		edit  func(*NewDialog)
		field string
	}{
		{"valid", func(*NewDialog) {}, ""},
		{"no employee", func(n *NewDialog) { n.EmployeeID = 0 }, "employee_id"},
		{"no date", func(n *NewDialog) { n.Date = Date{} }, "date"},
		{"tomorrow", func(n *NewDialog) { n.Date = today.AddDate(0, 0, 1) }, "date"},
		{"no topics", func(n *NewDialog) { n.Topics = "  " }, "topics"},
		{"action without text", func(n *NewDialog) { n.Actions[1].Text = "" }, "actions.1.text"},
		{"action without owner", func(n *NewDialog) { n.Actions[0].OwnerID = 0 }, "actions.0.owner_id"},
		{"due before the meeting", func(n *NewDialog) { n.Actions[0].DueDate = today.AddDate(0, 0, -1) }, "actions.0.due_date"},
		{"too many actions", func(n *NewDialog) { n.Actions = make([]NewDialogAction, MaxDialogItems+1) }, "actions"},
	}
	for _, tt := range tests {
		n := good()
		tt.edit(&n)
		err := n.Validate(today)
		if got := ErrorFields(err)[tt.field]; tt.field == "" && err != nil || tt.field != "" && got == "" {
			t.Errorf("%s: Validate = %v; want error on %q", tt.name, err, tt.field)
		}
	}
	n := good()
	if err := n.CheckOwners(2); err != nil {
		t.Errorf("CheckOwners(supervisor 2) = %v; want nil", err)
	}
	if err := n.CheckOwners(5); ErrorFields(err)["actions.1.owner_id"] == "" {
		t.Errorf("CheckOwners(supervisor 5) = %v; want an error on the action owned by 2", err)
	}
}

func TestRatings(t *testing.T) {
	t.Parallel()
	for _, r := range Ratings {
		if !r.Valid() || r.Label() == "" {
			t.Errorf("rating %q: valid %v, label %q", r, r.Valid(), r.Label())
		}
	}
	if Rating("baik").Valid() {
		t.Error(`Rating("baik").Valid() = true`)
	}
}
