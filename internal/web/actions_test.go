package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// The tests of this file check that a page offers exactly what the store accepts, in the cases
// where the two once decided apart: each page now asks the domain for the permitted actions.

// closePeriod closes a performance year as the organisation's admin.
func closePeriod(t *testing.T, db *sqldb.DB, f *sqldbtest.Org, id int64, closed bool) {
	t.Helper()
	if _, err := db.UpdatePeriod(f.Admin, id, nil, &closed); err != nil {
		t.Fatalf("UpdatePeriod(closed %v): %v", closed, err)
	}
}

// After the objection deadline the employee may still accept the assessment but no longer
// object: the page no longer offers the objection the store refuses with MsgObjectionLate.
func TestActions_ObjectionWindow(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		start := time.Now()
		clk := newClock(start)
		useClock(db, clk)
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		kasi := f.login(t, f.KasiA)
		page := f.startAssessment(t, kasi, f.stafSKP)
		id := strings.TrimPrefix(page, "/assessments/")
		kasi.post(page, url.Values{"result_rating": {"sesuai"}, "behavior_rating": {"sesuai"}}).wantRedirect(t, page+"?ok=assessment_saved")
		kasi.post(page+"/finalize", url.Values{"justification": {"Kelompok kecil."}}).wantRedirect(t, page+"?ok=assessment_final")

		// Within the deadline (14 days by default) both answers are offered. Sessions do not
		// last that long: the employee logs in again.
		clk.set(start.Add(14*24*time.Hour - time.Minute))
		staf := f.login(t, f.StafA)
		staf.get(page).wantBody(t, `id="acknowledge-form"`, `id="object-form"`)
		staf.get("/assessments").wantBody(t, `id="acknowledge-form-`+id+`"`, `id="object-form-`+id+`"`)

		// After it, only acceptance.
		clk.set(start.Add(15 * 24 * time.Hour))
		staf = f.login(t, f.StafA)
		res := staf.get(page)
		res.wantBody(t, `id="acknowledge-form"`, `id="objection-closed"`)
		res.wantNoBody(t, `id="object-form"`)
		res = staf.get("/assessments")
		res.wantBody(t, `id="acknowledge-form-`+id+`"`)
		res.wantNoBody(t, `id="object-form-`+id+`"`)
		res = staf.post(page+"/object", url.Values{"reason": {"Rating perilaku tidak sesuai catatan dialog."}})
		res.wantStatus(t, http.StatusConflict)
		res.wantBody(t, kinerja.MsgObjectionLate)
		staf.post(page+"/acknowledge", nil).wantRedirect(t, page+"?ok=assessment_acknowledged")
	})
}

// An approved SKP of a closed year is not revised: a revision would leave a draft nobody may
// change. Nor is a draft of a closed year edited: the page offers neither.
func TestActions_ClosedYearSKP(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		staf := f.login(t, f.StafA)
		page := "/skp/" + itoa(f.stafSKP.ID)
		staf.get(page).wantBody(t, `id="revise-skp-button"`)

		closePeriod(t, db, f.Org, f.period.ID, true)
		staf.get(page).wantNoBody(t, `id="revise-skp-button"`)
		res := staf.post(page+"/revise", nil)
		res.wantStatus(t, http.StatusConflict)
		res.wantBody(t, kinerja.MsgPeriodClosed)
		staf.get(page).wantBody(t, `id="skp-status">Disetujui<`)

		// The open year again: the revision is offered and made.
		closePeriod(t, db, f.Org, f.period.ID, false)
		res = staf.post(page+"/revise", nil)
		res.wantStatus(t, http.StatusSeeOther)
		draft := strings.TrimSuffix(res.Header.Get("Location"), "?ok=skp_revised")
		staf.get(draft).wantBody(t, `id="add-result"`, `id="submit-skp-button"`)

		closePeriod(t, db, f.Org, f.period.ID, true)
		staf.get(draft).wantNoBody(t, `id="add-result"`, `id="edit-skp"`, `id="submit-skp-button"`)
		res = staf.get(draft + "/edit")
		res.wantStatus(t, http.StatusConflict)
		res.wantBody(t, kinerja.MsgPeriodClosed)
		staf.post(draft+"/submit", nil).wantStatus(t, http.StatusConflict)
	})
}

// Peers are chosen for an active employee while the year is open.
func TestActions_PeerAssignment(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newFeedbackFixture(t, "Kecamatan Asemrowo")
		kasi := f.login(t, f.KasiA)
		page := feedbackPath(f.StafA.ID)
		peers := url.Values{"period_id": {itoa(f.period.ID)}, "peer_ids": {itoa(f.peers[0].ID), itoa(f.peers[1].ID), itoa(f.peers[2].ID)}}
		kasi.get(page).wantBody(t, `id="assign-peers-form"`)

		closePeriod(t, db, f.Org, f.period.ID, true)
		kasi.get(page).wantNoBody(t, `id="assign-peers-form"`)
		res := kasi.post(feedbackBase(f.StafA.ID)+"/peers", peers)
		res.wantStatus(t, http.StatusConflict)
		res.wantBody(t, kinerja.MsgPeriodClosed)

		closePeriod(t, db, f.Org, f.period.ID, false)
		in := f.StafA.Input()
		inactive := false
		in.Active, in.InactiveReason = &inactive, kinerja.ReasonMutasi
		if _, err := db.UpdateEmployee(f.Admin, f.StafA.ID, in); err != nil {
			t.Fatalf("deactivate: %v", err)
		}
		kasi.get(page).wantNoBody(t, `id="assign-peers-form"`)
		res = kasi.post(feedbackBase(f.StafA.ID)+"/peers", peers)
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, kinerja.MsgFeedbackInactive)
	})
}

// Someone placed under nobody but appraised by a pejabat penilai records their dialog kinerja
// with the pejabat penilai, as the store always allowed.
func TestActions_DialogWithAppraiser(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newFeedbackFixture(t, "Kecamatan Asemrowo")
		bayu := f.peers[0]
		in := bayu.Input()
		in.SupervisorID, in.AppraiserID = nil, &f.KasiB.ID
		if _, err := db.UpdateEmployee(f.Admin, bayu.ID, in); err != nil {
			t.Fatalf("UpdateEmployee: %v", err)
		}
		me := f.login(t, bayu)
		page := feedbackPath(bayu.ID)
		res := me.get(page)
		res.wantBody(t, `id="dialog-form"`, `<option value="`+itoa(f.KasiB.ID)+`">Pejabat penilai</option>`)

		today := kinerja.Today(db.Now()).String()
		me.post(feedbackBase(bayu.ID)+"/dialogs", url.Values{"supervisor_id": {"0"}, "date": {today}, "topics": {"Rencana kerja semester"},
			"actions.0.text": {"Menyusun jadwal piket"}, "actions.0.owner_id": {itoa(f.KasiB.ID)}}).
			wantRedirect(t, page+"?ok=dialog_created#dialogs")
		res = me.get(page)
		res.wantBody(t, "Rencana kerja semester", htmlEscape(f.KasiB.Name), `id="dialog-action-button-`)
		sqldbtest.Deliver(t, db)
		f.login(t, f.KasiB).get("/notifications").wantBody(t, "mencatat dialog kinerja dengan Anda")
		// Kasi A, no longer above, sees nothing of it.
		f.login(t, f.KasiA).get(page).wantStatus(t, http.StatusForbidden)
	})
}

// Leading a team is what lets a leader reply to upward feedback, not the atasan role alone.
func TestActions_UpwardReplyNeedsTeam(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newFeedbackFixture(t, "Kecamatan Asemrowo")
		dimas := f.peers[2] // staff without staff of their own
		users, _, err := db.FindUsers(f.Admin, kinerja.UserFilter{EmployeeID: &dimas.ID})
		if err != nil || len(users) != 1 {
			t.Fatalf("FindUsers(%s) = %v, %v", dimas.Name, users, err)
		}
		roles := []kinerja.Role{kinerja.RoleAtasan, kinerja.RolePegawai}
		if _, err := db.UpdateUser(f.Admin, users[0].ID, kinerja.UserUpdate{Roles: &roles}); err != nil {
			t.Fatalf("UpdateUser: %v", err)
		}
		year := itoa(int64(kinerja.Today(db.Now()).Year()))
		staf := f.login(t, dimas)
		staf.get("/upward").wantNoBody(t, `id="upward-mine"`)
		res := staf.post("/upward/replies", url.Values{"year": {year}, "text": {"Terima kasih atas masukannya."}})
		res.wantStatus(t, http.StatusForbidden)
		res.wantBody(t, kinerja.MsgUpwardNoTeam)
		f.login(t, f.KasiA).get("/upward").wantBody(t, `id="upward-mine"`)
	})
}
