package api_test

import (
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestPeerProposalAPI: a staff member proposes their own peers, their pejabat penilai reads the
// proposal and approves it by assigning the peers, which clears it.
func TestPeerProposalAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newActivityFixture(t, db)
		staff, kasi, kasiEko := f.as("staf.pem"), f.as("kasi.pem"), f.as("kasi.eko")
		me := f.emp["staf.pem"]
		pp := pathOf("/api/v1/periods", f.period)
		peerIDs := []int64{f.emp["staf.pem2"], f.emp["staf.eko"], f.emp["kasi.eko"]}

		if status, body := staff.do("GET", pp+"/peer-proposal", nil); status != 404 {
			t.Errorf("no proposal yet: status %d, %v; want 404", status, body)
		}
		for _, tt := range []struct {
			name   string
			c      *client
			path   string
			body   map[string]any
			status int
			field  string
		}{
			{"two peers", staff, pp + "/peer-proposal", map[string]any{"peer_ids": peerIDs[:2]}, 422, "peer_ids"},
			{"the appraiser as a peer", staff, pp + "/peer-proposal", map[string]any{"peer_ids": []int64{f.emp["kasi.pem"], peerIDs[0], peerIDs[1]}}, 422, "peer_ids"},
			{"themself as a peer", staff, pp + "/peer-proposal", map[string]any{"peer_ids": []int64{me, peerIDs[0], peerIDs[1]}}, 422, "peer_ids"},
			{"unknown period", staff, "/api/v1/periods/999999/peer-proposal", map[string]any{"peer_ids": peerIDs}, 404, ""},
		} {
			if status, body := tt.c.do("POST", tt.path, tt.body); status != tt.status || tt.field != "" && field(body, tt.field) == "" {
				t.Errorf("%s: status %d, %v; want %d naming %q", tt.name, status, body, tt.status, tt.field)
			}
		}
		body := mustDo(t, staff, "POST", pp+"/peer-proposal", map[string]any{"peer_ids": peerIDs}, 200)
		if got := ids(t, map[string]any{"items": body["peers"], "next_cursor": ""}); len(got) != 3 || got[0] != peerIDs[0] {
			t.Errorf("proposal = %v; want %v", got, peerIDs)
		}
		body = mustDo(t, kasi, "GET", pp+"/peer-proposal?employee_id="+id(me), nil, 200)
		if got := ids(t, map[string]any{"items": body["peers"], "next_cursor": ""}); len(got) != 3 || body["employee_id"] != float64(me) {
			t.Errorf("appraiser reads the proposal = %v; want the 3 proposed", body)
		}
		if status, body := kasiEko.do("GET", pp+"/peer-proposal?employee_id="+id(me), nil); status != 403 {
			t.Errorf("another team's kasi reads the proposal: status %d, %v; want 403", status, body)
		}
		mustDo(t, kasi, "POST", pp+"/peers", map[string]any{"employee_id": me, "peer_ids": peerIDs}, 200)
		if status, body := staff.do("GET", pp+"/peer-proposal", nil); status != 404 {
			t.Errorf("after assigning: status %d, %v; want 404", status, body)
		}
		if status, body := staff.do("POST", pp+"/peer-proposal", map[string]any{"peer_ids": peerIDs}); status != 409 {
			t.Errorf("proposing after assigning: status %d, %v; want 409", status, body)
		}
	})
}
