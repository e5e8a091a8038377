package web_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestTeamAssessments_SearchAndUnits groups a team spanning two units by unit on the team
// assessment page, finds a member by part of their name or by NIP and filters by progress,
// with the chosen period kept and without JavaScript.
func TestTeamAssessments_SearchAndUnits(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Cari Nilai")
		camat := f.login(t, f.Camat)
		f.startAssessment(t, f.login(t, f.KasiA), f.stafSKP)
		base := "/assessments/team?period=" + f.key
		rowA, rowB, rowKasi := `id="team-`+itoa(f.StafA.ID)+`"`, `id="team-`+itoa(f.StafB.ID)+`"`, `id="team-`+itoa(f.KasiA.ID)+`"`
		res := camat.get(base)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="team-filter"`, `name="q"`, `<select id="status" name="status"`, `name="period" value="`+f.key+`"`,
			`<th scope="colgroup" colspan="5">`, "Seksi Pemerintahan", "Seksi Kesejahteraan Rakyat", rowA, rowB,
			`href="/assessments/team?period=`+f.key+`&amp;status=draft"`)

		for _, q := range []string{"agus", "AGUS SAL", f.StafA.NIP} {
			res := camat.get(base + "&q=" + url.QueryEscape(q))
			res.wantStatus(t, http.StatusOK)
			res.wantBody(t, rowA, `id="filter-reset"`)
			res.wantNoBody(t, rowB, rowKasi)
		}
		// Staff A's assessment is a draft, Staff B's is not started: the filters combine, and
		// the counts stay those of the whole team.
		res = camat.get(base + "&status=draft")
		res.wantBody(t, rowA, `id="count-not_started"><span class="stat-number">3</span>`)
		res.wantNoBody(t, rowB, rowKasi)
		camat.get(base+"&q=agus&status=not_started").wantBody(t, `id="team-empty-filtered"`)
		res = camat.get(base + "&q=rudi&status=not_started")
		res.wantBody(t, rowB)
		res.wantNoBody(t, rowA)
		camat.get(base+"&status=sangat_baik").wantStatus(t, http.StatusUnprocessableEntity)
	})
}

// After a transfer on 1 July the team page offers to start an assessment only on the SKP that
// covers the period: the old Kasi assesses the first quarter on the closed SKP, the new Kasi
// is not offered it on the SKP that starts in July.
func TestTeamAssessments_TransferOffersCoveredSKP(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Mutasi Tim")
		_, kasiBRHK := srv.approveSKP(t, f.KasiBCtx, f.CamatCtx, f.KasiB, f.period.ID, &f.camatRHK)
		moved := kinerja.NewDate(f.period.Year, time.July, 1)
		if _, err := db.PatchEmployee(f.Admin, f.StafA.ID, func(in *kinerja.EmployeeInput) error {
			in.UnitID, in.SupervisorID, in.AppraiserID, in.EffectiveDate = f.SeksiB.ID, &f.KasiB.ID, &f.KasiB.ID, moved
			return nil
		}); err != nil {
			t.Fatalf("transfer: %v", err)
		}
		next, _ := srv.approveSKP(t, f.StafACtx, f.KasiBCtx, f.StafA, f.period.ID, &kasiBRHK)
		start := `id="start-assessment-` + itoa(f.StafA.ID) + `"`
		kasiA, kasiB := f.login(t, f.KasiA), f.login(t, f.KasiB)
		q1 := "/assessments/team?period=" + f.key
		kasiA.get(q1).wantBody(t, start, `value="`+itoa(f.stafSKP.ID)+`"`)
		res := kasiB.get(q1)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="team-`+itoa(f.StafA.ID)+`"`)
		res.wantNoBody(t, start)
		q3, _ := kinerja.FindEvalPeriod(f.period.Year, f.period.Cadence, itoa(int64(f.period.Year))+"-Q3")
		if kinerja.CheckAssessmentOpen(q3, 0, kinerja.Today(time.Now())) == nil {
			kasiB.get("/assessments/team?period="+q3.Key).wantBody(t, start, `value="`+itoa(next.ID)+`"`)
		}
	})
}
