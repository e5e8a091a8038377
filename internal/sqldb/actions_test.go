package sqldb_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// The tests of this file check rules the store once decided inline and now asks the domain.

// TestObjectionReason_Characters checks that the limit of an objection's reason counts
// characters, as its message says, not bytes: a letter of Javanese script takes three.
func TestObjectionReason_Characters(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		period, _ := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		_, top := approvedSKP(t, db, o.CamatCtx, sys, o.Camat, period.ID, nil)
		_, kasiRHK := approvedSKP(t, db, o.KasiACtx, o.CamatCtx, o.KasiA, period.ID, &top)
		staf, _ := approvedSKP(t, db, o.StafACtx, o.KasiACtx, o.StafA, period.ID, &kasiRHK)
		x, err := db.CreateAssessment(o.KasiACtx, staf.ID, "2026-Q1")
		if err != nil {
			t.Fatal(err)
		}
		meets := kinerja.RatingMeets
		if _, err := db.UpdateAssessment(o.KasiACtx, x.ID, kinerja.AssessmentUpdate{ResultRating: &meets, BehaviorRating: &meets}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FinalizeAssessment(o.KasiACtx, x.ID, ""); err != nil {
			t.Fatal(err)
		}
		const letter = "ꦲ" // HA of Javanese script
		tooLong := strings.Repeat(letter, kinerja.MaxObjectionReason+1)
		if _, err := db.ObjectAssessment(o.StafACtx, x.ID, tooLong); kinerja.ErrorFields(err)["reason"] != kinerja.MsgObjectionReason {
			t.Errorf("ObjectAssessment(4001 letters) = %v; want %q on reason", err, kinerja.MsgObjectionReason)
		}
		got, err := db.ObjectAssessment(o.StafACtx, x.ID, strings.Repeat(letter, kinerja.MaxObjectionReason))
		if err != nil || got.Status != kinerja.AssessmentObjected || utf8.RuneCountInString(got.ObjectionReason) != kinerja.MaxObjectionReason {
			t.Errorf("ObjectAssessment(4000 letters, %d bytes) = %v; want objected with the whole reason", kinerja.MaxObjectionReason*len(letter), err)
		}
	})
}

// TestReviseSKP_ClosedYear checks that an approved SKP of a closed year is not revised: the
// draft it would make could never be changed or submitted.
func TestReviseSKP_ClosedYear(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		period, _ := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		camat, _ := approvedSKP(t, db, o.CamatCtx, sys, o.Camat, period.ID, nil)
		closed := true
		if _, err := db.UpdatePeriod(o.Admin, period.ID, nil, &closed); err != nil {
			t.Fatal(err)
		}
		_, err := db.ReviseSKP(o.CamatCtx, camat.ID)
		if kinerja.ErrorCode(err) != kinerja.ECONFLICT || kinerja.ErrorMessage(err) != kinerja.MsgPeriodClosed {
			t.Errorf("ReviseSKP(closed year) = %v; want conflict %q", err, kinerja.MsgPeriodClosed)
		}
		if s, _ := db.FindSKPByID(o.CamatCtx, camat.ID); !s.Current || s.Status != kinerja.SKPApproved {
			t.Errorf("SKP after a refused revision: current %v, %s; want the approved one current", s.Current, s.Status)
		}
		if _, err := db.SetBehaviors(sys, camat.ID, nil); kinerja.ErrorCode(err) != kinerja.ECONFLICT {
			t.Errorf("SetBehaviors(closed year) = %v; want conflict", err)
		}
	})
}

// TestAssignPeers_State checks that peers are chosen only for an active employee in an open
// year, whoever may choose them.
func TestAssignPeers_State(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := mustFeedbackOrg(t, db)
		ids := []int64{o.StafA2.ID, o.StafA3.ID, o.StafB.ID}
		closed := true
		if _, err := db.UpdatePeriod(o.Admin, o.Period.ID, nil, &closed); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AssignPeers(o.KasiACtx, o.Period.ID, o.StafA.ID, ids); kinerja.ErrorMessage(err) != kinerja.MsgPeriodClosed {
			t.Errorf("AssignPeers(closed year) = %v; want %q", err, kinerja.MsgPeriodClosed)
		}
		// Someone who may not choose learns nothing of the period.
		if _, err := db.AssignPeers(o.StafA2Ctx, 1<<40, o.StafA.ID, ids); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("AssignPeers(a colleague, unknown period) = %v; want forbidden", err)
		}
		closed = false
		if _, err := db.UpdatePeriod(o.Admin, o.Period.ID, nil, &closed); err != nil {
			t.Fatal(err)
		}
		in := o.StafA.Input()
		inactive := false
		in.Active, in.InactiveReason = &inactive, kinerja.ReasonPensiun
		if _, err := db.UpdateEmployee(o.Admin, o.StafA.ID, in); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AssignPeers(o.KasiACtx, o.Period.ID, o.StafA.ID, ids); kinerja.ErrorMessage(err) != kinerja.MsgFeedbackInactive {
			t.Errorf("AssignPeers(inactive employee) = %v; want %q", err, kinerja.MsgFeedbackInactive)
		}
	})
}

// TestFindPeerAnswers_Readers checks that named peer answers go to those above the employee
// and the pejabat penilai only: an admin, with full access to every record, reads the
// anonymous summary.
func TestFindPeerAnswers_Readers(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := mustFeedbackOrg(t, db)
		if _, err := db.FindPeerAnswers(o.Admin, o.Period.ID, o.StafA.ID); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("FindPeerAnswers(admin) = %v; want forbidden", err)
		}
		if _, err := db.PeerAggregate(o.Admin, o.Period.ID, o.StafA.ID); err != nil {
			t.Errorf("PeerAggregate(admin) = %v; want the summary", err)
		}
		if _, err := db.FindPeerAnswers(o.CamatCtx, o.Period.ID, o.StafA.ID); err != nil {
			t.Errorf("FindPeerAnswers(camat above) = %v; want the answers", err)
		}
	})
}
