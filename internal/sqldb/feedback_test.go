package sqldb_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// feedbackOrg is sqldbtest.Org with two more staff in Seksi A (under Kasi A), logins for
// every staff member and a period for this year: enough colleagues for peer and upward feedback.
type feedbackOrg struct {
	*sqldbtest.Org
	StafA2, StafA3                 *kinerja.Employee
	StafA2Ctx, StafA3Ctx, StafBCtx context.Context
	Period                         *kinerja.Period
	Year                           int
}

func mustFeedbackOrg(t *testing.T, db *sqldb.DB) *feedbackOrg {
	t.Helper()
	o := &feedbackOrg{Org: sqldbtest.MustCreateOrg(t, db, "Kecamatan Umpan Balik"), Year: kinerja.Today(time.Now()).Year()}
	staf := func(name string) *kinerja.Employee {
		return o.AddPerson(t, sqldbtest.PersonSpec{Name: name, Gender: kinerja.GenderFemale, Grade: "II/c", Unit: "seksi.a", Supervisor: "kasi.a"})
	}
	o.StafA2, o.StafA3 = staf("Bagus Prasetyo"), staf("Citra Kirana")
	o.StafA2Ctx, o.StafA3Ctx, o.StafBCtx = o.As("Bagus Prasetyo"), o.As("Citra Kirana"), o.AddLogin(t, "staf.b", "")
	var err error
	if o.Period, err = db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: o.Year}); err != nil {
		t.Fatalf("create period: %v", err)
	}
	return o
}

// lastNotification delivers the pending events, then returns the kind of the newest
// notification of the user in ctx.
func lastNotification(t *testing.T, db *sqldb.DB, ctx context.Context) string {
	t.Helper()
	sqldbtest.Deliver(t, db)
	notes, _, err := db.FindNotifications(ctx, false, 1)
	if err != nil {
		t.Fatalf("FindNotifications: %v", err)
	}
	if len(notes) == 0 {
		return ""
	}
	return string(notes[0].Kind)
}

func TestContinuousFeedback(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := mustFeedbackOrg(t, db)
		skp, err := db.CreateSKP(o.StafACtx, o.StafA.ID, o.Period.ID, kinerja.ApproachQuantitative)
		if err != nil {
			t.Fatal(err)
		}
		in := rhk("Arsip surat masuk tertata", nil)
		in.Kind = kinerja.ResultAdditional
		res, err := db.AddResult(o.StafACtx, skp.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		otherSKP, _ := db.CreateSKP(o.StafBCtx, o.StafB.ID, o.Period.ID, kinerja.ApproachQuantitative)
		otherRes, err := db.AddResult(o.StafBCtx, otherSKP.ID, in)
		if err != nil {
			t.Fatal(err)
		}

		give := kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, ResultID: &res.ID, Value: "akuntabel", Text: "Arsip bulan ini rapi dan lengkap."}
		first, err := db.CreateFeedback(o.KasiACtx, give)
		if err != nil {
			t.Fatalf("supervisor's feedback: %v", err)
		}
		if first.AuthorName != o.KasiA.Name || first.ResultText != res.Text || first.Kind != kinerja.FeedbackContinuous || first.Year != o.Year {
			t.Errorf("feedback = %+v; want author, RHK text, kind and year", first)
		}
		if got := lastNotification(t, db, o.StafACtx); got != "feedback_given" {
			t.Errorf("staff notification = %q; want feedback_given", got)
		}
		other := kinerja.NewFeedback{AboutEmployeeID: o.StafB.ID, Text: "Terima kasih atas bantuannya."}
		otherThread, err := db.CreateFeedback(o.KasiBCtx, other)
		if err != nil {
			t.Fatal(err)
		}
		otherOrg := sqldbtest.MustCreateOrg(t, db, "Kecamatan Lain")

		ptr := func(v int64) *int64 { return &v }
		tests := []struct {
			name  string
			ctx   context.Context
			in    kinerja.NewFeedback
			code  string
			field string
		}{
			{"camat above gives general feedback", o.CamatCtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Value: "kolaboratif", Text: "Kerja sama lintas seksi baik."}, "", ""},
			{"another team's kasi", o.KasiBCtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Text: "Bagus."}, kinerja.EFORBIDDEN, ""},
			{"a peer", o.StafA2Ctx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Text: "Bagus."}, kinerja.EFORBIDDEN, ""},
			{"the employee about themself", o.StafACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Text: "Saya hebat."}, kinerja.EFORBIDDEN, ""},
			{"the supervisor asking on their behalf", o.KasiACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Text: "Minta?", Request: true}, kinerja.EFORBIDDEN, ""},
			{"another organisation", otherOrg.CamatCtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Text: "Bagus."}, kinerja.EINVALID, "about_employee_id"},
			{"RHK of someone else", o.KasiACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, ResultID: &otherRes.ID, Text: "Bagus."}, kinerja.EINVALID, "result_id"},
			{"unknown value", o.KasiACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Value: "jujur", Text: "Bagus."}, kinerja.EINVALID, "value"},
			{"empty text", o.KasiACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Text: "  "}, kinerja.EINVALID, "text"},
			{"reply in another employee's thread", o.StafACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, ParentID: &otherThread.ID, Text: "Hm."}, kinerja.EINVALID, "parent_id"},
			{"reply to nothing", o.StafACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, ParentID: ptr(1 << 40), Text: "Hm."}, kinerja.EINVALID, "parent_id"},
			{"a request that replies", o.StafACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, ParentID: &first.ID, Request: true, Text: "Hm."}, kinerja.EINVALID, "parent_id"},
		}
		for _, tt := range tests {
			_, err := db.CreateFeedback(tt.ctx, tt.in)
			if kinerja.ErrorCode(err) != tt.code || tt.field != "" && kinerja.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s: CreateFeedback = %v; want %q on %q", tt.name, err, tt.code, tt.field)
			}
		}

		// The thread: the employee replies, the supervisor answers the reply (which joins the
		// thread's first entry), then the employee asks for feedback on their own.
		reply, err := db.CreateFeedback(o.StafACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, ParentID: &first.ID, Text: "Terima kasih, Bu."})
		if err != nil || *reply.ParentID != first.ID {
			t.Fatalf("employee reply = %+v, %v", reply, err)
		}
		if got := lastNotification(t, db, o.KasiACtx); got != "feedback_reply" {
			t.Errorf("supervisor notification = %q; want feedback_reply", got)
		}
		answer, err := db.CreateFeedback(o.KasiACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, ParentID: &reply.ID, Text: "Pertahankan."})
		if err != nil || *answer.ParentID != first.ID {
			t.Fatalf("reply to a reply = %+v, %v; want it under the first entry", answer, err)
		}
		request, err := db.CreateFeedback(o.StafACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Request: true, Text: "Mohon masukan atas laporan triwulan."})
		if err != nil || !request.Request {
			t.Fatalf("request = %+v, %v", request, err)
		}
		if got := lastNotification(t, db, o.KasiACtx); got != "feedback_requested" {
			t.Errorf("supervisor notification = %q; want feedback_requested", got)
		}

		timeline, err := db.FindFeedback(o.StafACtx, o.StafA.ID, o.Year)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range timeline {
			got = append(got, f.Text)
		}
		want := []string{first.Text, reply.Text, answer.Text, "Kerja sama lintas seksi baik.", request.Text}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("timeline = %q; want %q", got, want)
		}
		if list, err := db.FindFeedback(o.StafACtx, o.StafA.ID, o.Year-1); err != nil || len(list) != 0 {
			t.Errorf("last year's timeline = %d entries, %v; want none", len(list), err)
		}
		readers := []struct {
			name string
			ctx  context.Context
			code string
		}{
			{"supervisor", o.KasiACtx, ""},
			{"camat", o.CamatCtx, ""},
			{"admin", o.Admin, ""},
			{"another kasi", o.KasiBCtx, kinerja.EFORBIDDEN},
			{"a peer", o.StafA2Ctx, kinerja.EFORBIDDEN},
			{"another organisation", otherOrg.Admin, kinerja.ENOTFOUND},
		}
		for _, r := range readers {
			list, err := db.FindFeedback(r.ctx, o.StafA.ID, 0)
			if kinerja.ErrorCode(err) != r.code || r.code == "" && len(list) != len(timeline) {
				t.Errorf("%s: FindFeedback = %d entries, %v; want %q", r.name, len(list), err, r.code)
			}
		}
	})
}

// TestFeedbackEvidence: feedback refers only to evidence of the employee it is about. Another
// team's evidence, or an id that is no evidence, is refused on evidence_id and nothing is
// stored, whoever writes.
func TestFeedbackEvidence(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := mustFeedbackOrg(t, db)
		evidenceOf := func(ctx context.Context, e *kinerja.Employee, sha string) *kinerja.Evidence {
			t.Helper()
			skp, err := db.CreateSKP(ctx, e.ID, o.Period.ID, kinerja.ApproachQuantitative)
			if err != nil {
				t.Fatal(err)
			}
			in := rhk("Arsip surat masuk tertata", nil)
			in.Kind = kinerja.ResultAdditional
			res, err := db.AddResult(ctx, skp.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			v, err := db.CreateEvidence(ctx, sqldb.EvidenceTarget{ResultID: &res.ID}, sha, 10, "application/pdf", "laporan.pdf")
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		own := evidenceOf(o.StafACtx, o.StafA, "aa01")
		otherTeam := evidenceOf(o.StafBCtx, o.StafB, "bb01")
		thread, err := db.CreateFeedback(o.KasiACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Text: "Laporan rapi."})
		if err != nil {
			t.Fatal(err)
		}
		stored := func() int {
			t.Helper()
			n := 0
			for _, e := range []*kinerja.Employee{o.StafA, o.StafB} {
				list, err := db.FindFeedback(o.CamatCtx, e.ID, 0)
				if err != nil {
					t.Fatal(err)
				}
				n += len(list)
			}
			return n
		}
		before := stored()

		ptr := func(v int64) *int64 { return &v }
		tests := []struct {
			name string
			ctx  context.Context
			in   kinerja.NewFeedback
		}{
			{"staff asks with another team's evidence", o.StafACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Request: true, EvidenceID: &otherTeam.ID, Text: "Mohon masukan."}},
			{"staff replies with another team's evidence", o.StafACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, ParentID: &thread.ID, EvidenceID: &otherTeam.ID, Text: "Terima kasih."}},
			{"supervisor with another team's evidence", o.KasiACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, EvidenceID: &otherTeam.ID, Text: "Bagus."}},
			{"camat, who may read both, with the other employee's evidence", o.CamatCtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, EvidenceID: &otherTeam.ID, Text: "Bagus."}},
			{"the other team's supervisor with the employee's evidence about their own staff", o.KasiBCtx, kinerja.NewFeedback{AboutEmployeeID: o.StafB.ID, EvidenceID: &own.ID, Text: "Bagus."}},
			{"an id that is no evidence", o.KasiACtx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, EvidenceID: ptr(1 << 40), Text: "Bagus."}},
		}
		for _, tt := range tests {
			_, err := db.CreateFeedback(tt.ctx, tt.in)
			if kinerja.ErrorCode(err) != kinerja.EINVALID || kinerja.ErrorFields(err)["evidence_id"] != kinerja.MsgFeedbackEvidenceOwner {
				t.Errorf("%s: CreateFeedback = %v; want invalid on evidence_id", tt.name, err)
			}
		}
		if got := stored(); got != before {
			t.Errorf("%d feedback entries after the refusals; want %d", got, before)
		}

		for _, ctx := range []context.Context{o.KasiACtx, o.StafACtx} {
			f, err := db.CreateFeedback(ctx, kinerja.NewFeedback{AboutEmployeeID: o.StafA.ID, Request: ctx == o.StafACtx, EvidenceID: &own.ID, Text: "Tentang laporan ini."})
			if err != nil || f.EvidenceID == nil || *f.EvidenceID != own.ID {
				t.Errorf("feedback with the employee's own evidence = %+v, %v", f, err)
			}
		}
	})
}
