package sqldb_test

import (
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestCreateUser(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx, admin := sqldbtest.AdminContext(t, db)
		u, err := db.CreateUser(ctx, kinerja.NewUser{Username: " Budi.Santoso ", Name: "Budi Santoso, S.Kom.",
			Password: "kata-sandi-kuat", Roles: []kinerja.Role{kinerja.RolePegawai, kinerja.RoleAtasan, kinerja.RolePegawai}})
		if err != nil {
			t.Fatalf("CreateUser: %v", err)
		}
		if u.ID == 0 || u.Username != "budi.santoso" || !u.Active {
			t.Fatalf("CreateUser = %+v; want normalised active user with id", u)
		}
		if got := u.Roles; len(got) != 2 || got[0] != kinerja.RoleAtasan || got[1] != kinerja.RolePegawai {
			t.Errorf("roles = %v; want [atasan pegawai]", got)
		}
		got, err := db.FindUserByID(ctx, u.ID)
		if err != nil || got.Name != "Budi Santoso, S.Kom." || !got.CreatedAt.Equal(u.CreatedAt) {
			t.Errorf("FindUserByID = %+v, %v; want the created user", got, err)
		}

		_, err = db.CreateUser(ctx, kinerja.NewUser{Username: "BUDI.SANTOSO", Password: "kata-sandi-kuat", Roles: []kinerja.Role{kinerja.RolePegawai}})
		if code := kinerja.ErrorCode(err); code != kinerja.ECONFLICT {
			t.Errorf("duplicate username: code %q; want conflict", code)
		}

		entries, _, err := db.FindAuditEntries(ctx, kinerja.AuditFilter{Entity: kinerja.EntityUser, EntityID: itoa(u.ID)})
		if err != nil || len(entries) != 1 || entries[0].Action != kinerja.ActionCreate || *entries[0].ActorID != admin.ID {
			t.Fatalf("audit of create = %+v, %v; want one create entry by admin", entries, err)
		}
	})
}

func TestCreateUser_Invalid(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx, _ := sqldbtest.AdminContext(t, db)
		tests := []struct {
			name  string
			in    kinerja.NewUser
			field string
		}{
			{"empty username", kinerja.NewUser{Password: "kata-sandi-kuat", Roles: []kinerja.Role{"pegawai"}}, "username"},
			{"spaces in username", kinerja.NewUser{Username: "budi santoso", Password: "kata-sandi-kuat", Roles: []kinerja.Role{"pegawai"}}, "username"},
			{"short password", kinerja.NewUser{Username: "budi", Password: "pendek", Roles: []kinerja.Role{"pegawai"}}, "password"},
			{"no role", kinerja.NewUser{Username: "budi", Password: "kata-sandi-kuat"}, "roles"},
			{"unknown role", kinerja.NewUser{Username: "budi", Password: "kata-sandi-kuat", Roles: []kinerja.Role{"raja"}}, "roles"},
			{"unknown locale", kinerja.NewUser{Username: "budi", Password: "kata-sandi-kuat", Roles: []kinerja.Role{"pegawai"}, Locale: "fr"}, "locale"},
		}
		for _, tt := range tests {
			_, err := db.CreateUser(ctx, tt.in)
			if kinerja.ErrorCode(err) != kinerja.EINVALID || kinerja.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s: CreateUser error = %v; want invalid naming %q", tt.name, err, tt.field)
			}
		}
		users, _, err := db.FindUsers(ctx, kinerja.UserFilter{})
		if err != nil || len(users) != 1 {
			t.Errorf("after invalid creates FindUsers = %d users, %v; want only admin", len(users), err)
		}
	})
}

func TestUserPermissions(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx, admin := sqldbtest.AdminContext(t, db)
		p := sqldbtest.MustCreateUser(t, db, ctx, "pegawai1", kinerja.RolePegawai)
		q := sqldbtest.MustCreateUser(t, db, ctx, "pegawai2", kinerja.RolePegawai)
		pctx := kinerja.NewContextWithUser(ctx, p)

		if _, err := db.CreateUser(pctx, kinerja.NewUser{Username: "x123", Password: "kata-sandi-kuat", Roles: []kinerja.Role{"admin"}}); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("pegawai CreateUser: %v; want forbidden", err)
		}
		if _, _, err := db.FindUsers(pctx, kinerja.UserFilter{}); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("pegawai FindUsers: %v; want forbidden", err)
		}
		if _, err := db.FindUserByID(pctx, q.ID); err == nil {
			t.Errorf("pegawai FindUserByID(other) succeeded; want forbidden or not found")
		}
		if _, err := db.FindUserByID(pctx, p.ID); err != nil {
			t.Errorf("pegawai FindUserByID(self): %v", err)
		}
		roles := []kinerja.Role{kinerja.RoleAdmin}
		if _, err := db.UpdateUser(pctx, p.ID, kinerja.UserUpdate{Roles: &roles}); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("pegawai raising own roles: %v; want forbidden", err)
		}
		name := "Pegawai Satu"
		if u, err := db.UpdateUser(pctx, p.ID, kinerja.UserUpdate{Name: &name}); err != nil || u.Name != name {
			t.Errorf("pegawai renaming self = %v, %v", u, err)
		}
		if err := db.ResetPassword(pctx, q.ID, "kata-sandi-baru"); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("pegawai ResetPassword: %v; want forbidden", err)
		}
		if _, _, err := db.FindAuditEntries(pctx, kinerja.AuditFilter{}); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("pegawai FindAuditEntries: %v; want forbidden", err)
		}
		inactive := false
		if _, err := db.UpdateUser(ctx, admin.ID, kinerja.UserUpdate{Active: &inactive}); kinerja.ErrorCode(err) != kinerja.EINVALID {
			t.Errorf("admin deactivating self: %v; want invalid", err)
		}
		pegawai := []kinerja.Role{kinerja.RolePegawai}
		if _, err := db.UpdateUser(ctx, admin.ID, kinerja.UserUpdate{Roles: &pegawai}); kinerja.ErrorCode(err) != kinerja.EINVALID {
			t.Errorf("admin demoting self: %v; want invalid", err)
		}
	})
}

func TestFindUsers_FilterAndPages(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx, _ := sqldbtest.AdminContext(t, db)
		for _, n := range []string{"siti", "sari", "bambang", "dewi", "susanto"} {
			sqldbtest.MustCreateUser(t, db, ctx, n, kinerja.RolePegawai)
		}
		users, next, err := db.FindUsers(ctx, kinerja.UserFilter{Query: "SA", Page: kinerja.Page{Limit: 1}})
		if err != nil || len(users) != 1 || next == 0 {
			t.Fatalf("page 1 = %d users, next %d, %v; want 1 and a cursor", len(users), next, err)
		}
		rest, next2, err := db.FindUsers(ctx, kinerja.UserFilter{Query: "sa", Page: kinerja.Page{Limit: 1, After: next}})
		if err != nil || len(rest) != 1 || next2 != 0 || rest[0].Username != "susanto" {
			t.Fatalf("page 2 = %v, next %d, %v; want [susanto] and no cursor", rest, next2, err)
		}
		admins, _, _ := db.FindUsers(ctx, kinerja.UserFilter{Role: kinerja.RoleAdmin})
		if len(admins) != 1 || admins[0].Username != "admin" {
			t.Errorf("role filter = %v; want only admin", admins)
		}
	})
}
