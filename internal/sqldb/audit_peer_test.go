package sqldb_test

import (
	"context"
	"strconv"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestAudit_PeerReviewHiddenFromItsSubject: an HR admin who is also reviewed by peers reads the
// audit log. Before, it named each peer who answered about them and when, which with the
// summary before and after gave away that peer's ratings; now the entries about their own peer
// review are left out for them, and another admin still sees them.
func TestAudit_PeerReviewHiddenFromItsSubject(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := mustFeedbackOrg(t, db)
		hr := o.AddPerson(t, sqldbtest.PersonSpec{Key: "hr", Name: "Hana Rahmawati", Unit: "seksi.a", Supervisor: "kasi.a",
			Roles: []kinerja.Role{kinerja.RoleAdmin, kinerja.RolePegawai}})
		hrCtx := o.As("hr")
		if _, err := db.AssignPeers(o.KasiACtx, o.Period.ID, hr.ID, []int64{o.StafA.ID, o.StafA2.ID, o.StafA3.ID}); err != nil {
			t.Fatal(err)
		}
		for _, ctx := range []context.Context{o.StafACtx, o.StafA2Ctx} {
			tasks, err := db.FindPeerTasks(ctx)
			if err != nil || len(tasks) != 1 {
				t.Fatalf("FindPeerTasks = %+v, %v", tasks, err)
			}
			if err := db.AnswerPeer(ctx, tasks[0].ID, allRatings(kinerja.RatingMeets), ""); err != nil {
				t.Fatal(err)
			}
		}
		about := func(ctx context.Context) (answers, assigns int) {
			t.Helper()
			entries, _, err := db.FindAuditEntries(ctx, kinerja.AuditFilter{Entity: string(kinerja.EntityPeer), Limit: 100})
			if err != nil {
				t.Fatalf("FindAuditEntries: %v", err)
			}
			for _, e := range entries {
				if e.EntityID != strconv.FormatInt(hr.ID, 10) {
					continue
				}
				switch e.Action {
				case string(kinerja.ActionAnswer):
					answers++
				case string(kinerja.ActionAssign):
					assigns++
				}
			}
			return answers, assigns
		}
		if answers, assigns := about(hrCtx); answers != 0 || assigns != 0 {
			t.Errorf("the reviewed admin sees %d answers and %d assignments about them in the audit log; want none", answers, assigns)
		}
		if answers, assigns := about(o.Admin); answers != 2 || assigns != 1 {
			t.Errorf("another admin sees %d answers and %d assignments; want 2 and 1", answers, assigns)
		}
	})
}
