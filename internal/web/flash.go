package web

import "strings"

// flash names the confirmation a page shows after a POST-redirect-GET: ?ok=<name> shows the
// catalogue text flash.<name>. The catalogue is the list of flashes: a name it lacks shows
// nothing, so no text from a URL is ever echoed, and a test checks that every constant here has
// its text in both catalogues and every flash text its constant.
type flash string

// The flashes of the UI.
const (
	flashAccountActivated       flash = "account_activated"
	flashActivated              flash = "activated"
	flashActivitiesApproved     flash = "activities_approved"
	flashActivityDeleted        flash = "activity_deleted"
	flashActivityLogged         flash = "activity_logged"
	flashActivityRejected       flash = "activity_rejected"
	flashActivityUpdated        flash = "activity_updated"
	flashAssessmentAcknowledged flash = "assessment_acknowledged"
	flashAssessmentAdjusted     flash = "assessment_adjusted"
	flashAssessmentCreated      flash = "assessment_created"
	flashAssessmentDecided      flash = "assessment_decided"
	flashAssessmentFinal        flash = "assessment_final"
	flashAssessmentObjected     flash = "assessment_objected"
	flashAssessmentSaved        flash = "assessment_saved"
	flashAssessmentSelf         flash = "assessment_self"
	flashAssigned               flash = "assigned"
	flashBehaviorsSaved         flash = "behaviors_saved"
	flashCreated                flash = "created"
	flashDeactivated            flash = "deactivated"
	flashDialogCreated          flash = "dialog_created"
	flashDialogUpdated          flash = "dialog_updated"
	flashEmployeeActive         flash = "employee_active"
	flashEmployeeCreated        flash = "employee_created"
	flashEmployeeInactive       flash = "employee_inactive"
	flashFeedbackRequested      flash = "feedback_requested"
	flashFeedbackSent           flash = "feedback_sent"
	flashHolidayDeleted         flash = "holiday_deleted"
	flashHolidaySaved           flash = "holiday_saved"
	flashLoggedOut              flash = "logged_out"
	flashNoteSaved              flash = "note_saved"
	flashNotificationsRead      flash = "notifications_read"
	flashOrgRatingSaved         flash = "org_rating_saved"
	flashPasswordChanged        flash = "password_changed"
	flashPasswordReset          flash = "password_reset"
	flashPeerAnswered           flash = "peer_answered"
	flashPeersAssigned          flash = "peers_assigned"
	flashPeersProposed          flash = "peers_proposed"
	flashPeriodCreated          flash = "period_created"
	flashPeriodUpdated          flash = "period_updated"
	flashProfile                flash = "profile"
	flashReplySent              flash = "reply_sent"
	flashResultCreated          flash = "result_created"
	flashResultDeleted          flash = "result_deleted"
	flashResultUpdated          flash = "result_updated"
	flashSettingsSaved          flash = "settings_saved"
	flashSKPApproved            flash = "skp_approved"
	flashSKPCopied              flash = "skp_copied"
	flashSKPCreated             flash = "skp_created"
	flashSKPReturned            flash = "skp_returned"
	flashSKPRevised             flash = "skp_revised"
	flashSKPSubmitted           flash = "skp_submitted"
	flashSKPUpdated             flash = "skp_updated"
	flashUnitCreated            flash = "unit_created"
	flashUnitDeleted            flash = "unit_deleted"
	flashUpdated                flash = "updated"
	flashUpwardReplied          flash = "upward_replied"
	flashUpwardSent             flash = "upward_sent"
)

// withFlash returns the address to with ok=f added to its query, before any #fragment.
func withFlash(to string, f flash) string {
	path, frag, hasFrag := strings.Cut(to, "#")
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	path += sep + "ok=" + string(f)
	if hasFrag {
		path += "#" + frag
	}
	return path
}
