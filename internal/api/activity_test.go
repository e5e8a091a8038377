package api_test

import (
	"slices"
	"testing"
	"time"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// contractActivityKeys are the fields CONTRACT.md promises for an activity.
var contractActivityKeys = []string{"id", "employee_id", "date", "result_id", "description", "output", "status"}

// activityNow is the clock of the activity tests: Wednesday 2026-03-11, 10:00 WIB.
var activityNow = time.Date(2026, 3, 11, 3, 0, 0, 0, time.UTC)

// activityFixture is the SKP fixture on a fixed clock, with an SKP and a cascaded utama RHK
// for the Camat, both Kasi and the staff below them.
type activityFixture struct {
	*skpFixture
	skp map[string]int64 // SKP by login
	rhk map[string]int64 // utama RHK by login
}

func newActivityFixture(t *testing.T, db *sqldb.DB) *activityFixture {
	t.Helper()
	db.Now = func() time.Time { return activityNow }
	f := &activityFixture{skpFixture: newSKPFixture(t, db), skp: map[string]int64{}, rhk: map[string]int64{}}
	for _, p := range []struct{ who, parent, text string }{
		{"camat", "", "Meningkatnya kualitas pelayanan publik"},
		{"kasi.pem", "camat", "Tertibnya administrasi pemerintahan"},
		{"staf.pem", "kasi.pem", "Tersusunnya laporan kependudukan"},
		{"staf.pem2", "kasi.pem", "Terkelolanya data kependudukan"},
		{"kasi.eko", "camat", "Meningkatnya layanan perekonomian"},
		{"staf.eko", "kasi.eko", "Tersusunnya data UMKM"},
	} {
		c := f.as(p.who)
		f.skp[p.who] = f.mustSKP(t, c)
		f.rhk[p.who] = mustResult(t, c, f.skp[p.who], rhk("utama", p.text, f.rhk[p.parent], "12"))
	}
	return f
}

// mustActivity logs an activity of c on date for their RHK and returns its id.
func (f *activityFixture) mustActivity(t *testing.T, c *client, who, date string, output float64) int64 {
	t.Helper()
	body := mustDo(t, c, "POST", "/api/v1/activities", map[string]any{"date": date, "result_id": f.rhk[who],
		"description": "Menyusun laporan kependudukan", "output": output, "unit": "laporan", "minutes": 90}, 201)
	return bodyID(body)
}

func TestActivitiesAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newActivityFixture(t, db)
		staff, staff2, kasi, kasiEko, camat := f.as("staf.pem"), f.as("staf.pem2"), f.as("kasi.pem"), f.as("kasi.eko"), f.as("camat")
		valid := func(date string) map[string]any {
			return map[string]any{"date": date, "result_id": f.rhk["staf.pem"], "description": "Menyusun laporan", "output": 2}
		}

		tests := []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"tomorrow", valid("2026-03-12"), "date"},
			{"not a date", valid("kemarin"), "date"},
			{"no date", map[string]any{"result_id": f.rhk["staf.pem"], "description": "x"}, "date"},
			{"someone else's RHK", map[string]any{"date": "2026-03-11", "result_id": f.rhk["staf.pem2"], "description": "x"}, "result_id"},
			{"no description", map[string]any{"date": "2026-03-11", "result_id": f.rhk["staf.pem"]}, "description"},
			{"negative output", map[string]any{"date": "2026-03-11", "result_id": f.rhk["staf.pem"], "description": "x", "output": -1}, "output"},
			// The unit is the RHK's kuantitas target's ("laporan"): 6 PKL would count towards it.
			{"another unit", map[string]any{"date": "2026-03-11", "result_id": f.rhk["staf.pem"], "description": "x", "output": 6, "unit": "PKL"}, "unit"},
		}
		for _, tt := range tests {
			if status, body := staff.do("POST", "/api/v1/activities", tt.body); status != 422 || errorCode(t, body) != "invalid" || field(body, tt.field) == "" {
				t.Errorf("%s: status %d, %v; want 422 naming %s", tt.name, status, body, tt.field)
			}
		}
		if status, body := staff.do("POST", "/api/v1/activities", map[string]any{"date": "2026-03-11", "result_id": f.rhk["staf.pem"], "description": "x", "employee_id": f.emp["staf.pem2"]}); status != 403 {
			t.Errorf("logging for a colleague: status %d, %v; want 403", status, body)
		}

		// Friday's work logged on Wednesday is in time (3 working days); Thursday's is late.
		body := mustDo(t, staff, "POST", "/api/v1/activities", valid("2026-03-06"), 201)
		if !hasKeys(body, contractActivityKeys) || body["status"] != "pending" || body["employee_id"] != float64(f.emp["staf.pem"]) ||
			body["date"] != "2026-03-06" || body["late"] != false || body["evidence"] == nil || body["unit"] != "laporan" {
			t.Errorf("created activity = %v", body)
		}
		onTime := bodyID(body)
		body = mustDo(t, staff, "POST", "/api/v1/activities", map[string]any{"date": "2026-03-05", "result_id": f.rhk["staf.pem"],
			"description": "Rekap data penduduk", "output": 5, "unit": "laporan", "minutes": 120}, 201)
		if body["late"] != true || body["unit"] != "laporan" || body["minutes"] != float64(120) {
			t.Errorf("late activity = %v; want late, unit and minutes kept", body)
		}
		late := bodyID(body)
		other := f.mustActivity(t, staff2, "staf.pem2", "2026-03-10", 1)

		// The list: own by default, filters, another team's list refused.
		if got := ids(t, mustDo(t, staff, "GET", "/api/v1/activities", nil, 200)); !slices.Equal(got, []int64{onTime, late}) {
			t.Errorf("own list = %v; want %v newest first", got, []int64{onTime, late})
		}
		if got := ids(t, mustDo(t, staff, "GET", "/api/v1/activities?from=2026-03-06&to=2026-03-06", nil, 200)); !slices.Equal(got, []int64{onTime}) {
			t.Errorf("list from/to = %v; want %v", got, []int64{onTime})
		}
		body = mustDo(t, staff, "GET", "/api/v1/activities?limit=1", nil, 200)
		if len(ids(t, body)) != 1 || body["next_cursor"] == "" || body["total"] != float64(2) {
			t.Errorf("paged list = %v; want 1 item, a cursor, total 2", body)
		}
		if got := ids(t, mustDo(t, kasi, "GET", "/api/v1/activities?employee_id="+itoa(int(f.emp["staf.pem"])), nil, 200)); len(got) != 2 {
			t.Errorf("supervisor's list of the staff = %v; want 2", got)
		}
		if status, body := kasiEko.do("GET", "/api/v1/activities?employee_id="+itoa(int(f.emp["staf.pem"])), nil); status != 403 {
			t.Errorf("another team's list: status %d, %v; want 403", status, body)
		}
		for _, q := range []string{"status=selesai", "from=kemarin", "to=2026-13-01", "from=2026-03-10&to=2026-03-01", "queue=mungkin", "employee_id=x", "limit=0"} {
			if status, body := staff.do("GET", "/api/v1/activities?"+q, nil); status != 422 || errorCode(t, body) != "invalid" {
				t.Errorf("GET /api/v1/activities?%s: status %d, %v; want 422", q, status, body)
			}
		}

		// The supervisor's queue: pending activities of direct subordinates, oldest first.
		body = mustDo(t, kasi, "GET", "/api/v1/activities?queue=1", nil, 200)
		if got := ids(t, body); !slices.Equal(got, []int64{onTime, late, other}) {
			t.Errorf("queue = %v; want %v", got, []int64{onTime, late, other})
		}
		if item := body["items"].([]any)[0].(map[string]any); item["employee_name"] != "Agus Salim" {
			t.Errorf("queue item employee_name = %v", item["employee_name"])
		}
		if got := ids(t, mustDo(t, camat, "GET", "/api/v1/activities?queue=1", nil, 200)); len(got) != 0 {
			t.Errorf("the Camat's queue = %v; want empty (not the direct supervisor)", got)
		}

		// Only the direct supervisor verifies.
		for _, c := range []struct {
			who string
			c   *client
		}{{"kasi.eko", kasiEko}, {"camat", camat}, {"staf.pem", staff}} {
			if status, body := c.c.do("POST", pathOf("/api/v1/activities", onTime)+"/approve", nil); status != 403 || errorCode(t, body) != "forbidden" {
				t.Errorf("%s approves the staff's activity: status %d, %v; want 403", c.who, status, body)
			}
		}
		if status, body := kasiEko.do("POST", "/api/v1/activities/approve", map[string]any{"ids": []int64{onTime}}); status != 403 {
			t.Errorf("another team's Kasi bulk-approves: status %d, %v; want 403", status, body)
		}
		if status, body := kasi.do("POST", "/api/v1/activities/999999/approve", nil); status != 404 {
			t.Errorf("approve unknown activity: status %d, %v; want 404", status, body)
		}

		// Reject with a reason; the staff fixes it and it is pending again.
		lp := pathOf("/api/v1/activities", late)
		for _, b := range []any{nil, map[string]any{"reason": "  "}} {
			if status, body := kasi.do("POST", lp+"/reject", b); status != 422 || field(body, "reason") == "" {
				t.Errorf("reject with %v: status %d, %v; want 422 naming reason", b, status, body)
			}
		}
		body = mustDo(t, kasi, "POST", lp+"/reject", map[string]any{"reason": "Lampirkan rekap yang ditandatangani"}, 200)
		if body["status"] != "rejected" || body["reason"] != "Lampirkan rekap yang ditandatangani" || bodyID(body) != late {
			t.Errorf("rejected activity = %v", body)
		}
		if got := ids(t, mustDo(t, staff, "GET", "/api/v1/activities?status=rejected", nil, 200)); !slices.Equal(got, []int64{late}) {
			t.Errorf("staff's rejected list = %v; want %v", got, []int64{late})
		}
		if status, body := kasi.do("POST", lp+"/approve", nil); status != 409 {
			t.Errorf("approve a rejected activity: status %d, %v; want 409", status, body)
		}
		if status, body := kasi.do("PATCH", lp, map[string]any{"output": 6}); status != 403 {
			t.Errorf("the supervisor edits the staff's activity: status %d, %v; want 403", status, body)
		}
		if status, body := staff.do("PATCH", lp, map[string]any{"date": "2026-03-12"}); status != 422 || field(body, "date") == "" {
			t.Errorf("move to tomorrow: status %d, %v; want 422 naming date", status, body)
		}
		body = mustDo(t, staff, "PATCH", lp, map[string]any{"description": "Rekap data penduduk (ditandatangani)", "output": 6}, 200)
		if body["status"] != "pending" || body["output"] != float64(6) || body["description"] != "Rekap data penduduk (ditandatangani)" ||
			body["date"] != "2026-03-05" || body["unit"] != "laporan" || body["late"] != true {
			t.Errorf("fixed activity = %v; want pending with the new output and the rest kept", body)
		}

		// Bulk approve, all or none.
		if status, body := kasi.do("POST", "/api/v1/activities/approve", map[string]any{"ids": []int64{}}); status != 422 || field(body, "ids") == "" {
			t.Errorf("bulk approve nothing: status %d, %v; want 422 naming ids", status, body)
		}
		body = mustDo(t, kasi, "POST", "/api/v1/activities/approve", map[string]any{"ids": []int64{onTime, late, other, late}}, 200)
		if got := ids(t, body); !slices.Equal(got, []int64{onTime, late, other}) {
			t.Errorf("bulk approved = %v", got)
		}
		for _, it := range body["items"].([]any) {
			if it := it.(map[string]any); it["status"] != "approved" || it["verified_by"] != float64(f.emp["kasi.pem"]) {
				t.Errorf("bulk approved item = %v", it)
			}
		}
		if got := ids(t, mustDo(t, kasi, "GET", "/api/v1/activities?queue=1", nil, 200)); len(got) != 0 {
			t.Errorf("queue after approving = %v; want empty", got)
		}

		// An approved activity is read-only.
		op := pathOf("/api/v1/activities", onTime)
		if status, body := staff.do("PATCH", op, map[string]any{"output": 9}); status != 409 || errorCode(t, body) != "conflict" {
			t.Errorf("edit approved: status %d, %v; want 409", status, body)
		}
		if status, body := staff.do("DELETE", op, nil); status != 409 {
			t.Errorf("delete approved: status %d, %v; want 409", status, body)
		}

		// A pending one can be deleted.
		gone := f.mustActivity(t, staff, "staf.pem", "2026-03-11", 1)
		if status, body := staff2.do("DELETE", pathOf("/api/v1/activities", gone), nil); status != 403 {
			t.Errorf("a colleague deletes: status %d, %v; want 403", status, body)
		}
		if status, _ := staff.do("DELETE", pathOf("/api/v1/activities", gone), nil); status != 204 {
			t.Errorf("delete pending: status %d; want 204", status)
		}
		if status, _ := staff.do("GET", pathOf("/api/v1/activities", gone), nil); status != 404 {
			t.Errorf("deleted activity: status %d; want 404", status)
		}
		if body = mustDo(t, kasi, "GET", op, nil, 200); body["status"] != "approved" || body["verified_at"] == nil {
			t.Errorf("supervisor reads approved activity = %v", body)
		}
		if status, body := kasiEko.do("GET", op, nil); status != 403 {
			t.Errorf("another team reads the activity: status %d, %v; want 403", status, body)
		}
	})
}

func TestRealisationAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newActivityFixture(t, db)
		staff, kasi, kasiEko := f.as("staf.pem"), f.as("kasi.pem"), f.as("kasi.eko")
		a1 := f.mustActivity(t, staff, "staf.pem", "2026-03-02", 3)
		a2 := f.mustActivity(t, staff, "staf.pem", "2026-03-09", 4.5)
		a3 := f.mustActivity(t, staff, "staf.pem", "2026-03-10", 10) // rejected
		f.mustActivity(t, staff, "staf.pem", "2026-03-11", 100)      // still pending
		mustDo(t, kasi, "POST", "/api/v1/activities/approve", map[string]any{"ids": []int64{a1, a2}}, 200)
		mustDo(t, kasi, "POST", pathOf("/api/v1/activities", a3)+"/reject", map[string]any{"reason": "Bukan RHK ini"}, 200)

		rp := pathOf("/api/v1/skp", f.skp["staf.pem"]) + "/realisation"
		for _, period := range []string{"2026-Q1", "2026"} {
			body := mustDo(t, staff, "GET", rp+"?period="+period, nil, 200)
			items := body["items"].([]any)
			if len(items) != 3 {
				t.Fatalf("realisation %s items = %v; want the 3 indicators", period, items)
			}
			var kuantitas map[string]any
			for _, it := range items {
				if it := it.(map[string]any); it["aspect"] == "kuantitas" {
					kuantitas = it
				} else if it["computed"] != nil {
					t.Errorf("%s indicator %v has computed; want null", it["aspect"], it)
				}
			}
			// 3 + 4.5 approved; the rejected 10 and the pending 100 do not count. A quarter is
			// judged against a quarter of the yearly target of 12.
			want := map[string]any{"2026-Q1": []float64{3, 250}, "2026": []float64{12, 62.5}}[period].([]float64)
			if kuantitas["computed"] != 7.5 || kuantitas["period_target"] != want[0] || kuantitas["percent"] != want[1] || kuantitas["target"] != "12" ||
				kuantitas["result_id"] != float64(f.rhk["staf.pem"]) {
				t.Errorf("kuantitas realisation %s = %v; want computed 7.5 (sum of approved outputs), period target %v, percent %v", period, kuantitas, want[0], want[1])
			}
		}
		if body := mustDo(t, staff, "GET", rp+"?period=2026-Q2", nil, 200); body["items"].([]any)[0].(map[string]any)["computed"] != float64(0) {
			t.Errorf("Q2 realisation = %v; want 0", body["items"])
		}
		for _, q := range []string{"", "?period=2026-13", "?period=2025-Q1"} {
			if status, body := staff.do("GET", rp+q, nil); status != 422 || field(body, "period") == "" {
				t.Errorf("GET realisation%s: status %d, %v; want 422 naming period", q, status, body)
			}
		}
		if status, body := kasiEko.do("GET", rp+"?period=2026-Q1", nil); status != 403 {
			t.Errorf("another team's realisation: status %d, %v; want 403", status, body)
		}

		// The employee's own note per indicator and period.
		skp := mustDo(t, staff, "GET", pathOf("/api/v1/skp", f.skp["staf.pem"]), nil, 200)
		ind := int64(skp["results"].([]any)[0].(map[string]any)["indicators"].([]any)[1].(map[string]any)["id"].(float64))
		np := pathOf(rp, ind)
		body := mustDo(t, staff, "PUT", np, map[string]any{"period": "2026-Q1", "note": "Semua laporan diterima tanpa revisi."}, 200)
		if body["note"] != "Semua laporan diterima tanpa revisi." || body["indicator_id"] != float64(ind) {
			t.Errorf("note = %v", body)
		}
		for _, it := range mustDo(t, kasi, "GET", rp+"?period=2026-Q1", nil, 200)["items"].([]any) {
			it := it.(map[string]any)
			if want := map[bool]string{true: "Semua laporan diterima tanpa revisi.", false: ""}[it["indicator_id"] == float64(ind)]; it["note"] != want {
				t.Errorf("indicator %v note = %q; want %q", it["indicator_id"], it["note"], want)
			}
		}
		if status, body := staff.do("PUT", np, map[string]any{"note": "x"}); status != 422 || field(body, "period") == "" {
			t.Errorf("note without period: status %d, %v; want 422 naming period", status, body)
		}
		if status, body := kasiEko.do("PUT", np, map[string]any{"period": "2026-Q1", "note": "x"}); status != 403 {
			t.Errorf("another team writes the note: status %d, %v; want 403", status, body)
		}
		// An indicator of another SKP is not found under this one.
		other := mustDo(t, kasi, "GET", pathOf("/api/v1/skp", f.skp["kasi.pem"]), nil, 200)
		otherInd := int64(other["results"].([]any)[0].(map[string]any)["indicators"].([]any)[0].(map[string]any)["id"].(float64))
		if status, body := staff.do("PUT", pathOf(rp, otherInd), map[string]any{"period": "2026-Q1", "note": "x"}); status != 404 {
			t.Errorf("note on another SKP's indicator: status %d, %v; want 404", status, body)
		}
	})
}
