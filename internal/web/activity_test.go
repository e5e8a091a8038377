package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestActivity_LogWithPhoto logs an activity and its photo in one multipart submit, then
// downloads the photo as its owner, their supervisor and someone of another team.
func TestActivity_LogWithPhoto(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newActivityFixture(t, "Kecamatan Asemrowo")
		staf := f.login(t, f.StafA)

		res := staf.get("/activities")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="nav-activities"`, `id="activity-form"`, `enctype="multipart/form-data"`,
			`name="date" type="date" value="`+kinerja.Today(db.Now()).String()+`"`, `max="`+kinerja.Today(db.Now()).String()+`"`,
			// The unit of the output is the RHK's kuantitas target's, shown with it, never typed.
			`<option value="`+itoa(f.stafRHK.ID)+`" selected>1. Terlayaninya perekaman KTP-el warga (satuan output: berkas)</option>`,
			`name="description"`, `name="output"`, `name="minutes"`,
			`type="file" accept="image/*,application/pdf"`, `id="log-activity-button"`, `id="no-activities"`)
		res.wantNoBody(t, `id="nav-verify"`)

		photo := pngPhoto(t)
		res = staf.postFile("/activities", f.activityForm("Memverifikasi berkas KTP-el warga RW 03", "3"), "IMG_20260105.png", photo)
		res.wantRedirect(t, "/activities?ok=activity_logged")
		list := f.stafActivities(t)
		if len(list) != 1 || len(list[0].Evidence) != 1 {
			t.Fatalf("after logging: %d activities with %v; want one with its photo", len(list), list)
		}
		a, ev := list[0], list[0].Evidence[0]
		if a.Status != kinerja.ActivityPending || a.Output != 3 || a.Minutes != 45 || ev.ContentType != "image/png" || ev.Filename != "IMG_20260105.png" {
			t.Errorf("logged %+v with %+v; want pending, 3 berkas, 45 minutes, a PNG named IMG_20260105.png", a, ev)
		}
		res = staf.get("/activities?ok=activity_logged")
		res.wantBody(t, "Aktivitas dicatat", `id="activity-list"`, `id="activity-`+itoa(a.ID)+`"`,
			`id="activity-status-`+itoa(a.ID)+`">Menunggu<`, "Memverifikasi berkas KTP-el warga RW 03", "3 berkas",
			`href="/evidence/`+itoa(ev.ID)+`"`, "IMG_20260105.png", `id="edit-activity-`+itoa(a.ID)+`"`)
		res.wantNoBody(t, `name="unit"`)

		// The file is stored once, by its hash, outside the database.
		if _, err := os.Stat(filepath.Join(srv.blobs.Dir, ev.SHA256[:2], ev.SHA256[2:4], ev.SHA256)); err != nil {
			t.Errorf("the photo is not in the store by its hash: %v", err)
		}

		download := func(c *client) *response {
			t.Helper()
			return c.get("/evidence/" + itoa(ev.ID))
		}
		res = download(staf)
		res.wantStatus(t, http.StatusOK)
		if res.Body != string(photo) {
			t.Errorf("the downloaded photo differs from the uploaded one (%d bytes; want %d)", len(res.Body), len(photo))
		}
		for header, want := range map[string]string{
			"Content-Type":            "image/png",
			"Content-Disposition":     `attachment; filename="IMG_20260105.png"`,
			"X-Content-Type-Options":  "nosniff",
			"Content-Security-Policy": "sandbox; default-src 'none'",
		} {
			if got := res.Header.Get(header); got != want {
				t.Errorf("GET /evidence/%d %s = %q; want %q", ev.ID, header, got, want)
			}
		}
		download(f.login(t, f.KasiA)).wantStatus(t, http.StatusOK)
		download(f.login(t, f.Camat)).wantStatus(t, http.StatusOK)
		res = download(f.login(t, f.KasiB))
		res.wantStatus(t, http.StatusForbidden)
		res.wantNoBody(t, string(photo[:8]))
		srv.client(t).get("/evidence/"+itoa(ev.ID)).wantStatus(t, http.StatusSeeOther)
		staf.get("/evidence/999999").wantStatus(t, http.StatusNotFound)
	})
}

// TestActivity_FormErrors shows refused input next to its field, and saves nothing when
// the file is refused.
func TestActivity_FormErrors(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newActivityFixture(t, "Kecamatan Asemrowo")
		staf := f.login(t, f.StafA)
		tomorrow := kinerja.Today(db.Now()).AddDate(0, 0, 1).String()
		form := func(change func(v url.Values)) url.Values {
			v := f.activityForm("Menginput data kependudukan", "2")
			change(v)
			return v
		}

		tests := []struct {
			name     string
			values   url.Values
			filename string
			file     []byte
			field    string
			msg      string
		}{
			{"tomorrow", form(func(v url.Values) { v.Set("date", tomorrow) }), "", nil, "date", kinerja.MsgActivityFuture},
			{"bad date", form(func(v url.Values) { v.Set("date", "5 Januari") }), "", nil, "date", kinerja.MsgActivityDate},
			{"no RHK", form(func(v url.Values) { v.Del("result_id") }), "", nil, "result_id", kinerja.MsgActivityResult},
			{"RHK of someone else", form(func(v url.Values) { v.Set("result_id", itoa(f.kasiRHK.ID)) }), "", nil, "result_id", kinerja.MsgActivityResult},
			{"no description", form(func(v url.Values) { v.Set("description", " ") }), "", nil, "description", kinerja.MsgActivityText},
			{"output not a number", form(func(v url.Values) { v.Set("output", "tiga") }), "", nil, "output", kinerja.MsgActivityOutput},
			{"too many minutes", form(func(v url.Values) { v.Set("minutes", "2000") }), "", nil, "minutes", kinerja.MsgActivityMinutes},
			{"executable renamed .pdf", form(func(url.Values) {}), "laporan.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xffThis program cannot be run in DOS mode"),
				"file", kinerja.MsgEvidenceType},
			{"script renamed .png", form(func(url.Values) {}), "foto.png", []byte("#!/bin/sh\nrm -rf /\n"), "file", kinerja.MsgEvidenceType},
			{"tomorrow and an executable", form(func(v url.Values) { v.Set("date", tomorrow) }), "a.pdf", []byte("\x7fELF\x02\x01\x01"), "file", kinerja.MsgEvidenceType},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res := staf.postFile("/activities", tt.values, tt.filename, tt.file)
				res.wantFieldError(t, tt.field, tt.msg)
				res.wantBody(t, `id="error-summary"`, ">"+htmlEscape(tt.values.Get("description"))+"</textarea>")
			})
		}
		// Both messages at once: the date and the file.
		res := staf.postFile("/activities", form(func(v url.Values) { v.Set("date", tomorrow) }), "a.pdf", []byte("\x7fELF\x02\x01\x01"))
		res.wantFieldError(t, "date", kinerja.MsgActivityFuture)
		if n := len(f.stafActivities(t)); n != 0 {
			t.Errorf("after refused forms Staf A has %d activities; want none saved", n)
		}
		// Nothing refused stays in the file store either.
		filepath.WalkDir(srv.blobs.Dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				t.Errorf("the file store keeps %s after refused uploads", path)
			}
			return nil
		})

		// A file over the organisation's limit is refused with a clear message.
		limit := kinerja.DefaultSettings(f.ID)
		limit.EvidenceMaxBytes = 1 << 20
		if _, err := db.UpdateSettings(f.Admin, limit); err != nil {
			t.Fatal(err)
		}
		big := append(pngPhoto(t), bytes.Repeat([]byte{0}, 1<<20)...)
		res = staf.postFile("/activities", form(func(url.Values) {}), "besar.png", big)
		res.wantFieldError(t, "file", kinerja.MsgEvidenceTooLarge)
		res.wantBody(t, "paling besar 1 MB")
		if n := len(f.stafActivities(t)); n != 0 {
			t.Errorf("after a too large file Staf A has %d activities; want none", n)
		}

		// An account without an employee record cannot log.
		admin := f.loginAdmin(t)
		admin.get("/activities").wantBody(t, `id="no-employee"`)
		admin.post("/activities", f.activityForm("x", "1")).wantStatus(t, http.StatusUnprocessableEntity)

		// A staff member without an SKP for the year is sent to make one.
		stafB := f.login(t, f.addEmployee(t, "Budi Santoso", "seksi.b", "kasi.b"))
		res = stafB.get("/activities")
		res.wantBody(t, `id="activity-no-skp"`, `href="/skp"`)
		res.wantNoBody(t, `id="activity-form"`)
	})
}

// TestVerify_RejectFixApprove goes through the verification queue: another team's
// supervisor is refused, the direct supervisor rejects with a reason, the employee fixes the
// activity, and the supervisor approves it in bulk with another.
func TestVerify_RejectFixApprove(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newActivityFixture(t, "Kecamatan Asemrowo")
		// The first one was logged ten days ago and has waited past the SLA.
		realNow := db.Now
		db.Now = func() time.Time { return realNow().AddDate(0, 0, -10) }
		first := f.mustLog(t, "Memproses pengantar pindah datang", 2)
		db.Now = realNow
		second := f.mustLog(t, "Menginput data kependudukan", 3)
		staf := f.login(t, f.StafA)
		kasi := f.login(t, f.KasiA)
		one, two := itoa(first.ID), itoa(second.ID)

		res := kasi.get("/")
		res.wantBody(t, `id="nav-verify"`, `id="verify-count">2<`, `id="queue-count">2<`, `id="queue-overdue">1<`, `id="queue-overdue-help"`)
		res = kasi.get("/activities/verify")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="verify-table"`, `id="select-`+one+`" name="ids" value="`+one+`" form="approve-form"`,
			`id="approve-selected-button"`, `id="reject-form-`+one+`"`, `id="reject-button-`+one+`"`, `name="reason"`,
			f.StafA.Name, "Memproses pengantar pindah datang", "Terlayaninya perekaman KTP-el warga",
			`id="queue-`+one+`" class="row-overdue"`, `id="activity-overdue-`+one+`"`, `id="verify-overdue"`)
		if i, j := strings.Index(res.Body, `id="queue-`+one+`"`), strings.Index(res.Body, `id="queue-`+two+`"`); i < 0 || j < i {
			t.Errorf("the queue does not show the oldest activity first")
		}

		// Someone else's supervisor is refused; so is the employee themself.
		kasiB := f.login(t, f.KasiB)
		kasiB.get("/activities/verify").wantBody(t, `id="verify-empty"`)
		kasiB.post("/activities/approve", url.Values{"ids": {one}}).wantStatus(t, http.StatusForbidden)
		kasiB.post("/activities/"+one+"/reject", url.Values{"reason": {"Tidak jelas"}}).wantStatus(t, http.StatusForbidden)
		staf.post("/activities/approve", url.Values{"ids": {one}}).wantStatus(t, http.StatusForbidden)
		if a, _ := db.FindActivityByID(f.StafACtx, first.ID); a.Status != kinerja.ActivityPending {
			t.Fatalf("after refused verifications the activity is %s; want pending", a.Status)
		}

		// Nothing ticked, or no reason: the queue says so.
		res = kasi.post("/activities/approve", url.Values{})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="error-summary"`, kinerja.MsgActivityNone)
		res = kasi.post("/activities/"+one+"/reject", url.Values{"reason": {"  "}})
		res.wantFieldError(t, "reason-"+one, kinerja.MsgActivityReason)

		const reason = "Lampirkan foto berkas pengantar yang sudah ditandatangani."
		kasi.post("/activities/"+one+"/reject", url.Values{"reason": {reason}}).wantRedirect(t, "/activities/verify?ok=activity_rejected")
		res = kasi.get("/activities/verify?ok=activity_rejected")
		res.wantBody(t, "dikembalikan", `id="verify-count">1<`)
		res.wantNoBody(t, `id="queue-`+one+`"`)

		// The employee sees the reason, is told, and fixes the activity with a photo.
		sqldbtest.Deliver(t, db)
		res = staf.get("/activities")
		res.wantBody(t, `id="activity-status-`+one+`">Ditolak<`, `id="activity-reason-`+one+`">`, htmlEscape(reason), `id="edit-activity-`+one+`"`)
		staf.get("/notifications").wantBody(t, "Aktivitas Anda ditolak atasan: Memproses pengantar pindah datang", `value="/activities/`+one+`"`)
		res = staf.get("/activities/" + one)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="rejected"`, htmlEscape(reason), `id="activity-edit-form"`, `id="save-activity-button"`,
			">Memproses pengantar pindah datang</textarea>", `name="output" type="text" value="2"`)
		fix := f.activityForm("Memproses pengantar pindah datang (berkas lengkap)", "2")
		fix.Set("date", first.Date.String())
		staf.postFile("/activities/"+one, fix, "pengantar.jpg", nil).wantRedirect(t, "/activities/"+one+"?ok=activity_updated")
		staf.postFile("/activities/"+one, fix, "pengantar.png", pngPhoto(t)).wantRedirect(t, "/activities/"+one+"?ok=activity_updated")
		a, err := db.FindActivityByID(f.StafACtx, first.ID)
		if err != nil || a.Status != kinerja.ActivityPending || len(a.Evidence) != 1 || a.Description != "Memproses pengantar pindah datang (berkas lengkap)" {
			t.Fatalf("after the fix: %+v, %v; want pending again with the new text and one photo", a, err)
		}
		// Someone else may look at it but not change it.
		kasi.get("/activities/"+one).wantNoBody(t, `id="activity-edit-form"`)
		kasi.postFile("/activities/"+one, fix, "", nil).wantStatus(t, http.StatusForbidden)
		kasiB.get("/activities/"+one).wantStatus(t, http.StatusForbidden)

		// The Kasi approves both at once.
		res = kasi.get("/activities/verify")
		res.wantBody(t, `id="select-`+one+`"`, `id="select-`+two+`"`)
		kasi.post("/activities/approve", url.Values{"ids": {one, two}}).wantRedirect(t, "/activities/verify?ok=activities_approved")
		kasi.get("/activities/verify?ok=activities_approved").wantBody(t, "disetujui", `id="verify-empty"`, `id="verify-count">0<`)
		kasi.post("/activities/approve", url.Values{"ids": {one}}).wantStatus(t, http.StatusConflict)

		res = staf.get("/activities")
		res.wantBody(t, `id="activity-status-`+one+`">Disetujui<`, `id="activity-status-`+two+`">Disetujui<`)
		res.wantNoBody(t, `id="edit-activity-`+one+`"`, `id="activity-reason-`+one+`"`)
		staf.get("/activities/"+one).wantBody(t, `id="activity-locked"`)
		staf.postFile("/activities/"+one, fix, "", nil).wantStatus(t, http.StatusConflict)
		staf.get("/activities/"+one+"/delete").wantStatus(t, http.StatusConflict)
		staf.post("/activities/"+one+"/delete", nil).wantStatus(t, http.StatusConflict)
		sqldbtest.Deliver(t, db)
		staf.get("/notifications").wantBody(t, "2 aktivitas Anda disetujui atasan.", `value="/activities?status=approved"`)
	})
}

// TestActivity_EditDelete edits a pending activity and deletes it after confirmation.
func TestActivity_EditDelete(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newActivityFixture(t, "Kecamatan Asemrowo")
		a := f.mustLog(t, "Mengarsipkan surat masuk", 1)
		id := itoa(a.ID)
		staf := f.login(t, f.StafA)

		// A plain form (without a file) works too, and a bad value is shown next to its field.
		bad := f.activityForm("Mengarsipkan surat masuk", "1,5")
		bad.Set("minutes", "-5")
		staf.post("/activities/"+id, bad).wantFieldError(t, "minutes", kinerja.MsgActivityMinutes)
		staf.post("/activities/"+id, f.activityForm("Mengarsipkan surat masuk dan keluar", "1,5")).wantRedirect(t, "/activities/"+id+"?ok=activity_updated")
		if got, _ := db.FindActivityByID(f.StafACtx, a.ID); got.Output != 1.5 || got.Description != "Mengarsipkan surat masuk dan keluar" {
			t.Errorf("after editing: %+v; want output 1.5 and the new text", got)
		}
		staf.get("/activities").wantBody(t, "1,5 berkas")

		res := staf.get("/activities/" + id + "/delete")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="confirm-delete-activity-button"`, "Mengarsipkan surat masuk dan keluar")
		f.login(t, f.KasiA).post("/activities/"+id+"/delete", nil).wantStatus(t, http.StatusForbidden)
		staf.post("/activities/"+id+"/delete", nil).wantRedirect(t, "/activities?ok=activity_deleted")
		staf.get("/activities/"+id).wantStatus(t, http.StatusNotFound)
		staf.get("/activities/abc").wantStatus(t, http.StatusNotFound)
		staf.get("/activities?status=raja").wantStatus(t, http.StatusNotFound)
	})
}

// TestRealisation shows the sum of approved outputs against the kuantitas target as a bar,
// and keeps the employee's note.
func TestRealisation(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newActivityFixture(t, "Kecamatan Asemrowo")
		a1 := f.mustLog(t, "Memverifikasi berkas", 3)
		a2 := f.mustLog(t, "Memverifikasi berkas lagi", 4.5)
		f.mustLog(t, "Belum diverifikasi", 100)
		if _, err := db.ApproveActivities(f.KasiACtx, []int64{a1.ID, a2.ID}); err != nil {
			t.Fatal(err)
		}
		full, err := db.FindSKPByID(f.StafACtx, f.stafSKP.ID)
		if err != nil {
			t.Fatal(err)
		}
		quantity := full.Results[0].Indicators[0]
		qid := itoa(quantity.ID)
		staf := f.login(t, f.StafA)

		staf.get(skpPath(f.stafSKP, "")).wantBody(t, `id="realisation-link"`)
		res := staf.get(skpPath(f.stafSKP, "/realisation"))
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="realisation-title"`, `id="realised-value-`+qid+`">7,5</strong> berkas`,
			// The quarter of today is judged against a quarter of the yearly target of 10.
			`id="period-target-`+qid+`">· target periode ini: 2,5 berkas`,
			`<progress id="progress-`+qid+`" max="100" value="100"`, `id="percent-`+qid+`">300 %`,
			`id="note-form-`+qid+`"`, "Tahun "+itoa(int64(f.period.Year)))

		// The note is kept per period; the supervisor reads it.
		year := itoa(int64(f.period.Year))
		res = staf.post(skpPath(f.stafSKP, "/realisation"), url.Values{"indicator_id": {qid}, "period": {year}, "note": {strings.Repeat("x", 2001)}})
		res.wantFieldError(t, "note-"+qid, "Catatan paling banyak 2.000 karakter.")
		res = staf.post(skpPath(f.stafSKP, "/realisation"), url.Values{"indicator_id": {qid}, "period": {year}, "note": {"Berkas RW 03 selesai."}})
		res.wantRedirect(t, skpPath(f.stafSKP, "/realisation?period="+year+"&ok=note_saved"))
		staf.get(skpPath(f.stafSKP, "/realisation?period="+year+"&ok=note_saved")).wantBody(t, "Catatan realisasi disimpan", ">Berkas RW 03 selesai.</textarea>")
		res = f.login(t, f.KasiA).get(skpPath(f.stafSKP, "/realisation?period="+year))
		res.wantBody(t, `id="note-`+qid+`">Berkas RW 03 selesai.<`)
		res.wantNoBody(t, `id="note-form-`+qid+`"`)
		f.login(t, f.KasiA).post(skpPath(f.stafSKP, "/realisation"), url.Values{"indicator_id": {qid}, "period": {year}, "note": {"x"}}).
			wantStatus(t, http.StatusForbidden)
		staf.get(skpPath(f.stafSKP, "/realisation?period=2001-Q9")).wantStatus(t, http.StatusNotFound)
		f.login(t, f.KasiB).get(skpPath(f.stafSKP, "/realisation")).wantStatus(t, http.StatusForbidden)
	})
}

// TestSettings saves the organisation's rules and its holidays.
func TestSettings(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newActivityFixture(t, "Kecamatan Asemrowo")
		admin := f.loginAdmin(t)
		res := admin.get("/admin/settings")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="nav-settings"`, `name="activity_deadline_days" type="text" value="3"`,
			`name="verification_sla_days" type="text" value="5"`, `name="evidence_max_mb" type="text" value="10"`, `id="no-holidays"`)
		f.login(t, f.StafA).get("/admin/settings").wantStatus(t, http.StatusForbidden)

		bad := settingsForm("activity_deadline_days", "2", "verification_sla_days", "0", "evidence_max_mb", "80")
		res = admin.post("/admin/settings", bad)
		res.wantFieldError(t, "verification_sla_days", "Batas verifikasi harus 1–60 hari kerja.")
		res.wantFieldError(t, "evidence_max_mb", "Batas ukuran bukti dukung harus 1–50 MB.")
		res = admin.post("/admin/settings", settingsForm("activity_deadline_days", "dua", "verification_sla_days", "4", "evidence_max_mb", "5"))
		res.wantFieldError(t, "activity_deadline_days", "Batas pencatatan harus 0–60 hari kerja.")
		admin.post("/admin/settings", settingsForm("activity_deadline_days", "2", "verification_sla_days", "4", "evidence_max_mb", "5")).
			wantRedirect(t, "/admin/settings?ok=settings_saved")
		s, err := db.FindSettings(f.Admin, f.ID)
		if err != nil || s.ActivityDeadlineDays != 2 || s.VerificationSLADays != 4 || s.EvidenceMaxBytes != 5<<20 {
			t.Errorf("settings = %+v, %v; want 2, 4, 5 MB", s, err)
		}
		f.login(t, f.StafA).get("/activities").wantBody(t, "paling besar 5 MB")

		year := time.Now().Year()
		day := kinerja.NewDate(year, 8, 17).String()
		admin.post("/admin/settings/holidays", url.Values{"date": {day}, "name": {""}}).
			wantFieldError(t, "holiday-name", "Nama hari libur wajib diisi (paling banyak 200 karakter).")
		admin.post("/admin/settings/holidays", url.Values{"date": {"17-08"}, "name": {"HUT RI"}}).wantFieldError(t, "holiday-date", kinerja.MsgBadDate)
		admin.post("/admin/settings/holidays", url.Values{"date": {day}, "name": {"Hari Kemerdekaan RI"}}).
			wantRedirect(t, "/admin/settings?year="+itoa(int64(year))+"&ok=holiday_saved")
		admin.get("/admin/settings?year="+itoa(int64(year))).wantBody(t, `id="holiday-`+day+`"`, "Hari Kemerdekaan RI", "17 Agu "+itoa(int64(year)))
		res = admin.get("/admin/settings/holidays/" + day + "/delete")
		res.wantBody(t, `id="confirm-delete-holiday-button"`, "Hari Kemerdekaan RI")
		admin.post("/admin/settings/holidays/"+day+"/delete", nil).wantRedirect(t, "/admin/settings?year="+itoa(int64(year))+"&ok=holiday_deleted")
		admin.get("/admin/settings/holidays/"+day+"/delete").wantStatus(t, http.StatusNotFound)
	})
}

// TestActivityPages_Render visits the pages of this stage in both languages.
func TestActivityPages_Render(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newActivityFixture(t, "Kecamatan Asemrowo")
		a := f.mustLog(t, "Menyiapkan bahan rapat", 1)
		b := f.mustLog(t, "Menyusun notulen", 1)
		if _, err := db.RejectActivity(f.KasiACtx, b.ID, "Lengkapi notulen."); err != nil {
			t.Fatal(err)
		}
		ids := messageIDs(t)
		for _, lang := range kinerja.Locales {
			staf, kasi, admin := f.login(t, f.StafA), f.login(t, f.KasiA), f.loginAdmin(t)
			for _, c := range []*client{staf, kasi, admin} {
				c.header.Set("Accept-Language", lang)
			}
			pages := []struct {
				c      *client
				path   string
				status int
			}{
				{staf, "/", http.StatusOK},
				{staf, "/activities?ok=activity_logged", http.StatusOK},
				{staf, "/activities?status=rejected&page=1", http.StatusOK},
				{staf, "/activities?page=9", http.StatusOK},
				{staf, "/activities/" + itoa(a.ID), http.StatusOK},
				{staf, "/activities/" + itoa(b.ID), http.StatusOK},
				{staf, "/activities/" + itoa(a.ID) + "/delete", http.StatusOK},
				{staf, skpPath(f.stafSKP, "/realisation?ok=note_saved"), http.StatusOK},
				{staf, "/activities/verify", http.StatusOK},
				{kasi, "/", http.StatusOK},
				{kasi, "/activities/verify?ok=activities_approved", http.StatusOK},
				{kasi, "/activities/" + itoa(a.ID), http.StatusOK},
				{admin, "/admin/settings?ok=settings_saved", http.StatusOK},
				{admin, "/activities", http.StatusOK},
			}
			for _, p := range pages {
				res := p.c.get(p.path)
				res.wantStatus(t, p.status)
				res.wantRendered(t, lang, ids)
			}
		}
	})
}
