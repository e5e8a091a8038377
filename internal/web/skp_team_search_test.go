package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestTeamSKP_SearchAndUnits groups a team spanning two units by unit and finds a member by
// part of their name or by NIP, with the status filter, without JavaScript.
func TestTeamSKP_SearchAndUnits(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Cari")
		camat := f.login(t, f.Camat)
		base := "/skp/team?period=" + itoa(f.period.ID)
		res := camat.get(base)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `name="q"`, `<th scope="colgroup" colspan="4">`, "Seksi Pemerintahan", "Seksi Kesejahteraan Rakyat",
			`id="team-`+itoa(f.StafA.ID)+`"`, `id="team-`+itoa(f.StafB.ID)+`"`)

		for _, q := range []string{"agus", "AGUS SAL", f.StafA.NIP} {
			res := camat.get(base + "&q=" + url.QueryEscape(q))
			res.wantBody(t, `id="team-`+itoa(f.StafA.ID)+`"`)
			res.wantNoBody(t, `id="team-`+itoa(f.StafB.ID)+`"`, `id="team-`+itoa(f.KasiA.ID)+`"`)
		}
		// Staff A has a draft; Staff B none: the filters combine.
		camat.get(base+"&q=agus&status=none").wantBody(t, `id="team-empty-filtered"`)
		camat.get(base+"&q=rudi&status=none").wantBody(t, `id="team-`+itoa(f.StafB.ID)+`"`)
	})
}
