package api_test

import (
	"slices"
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// contractPeriodKeys are the fields CONTRACT.md promises for a period.
var contractPeriodKeys = []string{"id", "year", "start", "end", "cadence"}

func TestPeriodsAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		admin := f.as("admin.asemrowo")

		status, body := admin.do("POST", "/api/v1/periods", map[string]any{"year": 2026})
		if status != 201 || bodyID(body) == 0 {
			t.Fatalf("create: status %d, %v; want 201 with id", status, body)
		}
		if !hasKeys(body, append(contractPeriodKeys, "closed", "org_id")) {
			t.Errorf("period %v lacks some of %v", keys(body), contractPeriodKeys)
		}
		want := map[string]any{"year": float64(2026), "start": "2026-01-01", "end": "2026-12-31", "cadence": "quarterly",
			"closed": false, "org_id": float64(f.org)}
		for k, v := range want {
			if body[k] != v {
				t.Errorf("created period %s = %v; want %v", k, body[k], v)
			}
		}
		p2026 := bodyID(body)
		status, body = admin.do("POST", "/api/v1/periods", map[string]any{"year": 2025, "cadence": "semester", "start": "2025-02-01"})
		if status != 201 || body["start"] != "2025-02-01" || body["cadence"] != "semester" {
			t.Fatalf("create 2025: status %d, %v", status, body)
		}
		p2025 := bodyID(body)

		invalid := []struct {
			name       string
			method     string
			path       string
			body       any
			wantStatus int
			wantCode   string
			wantField  string
		}{
			{"year taken", "POST", "/api/v1/periods", map[string]any{"year": 2026}, 409, "conflict", ""},
			{"year out of range", "POST", "/api/v1/periods", map[string]any{"year": 1999}, 422, "invalid", "year"},
			{"unknown cadence", "POST", "/api/v1/periods", map[string]any{"year": 2027, "cadence": "tahunan"}, 422, "invalid", "cadence"},
			{"start not a date", "POST", "/api/v1/periods", map[string]any{"year": 2027, "start": "kemarin"}, 422, "invalid", "start"},
			{"end before start", "POST", "/api/v1/periods", map[string]any{"year": 2027, "start": "2027-06-01", "end": "2027-05-01"}, 422, "invalid", "end"},
			{"malformed", "POST", "/api/v1/periods", `{"year":`, 400, "invalid", ""},
			{"patch unknown cadence", "PATCH", pathOf("/api/v1/periods", p2026), map[string]any{"cadence": "tahunan"}, 422, "invalid", "cadence"},
			{"patch unknown period", "PATCH", "/api/v1/periods/999999", map[string]any{"closed": true}, 404, "not_found", ""},
			{"get unknown period", "GET", "/api/v1/periods/999999", nil, 404, "not_found", ""},
		}
		for _, tt := range invalid {
			status, body := admin.do(tt.method, tt.path, tt.body)
			if status != tt.wantStatus || errorCode(t, body) != tt.wantCode || (tt.wantField != "" && field(body, tt.wantField) == "") {
				t.Errorf("%s: status %d, %v; want %d %s naming %q", tt.name, status, body, tt.wantStatus, tt.wantCode, tt.wantField)
			}
		}

		// Everyone in the organisation reads the periods; only its admins write them.
		staff := f.as("staf.pem")
		status, body = staff.do("GET", "/api/v1/periods", nil)
		if got := ids(t, body); status != 200 || !slices.Equal(got, []int64{p2026, p2025}) {
			t.Errorf("list: status %d, ids %v; want %v (newest first)", status, got, []int64{p2026, p2025})
		}
		if status, body = staff.do("GET", pathOf("/api/v1/periods", p2025), nil); status != 200 || body["year"] != float64(2025) {
			t.Errorf("staff GET period: status %d, %v", status, body)
		}
		if status, body = staff.do("POST", "/api/v1/periods", map[string]any{"year": 2027}); status != 403 || errorCode(t, body) != "forbidden" {
			t.Errorf("staff create: status %d, %v; want 403", status, body)
		}
		if status, body = staff.do("PATCH", pathOf("/api/v1/periods", p2026), map[string]any{"closed": true}); status != 403 {
			t.Errorf("staff patch: status %d, %v; want 403", status, body)
		}

		status, body = admin.do("PATCH", pathOf("/api/v1/periods", p2026), map[string]any{"cadence": "monthly"})
		if status != 200 || body["cadence"] != "monthly" || body["closed"] != false || body["year"] != float64(2026) {
			t.Errorf("patch cadence: status %d, %v", status, body)
		}
		status, body = admin.do("PATCH", pathOf("/api/v1/periods", p2025), map[string]any{"closed": true})
		if status != 200 || body["closed"] != true || body["cadence"] != "semester" {
			t.Errorf("close: status %d, %v", status, body)
		}
		// A closed period takes no new SKP.
		status, body = staff.do("POST", "/api/v1/skp", map[string]any{"period_id": p2025})
		if status != 422 || field(body, "period_id") == "" {
			t.Errorf("SKP in a closed period: status %d, %v; want 422 naming period_id", status, body)
		}

		// Another organisation's period does not exist for this one.
		other := sqldbtest.MustCreateOrg(t, db, "Kecamatan Benowo")
		status, body = f.admin.do("POST", "/api/v1/periods", map[string]any{"org_id": other.ID, "year": 2026})
		if status != 201 || body["org_id"] != float64(other.ID) {
			t.Fatalf("installation admin creates another organisation's period: status %d, %v", status, body)
		}
		if status, _ = admin.do("GET", pathOf("/api/v1/periods", bodyID(body)), nil); status != 404 {
			t.Errorf("other organisation's period: status %d; want 404", status)
		}
	})
}
