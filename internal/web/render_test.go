package web_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
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
	t.Parallel()
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
		f := srv.newOrg(t, "Kecamatan Asemrowo", "asem.", 0)
		srv.newOrg(t, "Kecamatan Benowo", "beno.", 100)
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
			orgAdmin := f.login(t, srv, "admin")
			orgAdmin.header.Set("Accept-Language", lang)
			kasi := f.login(t, srv, "kasi")
			kasi.header.Set("Accept-Language", lang)
			staf := f.login(t, srv, "staf1")
			staf.header.Set("Accept-Language", lang)
			staf1, kasiID, seksi := itoa(f.staf1.ID), itoa(f.kasi.ID), itoa(f.seksi.ID)

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
				{user, "/profile?password=required", http.StatusOK}, // budi must change his password
				{user, "/profile", http.StatusOK},
				{staf, "/admin/users", http.StatusForbidden},
				{staf, "/units", http.StatusOK},
				{admin, "/units?org=" + itoa(f.org.ID) + "&ok=unit_deleted", http.StatusOK},
				{admin, "/employees?ok=employee_created", http.StatusOK},
				{admin, "/org/chart", http.StatusOK},
				{admin, "/admin/users/new", http.StatusOK},
				{orgAdmin, "/", http.StatusOK},
				{orgAdmin, "/units?ok=unit_created", http.StatusOK},
				{orgAdmin, "/units/new?parent=" + seksi, http.StatusOK},
				{orgAdmin, "/units/" + seksi, http.StatusOK},
				{orgAdmin, "/units/" + seksi + "/delete", http.StatusOK},
				{orgAdmin, "/employees?active=semua", http.StatusOK},
				{orgAdmin, "/employees?q=tidak-ada", http.StatusOK},
				{orgAdmin, "/employees?page=x", http.StatusUnprocessableEntity},
				{orgAdmin, "/employees?page=7", http.StatusOK},
				{orgAdmin, "/employees/new", http.StatusOK},
				{orgAdmin, "/employees/" + staf1 + "?ok=employee_inactive", http.StatusOK},
				{orgAdmin, "/employees/" + staf1 + "/edit", http.StatusOK},
				{orgAdmin, "/employees/" + staf1 + "/deactivate", http.StatusOK},
				{orgAdmin, "/admin/users/new?employee=" + staf1, http.StatusOK},
				{orgAdmin, "/org/chart?unit=" + seksi, http.StatusOK},
				{orgAdmin, "/admin/audit?entity=employee", http.StatusOK},
				{kasi, "/", http.StatusOK},
				{kasi, "/org/chart", http.StatusOK},
				{kasi, "/employees/" + kasiID, http.StatusOK},
				{staf, "/", http.StatusOK},
				{staf, "/org/chart", http.StatusOK},
				{staf, "/employees", http.StatusOK},
				{staf, "/employees/" + kasiID, http.StatusForbidden},
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
	t.Parallel()
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
func stringsOf[S ~string](values []S) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

func TestCatalogues(t *testing.T) {
	t.Parallel()
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

	// Every message of package kinerja, found in its source so that a new one cannot be left
	// out of this check, has an English text.
	for _, m := range domainMessages(t) {
		if s, ok := en[m]; !ok || s == m {
			t.Errorf("en.json does not translate %q", m)
		}
	}
	for _, r := range kinerja.Roles {
		if _, ok := id["role."+string(r)]; !ok {
			t.Errorf("id.json lacks a label for role %q", r)
		}
	}
	labels := map[string][]string{
		"unit_kind":     {"pemkot", "kecamatan", "kelurahan", "sekretariat", "seksi", "subbagian", "other"},
		"position_kind": {"jpt", "administrator", "pengawas", "pelaksana", "fungsional"},
		"employment":    {"pns", "pppk", "cpns"},
		"gender":        {string(kinerja.GenderMale), string(kinerja.GenderFemale)},
	}
	for _, k := range kinerja.UnitKinds {
		labels["unit_kind"] = append(labels["unit_kind"], string(k))
	}
	for _, k := range kinerja.PositionKinds {
		labels["position_kind"] = append(labels["position_kind"], string(k))
	}
	labels["skp_status"] = stringsOf(kinerja.SKPStatuses)
	labels["approach"] = []string{string(kinerja.ApproachQuantitative), string(kinerja.ApproachQualitative)}
	labels["result_kind"] = []string{string(kinerja.ResultMain), string(kinerja.ResultAdditional)}
	labels["aspect"] = stringsOf(kinerja.Aspects)
	labels["cadence"] = stringsOf(kinerja.Cadences)
	labels["skp_form"] = []string{string(kinerja.FormJPT), string(kinerja.FormJAJF)}
	labels["team_state"] = append([]string{"waiting", "none"}, stringsOf(kinerja.SKPStatuses)...)
	labels["action"] = []string{"submit", "approve", "return", "revise", "assign", "copy", "behaviors"}
	for _, r := range kinerja.InactiveReasons {
		labels["reason"] = append(labels["reason"], string(r))
	}
	for prefix, values := range labels {
		for _, v := range values {
			if _, ok := id[prefix+"."+v]; !ok {
				t.Errorf("id.json lacks a label for %s %q", prefix, v)
			}
		}
	}
	// Every kind of event is read as a notification, so each needs its sentence in both
	// catalogues, with the place for its subject.
	for k := range kinerja.EventKinds {
		key := "notification." + string(k)
		for name, c := range map[string]map[string]string{"id.json": id, "en.json": en} {
			if s, ok := c[key]; !ok || !strings.Contains(s, "%s") {
				t.Errorf("%s: %s = %q; want a sentence with %%s", name, key, s)
			}
		}
	}
	for _, e := range kinerja.AuditEntities {
		for name, c := range map[string]map[string]string{"id.json": id, "en.json": en} {
			if _, ok := c["entity."+e]; !ok {
				t.Errorf("%s lacks a label for audit entity %q", name, e)
			}
		}
	}
}

// domainMessages returns the value of every string constant named Msg… in package kinerja,
// read from its source.
func domainMessages(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join("..", "kinerja", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("kinerja sources: %v, %v", files, err)
	}
	var out []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if !strings.HasPrefix(n.Name, "Msg") || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					out = append(out, s)
				}
			}
		}
	}
	if len(out) < 100 {
		t.Fatalf("found %d messages in package kinerja; the parser missed some", len(out))
	}
	return out
}
