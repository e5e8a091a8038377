package sqldb_test

import (
	"context"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func rhk(text string, parent *int64) kinerja.ResultInput {
	return kinerja.ResultInput{Kind: kinerja.ResultMain, Text: text, ParentResultID: parent, Indicators: []kinerja.IndicatorInput{
		{Aspect: kinerja.AspectQuantity, Text: "Jumlah laporan", Target: "12", Unit: "laporan"},
		{Aspect: kinerja.AspectQuality, Text: "Laporan diterima tanpa revisi", Target: "95,5", Unit: "%"},
		{Aspect: kinerja.AspectTime, Text: "Tepat waktu", Target: "12", Unit: "bulan"},
	}}
}

func TestSKPCascadeAndWorkflow(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		period, err := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		if err != nil || period.Cadence != kinerja.CadenceQuarterly || period.Start != kinerja.NewDate(2026, 1, 1) {
			t.Fatalf("CreatePeriod = %+v, %v", period, err)
		}
		if _, err := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026}); kinerja.ErrorCode(err) != kinerja.ECONFLICT {
			t.Errorf("second period for 2026: %v; want conflict", err)
		}
		mk := func(ctx context.Context, e *kinerja.Employee) *kinerja.SKP {
			s, err := db.CreateSKP(ctx, e.ID, period.ID, kinerja.ApproachQuantitative)
			if err != nil {
				t.Fatalf("CreateSKP %s: %v", e.Name, err)
			}
			return s
		}
		camat, kasi, staf := mk(o.CamatCtx, o.Camat), mk(o.KasiACtx, o.KasiA), mk(o.StafACtx, o.StafA)
		if kasi.Appraiser == nil || kasi.Appraiser.Name != o.Camat.Name || kasi.Employee.NIP != o.KasiA.NIP || kasi.Form != kinerja.FormJAJF {
			t.Errorf("kasi SKP snapshot = %+v, appraiser %+v", kasi.Employee, kasi.Appraiser)
		}
		if _, err := db.CreateSKP(o.KasiACtx, o.StafA.ID, period.ID, ""); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("kasi creating staff's SKP: %v; want forbidden", err)
		}

		top, err := db.AddResult(o.CamatCtx, camat.ID, rhk("Meningkatnya kualitas pelayanan publik kecamatan", nil))
		if err != nil {
			t.Fatalf("camat RHK (top, no parent): %v", err)
		}
		other, _ := db.AddResult(o.KasiBCtx, mk(o.KasiBCtx, o.KasiB).ID, rhk("Data kesejahteraan mutakhir", &top.ID))
		tests := []struct {
			name  string
			in    kinerja.ResultInput
			field string
		}{
			{"utama without parent", rhk("Layanan administrasi kependudukan", nil), "parent_result_id"},
			{"parent of another section", rhk("Layanan administrasi kependudukan", &other.ID), "parent_result_id"},
			{"non-numeric target", func() kinerja.ResultInput {
				in := rhk("Layanan", &top.ID)
				in.Indicators[0].Target = "dua belas"
				return in
			}(), "indicators.0.target"},
			{"duplicate aspect", func() kinerja.ResultInput {
				in := rhk("Layanan", &top.ID)
				in.Indicators[1].Aspect = kinerja.AspectQuantity
				return in
			}(), "indicators.1.aspect"},
		}
		for _, tt := range tests {
			if _, err := db.AddResult(o.KasiACtx, kasi.ID, tt.in); kinerja.ErrorCode(err) != kinerja.EINVALID || kinerja.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s: AddResult = %v; want invalid on %s", tt.name, err, tt.field)
			}
		}
		kasiRHK, err := db.AddResult(o.KasiACtx, kasi.ID, rhk("Layanan administrasi kependudukan prima", &top.ID))
		if err != nil || kasiRHK.ParentText != top.Text {
			t.Fatalf("kasi RHK = %+v, %v; want it to show the camat's RHK", kasiRHK, err)
		}

		// The Kasi hands the RHK to the staff member from the matrix.
		got, err := db.AssignResult(o.KasiACtx, kasiRHK.ID, []int64{o.StafA.ID})
		if err != nil || len(got) != 1 || *got[0].ParentResultID != kasiRHK.ID {
			t.Fatalf("AssignResult = %+v, %v", got, err)
		}
		if _, err := db.AssignResult(o.KasiACtx, kasiRHK.ID, []int64{o.StafB.ID}); kinerja.ErrorCode(err) != kinerja.EINVALID {
			t.Errorf("assigning to another team: %v; want invalid", err)
		}
		m, err := db.ResultMatrix(o.KasiACtx, kasi.ID)
		if err != nil || len(m.Rows) != 1 || len(m.Columns) != 1 || len(m.Rows[0].Cell(kasiRHK.ID)) != 1 {
			t.Fatalf("matrix = %+v, %v; want staff row with one RHK under the column", m, err)
		}

		// Workflow: submit, wrong approvers, return, resubmit, approve, then read-only.
		if _, err := db.SubmitSKP(o.StafACtx, staf.ID); err != nil {
			t.Fatalf("SubmitSKP: %v", err)
		}
		if _, err := db.ApproveSKP(o.StafACtx, staf.ID); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("approving own SKP: %v; want forbidden", err)
		}
		if _, err := db.ApproveSKP(o.KasiBCtx, staf.ID); kinerja.ErrorCode(err) == "" {
			t.Errorf("another team's Kasi approved")
		}
		if _, err := db.ReturnSKP(o.KasiACtx, staf.ID, " "); kinerja.ErrorFields(err)["note"] == "" {
			t.Errorf("return without a note: %v; want an error on note", err)
		}
		if s, err := db.ReturnSKP(o.KasiACtx, staf.ID, "Target kualitas terlalu rendah"); err != nil || s.Status != kinerja.SKPReturned || s.ReturnNote == "" {
			t.Fatalf("ReturnSKP = %+v, %v", s, err)
		}
		sqldbtest.Deliver(t, db)
		notes, unread, _ := db.FindNotifications(o.StafACtx, true, 10)
		if unread != 1 || notes[0].Kind != kinerja.EventSKPReturned {
			t.Errorf("staff notifications = %+v (%d unread); want the return", notes, unread)
		}
		if _, err := db.SubmitSKP(o.StafACtx, staf.ID); err != nil {
			t.Fatalf("resubmit: %v", err)
		}
		if s, err := db.ApproveSKP(o.KasiACtx, staf.ID); err != nil || s.Status != kinerja.SKPApproved {
			t.Fatalf("ApproveSKP = %+v, %v", s, err)
		}
		if _, err := db.AddResult(o.StafACtx, staf.ID, rhk("Tambahan", &kasiRHK.ID)); kinerja.ErrorCode(err) != kinerja.ECONFLICT {
			t.Errorf("editing an approved SKP: %v; want conflict", err)
		}

		// A revision is a new draft version; the approved one stays.
		rev, err := db.ReviseSKP(o.StafACtx, staf.ID)
		if err != nil || rev.Version != 2 || rev.Status != kinerja.SKPDraft || len(rev.Results) != 1 {
			t.Fatalf("ReviseSKP = %+v, %v", rev, err)
		}
		old, _ := db.FindSKPByID(o.StafACtx, staf.ID)
		if old.Current || old.Status != kinerja.SKPApproved {
			t.Errorf("old version = current %v, %s; want approved and not current", old.Current, old.Status)
		}
		list, total, err := db.FindSKPs(o.KasiACtx, kinerja.SKPFilter{PeriodID: period.ID, Team: true})
		if err != nil || total != 1 || list[0].ID != rev.ID {
			t.Errorf("kasi team SKP = %d (%v), %v; want the staff's current version", total, list, err)
		}
	})
}

func TestSKPSubmitNeedsCompleteRHK(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		period, _ := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		s, _ := db.CreateSKP(o.CamatCtx, o.Camat.ID, period.ID, kinerja.ApproachQuantitative)
		if _, err := db.SubmitSKP(o.CamatCtx, s.ID); kinerja.ErrorFields(err)["results"] == "" {
			t.Errorf("submitting an empty SKP: %v; want an error on results", err)
		}
		in := rhk("Pelayanan prima", nil)
		in.Indicators = in.Indicators[:1]
		if _, err := db.AddResult(o.CamatCtx, s.ID, in); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubmitSKP(o.CamatCtx, s.ID); kinerja.ErrorCode(err) != kinerja.EINVALID {
			t.Errorf("submitting without kualitas and waktu: %v; want invalid", err)
		}
		closed := true
		if _, err := db.UpdatePeriod(o.Admin, period.ID, nil, &closed); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddResult(o.CamatCtx, s.ID, rhk("Setelah periode ditutup", nil)); kinerja.ErrorCode(err) != kinerja.ECONFLICT {
			t.Errorf("adding an RHK in a closed period: %v; want conflict", err)
		}
	})
}
