package api_test

import (
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestAuditFilter_EveryEntity filters the audit log by each audited entity: every one the
// store writes is accepted, an unknown one is refused naming the field. Assessments and
// activities are entries an admin looks for first.
func TestAuditFilter_EveryEntity(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		admin := f.as("admin.asemrowo")
		for _, e := range []string{kinerja.EntityAssessment, kinerja.EntityActivity, kinerja.EntitySettings,
			kinerja.EntityHoliday, kinerja.EntityEvidence, kinerja.EntityOrgRating} {
			if status, body := admin.do("GET", "/api/v1/audit?entity="+e, nil); status != 200 {
				t.Errorf("audit filtered by %s: status %d, %v; want 200", e, status, body)
			}
		}
		for _, e := range kinerja.AuditEntities {
			if status, body := admin.do("GET", "/api/v1/audit?entity="+e, nil); status != 200 {
				t.Errorf("audit filtered by %s: status %d, %v; want 200", e, status, body)
			}
		}
		mustDo(t, admin, "PUT", "/api/v1/holidays/2026-08-17", map[string]any{"name": "Hari Kemerdekaan"}, 200)
		items := mustDo(t, admin, "GET", "/api/v1/audit?entity=holiday", nil, 200)["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["entity"] != "holiday" {
			t.Errorf("audit of holidays = %v; want the one just set", items)
		}
		if status, body := admin.do("GET", "/api/v1/audit?entity=gaji", nil); status != 422 || field(body, "entity") == "" {
			t.Errorf("unknown entity: status %d, %v; want 422 naming entity", status, body)
		}
	})
}
