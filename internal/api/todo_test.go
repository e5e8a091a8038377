package api_test

import (
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestTodoAPI checks that /api/v1/me/todo lists the SKP submitted to the caller, with its
// ids and due day, in the documented shape.
func TestTodoAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSKPFixture(t, db)
		kasi := f.as("kasi.pem")
		camatSKP := f.mustSKP(t, f.as("camat"))
		camatRHK := mustResult(t, f.as("camat"), camatSKP, rhk("utama", "Meningkatnya kualitas pelayanan publik", 0, "12"))
		kasiSKP := f.mustSKP(t, kasi)
		kasiRHK := mustResult(t, kasi, kasiSKP, rhk("utama", "Tertibnya administrasi pemerintahan", camatRHK, "12"))
		staf := f.as("staf.pem")
		s := f.mustSKP(t, staf)
		mustResult(t, staf, s, rhk("utama", "Tersusunnya laporan", kasiRHK, "12"))
		mustDo(t, staf, "POST", pathOf("/api/v1/skp", s)+"/submit", nil, 200)

		body := mustDo(t, kasi, "GET", "/api/v1/me/todo", nil, 200)
		var approve map[string]any
		for _, it := range body["items"].([]any) {
			if m := it.(map[string]any); m["kind"] == "skp_approve" {
				approve = m
			}
		}
		if approve == nil || approve["skp_id"] != float64(s) || approve["assessment_id"] != nil || approve["due"] == nil {
			t.Errorf("todo = %v; want skp_approve for SKP %d with its due day", body, s)
		}
		// The staff member's own SKP is submitted: nothing to write.
		for _, it := range mustDo(t, staf, "GET", "/api/v1/me/todo", nil, 200)["items"].([]any) {
			if it.(map[string]any)["kind"] == "skp_write" {
				t.Errorf("staff todo lists skp_write for a submitted SKP: %v", it)
			}
		}
	})
}
