package web_test

import (
	"net/url"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestLanguageSwitch(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		s := newTestServer(t, db)

		// A visitor whose browser asks for English can switch the login page to Indonesian.
		c := s.client(t)
		c.header.Set("Accept-Language", "en-US,en;q=0.9")
		c.get("/login").wantBody(t, `lang="en"`, `id="lang-id"`)
		c.post("/language", url.Values{"locale": {"id"}, "next": {"/login?next=%2Fprofile"}}).wantRedirect(t, "/login?next=%2Fprofile")
		c.get("/login").wantBody(t, `lang="id"`, "Masuk")

		c.post("/language", url.Values{"locale": {"fr"}, "next": {"/login"}}).wantStatus(t, 422)
		c.post("/language", url.Values{"locale": {"en"}, "next": {"//jahat.example/"}}).wantRedirect(t, "/")

		// A logged-in user's choice is saved in their profile.
		s.createUser(t, "rina", kinerja.RolePegawai)
		c.login("rina", sqldbtest.Password)
		c.post("/language", url.Values{"locale": {"en"}, "next": {"/profile"}}).wantRedirect(t, "/profile")
		u, err := db.FindUserByUsername(s.adminContext(t), "rina")
		if err != nil || u.Locale != "en" {
			t.Fatalf("after choosing English rina's locale = %q, %v; want en", u.Locale, err)
		}
		other := s.client(t)
		other.login("rina", sqldbtest.Password)
		other.get("/profile").wantBody(t, `lang="en"`)
	})
}
