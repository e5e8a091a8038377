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

func ratingsOf(r Rating) map[string]Rating {
	m := map[string]Rating{}
	for _, b := range BerAKHLAK {
		m[b.Code] = r
	}
	return m
}

func TestValidatePeerAnswer(t *testing.T) {
	t.Parallel()
	missing := ratingsOf(RatingMeets)
	delete(missing, "harmonis")
	bad := ratingsOf(RatingMeets)
	bad["loyal"] = "baik"
	extra := ratingsOf(RatingMeets)
	extra["jujur"] = RatingAbove
	tests := []struct {
		name    string
		ratings map[string]Rating
		comment string
		field   string
	}{
		{"complete", ratingsOf(RatingAbove), " Rajin ", ""},
		{"without comment", ratingsOf(RatingBelow), "", ""},
		{"a value missing", missing, "", "ratings.harmonis"},
		{"an unknown rating", bad, "", "ratings.loyal"},
		{"an unknown value", extra, "", "ratings.jujur"},
		{"comment too long", ratingsOf(RatingMeets), strings.Repeat("a", MaxFeedbackText+1), "comment"},
	}
	for _, tt := range tests {
		c := tt.comment
		err := ValidatePeerAnswer(tt.ratings, &c)
		if got := ErrorFields(err)[tt.field]; tt.field == "" && err != nil || tt.field != "" && got == "" {
			t.Errorf("%s: ValidatePeerAnswer = %v; want error on %q", tt.name, err, tt.field)
		}
	}
}

func TestSummarizePeerAnswers(t *testing.T) {
	t.Parallel()
	answer := func(r Rating, comment, peer string) *PeerAnswer {
		return &PeerAnswer{PeerName: peer, Ratings: ratingsOf(r), Comment: comment}
	}
	two := []*PeerAnswer{answer(RatingAbove, "Zaman berubah", "Ani"), answer(RatingMeets, "Andal", "Budi")}
	s := SummarizePeerAnswers(1, 2, two)
	if s.Visible || s.Count != 2 || len(s.Values) != 0 || len(s.Comments) != 0 {
		t.Errorf("summary of 2 answers = %+v; want nothing but the count", s)
	}
	three := append(two, answer(RatingMeets, "", "Citra"))
	s = SummarizePeerAnswers(1, 2, three)
	if !s.Visible || s.Count != 3 || len(s.Values) != len(BerAKHLAK) {
		t.Fatalf("summary of 3 answers = %+v; want visible with 7 values", s)
	}
	for _, v := range s.Values {
		if v.Above != 1 || v.Meets != 2 || v.Below != 0 || v.Name == "" {
			t.Errorf("value %+v; want 1 di_atas and 2 sesuai", v)
		}
	}
	if strings.Join(s.Comments, "|") != "Andal|Zaman berubah" {
		t.Errorf("comments = %q; want the non-empty ones, sorted", s.Comments)
	}
}

func TestUpward(t *testing.T) {
	t.Parallel()
	today := NewDate(2026, 3, 15)
	tests := []struct {
		name   string
		year   int
		scores UpwardScores
		text   string
		field  string
	}{
		{"valid", 2026, UpwardScores{1, 2, 3, 4}, " Lebih sering rapat ", ""},
		{"last year", 2025, UpwardScores{4, 4, 4, 4}, "", ""},
		{"next year", 2027, UpwardScores{4, 4, 4, 4}, "", "year"},
		{"two years ago", 2024, UpwardScores{4, 4, 4, 4}, "", "year"},
		{"clarity 0", 2026, UpwardScores{0, 4, 4, 4}, "", "clarity"},
		{"support 5", 2026, UpwardScores{4, 5, 4, 4}, "", "support"},
		{"openness missing", 2026, UpwardScores{Clarity: 4, Support: 4, Fairness: 4}, "", "openness"},
		{"fairness negative", 2026, UpwardScores{4, 4, 4, -1}, "", "fairness"},
		{"text too long", 2026, UpwardScores{4, 4, 4, 4}, strings.Repeat("x", MaxFeedbackText+1), "text"},
	}
	for _, tt := range tests {
		text := tt.text
		err := ValidateUpward(tt.year, tt.scores, &text, today)
		if got := ErrorFields(err)[tt.field]; tt.field == "" && err != nil || tt.field != "" && got == "" {
			t.Errorf("%s: ValidateUpward = %v; want error on %q", tt.name, err, tt.field)
		}
	}

	answers := []UpwardAnswer{
		{UpwardScores: UpwardScores{4, 3, 2, 1}, Text: "Terima kasih"},
		{UpwardScores: UpwardScores{3, 3, 2, 2}},
	}
	if s := SummarizeUpward(7, 2026, answers); s.Visible || s.Count != 2 || s.Clarity != 0 || len(s.Texts) != 0 {
		t.Errorf("summary of 2 = %+v; want nothing but the count", s)
	}
	answers = append(answers, UpwardAnswer{UpwardScores: UpwardScores{4, 4, 3, 1}, Text: "Arahan jelas"})
	s := SummarizeUpward(7, 2026, answers)
	want := map[string]float64{"clarity": 3.67, "support": 3.33, "openness": 2.33, "fairness": 1.33}
	for _, a := range UpwardAspects {
		if got := s.Average(a.Code); got != want[a.Code] {
			t.Errorf("average %s = %v; want %v", a.Code, got, want[a.Code])
		}
	}
	if !s.Visible || s.Count != 3 || strings.Join(s.Texts, "|") != "Arahan jelas|Terima kasih" {
		t.Errorf("summary of 3 = %+v; want visible with the texts sorted", s)
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
