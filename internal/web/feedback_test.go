package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// feedbackFixture is an activityFixture with three more staff under Kasi A, who serve as
// Staf A's peers and as Kasi A's team for upward feedback.
type feedbackFixture struct {
	*activityFixture
	peers []*kinerja.Employee
}

func (s *testServer) newFeedbackFixture(t *testing.T, name string) *feedbackFixture {
	t.Helper()
	f := &feedbackFixture{activityFixture: s.newActivityFixture(t, name)}
	for _, n := range []string{"Bayu Pratama", "Citra Dewi", "Dimas Saputra"} {
		f.peers = append(f.peers, f.addEmployee(t, n, "seksi.a", "kasi.a"))
	}
	return f
}

// allRatings is a peer answer rating every BerAKHLAK value r.
func allRatings(r kinerja.Rating, comment string) url.Values {
	v := url.Values{"comment": {comment}}
	for _, b := range kinerja.BerAKHLAK {
		v.Set("ratings."+b.Code, string(r))
	}
	return v
}

func TestFeedback_Continuous(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newFeedbackFixture(t, "Kecamatan Asemrowo")
		a := f.mustLog(t, "Memverifikasi berkas", 2)
		staf, kasi := f.login(t, f.StafA), f.login(t, f.KasiA)
		page := feedbackPath(f.StafA.ID)

		staf.get("/feedback").wantRedirect(t, page)
		res := staf.get(page)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="nav-feedback"`, `id="tab-feedback" aria-current="page"`, `id="no-feedback"`, `id="request-feedback-form"`,
			`id="peer-not-enough"`, `id="no-dialogs"`, `id="dialog-form"`)
		res.wantNoBody(t, `id="give-feedback-form"`, `id="assign-peers-form"`)
		staf.post(page, url.Values{"mode": {"give"}, "text": {"Bagus"}}).wantStatus(t, http.StatusForbidden)

		// The Kasi writes feedback on an RHK, tied to evidence.
		if _, err := db.CreateEvidence(f.StafACtx, sqldb.EvidenceTarget{ActivityID: &a.ID}, strings.Repeat("ab", 32), 10, "image/png", "foto.png"); err != nil {
			t.Fatal(err)
		}
		res = kasi.get(page)
		res.wantBody(t, `id="give-feedback-form"`, `<option value="`+itoa(f.stafRHK.ID)+`">1. Terlayaninya perekaman KTP-el warga</option>`,
			`<option value="berorientasi_pelayanan">Berorientasi Pelayanan</option>`, "foto.png", `id="assign-peers-form"`)
		res.wantNoBody(t, `id="request-feedback-form"`)
		kasi.post(page, url.Values{"mode": {"give"}, "text": {"  "}}).wantFieldError(t, "give-text", kinerja.MsgFeedbackText)
		const note = "Realisasi triwulan ini sudah baik; pertahankan ketepatan waktu layanan."
		kasi.post(page, url.Values{"mode": {"give"}, "result_id": {itoa(f.stafRHK.ID)}, "value": {"akuntabel"}, "text": {note}}).
			wantRedirect(t, page+"?ok=feedback_sent")

		res = staf.get(page)
		res.wantBody(t, htmlEscape(note), "Terlayaninya perekaman KTP-el warga", "Akuntabel", f.KasiA.Name)
		thread := between(res.Body, `<li class="thread" id="feedback-`, `"`)
		sqldbtest.Deliver(t, db)
		staf.get("/notifications").wantBody(t, htmlEscape(f.KasiA.Name)+" memberi Anda umpan balik.", `value="`+page+`"`)

		// The employee replies and asks for more.
		staf.post(page, url.Values{"mode": {"reply"}, "parent_id": {thread}, "text": {""}}).wantFieldError(t, "reply-text-"+thread, kinerja.MsgFeedbackText)
		staf.post(page, url.Values{"mode": {"reply"}, "parent_id": {thread}, "text": {"Terima kasih, Pak."}}).wantRedirect(t, page+"?ok=reply_sent")
		staf.post(page, url.Values{"mode": {"request"}, "value": {"kolaboratif"}, "text": {"Bagaimana kerja sama saya dengan seksi lain?"}}).
			wantRedirect(t, page+"?ok=feedback_requested")
		res = kasi.get(page)
		res.wantBody(t, "Terima kasih, Pak.", "Bagaimana kerja sama saya dengan seksi lain?", `class="thread thread-request"`, "Permintaan")
		sqldbtest.Deliver(t, db)
		kasi.get("/notifications").wantBody(t, "meminta umpan balik dari Anda", `value="`+page+`"`)

		// Someone outside the line sees nothing.
		f.login(t, f.KasiB).get(page).wantStatus(t, http.StatusForbidden)
		f.login(t, f.KasiB).post(page, url.Values{"mode": {"give"}, "text": {"x"}}).wantStatus(t, http.StatusForbidden)
		f.login(t, f.peers[0]).get(page).wantStatus(t, http.StatusForbidden)
		// The Camat, above, may write too; the employee record links the page.
		f.login(t, f.Camat).get(page).wantBody(t, `id="give-feedback-form"`)
		kasi.get("/employees/"+itoa(f.StafA.ID)).wantBody(t, `id="feedback-link"`)
	})
}

func TestFeedback_Peers(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newFeedbackFixture(t, "Kecamatan Asemrowo")
		staf, kasi := f.login(t, f.StafA), f.login(t, f.KasiA)
		page := feedbackPath(f.StafA.ID)
		period := itoa(f.period.ID)

		// The Kasi sees the same-unit staff suggested, and must choose 3 to 5.
		res := kasi.get(page)
		for _, p := range f.peers {
			res.wantBody(t, `id="peer-`+itoa(p.ID)+`" name="peer_ids" value="`+itoa(p.ID)+`" checked`)
		}
		res.wantBody(t, `id="peer-other"`)
		res = kasi.post(feedbackBase(f.StafA.ID)+"/peers", url.Values{"period_id": {period}, "peer_ids": {itoa(f.peers[0].ID), itoa(f.peers[1].ID)}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="peer_ids-error">`+kinerja.MsgPeerCount)
		f.login(t, f.KasiB).post(feedbackBase(f.StafA.ID)+"/peers", url.Values{"period_id": {period},
			"peer_ids": {itoa(f.peers[0].ID), itoa(f.peers[1].ID), itoa(f.peers[2].ID)}}).wantStatus(t, http.StatusForbidden)
		ids := url.Values{"period_id": {period}, "peer_ids": {itoa(f.peers[0].ID), itoa(f.peers[1].ID), itoa(f.peers[2].ID), ""}}
		kasi.post(feedbackBase(f.StafA.ID)+"/peers", ids).wantRedirect(t, page+"?period="+period+"&ok=peers_assigned")

		// Each peer finds the task and answers with the seven-value form.
		var tasks []string
		for _, p := range f.peers {
			c := f.login(t, p)
			res := c.get("/peer-tasks")
			res.wantBody(t, `id="peer-task-list"`, htmlEscape(f.StafA.Name))
			task := between(res.Body, `id="answer-peer-`, `"`)
			tasks = append(tasks, task)
			c.get("/peer-reviews").wantRedirect(t, "/peer-tasks")
		}
		peer0 := f.login(t, f.peers[0])
		res = peer0.get("/peer-tasks/" + tasks[0])
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="peer-answer-form"`, `id="peer-privacy"`, `name="ratings.berorientasi_pelayanan" value="di_atas"`,
			`name="ratings.kolaboratif" value="di_bawah"`, "Memahami dan memenuhi kebutuhan masyarakat")
		partial := allRatings(kinerja.RatingMeets, "")
		partial.Del("ratings.adaptif")
		res = peer0.post("/peer-tasks/"+tasks[0], partial)
		res.wantFieldError(t, "rating-adaptif", kinerja.MsgPeerRating)
		res.wantBody(t, `id="rating-akuntabel-sesuai" name="ratings.akuntabel" value="sesuai" checked`)
		f.login(t, f.peers[1]).get("/peer-tasks/"+tasks[0]).wantStatus(t, http.StatusNotFound)

		answer := func(i int, r kinerja.Rating, comment string) {
			t.Helper()
			f.login(t, f.peers[i]).post("/peer-tasks/"+tasks[i], allRatings(r, comment)).wantRedirect(t, "/peer-tasks?ok=peer_answered")
		}
		answer(0, kinerja.RatingAbove, "Selalu sigap membantu warga.")
		answer(1, kinerja.RatingMeets, "Perlu lebih sering berbagi informasi.")
		peer0.post("/peer-tasks/"+tasks[0], allRatings(kinerja.RatingBelow, "")).wantStatus(t, http.StatusConflict)

		// Two answers: the employee sees only the count.
		res = staf.get(page)
		res.wantBody(t, `id="peer-not-enough">Belum ada ringkasan.`)
		res.wantNoBody(t, `id="peer-summary"`, "Selalu sigap membantu warga.", htmlEscape(f.peers[0].Name))

		answer(2, kinerja.RatingMeets, "")
		res = staf.get(page)
		res.wantBody(t, `id="peer-summary"`, `id="peer-count"`, "Selalu sigap membantu warga.", "Perlu lebih sering berbagi informasi.")
		res.wantNoBody(t, `id="peer-not-enough"`, `id="peer-answers"`)
		for _, p := range f.peers {
			res.wantNoBody(t, htmlEscape(p.Name))
		}
		// The pejabat penilai sees each answer with its name.
		res = kasi.get(page)
		res.wantBody(t, `id="peer-answers"`, htmlEscape(f.peers[0].Name), `id="peer-`+itoa(f.peers[0].ID)+`" name="peer_ids" value="`+itoa(f.peers[0].ID)+`" checked disabled`)
		f.login(t, f.peers[2]).get("/peer-tasks").wantBody(t, `id="peer-task-done"`, `id="no-peer-tasks"`)
	})
}

func TestFeedback_Dialog(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newFeedbackFixture(t, "Kecamatan Asemrowo")
		staf, kasi := f.login(t, f.StafA), f.login(t, f.KasiA)
		page := feedbackPath(f.StafA.ID)
		today := kinerja.Today(db.Now())

		form := url.Values{"supervisor_id": {itoa(f.KasiA.ID)}, "date": {today.String()}, "topics": {"Capaian triwulan dan kendala layanan KTP-el"},
			"actions.0.text": {"Mengikuti bimtek SIAK"}, "actions.0.owner_id": {itoa(f.StafA.ID)}, "actions.0.due_date": {today.AddDate(0, 1, 0).String()},
			"actions.1.text": {""}, "actions.1.owner_id": {itoa(f.KasiA.ID)}, "actions.1.due_date": {""}}
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("topics", "")
		bad.Set("actions.0.due_date", today.AddDate(0, 0, -3).String())
		bad.Set("date", today.String())
		res := kasi.post(feedbackBase(f.StafA.ID)+"/dialogs", bad)
		res.wantFieldError(t, "dialog-topics", kinerja.MsgDialogTopics)
		res.wantFieldError(t, "actions-0-due_date", kinerja.MsgDialogDue)
		kasi.post(feedbackBase(f.StafA.ID)+"/dialogs", form).wantRedirect(t, page+"?ok=dialog_created#dialogs")

		res = staf.get(page)
		res.wantBody(t, `id="dialog-list"`, "Capaian triwulan dan kendala layanan KTP-el", "Mengikuti bimtek SIAK", ">Belum selesai<")
		action := between(res.Body, `id="dialog-action-button-`, `"`)
		staf.get("/employees/"+itoa(f.StafA.ID)+"/dialogs").wantRedirect(t, page+"#dialogs")
		f.login(t, f.KasiB).post("/dialog-actions/"+action, url.Values{"status": {"done"}, "employee_id": {itoa(f.StafA.ID)}}).
			wantStatus(t, http.StatusForbidden)
		staf.post("/dialog-actions/"+action, url.Values{"status": {"done"}, "employee_id": {itoa(f.StafA.ID)}}).
			wantRedirect(t, page+"?ok=dialog_updated#dialogs")
		kasi.get(page).wantBody(t, `id="dialog-action-status-`+action+`">Selesai<`)
		staf.post("/dialog-actions/"+action, url.Values{"status": {"hilang"}}).wantStatus(t, http.StatusUnprocessableEntity)

		// The employee records one with their direct supervisor too.
		mine := url.Values{"supervisor_id": {"0"}, "date": {today.String()}, "topics": {"Rencana pengembangan"}}
		staf.post(feedbackBase(f.StafA.ID)+"/dialogs", mine).wantRedirect(t, page+"?ok=dialog_created#dialogs")
		sqldbtest.Deliver(t, db)
		kasi.get("/notifications").wantBody(t, "mencatat dialog kinerja dengan Anda", `value="`+page+`#dialogs"`)
	})
}

func TestUpward(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newFeedbackFixture(t, "Kecamatan Asemrowo")
		sqldbtest.SettleReportingLines(t, db)
		kasi := f.login(t, f.KasiA)
		year := strconv.Itoa(kinerja.Today(db.Now()).Year())
		leader := itoa(f.KasiA.ID)

		staf := f.login(t, f.StafA)
		res := staf.get("/upward")
		res.wantBody(t, `id="upward-anonymous"`, "Masukan ini anonim.", `id="give-upward-`+leader+`"`, `id="give-upward-`+itoa(f.Camat.ID)+`"`)
		res.wantNoBody(t, `id="upward-mine"`)
		res = staf.get("/upward/give?leader=" + leader + "&year=" + year)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="upward-form"`, `id="upward-anonymous"`, `name="clarity" value="4"`, "Kejelasan arahan",
			"Pimpinan menyampaikan sasaran dan harapan kerja dengan jelas.", `action="/upward/give"`)
		staf.get("/upward/give?leader="+itoa(f.KasiB.ID)+"&year="+year).wantStatus(t, http.StatusForbidden)
		staf.post("/upward/give", url.Values{"leader_id": {itoa(f.KasiB.ID)}, "year": {year}, "clarity": {"3"}}).wantStatus(t, http.StatusForbidden)
		res = staf.post("/upward/give", url.Values{"leader_id": {leader}, "year": {year}, "clarity": {"3"}, "support": {"9"}})
		res.wantFieldError(t, "support", kinerja.MsgUpwardScore)
		res.wantFieldError(t, "openness", kinerja.MsgUpwardScore)

		give := func(c *client, scores [4]string, text string) *response {
			t.Helper()
			return c.post("/upward/give", url.Values{"leader_id": {leader}, "year": {year}, "clarity": {scores[0]}, "support": {scores[1]},
				"openness": {scores[2]}, "fairness": {scores[3]}, "text": {text}})
		}
		give(staf, [4]string{"4", "3", "2", "3"}, "Arahan rapat pagi sangat membantu.").wantRedirect(t, "/upward?year="+year+"&ok=upward_sent")
		give(staf, [4]string{"4", "3", "2", "3"}, "").wantStatus(t, http.StatusConflict)
		staf.get("/upward").wantBody(t, `id="upward-given-`+leader+`"`)
		give(f.login(t, f.peers[0]), [4]string{"3", "3", "3", "3"}, "").wantRedirect(t, "/upward?year="+year+"&ok=upward_sent")

		res = kasi.get("/upward")
		res.wantBody(t, `id="upward-mine"`, `id="upward-not-enough">Belum ada ringkasan.`, `id="upward-reply-form"`)
		res.wantNoBody(t, `id="upward-summary"`)

		// Someone added to the team today cannot fill the batch around the two answers.
		newcomer := f.login(t, f.addEmployee(t, "Eka Baru", "seksi.a", "kasi.a"))
		res = newcomer.get("/upward")
		res.wantBody(t, `id="upward-wait-`+leader+`"`, "Anda dapat memberi masukan mulai")
		res.wantNoBody(t, `id="give-upward-`+leader+`"`)
		give(newcomer, [4]string{"1", "1", "1", "1"}, "").wantStatus(t, http.StatusForbidden)
		kasi.get("/upward").wantBody(t, `id="upward-not-enough"`)
		res.wantNoBody(t, "Arahan rapat pagi sangat membantu.")

		give(f.login(t, f.peers[1]), [4]string{"2", "3", "4", "3"}, "Mohon pembagian tugas lebih merata.").wantRedirect(t, "/upward?year="+year+"&ok=upward_sent")
		res = kasi.get("/upward")
		res.wantBody(t, `id="upward-summary"`, `id="upward-avg-clarity">3<`, `id="upward-avg-openness">3<`,
			"Arahan rapat pagi sangat membantu.", "Mohon pembagian tugas lebih merata.", `<progress max="100" value="75"`)
		for _, who := range []*kinerja.Employee{f.StafA, f.peers[0], f.peers[1]} {
			res.wantNoBody(t, htmlEscape(who.Name))
		}

		// The leader replies to the whole team.
		kasi.post("/upward/replies", url.Values{"year": {year}, "text": {""}}).wantFieldError(t, "upward-reply-text", kinerja.MsgUpwardReplyText)
		kasi.post("/upward/replies", url.Values{"year": {year}, "text": {"Terima kasih; mulai bulan depan tugas dibagi bergilir."}}).
			wantRedirect(t, "/upward?year="+year+"&ok=upward_replied")
		staf.get("/upward").wantBody(t, `id="upward-team-replies"`, "mulai bulan depan tugas dibagi bergilir")
		staf.get("/upward-feedback").wantRedirect(t, "/upward")
		staf.get("/upward?year=1999").wantStatus(t, http.StatusNotFound)
		staf.post("/upward/replies", url.Values{"year": {year}, "text": {"Saya juga"}}).wantStatus(t, http.StatusForbidden)
	})
}

// TestFeedbackPages_Render visits the feedback pages in both languages.
func TestFeedbackPages_Render(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newFeedbackFixture(t, "Kecamatan Asemrowo")
		if _, err := db.CreateFeedback(f.KasiACtx, kinerja.NewFeedback{AboutEmployeeID: f.StafA.ID, Value: "adaptif", Text: "Cepat belajar aplikasi baru."}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AssignPeers(f.KasiACtx, f.period.ID, f.StafA.ID, []int64{f.peers[0].ID, f.peers[1].ID, f.peers[2].ID}); err != nil {
			t.Fatal(err)
		}
		today := kinerja.Today(db.Now())
		if _, err := db.CreateDialog(f.KasiACtx, kinerja.NewDialog{EmployeeID: f.StafA.ID, Date: today, Topics: "Capaian",
			Actions: []kinerja.NewDialogAction{{Text: "Bimtek", OwnerID: f.StafA.ID, DueDate: today.AddDate(0, 1, 0)}}}); err != nil {
			t.Fatal(err)
		}
		tasks, err := db.FindPeerTasks(f.peerContext(t, 0))
		if err != nil || len(tasks) != 1 {
			t.Fatalf("FindPeerTasks = %v, %v", tasks, err)
		}
		ids := messageIDs(t)
		year := strconv.Itoa(today.Year())
		for _, lang := range kinerja.Locales {
			staf, kasi, peer, admin := f.login(t, f.StafA), f.login(t, f.KasiA), f.login(t, f.peers[0]), f.loginAdmin(t)
			for _, c := range []*client{staf, kasi, peer, admin} {
				c.header.Set("Accept-Language", lang)
			}
			page := feedbackPath(f.StafA.ID)
			pages := []struct {
				c    *client
				path string
			}{
				{staf, "/"},
				{staf, page + "?ok=feedback_sent"},
				{kasi, page + "?period=" + itoa(f.period.ID)},
				{kasi, "/"},
				{admin, page},
				{peer, "/peer-tasks?ok=peer_answered"},
				{peer, "/peer-tasks/" + itoa(tasks[0].ID)},
				{staf, "/peer-tasks"},
				{staf, "/upward?ok=upward_sent"},
				{staf, "/upward/give?leader=" + itoa(f.KasiA.ID) + "&year=" + year},
				{kasi, "/upward?ok=upward_replied"},
				{admin, "/upward"},
			}
			for _, p := range pages {
				res := p.c.get(p.path)
				res.wantStatus(t, http.StatusOK)
				res.wantRendered(t, lang, ids)
			}
		}
	})
}

// peerContext acts as peer i in the store.
func (f *feedbackFixture) peerContext(t *testing.T, i int) context.Context {
	t.Helper()
	return f.As(f.peers[i].Name)
}

func feedbackBase(id int64) string { return "/employees/" + itoa(id) }

func feedbackPath(id int64) string { return feedbackBase(id) + "/feedback" }

// between returns the text of s after the first start, up to end.
func between(s, start, end string) string {
	_, rest, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, end)
	return v
}

// TestCatalogues_StageMessages checks that en.json translates every message of package kinerja
// that the activity, evidence and feedback pages can show.
func TestCatalogues_StageMessages(t *testing.T) {
	t.Parallel()
	en := readCatalogue(t, "en")
	messages := []string{
		kinerja.MsgActivityDate, kinerja.MsgActivityFuture, kinerja.MsgActivityTooOld, kinerja.MsgActivityText,
		kinerja.MsgActivityOutput, kinerja.MsgActivityMinutes, kinerja.MsgActivityResult, kinerja.MsgActivityNotFound,
		kinerja.MsgActivityVerified, kinerja.MsgActivityNotPending, kinerja.MsgActivityReason, kinerja.MsgActivityNotTeam,
		kinerja.MsgActivityNone, kinerja.MsgEvidenceType, kinerja.MsgEvidenceTooLarge, kinerja.MsgEvidenceTarget,
		kinerja.MsgEvidenceNotFound, kinerja.MsgEvidenceFile,
		kinerja.MsgFeedbackText, kinerja.MsgFeedbackNotFound, kinerja.MsgFeedbackResult, kinerja.MsgFeedbackParent,
		kinerja.MsgFeedbackRequestReply, kinerja.MsgFeedbackNotSupervisor, kinerja.MsgFeedbackRequestSelf,
		kinerja.MsgFeedbackInactive, kinerja.MsgFeedbackNoEmployee, kinerja.MsgFeedbackEvidence, kinerja.MsgFeedbackResultID,
		kinerja.MsgPeerCount, kinerja.MsgPeerInvalid, kinerja.MsgPeerNotFound, kinerja.MsgPeerAnswered, kinerja.MsgPeerRemove,
		kinerja.MsgPeerRating, kinerja.MsgPeerRatingExtra, kinerja.MsgPeerComment, kinerja.MsgPeerAssigner, kinerja.MsgPeerSelf,
		kinerja.MsgUpwardScore, kinerja.MsgUpwardText, kinerja.MsgUpwardYear, kinerja.MsgUpwardNotLeader, kinerja.MsgUpwardGiven,
		kinerja.MsgUpwardReplyText, kinerja.MsgUpwardNoTeam,
		kinerja.MsgDialogDate, kinerja.MsgDialogTopics, kinerja.MsgDialogActions, kinerja.MsgDialogActionText,
		kinerja.MsgDialogOwner, kinerja.MsgDialogDue, kinerja.MsgDialogPair, kinerja.MsgDialogNotMember,
		kinerja.MsgDialogNotFound, kinerja.MsgDialogStatus,
	}
	for _, m := range messages {
		if s, ok := en[m]; !ok || s == m {
			t.Errorf("en.json does not translate %q", m)
		}
	}
	for _, r := range kinerja.Ratings {
		if _, ok := readCatalogue(t, "id")["rating."+string(r)]; !ok {
			t.Errorf("id.json lacks a label for rating %q", r)
		}
	}
	for _, a := range kinerja.UpwardAspects {
		for _, k := range []string{"upward.aspect_" + a.Code, "upward.question_" + a.Code} {
			if _, ok := en[k]; !ok {
				t.Errorf("en.json lacks %q", k)
			}
		}
	}
}
