package web_test

import (
	"net/http"
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestEmployeePage_WorkLinks checks that a supervisor reaches a subordinate's SKP,
// realisation and activities from the subordinate's page, and that a colleague who may not
// see them gets no page at all.
func TestEmployeePage_WorkLinks(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newSKPFixture(t, "Kecamatan Tautan")
		res := f.login(t, f.KasiA).get("/employees/" + itoa(f.StafA.ID))
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="employee-work"`, `href="/skp/`+itoa(f.stafSKP.ID)+`"`, `href="/skp/`+itoa(f.stafSKP.ID)+`/realisation"`)
		// Staff A's own page links to their SKP too; the Camat's lists none of Staff A's.
		f.login(t, f.StafA).get("/employees/"+itoa(f.StafA.ID)).wantBody(t, `href="/skp/`+itoa(f.stafSKP.ID)+`"`)
		f.login(t, f.Camat).get("/employees/"+itoa(f.Camat.ID)).wantNoBody(t, `href="/skp/`+itoa(f.stafSKP.ID)+`"`)
	})
}
