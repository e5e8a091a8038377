package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestProfile(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		srv.createUser(t, "budi", kinerja.RolePegawai, kinerja.RoleAtasan)
		c := srv.client(t)
		c.header.Set("Accept-Language", "id")
		c.login("budi", sqldbtest.Password)

		res := c.get("/profile")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="account-username">budi<`, "Atasan, Pegawai", "Ikuti browser",
			`name="name"`, `name="locale"`, `name="current_password"`, `name="new_password"`, `name="confirm_password"`)

		res = c.post("/profile", url.Values{"name": {"Budi"}, "locale": {"fr"}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="locale-error">`+kinerja.MsgLocaleUnknown, `value="Budi"`)

		c.post("/profile", url.Values{"name": {"Budi Santoso"}, "locale": {"en"}}).wantRedirect(t, "/profile?ok=profile")
		res = c.get("/profile?ok=profile")
		res.wantBody(t, `<html lang="en">`, "Your profile was saved.", `id="account-name">Budi Santoso<`)
		// The user's choice wins over the browser's.
		res = c.get("/")
		res.wantBody(t, `<html lang="en">`, "Welcome, Budi Santoso", "Your account is not linked to an employee record yet.")

		c.post("/profile", url.Values{"name": {"Budi Santoso"}, "locale": {""}}).wantRedirect(t, "/profile?ok=profile")
		c.get("/").wantBody(t, `<html lang="id">`, "Selamat datang, Budi Santoso", "Akun Anda belum terhubung dengan data pegawai")
	})
}

func TestChangePassword(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		srv.createUser(t, "budi", kinerja.RolePegawai)
		c := srv.client(t)
		c.login("budi", sqldbtest.Password)
		other := srv.client(t)
		other.login("budi", sqldbtest.Password)

		const newPassword = "kata-sandi-baru-1"
		tests := []struct {
			name                   string
			current, next, confirm string
			field, msg             string
		}{
			{"wrong current", "salah-sekali-1", newPassword, newPassword, "current_password", kinerja.MsgPasswordWrong},
			{"too short", sqldbtest.Password, "pendek", "pendek", "new_password", kinerja.MsgPasswordTooShort},
			{"same", sqldbtest.Password, sqldbtest.Password, sqldbtest.Password, "new_password", kinerja.MsgPasswordSame},
			{"mismatch", sqldbtest.Password, newPassword, "kata-sandi-lain-1", "confirm_password", kinerja.MsgPasswordMismatch},
			{"no confirmation", sqldbtest.Password, newPassword, "", "confirm_password", kinerja.MsgPasswordMismatch},
		}
		for _, tt := range tests {
			res := c.post("/profile/password", url.Values{"current_password": {tt.current}, "new_password": {tt.next}, "confirm_password": {tt.confirm}})
			if res.Status != http.StatusUnprocessableEntity {
				t.Errorf("%s: POST /profile/password status = %d; want %d", tt.name, res.Status, http.StatusUnprocessableEntity)
				continue
			}
			res.wantBody(t, `id="`+tt.field+`-error">`+tt.msg, `id="error-summary"`)
			res.wantNoBody(t, `value="`+tt.current+`"`, `value="`+tt.next+`"`)
		}

		c.post("/profile/password", url.Values{"current_password": {sqldbtest.Password}, "new_password": {newPassword}, "confirm_password": {newPassword}}).
			wantRedirect(t, "/profile?ok=password_changed")
		c.get("/profile?ok=password_changed").wantBody(t, "Kata sandi berhasil diganti.")
		// The session that changed the password stays; the others end.
		c.get("/").wantStatus(t, http.StatusOK)
		other.get("/").wantRedirect(t, "/login?expired=1&next=%2F")

		srv.client(t).post("/login", url.Values{"username": {"budi"}, "password": {sqldbtest.Password}}).wantStatus(t, http.StatusUnauthorized)
		srv.client(t).login("budi", newPassword)
	})
}
