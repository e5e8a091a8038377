package api_test

import (
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestFeedbackEvidenceAPI: POST /api/v1/feedback refuses evidence that is not of the employee
// the feedback is about, with 422 on evidence_id, and stores nothing.
func TestFeedbackEvidenceAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newActivityFixture(t, db)
		staff, staffEko, kasi := f.as("staf.pem"), f.as("staf.eko"), f.as("kasi.pem")
		me := f.emp["staf.pem"]
		evidence := func(c *client, who string) int64 {
			t.Helper()
			status, body := c.upload("/api/v1/evidence", "laporan.pdf", formField{"file", testPDF}, formField{"result_id", id(f.rhk[who])})
			if status != 201 {
				t.Fatalf("upload for %s: status %d, %v", who, status, body)
			}
			return bodyID(body)
		}
		own, otherTeam := evidence(staff, "staf.pem"), evidence(staffEko, "staf.eko")

		tests := []struct {
			name string
			c    *client
			body map[string]any
		}{
			{"staff asks with another team's evidence", staff, map[string]any{"request": true, "text": "Mohon masukan.", "evidence_id": otherTeam}},
			{"supervisor with another team's evidence", kasi, map[string]any{"about_employee_id": me, "text": "Bagus.", "evidence_id": otherTeam}},
			{"an id that is no evidence", kasi, map[string]any{"about_employee_id": me, "text": "Bagus.", "evidence_id": 1 << 40}},
		}
		for _, tt := range tests {
			status, body := tt.c.do("POST", "/api/v1/feedback", tt.body)
			if status != 422 || errorCode(t, body) != "invalid" || field(body, "evidence_id") != kinerja.MsgFeedbackEvidenceOwner {
				t.Errorf("%s: status %d, %v; want 422 naming evidence_id", tt.name, status, body)
			}
		}
		if got := ids(t, mustDo(t, staff, "GET", "/api/v1/feedback", nil, 200)); len(got) != 0 {
			t.Errorf("feedback stored after the refusals: %v; want none", got)
		}

		body := mustDo(t, kasi, "POST", "/api/v1/feedback", map[string]any{"about_employee_id": me, "text": "Laporan ini rapi.", "evidence_id": own}, 201)
		if body["evidence_id"] != float64(own) {
			t.Errorf("feedback with the employee's own evidence = %v", body)
		}
	})
}
