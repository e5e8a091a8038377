package web_test

import (
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/web"
)

// TestNotificationURL checks the page each kind of notification opens, for every kind there is.
func TestNotificationURL(t *testing.T) {
	t.Parallel()
	id := func(n int64) *int64 { return &n }
	me, boss := int64(12), int64(3)
	reader := &kinerja.User{ID: 40, EmployeeID: &me}
	tests := []struct {
		kind   kinerja.EventKind
		entity string
		id     *int64
		want   string
	}{
		{kinerja.EventSKPSubmitted, kinerja.EntitySKP, id(7), "/skp/7"},
		{kinerja.EventSKPApproved, kinerja.EntitySKP, id(7), "/skp/7"},
		{kinerja.EventSKPReturned, kinerja.EntitySKP, id(7), "/skp/7"},
		{kinerja.EventActivitiesApproved, kinerja.EntityEmployee, id(me), "/activities?status=approved"},
		{kinerja.EventActivitiesApproved, kinerja.EntityEmployee, id(boss), "/employees/3"},
		{kinerja.EventActivitiesApproved, kinerja.EntityEmployee, nil, "/activities?status=approved"},
		{kinerja.EventActivityRejected, kinerja.EntityActivity, id(9), "/activities/9"},
		{kinerja.EventAssessmentFinal, kinerja.EntityAssessment, id(5), "/assessments/5"},
		{kinerja.EventAssessmentObjected, kinerja.EntityAssessment, id(5), "/assessments/5"},
		{kinerja.EventAssessmentDecided, kinerja.EntityAssessment, id(5), "/assessments/5"},
		{kinerja.EventDialogRecorded, kinerja.EntityEmployee, id(me), "/employees/12/feedback#dialogs"},
		{kinerja.EventFeedbackGiven, kinerja.EntityEmployee, id(me), "/employees/12/feedback"},
		{kinerja.EventFeedbackRequested, kinerja.EntityEmployee, id(boss), "/employees/3/feedback"},
		{kinerja.EventFeedbackReply, kinerja.EntityEmployee, id(boss), "/employees/3/feedback"},
		{kinerja.EventPeerRequested, kinerja.EntityEmployee, id(boss), "/peer-tasks"},
		{kinerja.EventPeerRequested, kinerja.EntityEmployee, nil, "/peer-tasks"},
		{kinerja.EventPeerSummaryReady, kinerja.EntityEmployee, id(me), "/employees/12/feedback"},
		{kinerja.EventPeerComplete, kinerja.EntityEmployee, id(boss), "/employees/3/feedback"},
		{kinerja.EventPeerProposed, kinerja.EntityEmployee, id(me), "/employees/12/feedback#peers"},
		{kinerja.EventUpwardReply, kinerja.EntityUpwardReply, id(4), "/upward"},
		{kinerja.EventFeedbackGiven, kinerja.EntityEmployee, nil, ""},
		{"from_a_newer_version", "reminder", id(1), ""},
	}
	covered := map[kinerja.EventKind]bool{}
	for _, tt := range tests {
		n := kinerja.Notification{Kind: tt.kind, Entity: tt.entity, EntityID: tt.id}
		if got := web.NotificationURL(n, reader); got != tt.want {
			t.Errorf("NotificationURL(%s about %s %v) = %q; want %q", tt.kind, tt.entity, tt.id, got, tt.want)
		}
		covered[tt.kind] = true
	}
	for k := range kinerja.EventKinds {
		if !covered[k] {
			t.Errorf("no case for notifications of kind %s", k)
		}
	}
}
