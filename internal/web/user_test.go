package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestAdminPages_Forbidden(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		other := srv.createUser(t, "siti", kinerja.RolePegawai)
		srv.createUser(t, "budi", kinerja.RolePegawai, kinerja.RoleAtasan)
		c := srv.client(t)
		c.login("budi", sqldbtest.Password)
		tests := []struct {
			method, path string
		}{
			{http.MethodGet, "/admin/users"},
			{http.MethodGet, "/admin/users/new"},
			{http.MethodGet, "/admin/audit"},
			{http.MethodGet, "/admin/users/" + itoa(other.ID)},
			{http.MethodPost, "/admin/users"},
			{http.MethodPost, "/admin/users/" + itoa(other.ID) + "/password"},
			{http.MethodPost, "/admin/users/" + itoa(other.ID) + "/deactivate"},
		}
		for _, tt := range tests {
			res := c.do(tt.method, tt.path, url.Values{"username": {"x123"}, "password": {"kata-sandi-kuat"}, "roles": {"admin"}})
			res.wantStatus(t, http.StatusForbidden)
			res.wantBody(t, kinerja.MsgForbidden, `href="/"`)
		}
		// The navigation offers admin pages to admins only.
		c.get("/").wantNoBody(t, `href="/admin/users"`, `href="/admin/audit"`)
		srv.loginAdmin(t).get("/").wantBody(t, `href="/admin/users"`, `href="/admin/audit"`)
	})
}

func TestCreateUser(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		c := srv.loginAdmin(t)

		res := c.get("/admin/users/new")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `name="username"`, `name="name"`, `name="password"`, `name="roles"`, `name="locale"`, `value="pegawai" checked`)

		valid := url.Values{"username": {"budi.santoso"}, "name": {"Budi Santoso, S.Kom."}, "password": {"kata-sandi-kuat"},
			"roles": {"pegawai", "atasan"}, "locale": {""}}
		c.post("/admin/users", valid).wantRedirect(t, "/admin/users?ok=created")
		res = c.get("/admin/users?ok=created")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "Pengguna berhasil dibuat.", "budi.santoso", "Budi Santoso, S.Kom.", "Atasan, Pegawai")

		tests := []struct {
			name   string
			change url.Values
			status int
			field  string
			msg    string
		}{
			{"invalid username", url.Values{"username": {"Budi Santoso"}}, http.StatusUnprocessableEntity, "username", kinerja.MsgUsernameFormat},
			{"empty username", url.Values{"username": {""}}, http.StatusUnprocessableEntity, "username", kinerja.MsgUsernameRequired},
			{"short password", url.Values{"username": {"siti"}, "password": {"pendek"}}, http.StatusUnprocessableEntity, "password", kinerja.MsgPasswordTooShort},
			{"no role", url.Values{"username": {"siti"}, "roles": nil}, http.StatusUnprocessableEntity, "roles", kinerja.MsgRolesRequired},
			{"duplicate", url.Values{"username": {"BUDI.SANTOSO"}}, http.StatusConflict, "username", kinerja.MsgUsernameTaken},
		}
		for _, tt := range tests {
			form := url.Values{}
			for k, v := range valid {
				form[k] = v
			}
			for k, v := range tt.change {
				if v == nil {
					delete(form, k)
				} else {
					form[k] = v
				}
			}
			res := c.post("/admin/users", form)
			if res.Status != tt.status {
				t.Errorf("%s: POST /admin/users status = %d; want %d", tt.name, res.Status, tt.status)
				continue
			}
			// The message sits next to its field and the field is marked invalid.
			if !strings.Contains(res.Body, `<p class="field-error" id="`+tt.field+`-error">`+tt.msg+`</p>`) {
				t.Errorf("%s: POST /admin/users body lacks %q next to field %s\n%s", tt.name, tt.msg, tt.field, excerpt(res.Body))
			}
			if !strings.Contains(res.Body, `aria-invalid="true"`) || !strings.Contains(res.Body, `id="error-summary"`) {
				t.Errorf("%s: POST /admin/users body lacks aria-invalid or the error summary", tt.name)
			}
			if strings.Contains(res.Body, "kata-sandi-kuat") {
				t.Errorf("%s: POST /admin/users echoes the password back", tt.name)
			}
		}
		total, _, err := db.CountUsers(srv.adminContext(t))
		if err != nil || total != 2 {
			t.Errorf("CountUsers after one valid create = %d, %v; want 2", total, err)
		}
	})
}

func TestUsers_Filter(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		ctx := srv.adminContext(t)
		budi := sqldbtest.MustCreateUser(t, db, ctx, "budi", kinerja.RoleAtasan, kinerja.RolePegawai)
		sqldbtest.MustCreateUser(t, db, ctx, "siti", kinerja.RolePegawai)
		inactive := false
		if _, err := db.UpdateUser(ctx, budi.ID, kinerja.UserUpdate{Active: &inactive}); err != nil {
			t.Fatal(err)
		}
		c := srv.loginAdmin(t)
		tests := []struct {
			query     string
			want, not []string
		}{
			{"", []string{">admin</a>", ">budi</a>", ">siti</a>"}, nil},
			{"?q=SIT", []string{">siti</a>"}, []string{">budi</a>", ">admin</a>"}},
			{"?role=atasan", []string{">budi</a>"}, []string{">siti</a>", ">admin</a>"}},
			{"?active=1", []string{">admin</a>", ">siti</a>"}, []string{">budi</a>"}},
			{"?active=0", []string{">budi</a>", "Nonaktif"}, []string{">siti</a>"}},
			{"?q=nobody", []string{"Tidak ada pengguna yang cocok", `href="/admin/users">Hapus saringan`}, nil},
		}
		for _, tt := range tests {
			res := c.get("/admin/users" + tt.query)
			res.wantStatus(t, http.StatusOK)
			res.wantBody(t, tt.want...)
			res.wantNoBody(t, tt.not...)
		}
		for _, q := range []string{"?role=raja", "?active=maybe", "?after=abc"} {
			c.get("/admin/users"+q).wantStatus(t, http.StatusUnprocessableEntity)
		}
		c.get("/admin/users?role=raja").wantBody(t, `id="role-error">`+kinerja.MsgRoleUnknown)
	})
}

func TestUsers_Pagination(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		ctx := srv.adminContext(t)
		for i := range kinerja.DefaultLimit {
			sqldbtest.MustCreateUser(t, db, ctx, fmt.Sprintf("pegawai%02d", i), kinerja.RolePegawai)
		}
		c := srv.loginAdmin(t)
		res := c.get("/admin/users?role=pegawai")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, ">pegawai00<", ">pegawai49<")

		res = c.get("/admin/users")
		res.wantBody(t, ">admin<", ">pegawai48<", "Berikutnya")
		res.wantNoBody(t, ">pegawai49<")
		next := regexp.MustCompile(`href="(/admin/users\?after=\d+)" rel="next"`).FindStringSubmatch(res.Body)
		if next == nil {
			t.Fatalf("GET /admin/users: no next-page link\n%s", excerpt(res.Body))
		}
		res = c.get(strings.ReplaceAll(next[1], "&amp;", "&"))
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, ">pegawai49<", "Halaman pertama")
		res.wantNoBody(t, ">pegawai48<", `rel="next"`)
	})
}

func TestEditUser(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		u := srv.createUser(t, "budi", kinerja.RolePegawai)
		c := srv.loginAdmin(t)
		path := "/admin/users/" + itoa(u.ID)

		res := c.get(path)
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "budi", `action="`+path+`"`, `action="`+path+`/password"`, `href="`+path+`/deactivate"`)

		c.post(path, url.Values{"name": {"Budi Santoso"}, "roles": {"atasan", "pegawai"}, "locale": {"en"}}).
			wantRedirect(t, path+"?ok=updated")
		got, err := db.FindUserByID(srv.adminContext(t), u.ID)
		if err != nil || got.Name != "Budi Santoso" || !got.HasRole(kinerja.RoleAtasan) || got.Locale != "en" {
			t.Errorf("after POST %s user = %+v, %v; want the new name, roles and locale", path, got, err)
		}
		c.get(path+"?ok=updated").wantBody(t, "Perubahan berhasil disimpan.", `value="Budi Santoso"`)
		res = c.get("/admin/audit?entity=user&entity_id=" + itoa(u.ID))
		// Roles and the language by their labels, not their codes.
		res.wantBody(t, `Peran</span>: Pegawai → Atasan, Pegawai</li>`, `Nama</span>: <span class="muted">—</span> → Budi Santoso</li>`,
			`Bahasa</span>: <span class="muted">—</span> → English</li>`)
		res.wantNoBody(t, `ID pegawai</span>`)

		res = c.post(path, url.Values{"name": {"Budi"}, "locale": {"fr"}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="roles-error">`+kinerja.MsgRolesRequired, `id="locale-error">`+kinerja.MsgLocaleUnknown)

		c.get("/admin/users/999999").wantStatus(t, http.StatusNotFound)
		c.get("/admin/users/abc").wantStatus(t, http.StatusNotFound)
	})
}

func TestEditUser_Self(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		c := srv.loginAdmin(t)
		admin, err := db.FindUserByUsername(srv.adminContext(t), "admin")
		if err != nil {
			t.Fatal(err)
		}
		path := "/admin/users/" + itoa(admin.ID)
		res := c.get(path)
		res.wantStatus(t, http.StatusOK)
		res.wantNoBody(t, `href="`+path+`/deactivate"`, `action="`+path+`/password"`)

		res = c.post(path+"/deactivate", nil)
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, kinerja.MsgSelfDeactivate)
		res = c.post(path, url.Values{"roles": {"pegawai"}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, kinerja.MsgSelfDemote)
		c.post(path+"/password", url.Values{"password": {"kata-sandi-baru-1"}}).wantStatus(t, http.StatusUnprocessableEntity)
		// Still logged in: none of that ended the admin's session.
		c.get("/").wantStatus(t, http.StatusOK)
	})
}

func TestResetPassword(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		u := srv.createUser(t, "budi", kinerja.RolePegawai)
		c := srv.loginAdmin(t)
		path := "/admin/users/" + itoa(u.ID) + "/password"

		res := c.post(path, url.Values{"password": {"pendek"}})
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, `id="password-error">`+kinerja.MsgPasswordTooShort)

		c.post(path, url.Values{"password": {"sementara-123"}}).wantRedirect(t, "/admin/users/"+itoa(u.ID)+"?ok=password_reset")

		budi := srv.client(t)
		budi.post("/login", url.Values{"username": {"budi"}, "password": {sqldbtest.Password}}).wantStatus(t, http.StatusUnauthorized)
		budi.login("budi", "sementara-123")
		budi.get("/").wantRedirect(t, "/profile?password=required#password")
		budi.get("/profile").wantBody(t, `id="must-change-password"`, "Ganti kata sandi Anda")
	})
}

func TestUsers_Escaping(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		if _, err := db.CreateUser(srv.adminContext(t), kinerja.NewUser{Username: "budi", Name: `<script>alert(1)</script>`,
			Password: sqldbtest.Password, Roles: []kinerja.Role{kinerja.RolePegawai}}); err != nil {
			t.Fatal(err)
		}
		res := srv.loginAdmin(t).get("/admin/users?ok=%3Cb%3Ejahat")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "&lt;script&gt;alert(1)&lt;/script&gt;")
		res.wantNoBody(t, "<script", "jahat")
	})
}
