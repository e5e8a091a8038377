package sqldb_test

import (
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestAuditRecordsChanges(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx, admin := sqldbtest.AdminContext(t, db)
		u := sqldbtest.MustCreateUser(t, db, ctx, "rina", kinerja.RolePegawai)
		name, off := "Rina Wati", false
		if _, err := db.UpdateUser(ctx, u.ID, kinerja.UserUpdate{Name: &name, Active: &off}); err != nil {
			t.Fatal(err)
		}
		entries, _, err := db.FindAuditEntries(ctx, kinerja.AuditFilter{Entity: kinerja.EntityUser, EntityID: itoa(u.ID)})
		if err != nil || len(entries) != 2 {
			t.Fatalf("entries = %v, %v; want create and update", entries, err)
		}
		upd := entries[0]
		if upd.Action != kinerja.ActionUpdate || upd.ActorName != admin.Username || upd.At.IsZero() {
			t.Errorf("newest entry = %+v; want update by admin", upd)
		}
		changed := map[string]bool{}
		for _, c := range upd.Changes() {
			changed[c.Field] = true
		}
		if !changed["name"] || !changed["active"] || changed["username"] {
			t.Errorf("changes = %v; want name and active only (besides updated_at)", upd.Changes())
		}

		byActor, _, _ := db.FindAuditEntries(ctx, kinerja.AuditFilter{ActorID: &u.ID})
		if len(byActor) != 0 {
			t.Errorf("entries by rina = %v; want none", byActor)
		}
		future, _, _ := db.FindAuditEntries(ctx, kinerja.AuditFilter{From: time.Now().Add(time.Hour)})
		if len(future) != 0 {
			t.Errorf("entries from the future = %d; want 0", len(future))
		}
		if _, _, err := db.FindAuditEntries(ctx, kinerja.AuditFilter{Entity: "rahasia"}); kinerja.ErrorCode(err) != kinerja.EINVALID {
			t.Errorf("unknown entity filter: %v; want invalid", err)
		}
	})
}
