package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestFeedback_PeerProposal: a staff member proposes their own peers on their feedback page, the
// pejabat penilai finds the assignment form filled with the proposal and approves by saving it,
// and the staff member sees where the proposal stands.
func TestFeedback_PeerProposal(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newFeedbackFixture(t, "Kecamatan Usulan")
		staf, kasi := f.login(t, f.StafA), f.login(t, f.KasiA)
		page := feedbackPath(f.StafA.ID)
		action := feedbackBase(f.StafA.ID) + "/peer-proposal"
		period := itoa(f.period.ID)

		res := staf.get(page)
		res.wantBody(t, `id="propose-peers-form"`, `id="propose-peer-1"`, `id="propose-peer-5"`, `<option value="`+itoa(f.StafB.ID)+`">`)
		res.wantNoBody(t, `id="peer-proposal-status"`)
		form := res.Body[strings.Index(res.Body, `id="propose-peers-form"`):]
		form = form[:strings.Index(form, "</form>")]
		for _, e := range []*kinerja.Employee{f.KasiA, f.StafA} {
			if strings.Contains(form, `<option value="`+itoa(e.ID)+`"`) {
				t.Errorf("the proposal form offers %s", e.Name)
			}
		}

		res = staf.post(action, url.Values{"period_id": {period}, "peer_ids": {itoa(f.peers[0].ID), itoa(f.peers[1].ID), "", "", ""}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="propose_peer_ids-error">`+kinerja.MsgPeerCount, `<option value="`+itoa(f.peers[1].ID)+`" selected>`)
		proposed := url.Values{"period_id": {period}, "peer_ids": {itoa(f.peers[0].ID), itoa(f.peers[1].ID), itoa(f.StafB.ID), "", ""}}
		kasi.post(action, proposed).wantStatus(t, http.StatusForbidden)
		staf.post(action, proposed).wantRedirect(t, page+"?period="+period+"&ok=peers_proposed")

		res = staf.get(page)
		res.wantBody(t, `id="peer-proposal-status"`, htmlEscape(f.StafB.Name), `id="propose-peers-form"`)

		// The kasi's form holds the proposal, checked, and not the other suggestion.
		res = kasi.get(page)
		res.wantBody(t, `id="peer-proposal-received"`)
		for _, p := range []*kinerja.Employee{f.peers[0], f.peers[1], f.StafB} {
			res.wantBody(t, `id="peer-`+itoa(p.ID)+`" name="peer_ids" value="`+itoa(p.ID)+`" checked`)
		}
		res.wantNoBody(t, `id="peer-`+itoa(f.peers[2].ID)+`" name="peer_ids" value="`+itoa(f.peers[2].ID)+`" checked`)
		kasi.post(feedbackBase(f.StafA.ID)+"/peers", proposed).wantRedirect(t, page+"?period="+period+"&ok=peers_assigned")

		res = staf.get(page)
		res.wantBody(t, `id="peer-proposal-status"`)
		res.wantNoBody(t, `id="propose-peers-form"`, `id="peer-proposal-peers"`)
		kasi.get(page).wantNoBody(t, `id="peer-proposal-received"`)
	})
}
