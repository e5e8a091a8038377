package api_test

import (
	"strconv"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// The SKP form follows whether the person heads an independent work unit: an administrator
// heading a unit that is not independent writes the JA/JF form, a pengawas heading a
// kelurahan (independent) the JPT form.
func TestSKPFormFollowsIndependentUnitAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSKPFixture(t, db)
		admin := f.as("admin.asemrowo")
		unit := func(key, name string, kind kinerja.UnitKind) (int64, bool) {
			id := f.AddUnit(t, sqldbtest.UnitSpec{Key: key, Name: name, Kind: kind}).ID
			ind, _ := mustDo(t, admin, "GET", pathOf("/api/v1/units", id), nil, 200)["independent"].(bool)
			return id, ind
		}
		bagian, bagianInd := unit("bagian", "Bagian Umum", kinerja.UnitOther)
		kel, kelInd := unit("kel", "Kelurahan Tambak Sarioso", kinerja.UnitKelurahan)
		if bagianInd || !kelInd {
			t.Errorf("independent: bagian %v kelurahan %v; want false true", bagianInd, kelInd)
		}
		kabag := f.addPerson(t, sqldbtest.PersonSpec{Key: "kabag", Name: "Kepala Bagian Umum", Kind: kinerja.PositionAdministrator,
			Unit: "bagian", Supervisor: "camat"})
		lurah := f.addPerson(t, sqldbtest.PersonSpec{Key: "lurah", Name: "Lurah Tambak Sarioso", Kind: kinerja.PositionPengawas,
			Unit: "kel", Supervisor: "camat"})
		mustDo(t, admin, "PATCH", pathOf("/api/v1/units", bagian), map[string]any{"head_id": kabag}, 200)
		mustDo(t, admin, "PATCH", pathOf("/api/v1/units", kel), map[string]any{"head_id": lurah}, 200)
		for _, tc := range []struct {
			name     string
			employee int64
			want     string
		}{{"administrator heading a unit that is not independent", kabag, "jajf"}, {"pengawas heading a kelurahan", lurah, "jpt"}} {
			body := mustDo(t, admin, "POST", "/api/v1/skp", map[string]any{"employee_id": tc.employee, "period_id": f.period}, 201)
			if body["form"] != tc.want {
				t.Errorf("%s: form = %v; want %s", tc.name, body["form"], tc.want)
			}
		}
		// The admin can turn the flag, and only an admin.
		if body := mustDo(t, admin, "PATCH", pathOf("/api/v1/units", bagian), map[string]any{"independent": true}, 200); body["independent"] != true {
			t.Errorf("PATCH independent = %v; want true", body["independent"])
		}
		mustDo(t, f.as("kasi.pem"), "PATCH", pathOf("/api/v1/units", bagian), map[string]any{"independent": false}, 403)
	})
}

// A transfer starts a new SKP: moving an employee to another unit and supervisor with an
// effective date closes the approved SKP the day before and lets a second SKP for the same
// period start on that date with the new appraiser and unit.
func TestSKPTransferStartsNewSKPAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSKPFixture(t, db)
		camat, kasi, staff, admin := f.as("camat"), f.as("kasi.pem"), f.as("staf.pem"), f.as("admin.asemrowo")
		top := mustResult(t, camat, f.mustSKP(t, camat), rhk("utama", "Pelayanan publik kecamatan prima", 0, "12"))
		kasiRHK := mustResult(t, kasi, f.mustSKP(t, kasi), rhk("utama", "Tertib administrasi pemerintahan", top, "12"))
		old := f.mustSKP(t, staff)
		mustResult(t, staff, old, rhk("utama", "Surat keterangan selesai tepat waktu", kasiRHK, "100"))
		mustDo(t, staff, "POST", pathOf("/api/v1/skp", old)+"/submit", nil, 200)
		mustDo(t, kasi, "POST", pathOf("/api/v1/skp", old)+"/approve", nil, 200)
		mustDo(t, staff, "POST", "/api/v1/skp", map[string]any{"period_id": f.period}, 409)

		mustDo(t, admin, "PATCH", pathOf("/api/v1/employees", f.emp["staf.pem"]), map[string]any{"unit_id": f.units["seksi.eko"],
			"supervisor_id": f.emp["kasi.eko"], "appraiser_id": f.emp["kasi.eko"], "effective_date": "2026-07-01"}, 200)
		closed := mustDo(t, staff, "GET", pathOf("/api/v1/skp", old), nil, 200)
		if closed["status"] != "approved" || closed["end_date"] != "2026-06-30" || closed["appraiser_id"] != float64(f.emp["kasi.pem"]) {
			t.Errorf("closed SKP: status %v end %v appraiser %v; want approved, 2026-06-30, the old Kasi", closed["status"], closed["end_date"], closed["appraiser_id"])
		}

		next := mustDo(t, staff, "POST", "/api/v1/skp", map[string]any{"period_id": f.period}, 201)
		emp, _ := next["employee"].(map[string]any)
		if next["start_date"] != "2026-07-01" || next["end_date"] != nil || next["appraiser_id"] != float64(f.emp["kasi.eko"]) ||
			emp["unit"] != "Seksi Ekonomi" || next["status"] != "draft" {
			t.Errorf("new SKP: start %v end %v appraiser %v unit %v status %v; want 2026-07-01, open, Kasi Ekonomi, Seksi Ekonomi, draft",
				next["start_date"], next["end_date"], next["appraiser_id"], emp["unit"], next["status"])
		}
		mustDo(t, staff, "POST", "/api/v1/skp", map[string]any{"period_id": f.period}, 409)
		// The new appraiser approves the new SKP; the old one still assesses the closed one.
		mustResult(t, staff, bodyID(next), rhk("tambahan", "Pendataan UMKM", 0, "50"))
		if status, _ := f.as("kasi.eko").do("POST", pathOf("/api/v1/skp", old)+"/approve", nil); status == 200 {
			t.Errorf("the new Kasi approved the closed SKP")
		}
		// The old Kasi assesses the closed SKP for the months before the move; once the year has
		// an assessment its cadence cannot change.
		mustDo(t, kasi, "POST", "/api/v1/assessments", map[string]any{"skp_id": old, "period": "2026-Q1"}, 201)
		// Neither SKP is assessed for a quarter it does not cover: the closed one ended on 30 June,
		// the new one started on 1 July.
		eko := f.as("kasi.eko")
		ekoRHK := mustResult(t, eko, f.mustSKP(t, eko), rhk("utama", "Perekonomian kecamatan tumbuh", top, "12"))
		mustResult(t, staff, bodyID(next), rhk("utama", "Data UMKM mutakhir", ekoRHK, "100"))
		mustDo(t, staff, "POST", pathOf("/api/v1/skp", bodyID(next))+"/submit", nil, 200)
		mustDo(t, f.as("kasi.eko"), "POST", pathOf("/api/v1/skp", bodyID(next))+"/approve", nil, 200)
		for _, tc := range []struct {
			who    string
			skp    int64
			period string
		}{{"kasi.pem", old, "2026-Q3"}, {"kasi.eko", bodyID(next), "2026-Q1"}, {"kasi.eko", bodyID(next), "2026-Q2"}} {
			body := mustDo(t, f.as(tc.who), "POST", "/api/v1/assessments", map[string]any{"skp_id": tc.skp, "period": tc.period}, 422)
			if errorCode(t, body) != "invalid" || field(body, "period") != kinerja.MsgAssessmentOutsideSKP {
				t.Errorf("assessment of SKP %d for %s: %v; want %q on period", tc.skp, tc.period, body, kinerja.MsgAssessmentOutsideSKP)
			}
		}
		mustDo(t, f.as("kasi.eko"), "POST", "/api/v1/assessments", map[string]any{"skp_id": bodyID(next), "period": "2026-Q3"}, 201)
		if body := mustDo(t, admin, "PATCH", pathOf("/api/v1/periods", f.period), map[string]any{"cadence": "monthly"}, 409); errorCode(t, body) != "conflict" || field(body, "cadence") != kinerja.MsgPeriodCadenceLocked {
			t.Errorf("cadence change after an assessment: %v; want %q", body, kinerja.MsgPeriodCadenceLocked)
		}
		mustDo(t, admin, "PATCH", pathOf("/api/v1/periods", f.period), map[string]any{"skp_due": "2026-02-14"}, 200)
		list := mustDo(t, admin, "GET", "/api/v1/skp?employee_id="+strconv.FormatInt(f.emp["staf.pem"], 10)+"&period_id="+strconv.FormatInt(f.period, 10), nil, 200)
		if got := ids(t, list); len(got) != 2 || got[0] != bodyID(next) {
			t.Errorf("SKP of the employee = %v; want the new one first, then the closed one", got)
		}
	})
}
