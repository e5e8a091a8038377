package sqldb_test

import (
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestFindUserByUsername(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx, _ := sqldbtest.AdminContext(t, db)
		p := sqldbtest.MustCreateUser(t, db, ctx, "budi_s", kinerja.RolePegawai)
		sqldbtest.MustCreateUser(t, db, ctx, "budixs", kinerja.RolePegawai)

		u, err := db.FindUserByUsername(ctx, " Budi_S ")
		if err != nil || u.ID != p.ID || len(u.Roles) != 1 {
			t.Fatalf("FindUserByUsername(budi_s) = %+v, %v; want user %d with roles", u, err, p.ID)
		}
		if _, err := db.FindUserByUsername(ctx, "nobody"); kinerja.ErrorCode(err) != kinerja.ENOTFOUND {
			t.Errorf("FindUserByUsername(nobody) error = %v; want not_found", err)
		}
		pctx := kinerja.NewContextWithUser(ctx, p)
		if _, err := db.FindUserByUsername(pctx, "budi_s"); err != nil {
			t.Errorf("pegawai FindUserByUsername(self) error = %v; want nil", err)
		}
		if _, err := db.FindUserByUsername(pctx, "admin"); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("pegawai FindUserByUsername(admin) error = %v; want forbidden", err)
		}
	})
}
