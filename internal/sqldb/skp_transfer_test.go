package sqldb_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// The SKP form follows whether the person heads an independent work unit, not the position
// kind: the Sekretaris Kecamatan (an administrator heading the sekretariat) writes the JA/JF
// form, a lurah (pengawas heading a kelurahan) the JPT form.
func TestSKPFormFollowsIndependentUnit(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := sqldbtest.Build(t, db, sqldbtest.OrgSpec{Name: "Kecamatan Bentuk",
			Units: []sqldbtest.UnitSpec{{Key: "sekretariat", Name: "Sekretariat", Kind: kinerja.UnitSekretariat},
				{Key: "kelurahan", Name: "Kelurahan Tambak", Kind: kinerja.UnitKelurahan},
				{Key: "seksi", Name: "Seksi Pemerintahan"}},
			People: []sqldbtest.PersonSpec{
				{Key: "camat", Name: "Camat", Kind: kinerja.PositionAdministrator, Head: true},
				{Key: "sekcam", Name: "Sekcam", Kind: kinerja.PositionAdministrator, Unit: "sekretariat", Supervisor: "camat", Head: true},
				{Key: "lurah", Name: "Lurah", Kind: kinerja.PositionPengawas, Unit: "kelurahan", Supervisor: "camat", Head: true},
				{Key: "kasi", Name: "Kasi", Kind: kinerja.PositionPengawas, Unit: "seksi", Supervisor: "camat", Head: true},
				{Key: "staf", Name: "Staf", Unit: "seksi", Supervisor: "kasi"},
			}})
		if !f.Root.Independent || !f.Unit("kelurahan").Independent || f.Unit("sekretariat").Independent || f.Unit("seksi").Independent {
			t.Errorf("independent: root %v kelurahan %v sekretariat %v seksi %v; want true true false false",
				f.Root.Independent, f.Unit("kelurahan").Independent, f.Unit("sekretariat").Independent, f.Unit("seksi").Independent)
		}
		period, err := db.CreatePeriod(f.Admin, kinerja.NewPeriod{Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			key  string
			want kinerja.SKPForm
		}{{"camat", kinerja.FormJPT}, {"sekcam", kinerja.FormJAJF}, {"lurah", kinerja.FormJPT}, {"kasi", kinerja.FormJAJF}, {"staf", kinerja.FormJAJF}} {
			s, err := db.CreateSKP(f.Admin, f.Employee(tc.key).ID, period.ID, "")
			if err != nil {
				t.Fatalf("CreateSKP(%s): %v", tc.key, err)
			}
			if s.Form != tc.want {
				t.Errorf("form of %s = %s; want %s", tc.key, s.Form, tc.want)
			}
		}
		// An admin makes the sekretariat independent: the flag is kept and audited.
		yes := true
		u, err := db.UpdateUnit(f.Admin, f.Unit("sekretariat").ID, kinerja.UnitUpdate{Independent: &yes})
		if err != nil || !u.Independent {
			t.Fatalf("UpdateUnit(independent) = %+v, %v", u, err)
		}
	})
}

// A mid-year transfer closes the approved SKP the day before the move and lets a new one
// start for the rest of the year with the new appraiser and unit.
func TestSKPTransferStartsNewSKP(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Mutasi")
		period, err := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		kasi, err := db.CreateSKP(o.KasiACtx, o.KasiA.ID, period.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		top, err := db.AddResult(o.KasiACtx, kasi.ID, rhk("Layanan pemerintahan tertib", &camatRHK(t, db, o, period.ID).ID))
		if err != nil {
			t.Fatal(err)
		}
		old, err := db.CreateSKP(o.StafACtx, o.StafA.ID, period.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddResult(o.StafACtx, old.ID, rhk("Surat keterangan selesai tepat waktu", &top.ID)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubmitSKP(o.StafACtx, old.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ApproveSKP(o.KasiACtx, old.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateSKP(o.StafACtx, o.StafA.ID, period.ID, ""); kinerja.ErrorCode(err) != kinerja.ECONFLICT {
			t.Fatalf("second SKP without a transfer: %v; want conflict", err)
		}

		moved := kinerja.NewDate(2026, 7, 1)
		if _, err := db.PatchEmployee(o.Admin, o.StafA.ID, func(in *kinerja.EmployeeInput) error {
			in.UnitID, in.SupervisorID, in.AppraiserID, in.EffectiveDate = o.SeksiB.ID, &o.KasiB.ID, &o.KasiB.ID, moved
			return nil
		}); err != nil {
			t.Fatalf("transfer: %v", err)
		}
		closed, err := db.FindSKPByID(o.StafACtx, old.ID)
		if err != nil {
			t.Fatal(err)
		}
		if closed.Status != kinerja.SKPApproved || closed.EndDate != kinerja.NewDate(2026, 6, 30) || !closed.Current ||
			closed.AppraiserID == nil || *closed.AppraiserID != o.KasiA.ID || closed.Employee.Unit != o.SeksiA.Name {
			t.Errorf("closed SKP = status %s end %s current %v appraiser %v unit %q; want approved, 2026-06-30, current, Kasi A, %q",
				closed.Status, closed.EndDate, closed.Current, closed.AppraiserID, closed.Employee.Unit, o.SeksiA.Name)
		}

		next, err := db.CreateSKP(o.StafACtx, o.StafA.ID, period.ID, "")
		if err != nil {
			t.Fatalf("new SKP after the transfer: %v", err)
		}
		if next.StartDate != moved || !next.EndDate.IsZero() || next.AppraiserID == nil || *next.AppraiserID != o.KasiB.ID ||
			next.Employee.Unit != o.SeksiB.Name || next.Status != kinerja.SKPDraft {
			t.Errorf("new SKP = start %s end %s appraiser %v unit %q status %s; want from %s, Kasi B, %q, draft",
				next.StartDate, next.EndDate, next.AppraiserID, next.Employee.Unit, next.Status, moved, o.SeksiB.Name)
		}
		if _, err := db.CreateSKP(o.StafACtx, o.StafA.ID, period.ID, ""); kinerja.ErrorCode(err) != kinerja.ECONFLICT {
			t.Errorf("third SKP: %v; want conflict", err)
		}
		// The curve counts a person once, whatever number of SKP the transfer left them.
		before, err := db.UnitDistribution(o.Admin, o.ID, "2026-Q3")
		if err != nil {
			t.Fatal(err)
		}
		if before.Total != 2 {
			t.Errorf("distribution of the kecamatan counts %d people; want 2 (Kasi A and staff A, once)", before.Total)
		}
		if vs, err := db.FindSKPVersions(o.StafACtx, next.ID); err != nil || len(vs) != 1 {
			t.Errorf("versions of the new SKP = %d, %v; want 1", len(vs), err)
		}
		// The closed SKP still follows its own revision chain.
		rev, err := db.ReviseSKP(o.StafACtx, old.ID)
		if err != nil {
			t.Fatalf("revise the closed SKP: %v", err)
		}
		if rev.EndDate != closed.EndDate || *rev.AppraiserID != o.KasiA.ID {
			t.Errorf("revision of the closed SKP = end %s appraiser %v; want %s, Kasi A", rev.EndDate, rev.AppraiserID, closed.EndDate)
		}
		if vs, err := db.FindSKPVersions(o.StafACtx, rev.ID); err != nil || len(vs) != 2 {
			t.Errorf("versions of the revised SKP = %d, %v; want 2", len(vs), err)
		}
		list, _, err := db.FindSKPs(o.Admin, kinerja.SKPFilter{PeriodID: period.ID, EmployeeID: &o.StafA.ID})
		if err != nil || len(list) != 2 {
			t.Errorf("current SKP of Staf A = %d, %v; want 2 (closed and new)", len(list), err)
		}
	})
}

// A transfer before the SKP is approved moves the plan along: it takes the new appraiser.
func TestSKPTransferDraftFollows(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Draf")
		period, err := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		s, err := db.CreateSKP(o.StafACtx, o.StafA.ID, period.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.PatchEmployee(o.Admin, o.StafA.ID, func(in *kinerja.EmployeeInput) error {
			in.UnitID, in.SupervisorID, in.AppraiserID, in.EffectiveDate = o.SeksiB.ID, &o.KasiB.ID, &o.KasiB.ID, kinerja.NewDate(2026, 3, 1)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindSKPByID(o.StafACtx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.EndDate.IsZero() || got.AppraiserID == nil || *got.AppraiserID != o.KasiB.ID || got.Employee.Unit != o.SeksiB.Name {
			t.Errorf("draft after transfer = end %s appraiser %v unit %q; want open, Kasi B, %q", got.EndDate, got.AppraiserID, got.Employee.Unit, o.SeksiB.Name)
		}
	})
}

// camatRHK gives the Camat of o an SKP with one RHK for the Kasi to intervene.
func camatRHK(t *testing.T, db *sqldb.DB, o *sqldbtest.Org, period int64) *kinerja.Result {
	t.Helper()
	s, err := db.CreateSKP(o.CamatCtx, o.Camat.ID, period, "")
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.AddResult(o.CamatCtx, s.ID, rhk("Pelayanan kecamatan prima", nil))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The cadence of a year cannot change once one of its periods has an assessment.
func TestPeriodCadenceLockedByAssessment(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Siklus")
		period, err := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		monthly := kinerja.CadenceMonthly
		if _, err := db.UpdatePeriod(o.Admin, period.ID, &monthly, nil); err != nil {
			t.Fatalf("cadence change without assessments: %v", err)
		}
		quarterly := kinerja.CadenceQuarterly
		if _, err := db.UpdatePeriod(o.Admin, period.ID, &quarterly, nil); err != nil {
			t.Fatal(err)
		}
		kasi, err := db.CreateSKP(o.KasiACtx, o.KasiA.ID, period.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddResult(o.KasiACtx, kasi.ID, rhk("Layanan pemerintahan tertib", &camatRHK(t, db, o, period.ID).ID)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubmitSKP(o.KasiACtx, kasi.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ApproveSKP(o.CamatCtx, kasi.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateAssessment(o.CamatCtx, kasi.ID, "2026-Q1"); err != nil {
			t.Fatalf("CreateAssessment: %v", err)
		}
		_, err = db.UpdatePeriod(o.Admin, period.ID, &monthly, nil)
		if kinerja.ErrorCode(err) != kinerja.ECONFLICT || kinerja.ErrorMessage(err) != kinerja.MsgPeriodCadenceLocked {
			t.Errorf("cadence change after an assessment: %v; want conflict %q", err, kinerja.MsgPeriodCadenceLocked)
		}
		// Closing the year still works, and the SKP due date can be set.
		due := kinerja.NewDate(2026, 2, 15)
		p, err := db.PatchPeriod(o.Admin, period.ID, kinerja.PeriodUpdate{SKPDue: &due})
		if err != nil || p.SKPDue() != due {
			t.Errorf("PatchPeriod(skp_due) = %v, %v", p, err)
		}
		bad := kinerja.NewDate(2027, 1, 31)
		if _, err := db.PatchPeriod(o.Admin, period.ID, kinerja.PeriodUpdate{SKPDue: &bad}); kinerja.ErrorCode(err) != kinerja.EINVALID {
			t.Errorf("skp_due in another year: %v; want invalid", err)
		}
	})
}

// Migrating recomputes the form of current SKP: one made by the old rule (an administrator
// heading a sekretariat got the JPT form) gets the JA/JF form, the head of the kecamatan keeps JPT.
func TestSKPFormMigration(t *testing.T) {
	t.Parallel()
	for _, engine := range sqldbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			dsn := sqldbtest.EmptyDSN(t, engine)
			ctx := context.Background()
			db, err := sqldb.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			db.Logger = slog.New(slog.DiscardHandler)
			if err := db.MigrateTo(ctx, 15); err != nil {
				t.Fatal(err)
			}
			raw := rawStore(t, engine, dsn)
			o, period := oldSchemaOrg(t, raw, "Kecamatan Lama")
			// Kasi A heads the kecamatan here, Staf A nothing; both SKP were written as JPT.
			if _, err := raw.Exec(`UPDATE units SET head_id = $1 WHERE id = $2`, o.KasiA.ID, o.ID); err != nil {
				t.Fatal(err)
			}
			skp := map[int64]int64{}
			for _, e := range []int64{o.KasiA.ID, o.StafA.ID} {
				var id int64
				if err := raw.QueryRow(`INSERT INTO skp (org_id, employee_id, period_id, approach, form, status, employee_snapshot, created_at, updated_at)
					VALUES ($1, $2, $3, 'kuantitatif', 'jpt', 'draft', '{}', $4, $4) RETURNING id`, o.ID, e, period, time.Now().UTC()).Scan(&id); err != nil {
					t.Fatal(err)
				}
				skp[e] = id
			}
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			for e, want := range map[int64]string{o.KasiA.ID: "jpt", o.StafA.ID: "jajf"} {
				var form string
				if err := raw.QueryRow(`SELECT form FROM skp WHERE id = $1`, skp[e]).Scan(&form); err != nil || form != want {
					t.Errorf("form of the SKP of employee %d after migrating = %q, %v; want %s", e, form, err, want)
				}
			}
		})
	}
}

// After a transfer on 1 July the closed SKP is assessed for the quarters before the move and
// the new one for those from it on; each refuses the quarters it does not cover.
func TestAssessmentFollowsTransferredSKP(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Mutasi Nilai")
		period, err := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		camat := camatRHK(t, db, o, period.ID)
		approved := func(who context.Context, employee int64, appraiser context.Context, parent *int64) *kinerja.SKP {
			t.Helper()
			s, err := db.CreateSKP(who, employee, period.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.AddResult(who, s.ID, rhk("Surat keterangan selesai tepat waktu", parent)); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SubmitSKP(who, s.ID); err != nil {
				t.Fatal(err)
			}
			if s, err = db.ApproveSKP(appraiser, s.ID); err != nil {
				t.Fatal(err)
			}
			return s
		}
		kasiA, err := db.CreateSKP(o.KasiACtx, o.KasiA.ID, period.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		topA, err := db.AddResult(o.KasiACtx, kasiA.ID, rhk("Layanan pemerintahan tertib", &camat.ID))
		if err != nil {
			t.Fatal(err)
		}
		kasiB, err := db.CreateSKP(o.KasiBCtx, o.KasiB.ID, period.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		topB, err := db.AddResult(o.KasiBCtx, kasiB.ID, rhk("Layanan kesejahteraan tertib", &camat.ID))
		if err != nil {
			t.Fatal(err)
		}
		old := approved(o.StafACtx, o.StafA.ID, o.KasiACtx, &topA.ID)
		if _, err := db.PatchEmployee(o.Admin, o.StafA.ID, func(in *kinerja.EmployeeInput) error {
			in.UnitID, in.SupervisorID, in.AppraiserID, in.EffectiveDate = o.SeksiB.ID, &o.KasiB.ID, &o.KasiB.ID, kinerja.NewDate(2026, 7, 1)
			return nil
		}); err != nil {
			t.Fatalf("transfer: %v", err)
		}
		next := approved(o.StafACtx, o.StafA.ID, o.KasiBCtx, &topB.ID)
		for _, tc := range []struct {
			name      string
			appraiser context.Context
			skp       int64
			period    string
			ok        bool
		}{
			{"closed SKP, Q1", o.KasiACtx, old.ID, "2026-Q1", true},
			{"closed SKP, Q2", o.KasiACtx, old.ID, "2026-Q2", true},
			{"closed SKP, Q3", o.KasiACtx, old.ID, "2026-Q3", false},
			{"new SKP, Q1", o.KasiBCtx, next.ID, "2026-Q1", false},
			{"new SKP, Q3", o.KasiBCtx, next.ID, "2026-Q3", true},
		} {
			_, err := db.CreateAssessment(tc.appraiser, tc.skp, tc.period)
			if tc.ok && err != nil {
				t.Errorf("%s: CreateAssessment = %v; want created", tc.name, err)
			}
			if !tc.ok && (kinerja.ErrorCode(err) != kinerja.EINVALID || kinerja.ErrorFields(err)["period"] != kinerja.MsgAssessmentOutsideSKP) {
				t.Errorf("%s: CreateAssessment = %v; want refused on period", tc.name, err)
			}
		}
	})
}
