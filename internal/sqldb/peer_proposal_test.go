package sqldb_test

import (
	"context"
	"slices"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestPeerProposal: an employee proposes their own peers, the pejabat penilai hears of it and
// approves by assigning, which clears the proposal.
func TestPeerProposal(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := mustFeedbackOrg(t, db)
		otherOrg := sqldbtest.MustCreateOrg(t, db, "Kecamatan Lain")
		if o.StafA.AppraiserID == nil || *o.StafA.AppraiserID != o.KasiA.ID {
			t.Fatalf("fixture: staf A's appraiser is %v; want kasi A", o.StafA.AppraiserID)
		}
		peers := []int64{o.StafA2.ID, o.StafA3.ID, o.StafB.ID}
		// Nothing is proposed yet.
		if _, err := db.FindPeerProposal(o.KasiACtx, o.Period.ID, o.StafA.ID); kinerja.ErrorCode(err) != kinerja.ENOTFOUND {
			t.Errorf("FindPeerProposal before any = %v; want not found", err)
		}
		proposals := []struct {
			name     string
			ctx      context.Context
			employee int64
			ids      []int64
			code     string
			field    string
		}{
			{"an admin without an employee", o.Admin, o.StafA.ID, peers, kinerja.EFORBIDDEN, ""},
			{"the appraiser for the employee", o.KasiACtx, o.StafA.ID, peers, kinerja.EFORBIDDEN, ""},
			{"a colleague for the employee", o.StafA2Ctx, o.StafA.ID, peers, kinerja.EFORBIDDEN, ""},
			{"two peers", o.StafACtx, 0, peers[:2], kinerja.EINVALID, "peer_ids"},
			{"six peers", o.StafACtx, 0, []int64{o.StafA2.ID, o.StafA3.ID, o.StafB.ID, o.KasiB.ID, o.Camat.ID, otherOrg.StafA.ID}, kinerja.EINVALID, "peer_ids"},
			{"the appraiser", o.StafACtx, 0, []int64{o.StafA2.ID, o.StafA3.ID, o.KasiA.ID}, kinerja.EINVALID, "peer_ids"},
			{"themself", o.StafACtx, 0, []int64{o.StafA2.ID, o.StafA3.ID, o.StafA.ID}, kinerja.EINVALID, "peer_ids"},
			{"someone of another organisation", o.StafACtx, 0, []int64{o.StafA2.ID, o.StafA3.ID, otherOrg.StafA.ID}, kinerja.EINVALID, "peer_ids"},
			{"a first proposal", o.StafACtx, 0, []int64{o.StafA2.ID, o.KasiB.ID, o.StafB.ID}, "", ""},
			{"a changed proposal", o.StafACtx, 0, peers, "", ""},
		}
		for _, tt := range proposals {
			_, err := db.ProposePeers(tt.ctx, o.Period.ID, tt.employee, tt.ids)
			if kinerja.ErrorCode(err) != tt.code || tt.field != "" && kinerja.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s: ProposePeers = %v; want %q on %q", tt.name, err, tt.code, tt.field)
			}
		}
		if got := lastNotification(t, db, o.KasiACtx); got != string(kinerja.EventPeerProposed) {
			t.Errorf("appraiser's notification = %q; want peer_proposed", got)
		}
		for name, ctx := range map[string]context.Context{"the employee": o.StafACtx, "the appraiser": o.KasiACtx, "an admin": o.Admin} {
			p, err := db.FindPeerProposal(ctx, o.Period.ID, o.StafA.ID)
			if err != nil || !slices.Equal(p.PeerIDs(), peers) {
				t.Errorf("%s: FindPeerProposal = %+v, %v; want %v", name, p, err, peers)
			}
		}
		for name, ctx := range map[string]context.Context{"a peer": o.StafA2Ctx, "another kasi": o.KasiBCtx} {
			if _, err := db.FindPeerProposal(ctx, o.Period.ID, o.StafA.ID); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
				t.Errorf("%s: FindPeerProposal = %v; want forbidden", name, err)
			}
		}
		if _, err := db.FindPeerProposal(otherOrg.Admin, o.Period.ID, o.StafA.ID); kinerja.ErrorCode(err) != kinerja.ENOTFOUND {
			t.Errorf("another organisation: FindPeerProposal = %v; want not found", err)
		}
		can, err := db.FeedbackActions(o.StafACtx, o.StafA.ID, o.Period.ID)
		if err != nil || !can.Has(kinerja.ActionProposePeers) {
			t.Errorf("FeedbackActions = %v, %v; want propose_peers", can, err)
		}
		entries, _, err := db.FindAuditEntries(o.Admin, kinerja.AuditFilter{Entity: kinerja.EntityPeer})
		if err != nil || len(entries) == 0 || entries[0].Action != kinerja.ActionPropose {
			t.Errorf("audit = %v, %v; want the proposal", entries, err)
		}

		// Assigning approves and clears the proposal; nothing is left to propose.
		if _, err := db.AssignPeers(o.KasiACtx, o.Period.ID, o.StafA.ID, peers); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindPeerProposal(o.StafACtx, o.Period.ID, o.StafA.ID); kinerja.ErrorCode(err) != kinerja.ENOTFOUND {
			t.Errorf("FindPeerProposal after assigning = %v; want not found", err)
		}
		if _, err := db.ProposePeers(o.StafACtx, o.Period.ID, o.StafA.ID, peers); kinerja.ErrorCode(err) != kinerja.ECONFLICT {
			t.Errorf("proposing after peers are chosen = %v; want conflict", err)
		}
		if can, _ := db.FeedbackActions(o.StafACtx, o.StafA.ID, o.Period.ID); can.Has(kinerja.ActionProposePeers) {
			t.Errorf("FeedbackActions after assigning still lets the employee propose")
		}
		// The camat has no pejabat penilai in the organisation to approve.
		if o.Camat.AppraiserID == nil {
			if _, err := db.ProposePeers(o.CamatCtx, o.Period.ID, 0, peers); kinerja.ErrorCode(err) != kinerja.ECONFLICT {
				t.Errorf("proposing without an appraiser = %v; want conflict", err)
			}
		}
	})
}
