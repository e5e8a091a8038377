package web_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// readCatalogue reads a message catalogue from the package's locales folder.
func readCatalogue(t *testing.T, locale string) map[string]string {
	t.Helper()
	buf, err := os.ReadFile(filepath.Join("locales", locale+".json"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(buf, &m); err != nil {
		t.Fatalf("locales/%s.json: %v", locale, err)
	}
	return m
}

// isMessageID reports whether a catalogue key is an id like "nav.users" rather than an
// Indonesian sentence from package kinerja.
func isMessageID(key string) bool { return !strings.Contains(key, " ") }

// TestTemplates_Render visits every page in both languages and checks that each renders
// fully, with no untranslated message ids, no fmt mistakes and nothing CSP would block.
func TestTemplates_Render(t *testing.T) {
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		ctx := srv.adminContext(t)
		budi := srv.createUser(t, "budi", kinerja.RolePegawai)
		siti := srv.createUser(t, "siti", kinerja.RoleAtasan, kinerja.RolePegawai)
		inactive := false
		if _, err := db.UpdateUser(ctx, siti.ID, kinerja.UserUpdate{Active: &inactive}); err != nil {
			t.Fatal(err)
		}
		if err := db.ResetPassword(ctx, budi.ID, "sementara-123"); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for k := range readCatalogue(t, "id") {
			if isMessageID(k) && !strings.HasPrefix(k, "month.") {
				ids = append(ids, k)
			}
		}

		for _, lang := range kinerja.Locales {
			admin := srv.loginAdmin(t)
			admin.header.Set("Accept-Language", lang)
			user := srv.client(t)
			user.header.Set("Accept-Language", lang)
			user.login("budi", "sementara-123")
			anon := srv.client(t)
			anon.header.Set("Accept-Language", lang)

			pages := []struct {
				c      *client
				path   string
				status int
			}{
				{anon, "/login?expired=1", http.StatusOK},
				{anon, "/tidak-ada", http.StatusNotFound},
				{admin, "/", http.StatusOK},
				{admin, "/profile?ok=profile", http.StatusOK},
				{admin, "/admin/users?ok=created", http.StatusOK},
				{admin, "/admin/users?q=nobody", http.StatusOK},
				{admin, "/admin/users?role=raja", http.StatusUnprocessableEntity},
				{admin, "/admin/users/new", http.StatusOK},
				{admin, "/admin/users/" + itoa(budi.ID), http.StatusOK},
				{admin, "/admin/users/" + itoa(siti.ID), http.StatusOK},
				{admin, "/admin/users/" + itoa(budi.ID) + "/deactivate", http.StatusOK},
				{admin, "/admin/audit", http.StatusOK},
				{admin, "/admin/audit?actor=nobody", http.StatusUnprocessableEntity},
				{admin, "/admin/audit?entity=session&to=2000-01-01", http.StatusOK},
				{user, "/", http.StatusOK},
				{user, "/profile", http.StatusOK},
				{user, "/admin/users", http.StatusForbidden},
			}
			for _, p := range pages {
				res := p.c.get(p.path)
				res.wantStatus(t, p.status)
				res.wantBody(t, `<html lang="`+lang+`">`, "</main>", "</html>")
				res.wantNoBody(t, "%!", "<script", "<style", " style=", " onclick=", "javascript:")
				for _, id := range ids {
					if strings.Contains(res.Body, id) {
						t.Errorf("GET %s (%s) shows the message id %q untranslated", p.path, lang, id)
					}
				}
			}
		}
	})
}

func TestDashboard(t *testing.T) {
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		admin := srv.loginAdmin(t)
		res := admin.get("/")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="dashboard-title"`, "Selamat datang, Administrator", "Admin kepegawaian", `id="no-users"`,
			"Belum ada pengguna lain. Buat akun untuk pegawai", `href="/admin/users/new"`, `href="/admin/audit"`,
			`id="accounts-total">1<`, `id="no-employee"`, "Akun Anda belum terhubung dengan data pegawai", `href="/profile#password"`)

		u := srv.createUser(t, "budi", kinerja.RolePegawai)
		res = admin.get("/")
		res.wantBody(t, `id="accounts-total">2<`, `id="accounts-active">2<`, "#"+itoa(u.ID))
		res.wantNoBody(t, `id="no-users"`, `id="must-change-password"`)

		budi := srv.client(t)
		budi.login("budi", sqldbtest.Password)
		res = budi.get("/")
		res.wantBody(t, "Selamat datang, budi", `id="no-employee"`)
		res.wantNoBody(t, `id="accounts"`, `id="must-change-password"`)
	})
}

// TestCatalogues checks that both catalogues hold the same message ids, that every id a
// template names exists, and that every message of package kinerja has an English text.
func TestCatalogues(t *testing.T) {
	id, en := readCatalogue(t, "id"), readCatalogue(t, "en")
	for k := range id {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
	for k := range en {
		if _, ok := id[k]; !ok && isMessageID(k) {
			t.Errorf("id.json lacks %q", k)
		}
	}

	files, err := filepath.Glob(filepath.Join("templates", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("templates: %v, %v", files, err)
	}
	used := regexp.MustCompile(`\b(?:t|field \S+ "[a-z_]+") "([a-z_0-9]+\.[a-z_0-9.]+)"|"((?:hint|field)\.[a-z_]+)"`)
	for _, f := range files {
		buf, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(buf), -1) {
			key := m[1] + m[2]
			if _, ok := id[key]; !ok {
				t.Errorf("%s uses %q, which id.json lacks", f, key)
			}
		}
		for _, bad := range []string{"<script", "<style", " style=", " onclick="} {
			if strings.Contains(string(buf), bad) {
				t.Errorf("%s contains %q, which the CSP forbids", f, bad)
			}
		}
	}

	messages := []string{
		kinerja.MsgInternal, kinerja.MsgInvalidInput, kinerja.MsgLoginFailed, kinerja.MsgLoginThrottled,
		kinerja.MsgUnauthorized, kinerja.MsgSessionExpired, kinerja.MsgForbidden, kinerja.MsgNotFound,
		kinerja.MsgUserNotFound, kinerja.MsgUsernameTaken, kinerja.MsgUsernameRequired, kinerja.MsgUsernameFormat,
		kinerja.MsgNameTooLong, kinerja.MsgPasswordTooShort, kinerja.MsgPasswordTooLong, kinerja.MsgPasswordSame,
		kinerja.MsgPasswordMismatch, kinerja.MsgPasswordWrong, kinerja.MsgRolesRequired, kinerja.MsgRoleUnknown,
		kinerja.MsgLocaleUnknown, kinerja.MsgSelfDeactivate, kinerja.MsgSelfDemote, kinerja.MsgEmployeeIDInvalid,
		kinerja.MsgBadCursor, kinerja.MsgBadLimit, kinerja.MsgBadDate, kinerja.MsgBadDateRange, kinerja.MsgBadJSON,
		kinerja.MsgBodyTooLarge, kinerja.MsgCrossOrigin, kinerja.MsgMethodNotAllowed,
	}
	for _, m := range messages {
		if s, ok := en[m]; !ok || s == m {
			t.Errorf("en.json does not translate %q", m)
		}
	}
	for _, r := range kinerja.Roles {
		if _, ok := id["role."+string(r)]; !ok {
			t.Errorf("id.json lacks a label for role %q", r)
		}
	}
	for _, e := range kinerja.AuditEntities {
		if _, ok := id["entity."+e]; !ok {
			t.Errorf("id.json lacks a label for audit entity %q", e)
		}
	}
}
