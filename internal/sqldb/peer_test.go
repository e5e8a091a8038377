package sqldb_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// allRatings rates every BerAKHLAK value r.
func allRatings(r kinerja.Rating) map[string]kinerja.Rating {
	m := map[string]kinerja.Rating{}
	for _, b := range kinerja.BerAKHLAK {
		m[b.Code] = r
	}
	return m
}

func TestPeerFeedback(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := mustFeedbackOrg(t, db)
		otherOrg := sqldbtest.MustCreateOrg(t, db, "Kecamatan Lain")

		// The automatic rule: same unit and kind first, then the same kind elsewhere; never the
		// supervisor, nor anyone of another organisation.
		sugg, err := db.SuggestPeers(o.KasiACtx, o.Period.ID, o.StafA.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, d := range sugg {
			names = append(names, d.Name)
		}
		if want := []string{o.StafA2.Name, o.StafA3.Name, o.StafB.Name}; strings.Join(names, "|") != strings.Join(want, "|") {
			t.Errorf("SuggestPeers = %q; want %q", names, want)
		}
		if _, err := db.SuggestPeers(o.StafACtx, o.Period.ID, o.StafA.ID); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("employee asking for suggestions: %v; want forbidden", err)
		}

		peers := []int64{o.StafA2.ID, o.StafA3.ID, o.StafB.ID}
		assigns := []struct {
			name  string
			ctx   context.Context
			ids   []int64
			code  string
			field string
		}{
			{"the employee", o.StafACtx, peers, kinerja.EFORBIDDEN, ""},
			{"a peer", o.StafA2Ctx, peers, kinerja.EFORBIDDEN, ""},
			{"another team's kasi", o.KasiBCtx, peers, kinerja.EFORBIDDEN, ""},
			{"two peers", o.KasiACtx, peers[:2], kinerja.EINVALID, "peer_ids"},
			{"two peers given twice", o.KasiACtx, []int64{o.StafA2.ID, o.StafA2.ID, o.StafB.ID, o.StafB.ID}, kinerja.EINVALID, "peer_ids"},
			{"six peers", o.KasiACtx, []int64{o.StafA2.ID, o.StafA3.ID, o.StafB.ID, o.KasiB.ID, o.Camat.ID, otherOrg.StafA.ID}, kinerja.EINVALID, "peer_ids"},
			{"the supervisor", o.KasiACtx, []int64{o.StafA2.ID, o.StafA3.ID, o.KasiA.ID}, kinerja.EINVALID, "peer_ids"},
			{"the employee themself", o.KasiACtx, []int64{o.StafA2.ID, o.StafA3.ID, o.StafA.ID}, kinerja.EINVALID, "peer_ids"},
			{"someone of another organisation", o.KasiACtx, []int64{o.StafA2.ID, o.StafA3.ID, otherOrg.StafA.ID}, kinerja.EINVALID, "peer_ids"},
			{"the supervisor, with the camat and kasi B", o.KasiACtx, []int64{o.Camat.ID, o.KasiB.ID, o.StafB.ID, o.StafA2.ID}, "", ""},
			{"the admin, changing the set", o.Admin, peers, "", ""},
		}
		for _, tt := range assigns {
			_, err := db.AssignPeers(tt.ctx, o.Period.ID, o.StafA.ID, tt.ids)
			if kinerja.ErrorCode(err) != tt.code || tt.field != "" && kinerja.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s: AssignPeers = %v; want %q on %q", tt.name, err, tt.code, tt.field)
			}
		}
		list, err := db.FindPeerAssignments(o.KasiACtx, o.Period.ID, o.StafA.ID)
		if err != nil || len(list) != 3 {
			t.Fatalf("FindPeerAssignments = %d, %v; want the 3 of the last assignment", len(list), err)
		}
		if _, err := db.FindPeerAssignments(o.StafACtx, o.Period.ID, o.StafA.ID); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("employee listing their peers: %v; want forbidden", err)
		}
		if got := lastNotification(t, db, o.StafBCtx); got != "peer_requested" {
			t.Errorf("peer notification = %q; want peer_requested", got)
		}
		task := func(ctx context.Context) *kinerja.PeerAssignment {
			tasks, err := db.FindPeerTasks(ctx)
			if err != nil || len(tasks) != 1 || tasks[0].EmployeeID != o.StafA.ID {
				t.Fatalf("FindPeerTasks = %+v, %v; want the one review of staff A", tasks, err)
			}
			return tasks[0]
		}
		if tasks, _ := db.FindPeerTasks(o.CamatCtx); len(tasks) != 0 {
			t.Errorf("camat's tasks after being released = %+v; want none", tasks)
		}

		// Answers: validation, only the assigned peer, once.
		t2, t3, tb := task(o.StafA2Ctx), task(o.StafA3Ctx), task(o.StafBCtx)
		partial := allRatings(kinerja.RatingMeets)
		delete(partial, "loyal")
		wrong := allRatings(kinerja.RatingMeets)
		wrong["adaptif"] = "baik"
		extra := allRatings(kinerja.RatingMeets)
		extra["jujur"] = kinerja.RatingAbove
		answers := []struct {
			name    string
			ctx     context.Context
			id      int64
			ratings map[string]kinerja.Rating
			code    string
			field   string
		}{
			{"a value missing", o.StafA2Ctx, t2.ID, partial, kinerja.EINVALID, "ratings.loyal"},
			{"an unknown rating", o.StafA2Ctx, t2.ID, wrong, kinerja.EINVALID, "ratings.adaptif"},
			{"an unknown value", o.StafA2Ctx, t2.ID, extra, kinerja.EINVALID, "ratings.jujur"},
			{"someone else's task", o.StafA3Ctx, t2.ID, allRatings(kinerja.RatingMeets), kinerja.EFORBIDDEN, ""},
			{"the supervisor", o.KasiACtx, t2.ID, allRatings(kinerja.RatingMeets), kinerja.EFORBIDDEN, ""},
			{"another organisation", otherOrg.Admin, t2.ID, allRatings(kinerja.RatingMeets), kinerja.ENOTFOUND, ""},
			{"first peer", o.StafA2Ctx, t2.ID, allRatings(kinerja.RatingAbove), "", ""},
			{"first peer again", o.StafA2Ctx, t2.ID, allRatings(kinerja.RatingBelow), kinerja.ECONFLICT, ""},
			{"second peer", o.StafA3Ctx, t3.ID, allRatings(kinerja.RatingMeets), "", ""},
		}
		for _, tt := range answers {
			err := db.AnswerPeer(tt.ctx, tt.id, tt.ratings, "Komentar dari "+tt.name)
			if kinerja.ErrorCode(err) != tt.code || tt.field != "" && kinerja.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s: AnswerPeer = %v; want %q on %q", tt.name, err, tt.code, tt.field)
			}
		}
		if _, err := db.AssignPeers(o.KasiACtx, o.Period.ID, o.StafA.ID, []int64{o.StafA3.ID, o.StafB.ID, o.KasiB.ID}); kinerja.ErrorCode(err) != kinerja.ECONFLICT {
			t.Errorf("releasing a peer who answered: %v; want conflict", err)
		}

		// With 2 answers the employee sees no peer data at all.
		sum, err := db.PeerAggregate(o.StafACtx, o.Period.ID, o.StafA.ID)
		if err != nil || sum.Visible || sum.Count != 0 || len(sum.Values) != 0 || len(sum.Comments) != 0 {
			t.Fatalf("aggregate after 2 answers = %+v, %v; want nothing visible", sum, err)
		}
		if _, err := db.FindPeerAnswers(o.StafACtx, o.Period.ID, o.StafA.ID); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("employee reading the answers: %v; want forbidden", err)
		}

		// The third answer makes the aggregate visible, without names.
		if err := db.AnswerPeer(o.StafBCtx, tb.ID, allRatings(kinerja.RatingMeets), "  "); err != nil {
			t.Fatalf("third answer: %v", err)
		}
		if got := lastNotification(t, db, o.StafACtx); got != "peer_summary_ready" {
			t.Errorf("employee notification = %q; want peer_summary_ready", got)
		}
		if got := lastNotification(t, db, o.KasiACtx); got != "peer_complete" {
			t.Errorf("appraiser notification = %q; want peer_complete", got)
		}
		sum, err = db.PeerAggregate(o.StafACtx, o.Period.ID, o.StafA.ID)
		if err != nil || !sum.Visible || sum.Count != 3 || len(sum.Values) != len(kinerja.BerAKHLAK) || len(sum.Comments) != 2 {
			t.Fatalf("aggregate after 3 answers = %+v, %v; want 7 values and the 2 non-empty comments", sum, err)
		}
		for _, v := range sum.Values {
			if v.Above != 1 || v.Meets != 2 || v.Below != 0 {
				t.Errorf("value %s = %d/%d/%d; want 1 di_atas, 2 sesuai", v.Value, v.Above, v.Meets, v.Below)
			}
		}
		body, _ := json.Marshal(sum)
		for _, e := range []*kinerja.Employee{o.StafA2, o.StafA3, o.StafB} {
			if strings.Contains(string(body), e.Name) || strings.Contains(string(body), `"peer`) {
				t.Errorf("aggregate %s names a peer", body)
			}
		}
		readers := []struct {
			name string
			ctx  context.Context
			code string
		}{
			{"pejabat penilai", o.KasiACtx, ""},
			{"camat above", o.CamatCtx, ""},
			{"a peer", o.StafA2Ctx, kinerja.EFORBIDDEN},
			{"another kasi", o.KasiBCtx, kinerja.EFORBIDDEN},
			{"another organisation", otherOrg.Admin, kinerja.ENOTFOUND},
		}
		for _, r := range readers {
			got, err := db.FindPeerAnswers(r.ctx, o.Period.ID, o.StafA.ID)
			if kinerja.ErrorCode(err) != r.code {
				t.Errorf("%s: FindPeerAnswers = %v; want %q", r.name, err, r.code)
			}
			if r.code == "" && (len(got) != 3 || got[0].PeerName != o.StafA2.Name || got[0].Ratings["loyal"] != kinerja.RatingAbove) {
				t.Errorf("%s: answers = %+v; want 3 with names and ratings, oldest first", r.name, got)
			}
			if _, err := db.PeerAggregate(r.ctx, o.Period.ID, o.StafA.ID); kinerja.ErrorCode(err) != r.code {
				t.Errorf("%s: PeerAggregate = %v; want %q", r.name, err, r.code)
			}
		}

		// A closed period takes no more answers.
		if _, err := db.AssignPeers(o.KasiACtx, o.Period.ID, o.StafB.ID, []int64{o.StafA.ID, o.StafA2.ID, o.StafA3.ID}); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("kasi A assigning for staff B: %v; want forbidden", err)
		}
		if _, err := db.AssignPeers(o.Admin, o.Period.ID, o.StafB.ID, []int64{o.StafA.ID, o.StafA2.ID, o.StafA3.ID}); err != nil {
			t.Fatal(err)
		}
		closed := true
		if _, err := db.UpdatePeriod(o.Admin, o.Period.ID, nil, &closed); err != nil {
			t.Fatal(err)
		}
		tasks, _ := db.FindPeerTasks(o.StafA2Ctx)
		if len(tasks) != 2 || tasks[0].Answered || tasks[0].EmployeeID != o.StafB.ID || !tasks[0].PeriodClosed {
			t.Fatalf("tasks = %+v; want the open one first", tasks)
		}
		if err := db.AnswerPeer(o.StafA2Ctx, tasks[0].ID, allRatings(kinerja.RatingMeets), ""); kinerja.ErrorCode(err) != kinerja.ECONFLICT {
			t.Errorf("answering in a closed period: %v; want conflict", err)
		}
	})
}
