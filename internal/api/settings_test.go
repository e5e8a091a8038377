package api_test

import (
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestSettingsAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newActivityFixture(t, db)
		admin, staff := f.as("admin.asemrowo"), f.as("staf.pem")

		body := mustDo(t, staff, "GET", "/api/v1/settings", nil, 200)
		if body["activity_deadline_days"] != float64(3) || body["verification_sla_days"] != float64(5) || body["evidence_max_bytes"] != float64(10<<20) ||
			body["org_id"] != float64(f.org) {
			t.Errorf("default settings = %v; want 3 days, 5 days, 10 MB", body)
		}
		if body["objection_days"] != float64(14) || body["advice_above_percent"] != float64(100) || body["advice_meets_percent"] != float64(90) {
			t.Errorf("default assessment settings = %v; want 14 days, 100 %%, 90 %%", body)
		}
		if status, body := staff.do("PUT", "/api/v1/settings", map[string]any{"activity_deadline_days": 10}); status != 403 {
			t.Errorf("pegawai changes settings: status %d, %v; want 403", status, body)
		}
		body = mustDo(t, admin, "PUT", "/api/v1/settings", map[string]any{"activity_deadline_days": 2}, 200)
		if body["activity_deadline_days"] != float64(2) || body["verification_sla_days"] != float64(5) || body["evidence_max_bytes"] != float64(10<<20) {
			t.Errorf("updated settings = %v; want the deadline changed and the rest kept", body)
		}
		if body = mustDo(t, staff, "GET", "/api/v1/settings", nil, 200); body["activity_deadline_days"] != float64(2) {
			t.Errorf("settings after update = %v", body)
		}
		body = mustDo(t, admin, "PUT", "/api/v1/settings", map[string]any{"objection_days": 30, "advice_above_percent": 110, "advice_meets_percent": 82.5}, 200)
		if body["objection_days"] != float64(30) || body["advice_above_percent"] != float64(110) || body["advice_meets_percent"] != 82.5 ||
			body["activity_deadline_days"] != float64(2) {
			t.Errorf("updated assessment settings = %v; want 30 days, 110 %%, 82.5 %% and the rest kept", body)
		}
		if status, body := admin.do("PUT", "/api/v1/settings", map[string]any{"objection_days": 0, "advice_above_percent": 1001, "advice_meets_percent": -1}); status != 422 || field(body, "objection_days") == "" || field(body, "advice_above_percent") == "" || field(body, "advice_meets_percent") == "" {
			t.Errorf("invalid assessment settings: status %d, %v; want 422 naming every field", status, body)
		}
		if status, body := admin.do("PUT", "/api/v1/settings", map[string]any{"advice_meets_percent": 120}); status != 422 || field(body, "advice_meets_percent") == "" {
			t.Errorf("meets above the above threshold: status %d, %v; want 422 naming advice_meets_percent", status, body)
		}
		status, body := admin.do("PUT", "/api/v1/settings", map[string]any{"activity_deadline_days": -1, "verification_sla_days": 0, "evidence_max_bytes": 100})
		if status != 422 || field(body, "activity_deadline_days") == "" || field(body, "verification_sla_days") == "" || field(body, "evidence_max_bytes") == "" {
			t.Errorf("invalid settings: status %d, %v; want 422 naming every field", status, body)
		}
		if status, body := admin.do("PUT", "/api/v1/settings", map[string]any{"activity_deadline_days": "dua"}); status != 400 || field(body, "activity_deadline_days") == "" {
			t.Errorf("settings of the wrong type: status %d, %v; want 400 naming the field", status, body)
		}

		// The calendar: Monday 2026-03-09 off makes Thursday's work logged Wednesday in time
		// with a deadline of 2 working days (Mon, Tue, Wed: 3 otherwise).
		body = mustDo(t, staff, "POST", "/api/v1/activities", map[string]any{"date": "2026-03-06", "result_id": f.rhk["staf.pem"], "description": "x", "output": 1}, 201)
		if body["late"] != true {
			t.Errorf("Friday's activity logged Wednesday with a 2-day deadline: late = %v; want true", body["late"])
		}
		if status, body := staff.do("PUT", "/api/v1/holidays/2026-03-09", map[string]any{"name": "Libur"}); status != 403 {
			t.Errorf("pegawai sets a holiday: status %d, %v; want 403", status, body)
		}
		body = mustDo(t, admin, "PUT", "/api/v1/holidays/2026-03-09", map[string]any{"name": "Hari Raya Nyepi"}, 200)
		if body["date"] != "2026-03-09" || body["name"] != "Hari Raya Nyepi" {
			t.Errorf("set holiday = %v", body)
		}
		mustDo(t, admin, "PUT", "/api/v1/holidays/2026-01-01", map[string]any{"name": "Tahun Baru"}, 200)
		body = mustDo(t, staff, "POST", "/api/v1/activities", map[string]any{"date": "2026-03-06", "result_id": f.rhk["staf.pem"], "description": "x", "output": 1}, 201)
		if body["late"] != false {
			t.Errorf("with Monday off: late = %v; want false", body["late"])
		}
		body = mustDo(t, staff, "GET", "/api/v1/holidays?year=2026", nil, 200)
		if items := body["items"].([]any); len(items) != 2 || items[0].(map[string]any)["date"] != "2026-01-01" || items[1].(map[string]any)["name"] != "Hari Raya Nyepi" {
			t.Errorf("holidays 2026 = %v; want both in date order", items)
		}
		if items := mustDo(t, staff, "GET", "/api/v1/holidays?year=2027", nil, 200)["items"].([]any); len(items) != 0 {
			t.Errorf("holidays 2027 = %v; want none", items)
		}
		for _, call := range []struct {
			method, path string
			body         any
			field        string
		}{
			{"PUT", "/api/v1/holidays/2026-02-30", map[string]any{"name": "x"}, "date"},
			{"PUT", "/api/v1/holidays/0000-06-15", map[string]any{"name": "x"}, "date"}, // no year 0 in PostgreSQL
			{"PUT", "/api/v1/holidays/0001-01-01", map[string]any{"name": "x"}, "date"}, // the zero date: no date
			{"PUT", "/api/v1/holidays/2026-03-10", map[string]any{"name": " "}, "name"},
			{"GET", "/api/v1/holidays?year=dua", nil, "year"},
			{"DELETE", "/api/v1/holidays/besok", nil, "date"},
		} {
			if status, body := admin.do(call.method, call.path, call.body); status != 422 || field(body, call.field) == "" {
				t.Errorf("%s %s: status %d, %v; want 422 naming %s", call.method, call.path, status, body, call.field)
			}
		}
		if status, _ := admin.do("DELETE", "/api/v1/holidays/2026-03-09", nil); status != 204 {
			t.Errorf("delete holiday: status %d; want 204", status)
		}
		if items := mustDo(t, staff, "GET", "/api/v1/holidays?year=2026", nil, 200)["items"].([]any); len(items) != 1 {
			t.Errorf("holidays after delete = %v; want 1", items)
		}
	})
}
