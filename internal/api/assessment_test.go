package api_test

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestAssessmentAPI: the predikat of all nine matrix cells through finalize, ratings only by
// the pejabat penilai, final assessments read-only, and the curve with its justification.
func TestAssessmentAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSKPFixture(t, db)
		admin, camat, kasi, staf, kasiEko := f.as("admin.asemrowo"), f.as("camat"), f.as("kasi.pem"), f.as("staf.pem"), f.as("kasi.eko")
		approved := func(c, appraiser *client, parent int64) (int64, int64) {
			t.Helper()
			id := f.mustSKP(t, c)
			r := mustResult(t, c, id, rhk("utama", "RHK uji penilaian", parent, "12"))
			mustDo(t, c, "POST", "/api/v1/skp/"+strconv.FormatInt(id, 10)+"/submit", nil, 200)
			mustDo(t, appraiser, "POST", "/api/v1/skp/"+strconv.FormatInt(id, 10)+"/approve", nil, 200)
			return id, r
		}
		_, top := approved(camat, admin, 0)
		_, kasiRHK := approved(kasi, camat, top)
		stafSKP, _ := approved(staf, kasi, kasiRHK)

		cells := [][3]string{
			{"di_atas", "di_atas", "sangat_baik"}, {"di_atas", "sesuai", "baik"}, {"di_atas", "di_bawah", "kurang"},
			{"sesuai", "di_atas", "baik"}, {"sesuai", "sesuai", "baik"}, {"sesuai", "di_bawah", "kurang"},
			{"di_bawah", "di_atas", "butuh_perbaikan"}, {"di_bawah", "sesuai", "butuh_perbaikan"}, {"di_bawah", "di_bawah", "sangat_kurang"},
		}
		// A monthly year has twelve evaluation periods: one per cell.
		mustDo(t, admin, "PATCH", "/api/v1/periods/"+strconv.FormatInt(f.period, 10), map[string]any{"cadence": "monthly"}, 200)
		for i, c := range cells {
			body := mustDo(t, kasi, "POST", "/api/v1/assessments", map[string]any{"skp_id": stafSKP, "period": fmt.Sprintf("2026-%02d", i+1)}, 201)
			path := "/api/v1/assessments/" + strconv.FormatInt(bodyID(body), 10)
			ratings := map[string]any{"result_rating": c[0], "behavior_rating": c[1], "result_reason": "Sesuai bukti", "behavior_reason": "Sesuai pengamatan"}
			if status, body := kasiEko.do("PATCH", path, ratings); status != 403 || errorCode(t, body) != "forbidden" {
				t.Errorf("rating by another Kasi: %d %v; want 403", status, body)
			}
			mustDo(t, kasi, "PATCH", path, ratings, 200)
			body = mustDo(t, kasi, "POST", path+"/finalize", map[string]any{}, 200)
			if body["predikat"] != c[2] || body["status"] != "final" {
				t.Errorf("finalize %s × %s = %v, %v; want %s final", c[0], c[1], body["predikat"], body["status"], c[2])
			}
			if status, _ := kasi.do("PATCH", path, ratings); status != 409 {
				t.Errorf("changing a final assessment: %d; want 409", status)
			}
		}
		// The evaluation document and the unit recap.
		list := mustDo(t, kasi, "GET", "/api/v1/assessments?period=2026-01", nil, 200)
		first := list["items"].([]any)[0].(map[string]any)
		resp, data := kasi.raw("GET", "/api/v1/assessments/"+strconv.FormatInt(int64(first["id"].(float64)), 10)+"/pdf")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("assessment PDF: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		text := squeeze(pdfText(t, data))
		for _, want := range []string{"Agus Salim", "RHK uji penilaian", "Sangat Baik"} {
			if !strings.Contains(text, squeeze(want)) {
				t.Errorf("assessment PDF lacks %q", want)
			}
		}
		resp, data = admin.raw("GET", "/api/v1/units/"+strconv.FormatInt(f.units["seksi.pem"], 10)+"/recap.xlsx?period=2026-01")
		if resp.StatusCode != 200 {
			t.Fatalf("recap: %d", resp.StatusCode)
		}
		x, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := x.GetRows("Rekap")
		if n := len(rows) - 4; n != 3 { // title rows and the header, then Kasi and two staff
			t.Errorf("recap has %d employee rows; want 3", n)
		}

		body := mustDo(t, admin, "GET", "/api/v1/units/"+strconv.FormatInt(f.org, 10)+"/distribution?period=2026-Q1", nil, 200)
		for _, k := range []string{"counts", "total", "org_predikat", "violations"} {
			if _, ok := body[k]; !ok {
				t.Errorf("distribution lacks %q: %v", k, body)
			}
		}
		if status, _ := staf.do("PUT", "/api/v1/units/"+strconv.FormatInt(f.org, 10)+"/org-rating", map[string]any{"period": "2026-Q1", "predikat": "istimewa"}); status != 403 {
			t.Errorf("staff setting the organisation predikat: %d; want 403", status)
		}
		if status, body := admin.do("PUT", "/api/v1/units/"+strconv.FormatInt(f.org, 10)+"/org-rating", map[string]any{"period": "2026-Q1", "predikat": "luar_biasa"}); status != 422 || field(body, "predikat") == "" {
			t.Errorf("unknown predikat: %d %v; want 422 naming predikat", status, body)
		}
	})
}

// TestDistributionCurveAPI: in a section of five (the Kasi included) whose organisation
// predikat is istimewa, a 4th sangat baik (80 %) is refused without a justification, accepted
// with one, and the distribution endpoint then reports the 70 % rule as broken.
func TestDistributionCurveAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSKPFixture(t, db)
		for _, name := range []string{"staf.pem3", "staf.pem4"} {
			f.addPerson(t, sqldbtest.PersonSpec{Key: name, Name: "Pegawai " + name, Position: "Pengadministrasi Pemerintahan", Unit: "seksi.pem", Supervisor: "kasi.pem"})
		}
		admin, camat, kasi := f.as("admin.asemrowo"), f.as("camat"), f.as("kasi.pem")
		approved := func(c, appraiser *client, parent int64) (int64, int64) {
			t.Helper()
			id := f.mustSKP(t, c)
			r := mustResult(t, c, id, rhk("utama", "RHK uji kurva", parent, "12"))
			mustDo(t, c, "POST", pathOf("/api/v1/skp", id)+"/submit", nil, 200)
			mustDo(t, appraiser, "POST", pathOf("/api/v1/skp", id)+"/approve", nil, 200)
			return id, r
		}
		_, top := approved(camat, admin, 0)
		kasiSKP, kasiRHK := approved(kasi, camat, top)
		// The Camat appraises the heads of both sections: a group across the kecamatan.
		approved(f.as("kasi.eko"), camat, top)
		var staff []int64
		for _, name := range []string{"staf.pem", "staf.pem2", "staf.pem3", "staf.pem4"} {
			id, _ := approved(f.as(name), kasi, kasiRHK)
			staff = append(staff, id)
		}
		section := pathOf("/api/v1/units", f.units["seksi.pem"])
		mustDo(t, admin, "PUT", section+"/org-rating", map[string]any{"period": "2026-Q1", "predikat": "istimewa"}, 200)

		top4 := map[string]any{"result_rating": "di_atas", "behavior_rating": "di_atas", "result_reason": "Melampaui target", "behavior_reason": "Teladan"}
		rate := func(c *client, skp int64) string {
			t.Helper()
			path := pathOf("/api/v1/assessments", bodyID(mustDo(t, c, "POST", "/api/v1/assessments", map[string]any{"skp_id": skp, "period": "2026-Q1"}, 201)))
			mustDo(t, c, "PATCH", path, top4, 200)
			return path
		}
		// The Kasi by the Camat, then two staff: three sangat baik of five (60 %).
		for _, x := range []struct {
			c   *client
			skp int64
		}{{camat, kasiSKP}, {kasi, staff[0]}, {kasi, staff[1]}} {
			if body := mustDo(t, x.c, "POST", rate(x.c, x.skp)+"/finalize", map[string]any{}, 200); body["predikat"] != "sangat_baik" {
				t.Fatalf("finalize = %v; want sangat_baik", body)
			}
		}
		fourth := rate(kasi, staff[2])
		status, body := kasi.do("POST", fourth+"/finalize", map[string]any{})
		if status != 422 || field(body, "justification") == "" || !strings.Contains(fmt.Sprint(body), "Sangat Baik 4 dari 5 pegawai (80 %)") {
			t.Fatalf("4th sangat baik without justification: %d %v; want 422 naming justification and the 80 %%", status, body)
		}
		const why = "Empat pegawai menuntaskan pendataan ulang penduduk sebelum jadwal kota."
		if body := mustDo(t, kasi, "POST", fourth+"/finalize", map[string]any{"justification": why}, 200); body["predikat"] != "sangat_baik" {
			t.Errorf("with a justification = %v; want sangat_baik", body)
		}
		// The Camat of this fixture heads no unit, so the admin reads the distribution.
		d := mustDo(t, admin, "GET", section+"/distribution?period=2026-Q1", nil, 200)
		counts, _ := d["counts"].(map[string]any)
		violations, _ := d["violations"].([]any)
		if d["total"] != float64(5) || counts["sangat_baik"] != float64(4) || d["org_predikat"] != "istimewa" || len(violations) != 1 ||
			violations[0].(map[string]any)["rule"] != "sangat_baik_max_70" {
			t.Errorf("distribution = %v; want 4 of 5 sangat baik breaking sangat_baik_max_70", d)
		}
	})
}

// TestAssessmentSignOffAPI walks an assessment through the steps around finalize: the
// employee's self-assessment, the organisation's calibration, acknowledgement, and an objection the
// atasan pejabat penilai decides; then the HR review and an admin's password reset.
func TestAssessmentSignOffAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSKPFixture(t, db)
		admin, camat, kasi, staf := f.as("admin.asemrowo"), f.as("camat"), f.as("kasi.pem"), f.as("staf.pem")
		approved := func(c, appraiser *client, parent int64) (int64, int64) {
			t.Helper()
			id := f.mustSKP(t, c)
			r := mustResult(t, c, id, rhk("utama", "RHK uji tanda tangan", parent, "12"))
			mustDo(t, c, "POST", pathOf("/api/v1/skp", id)+"/submit", nil, 200)
			mustDo(t, appraiser, "POST", pathOf("/api/v1/skp", id)+"/approve", nil, 200)
			return id, r
		}
		_, top := approved(camat, admin, 0)
		_, kasiRHK := approved(kasi, camat, top)
		stafSKP, _ := approved(staf, kasi, kasiRHK)
		mustDo(t, admin, "PATCH", pathOf("/api/v1/periods", f.period), map[string]any{"cadence": "monthly"}, 200)
		assess := func(period, result, behavior string) string {
			t.Helper()
			path := pathOf("/api/v1/assessments", bodyID(mustDo(t, kasi, "POST", "/api/v1/assessments", map[string]any{"skp_id": stafSKP, "period": period}, 201)))
			mustDo(t, kasi, "PATCH", path, map[string]any{"result_rating": result, "behavior_rating": behavior,
				"result_reason": "Sesuai bukti dukung.", "behavior_reason": "Sesuai pengamatan."}, 200)
			return path
		}

		first := assess("2026-01", "sesuai", "sesuai")
		body := mustDo(t, staf, "POST", first+"/self", map[string]any{"self_result_rating": "di_atas", "self_behavior_rating": "sesuai",
			"self_reflection": "Semua layanan selesai sebelum tenggat."}, 200)
		if body["self_result_rating"] != "di_atas" {
			t.Errorf("self-assessment = %v", body)
		}
		body = mustDo(t, admin, "POST", first+"/calibrate", map[string]any{"result_rating": "di_atas", "behavior_rating": "sesuai",
			"reason": "Kalibrasi atas bukti seluruh seksi."}, 200)
		if body["result_rating"] != "di_atas" {
			t.Errorf("calibrated = %v", body)
		}
		mustDo(t, kasi, "POST", first+"/finalize", map[string]any{}, 200)
		if body = mustDo(t, staf, "POST", first+"/acknowledge", nil, 200); body["status"] != "acknowledged" {
			t.Errorf("acknowledged = %v", body)
		}
		if body = mustDo(t, staf, "GET", first, nil, 200); body["status"] != "acknowledged" {
			t.Errorf("GET after acknowledging = %v", body)
		}

		second := assess("2026-02", "sesuai", "sesuai")
		mustDo(t, kasi, "POST", second+"/finalize", map[string]any{}, 200)
		if body = mustDo(t, staf, "POST", second+"/object", map[string]any{"reason": "Realisasi saya melampaui target."}, 200); body["status"] != "objected" {
			t.Errorf("objected = %v", body)
		}
		body = mustDo(t, camat, "POST", second+"/decide", map[string]any{"decision": "change", "result_rating": "di_atas", "behavior_rating": "di_atas",
			"reason": "Bukti dukung menunjukkan hasil di atas ekspektasi."}, 200)
		if body["predikat"] != "sangat_baik" {
			t.Errorf("decided = %v; want sangat_baik", body)
		}

		if body = mustDo(t, admin, "GET", "/api/v1/hr-review?year=2026", nil, 200); len(body["items"].([]any)) != 0 {
			t.Errorf("HR review = %v; want nobody", body)
		}
		user := pathOf("/api/v1/users", f.User("kasi.pem").ID)
		if body = mustDo(t, admin, "GET", user, nil, 200); body["username"] != "kasi.pem" {
			t.Errorf("GET %s = %v", user, body)
		}
		mustDo(t, admin, "POST", user+"/password", map[string]any{"password": "kata-sandi-baru-123"}, 200)
		admin.login("kasi.pem", "kata-sandi-baru-123")
	})
}

// TestRegulationCurveAPI runs held-out regulation cases through the API: the head of a unit
// is not counted in their own unit's curve; their rating hasil kerja follows the unit's
// organisation predikat, set after the assessment was created or changed later, and moving
// away from it needs a reason; in a Baik unit most staff must be Baik.
func TestRegulationCurveAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSKPFixture(t, db)
		for _, name := range []string{"staf.pem3", "staf.pem4"} {
			f.addPerson(t, sqldbtest.PersonSpec{Key: name, Name: "Pegawai " + name, Position: "Pengadministrasi Pemerintahan", Unit: "seksi.pem", Supervisor: "kasi.pem"})
		}
		admin, camat, kasi := f.as("admin.asemrowo"), f.as("camat"), f.as("kasi.pem")
		section := pathOf("/api/v1/units", f.units["seksi.pem"])
		mustDo(t, admin, "PATCH", section, map[string]any{"head_id": f.emp["kasi.pem"]}, 200)
		approved := func(c, appraiser *client, parent int64) (int64, int64) {
			t.Helper()
			id := f.mustSKP(t, c)
			r := mustResult(t, c, id, rhk("utama", "RHK uji regulasi", parent, "12"))
			mustDo(t, c, "POST", pathOf("/api/v1/skp", id)+"/submit", nil, 200)
			mustDo(t, appraiser, "POST", pathOf("/api/v1/skp", id)+"/approve", nil, 200)
			return id, r
		}
		_, top := approved(camat, admin, 0)
		kasiSKP, kasiRHK := approved(kasi, camat, top)

		// Only the head has an SKP: nobody is counted in the section.
		if d := mustDo(t, admin, "GET", section+"/distribution?period=2026-Q1", nil, 200); d["total"] != float64(0) {
			t.Errorf("section with only its head: %v; want total 0", d)
		}

		// The head's assessment, created before the organisation predikat is set, follows it.
		head := pathOf("/api/v1/assessments", bodyID(mustDo(t, camat, "POST", "/api/v1/assessments", map[string]any{"skp_id": kasiSKP, "period": "2026-Q1"}, 201)))
		for _, tt := range []struct{ org, want string }{{"sangat_kurang", "di_bawah"}, {"istimewa", "di_atas"}, {"baik", "sesuai"}} {
			mustDo(t, admin, "PUT", section+"/org-rating", map[string]any{"period": "2026-Q1", "predikat": tt.org}, 200)
			if x := mustDo(t, camat, "GET", head, nil, 200); x["result_rating"] != tt.want {
				t.Errorf("head after the section is rated %s: result_rating %v; want %s", tt.org, x["result_rating"], tt.want)
			}
		}
		status, body := camat.do("PATCH", head, map[string]any{"result_rating": "di_atas", "behavior_rating": "di_atas"})
		if status != 422 || field(body, "result_reason") == "" {
			t.Fatalf("raising the head's rating without a reason: %d %v; want 422 on result_reason", status, body)
		}
		const why = "Kepala seksi menuntaskan layanan KTP-el jemput bola di luar target unit."
		if x := mustDo(t, camat, "PATCH", head, map[string]any{"result_rating": "di_atas", "result_reason": why, "behavior_rating": "di_atas"}, 200); x["result_reason"] != why {
			t.Errorf("with a reason: %v", x)
		}
		if x := mustDo(t, camat, "POST", head+"/finalize", map[string]any{}, 200); x["predikat"] != "sangat_baik" {
			t.Errorf("head finalised = %v; want sangat_baik without a curve justification", x)
		}

		// A Baik section of four staff: two Sangat Baik leave Baik at most half.
		mustDo(t, admin, "PUT", section+"/org-rating", map[string]any{"period": "2026-Q2", "predikat": "baik"}, 200)
		top2 := map[string]any{"result_rating": "di_atas", "behavior_rating": "di_atas", "result_reason": "Melampaui target", "behavior_reason": "Teladan"}
		var paths []string
		for _, name := range []string{"staf.pem", "staf.pem2", "staf.pem3", "staf.pem4"} {
			id, _ := approved(f.as(name), kasi, kasiRHK)
			path := pathOf("/api/v1/assessments", bodyID(mustDo(t, kasi, "POST", "/api/v1/assessments", map[string]any{"skp_id": id, "period": "2026-Q2"}, 201)))
			paths = append(paths, path)
		}
		mustDo(t, kasi, "PATCH", paths[0], top2, 200)
		mustDo(t, kasi, "POST", paths[0]+"/finalize", map[string]any{}, 200)
		mustDo(t, kasi, "PATCH", paths[1], top2, 200)
		status, body = kasi.do("POST", paths[1]+"/finalize", map[string]any{})
		if status != 422 || field(body, "justification") == "" || !strings.Contains(fmt.Sprint(body), "sebagian besar") {
			t.Fatalf("2nd sangat baik of 4 in a Baik section: %d %v; want 422 naming the majority floor", status, body)
		}
		mustDo(t, kasi, "POST", paths[1]+"/finalize", map[string]any{"justification": "Dua pegawai menuntaskan digitalisasi arsip."}, 200)
		d := mustDo(t, admin, "GET", section+"/distribution?period=2026-Q2", nil, 200)
		violations, _ := d["violations"].([]any)
		if d["total"] != float64(4) || len(violations) != 1 || violations[0].(map[string]any)["rule"] != "baik_more_than_half" {
			t.Errorf("distribution = %v; want 4 staff, the head not counted, the floor broken", d)
		}
	})
}

// TestAssessmentPeriodEndedAPI: a period is assessed when it has ended; the organisation may
// open the evaluation some days before the end.
func TestAssessmentPeriodEndedAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		db.Now = func() time.Time { return time.Date(2026, 3, 25, 3, 0, 0, 0, time.UTC) } // a week before Q1 ends
		f := newSKPFixture(t, db)
		admin, camat := f.as("admin.asemrowo"), f.as("camat")
		id := f.mustSKP(t, camat)
		mustResult(t, camat, id, rhk("utama", "RHK uji periode", 0, "12"))
		mustDo(t, camat, "POST", pathOf("/api/v1/skp", id)+"/submit", nil, 200)
		mustDo(t, admin, "POST", pathOf("/api/v1/skp", id)+"/approve", nil, 200)

		status, body := admin.do("POST", "/api/v1/assessments", map[string]any{"skp_id": id, "period": "2026-Q1"})
		if status != 422 || field(body, "period") != kinerja.MsgAssessmentTooEarly {
			t.Fatalf("assessing Q1 on 25 March: %d %v; want 422 on period", status, body)
		}
		if s := mustDo(t, admin, "PUT", "/api/v1/settings", map[string]any{"assessment_early_days": 7}, 200); s["assessment_early_days"] != float64(7) {
			t.Errorf("settings = %v; want assessment_early_days 7", s)
		}
		mustDo(t, admin, "POST", "/api/v1/assessments", map[string]any{"skp_id": id, "period": "2026-Q1"}, 201)
		if status, body := admin.do("POST", "/api/v1/assessments", map[string]any{"skp_id": id, "period": "2026-Q2"}); status != 422 || field(body, "period") == "" {
			t.Errorf("assessing Q2 in March: %d %v; want 422 on period", status, body)
		}
	})
}
