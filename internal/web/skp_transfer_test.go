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

// The two SKP forms differ on the page: the Camat's (JPT) groups RHK by perspective and names
// their strategic goal, the Kasi's (JA/JF) names the leader's RHK each one serves.
func TestSKPPage_Forms(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Bentuk")
		camat := f.login(t, f.Camat)
		form := resultForm(true, "utama", "Meningkatnya kepuasan warga atas layanan PATEN", "", quantRows()...)
		form.Set("perspective", "penerima_layanan")
		form.Set("strategic_goal", "Terwujudnya pelayanan publik yang prima")
		camat.get(skpPath(f.camatSKP, "/results/new")).wantBody(t, `name="perspective"`, `name="strategic_goal"`, "Penguatan internal")
		res := camat.post(skpPath(f.camatSKP, "/results"), form)
		res.wantRedirect(t, skpPath(f.camatSKP, "?ok=result_created"))
		res = camat.get(skpPath(f.camatSKP, ""))
		res.wantBody(t, `id="skp-form-kind"`, "dikelompokkan per perspektif", `id="perspective-penerima_layanan"`, "Perspektif: Penerima layanan",
			"Sasaran strategis (Renstra):</span> Terwujudnya pelayanan publik yang prima", "Indikator kinerja individu", `id="perspective-none"`)
		res.wantNoBody(t, "RHK pimpinan yang diintervensi:")

		kasi := f.login(t, f.KasiA)
		kasi.get(skpPath(f.stafSKP, "/results/new")).wantNoBody(t, `name="perspective"`)
		res = kasi.get(skpPath(f.kasiSKP, ""))
		res.wantBody(t, "mengintervensi RHK pimpinan", "RHK pimpinan yang diintervensi:</span> "+camatRHKText)
		res.wantNoBody(t, `id="perspective-`, "Sasaran strategis (Renstra):")
	})
}

// An SKP not approved by its due date shows as late to its employee and their supervisor, and
// no longer once approved.
func TestSKPPage_Late(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Terlambat")
		due := "31 Jan " + itoa(int64(f.period.Year))
		if time.Now().Month() == time.January {
			t.Skip("the SKP of this year are not late yet")
		}
		for _, c := range []*client{f.login(t, f.KasiA), f.login(t, f.Camat)} {
			res := c.get(skpPath(f.kasiSKP, ""))
			res.wantBody(t, `id="skp-late"`, "seharusnya sudah disetujui paling lambat "+due, `id="skp-due"`)
		}
		// The Camat's team list marks it too.
		f.login(t, f.Camat).get("/skp/team?period="+itoa(f.period.ID)).wantBody(t, `id="team-late-`+itoa(f.KasiA.ID)+`"`)
		if _, err := db.SubmitSKP(f.KasiACtx, f.kasiSKP.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ApproveSKP(f.CamatCtx, f.kasiSKP.ID); err != nil {
			t.Fatal(err)
		}
		f.login(t, f.KasiA).get(skpPath(f.kasiSKP, "")).wantNoBody(t, `id="skp-late"`)
		f.login(t, f.Camat).get("/skp/team?period="+itoa(f.period.ID)).wantNoBody(t, `id="team-late-`+itoa(f.KasiA.ID)+`"`)
	})
}

// After a transfer the closed SKP tells its employee so and offers the SKP for the rest of
// the year, which starts on the move date with the new appraiser.
func TestSKPPage_Transfer(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Mutasi")
		mustAddResult(t, f.StafACtx, srv, f.stafSKP.ID, quantInput("Surat keterangan selesai tepat waktu", &f.kasiRHK.ID))
		if _, err := db.SubmitSKP(f.StafACtx, f.stafSKP.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ApproveSKP(f.KasiACtx, f.stafSKP.ID); err != nil {
			t.Fatal(err)
		}
		moved := kinerja.NewDate(f.period.Year, time.July, 1)
		if _, err := db.PatchEmployee(f.Admin, f.StafA.ID, func(in *kinerja.EmployeeInput) error {
			in.UnitID, in.SupervisorID, in.AppraiserID, in.EffectiveDate = f.SeksiB.ID, &f.KasiB.ID, &f.KasiB.ID, moved
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		staf := f.login(t, f.StafA)
		res := staf.get(skpPath(f.stafSKP, ""))
		res.wantBody(t, `id="skp-closed"`, "ditutup per 30 Jun "+itoa(int64(f.period.Year)), `id="new-after-transfer-button"`)
		res = staf.post("/skp", url.Values{"period_id": {itoa(f.period.ID)}, "approach": {"kuantitatif"}})
		loc := res.Header.Get("Location")
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(loc, "/skp/") || strings.HasPrefix(loc, skpPath(f.stafSKP, "")+"?") {
			t.Fatalf("new SKP after the transfer: %d %q", res.Status, loc)
		}
		res = staf.get(loc)
		res.wantBody(t, "1 Jul "+itoa(int64(f.period.Year))+" – 31 Des", f.KasiB.Name, f.SeksiB.Name)
		res = staf.get(skpPath(f.stafSKP, ""))
		res.wantBody(t, `id="successor-link"`)
		res.wantNoBody(t, `id="new-after-transfer-button"`)
		// The new Kasi's team list shows the new SKP, not the closed one.
		f.login(t, f.KasiB).get("/skp/team?period="+itoa(f.period.ID)).wantBody(t, `href="/skp/`+strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/skp/")+`" id="team-skp-`+itoa(f.StafA.ID)+`"`)
		// "SKP saya" opens the new one.
		staf.get("/skp?period="+itoa(f.period.ID)).wantNoBody(t, `id="skp-closed"`)
	})
}

// An admin marks a unit as an independent work unit on the unit form.
func TestUnitForm_Independent(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Mandiri")
		admin := f.loginAdmin(t)
		path := "/units/" + itoa(f.SeksiA.ID)
		admin.get(path).wantBody(t, `id="unit-independent">Tidak`, `name="independent"`)
		res := admin.post(path, url.Values{"name": {f.SeksiA.Name}, "kind": {"seksi"}, "parent_id": {itoa(f.ID)}, "head_id": {""}, "independent": {"true"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("save unit: %d %s", res.Status, res.Body)
		}
		admin.get(path).wantBody(t, `id="unit-independent">Ya`)
	})
}
