package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestSKPTemplates_Render visits every SKP page in both languages in each of its states and
// checks, like TestTemplates_Render, that it renders fully and translated, with nothing the
// CSP would block.
func TestSKPTemplates_Render(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Asemrowo")
		mustAddResult(t, f.StafACtx, srv, f.stafSKP.ID, quantInput("Terlayaninya perekaman KTP-el warga", &f.kasiRHK.ID))
		if _, err := db.SubmitSKP(f.StafACtx, f.stafSKP.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReturnSKP(f.KasiACtx, f.stafSKP.ID, "Perjelas target kualitas."); err != nil {
			t.Fatal(err)
		}
		// Kasi B's SKP is kualitatif and approved; Kasi A's is submitted.
		kasiB := mustCreateSKP(t, f.KasiBCtx, srv, f.KasiB.ID, f.period.ID, kinerja.ApproachQualitative)
		mustAddResult(t, f.KasiBCtx, srv, kasiB.ID, kinerja.ResultInput{Kind: kinerja.ResultMain, Text: "Terwujudnya kesejahteraan warga",
			ParentResultID: &f.camatRHK.ID, Indicators: []kinerja.IndicatorInput{{Text: "Data warga miskin mutakhir", Target: "Diperbarui tiap triwulan"}}})
		for _, step := range []func() (*kinerja.SKP, error){
			func() (*kinerja.SKP, error) { return db.SubmitSKP(f.KasiBCtx, kasiB.ID) },
			func() (*kinerja.SKP, error) { return db.ApproveSKP(f.CamatCtx, kasiB.ID) },
			func() (*kinerja.SKP, error) { return db.SubmitSKP(f.KasiACtx, f.kasiSKP.ID) },
		} {
			if _, err := step(); err != nil {
				t.Fatal(err)
			}
		}
		var ids []string
		for k := range readCatalogue(t, "id") {
			if isMessageID(k) && !strings.HasPrefix(k, "month.") {
				ids = append(ids, k)
			}
		}
		staf, kasiA, kasiBID := skpPath(f.stafSKP, ""), skpPath(f.kasiSKP, ""), skpPath(kasiB, "")
		rid := itoa(f.kasiRHK.ID)
		for _, lang := range kinerja.Locales {
			login := func(c *client) *client { c.header.Set("Accept-Language", lang); return c }
			stafC, kasiC, camatC, kasiBC, adminC := login(f.login(t, f.StafA)), login(f.login(t, f.KasiA)), login(f.login(t, f.Camat)),
				login(f.login(t, f.KasiB)), login(f.loginAdmin(t))
			pages := []struct {
				c      *client
				method string
				path   string
				form   url.Values
				status int
			}{
				{stafC, "GET", "/skp", nil, http.StatusOK},
				{stafC, "GET", staf + "?ok=skp_returned", nil, http.StatusOK},
				{stafC, "GET", staf + "/edit", nil, http.StatusOK},
				{stafC, "GET", staf + "/results/new", nil, http.StatusOK},
				{stafC, "POST", staf + "/results", url.Values{"kind": {"utama"}, "indicators.1.target": {"x"}}, http.StatusUnprocessableEntity},
				{stafC, "GET", "/skp/team", nil, http.StatusOK},
				{stafC, "GET", "/notifications", nil, http.StatusOK},
				{stafC, "GET", "/", nil, http.StatusOK},
				{kasiC, "GET", "/skp/team", nil, http.StatusOK},
				{kasiC, "GET", "/skp/team?status=none", nil, http.StatusOK},
				{kasiC, "GET", kasiA + "?ok=skp_submitted", nil, http.StatusOK},
				{kasiC, "GET", kasiA + "/matrix?ok=assigned&n=2", nil, http.StatusOK},
				{kasiC, "POST", kasiA + "/results/" + rid + "/assign", url.Values{}, http.StatusUnprocessableEntity},
				{kasiC, "GET", staf + "/behaviors", nil, http.StatusOK},
				{kasiC, "GET", "/", nil, http.StatusOK},
				{camatC, "GET", kasiA, nil, http.StatusOK},
				{camatC, "POST", kasiA + "/return", url.Values{"note": {""}}, http.StatusUnprocessableEntity},
				{camatC, "GET", "/skp/team?status=waiting", nil, http.StatusOK},
				{camatC, "GET", "/notifications", nil, http.StatusOK},
				{kasiBC, "GET", kasiBID + "?ok=skp_approved", nil, http.StatusOK},
				{kasiBC, "GET", kasiBID + "/results/new", nil, http.StatusConflict},
				{kasiBC, "GET", "/skp", nil, http.StatusOK},
				{adminC, "GET", "/skp", nil, http.StatusOK},
				{adminC, "GET", "/admin/periods?ok=period_created", nil, http.StatusOK},
				{adminC, "POST", "/admin/periods", url.Values{"year": {"x"}}, http.StatusUnprocessableEntity},
				{adminC, "GET", "/", nil, http.StatusOK},
				{adminC, "GET", "/admin/audit?entity=skp", nil, http.StatusOK},
			}
			for _, p := range pages {
				res := p.c.do(p.method, p.path, p.form)
				res.wantStatus(t, p.status)
				res.wantBody(t, `<html lang="`+lang+`">`, "</main>", "</html>", `id="notification-count"`)
				res.wantNoBody(t, "%!", "<script", "<style", " style=", " onclick=", "javascript:")
				for _, id := range ids {
					if strings.Contains(res.Body, id) {
						t.Errorf("%s %s (%s) shows the message id %q untranslated", p.method, p.path, lang, id)
					}
				}
			}
		}
	})
}
