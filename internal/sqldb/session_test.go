package sqldb_test

import (
	"context"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestLoginAndAuthenticate(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx, _ := sqldbtest.AdminContext(t, db)
		sqldbtest.MustCreateUser(t, db, ctx, "rina", kinerja.RolePegawai)
		now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		bg := context.Background()

		token, u, err := db.Login(bg, kinerja.Credentials{Username: " RINA ", Password: sqldbtest.Password}, kinerja.SessionWeb, time.Hour)
		if err != nil || token == "" || u.Username != "rina" {
			t.Fatalf("Login = %q, %v, %v; want a token for rina", token, u, err)
		}
		got, s, err := db.Authenticate(bg, token, kinerja.SessionWeb)
		if err != nil || got.ID != u.ID || s.UserID != u.ID || len(got.Roles) != 1 {
			t.Fatalf("Authenticate = %v, %v, %v; want rina's session", got, s, err)
		}
		if _, _, err := db.Authenticate(bg, token, kinerja.SessionAPI); kinerja.ErrorCode(err) != kinerja.EUNAUTHORIZED {
			t.Errorf("web token used as API token: %v; want unauthorized", err)
		}
		now = now.Add(time.Hour + time.Second)
		if _, _, err := db.Authenticate(bg, token, kinerja.SessionWeb); kinerja.ErrorCode(err) != kinerja.EUNAUTHORIZED {
			t.Errorf("expired token: %v; want unauthorized", err)
		}
		if err := db.DeleteExpired(bg); err != nil {
			t.Fatalf("DeleteExpired: %v", err)
		}
	})
}

func TestPasswordChangeAndReset(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx, _ := sqldbtest.AdminContext(t, db)
		sqldbtest.MustCreateUser(t, db, ctx, "rina", kinerja.RolePegawai)
		bg := context.Background()
		login := func(pw string) (string, *kinerja.User, error) {
			return db.Login(bg, kinerja.Credentials{Username: "rina", Password: pw}, kinerja.SessionWeb, time.Hour)
		}
		tok1, u, _ := login(sqldbtest.Password)
		tok2, _, _ := login(sqldbtest.Password)
		_, s2, _ := db.Authenticate(bg, tok2, kinerja.SessionWeb)
		uctx := kinerja.NewContextWithSession(kinerja.NewContextWithUser(bg, u), s2)

		tests := []struct {
			name  string
			in    kinerja.PasswordChange
			field string
		}{
			{"wrong current", kinerja.PasswordChange{Current: "salah-salah", New: "kata-sandi-baru"}, "current_password"},
			{"too short", kinerja.PasswordChange{Current: sqldbtest.Password, New: "pendek"}, "new_password"},
			{"same", kinerja.PasswordChange{Current: sqldbtest.Password, New: sqldbtest.Password}, "new_password"},
			{"confirm differs", kinerja.PasswordChange{Current: sqldbtest.Password, New: "kata-sandi-baru", Confirm: "kata-sandi-lain"}, "confirm_password"},
		}
		for _, tt := range tests {
			if err := db.ChangePassword(uctx, tt.in); kinerja.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s: ChangePassword = %v; want error on %s", tt.name, err, tt.field)
			}
		}
		if err := db.ChangePassword(uctx, kinerja.PasswordChange{Current: sqldbtest.Password, New: "kata-sandi-baru"}); err != nil {
			t.Fatalf("ChangePassword: %v", err)
		}
		if _, _, err := db.Authenticate(bg, tok1, kinerja.SessionWeb); err == nil {
			t.Error("the other session survived a password change")
		}
		if _, _, err := db.Authenticate(bg, tok2, kinerja.SessionWeb); err != nil {
			t.Errorf("the current session ended on a password change: %v", err)
		}
		if _, _, err := login(sqldbtest.Password); err == nil {
			t.Error("old password still works")
		}

		if err := db.ResetPassword(ctx, u.ID, "sandi-dari-admin"); err != nil {
			t.Fatalf("ResetPassword: %v", err)
		}
		if _, _, err := db.Authenticate(bg, tok2, kinerja.SessionWeb); err == nil {
			t.Error("session survived an admin reset")
		}
		_, u, err := login("sandi-dari-admin")
		if err != nil || !u.MustChangePassword {
			t.Errorf("login after reset = %v, %v; want must_change_password", u, err)
		}
	})
}

func TestEnsureAdmin(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		bg := context.Background()
		created, pw, err := db.EnsureAdmin(bg, "")
		if err != nil || !created || len(pw) < kinerja.MinPasswordLength {
			t.Fatalf("EnsureAdmin = %v, %q, %v; want a generated password", created, pw, err)
		}
		_, u, err := db.Login(bg, kinerja.Credentials{Username: "admin", Password: pw}, kinerja.SessionAPI, time.Hour)
		if err != nil || !u.IsAdmin() || !u.MustChangePassword {
			t.Fatalf("admin login = %v, %v; want admin who must change password", u, err)
		}
		if created, _, err := db.EnsureAdmin(bg, "lain-lain-lain"); created || err != nil {
			t.Errorf("second EnsureAdmin = %v, %v; want nothing done", created, err)
		}
	})
}
