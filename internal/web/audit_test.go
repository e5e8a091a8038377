package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
	"kinerja/internal/web"
)

// clock is a settable time source for the store, safe to move while the server runs.
type clock struct{ ns atomic.Int64 }

func (c *clock) set(t time.Time)      { c.ns.Store(t.UnixNano()) }
func (c *clock) now() time.Time       { return time.Unix(0, c.ns.Load()) }
func newClock(t time.Time) *clock     { c := new(clock); c.set(t); return c }
func useClock(db *sqldb.DB, c *clock) { db.Now = c.now }

func TestAudit(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		// 27 Nov 2026 14.05 WIB; later, 28 Nov 00.30 WIB, which is still 27 Nov in UTC.
		clk := newClock(time.Date(2026, 11, 27, 7, 5, 0, 0, time.UTC))
		useClock(db, clk)
		srv := newTestServerConfig(t, web.Config{DB: db, SessionTTL: 48 * time.Hour})
		c := srv.loginAdmin(t)
		c.post("/admin/users", url.Values{"username": {"budi"}, "password": {"kata-sandi-kuat"}, "roles": {"pegawai"}}).
			wantRedirect(t, "/admin/users?ok=created")
		clk.set(time.Date(2026, 11, 27, 17, 30, 0, 0, time.UTC))
		c.post("/admin/users", url.Values{"username": {"siti"}, "password": {"kata-sandi-kuat"}, "roles": {"pegawai"}}).
			wantRedirect(t, "/admin/users?ok=created")

		res := c.get("/admin/audit")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, "27 Nov 2026 14.05 WIB", "28 Nov 2026 00.30 WIB", "<td>Pengguna</td>", "<td>Sesi</td>", "<td>Dibuat</td>", "<td>Masuk</td>",
			`<span class="change-field">Nama pengguna</span>: <span class="muted">—</span> → budi</li>`)
		// Newest first.
		if i, j := strings.Index(res.Body, "→ siti<"), strings.Index(res.Body, "→ budi<"); i < 0 || j < 0 || i > j {
			t.Errorf("GET /admin/audit: siti (newer) at %d, budi at %d; want newest first", i, j)
		}

		tests := []struct {
			query     string
			want, not []string
		}{
			{"entity=user", []string{"→ budi<", "→ siti<"}, []string{"<td>Sesi</td>"}},
			{"entity=session", []string{"<td>Sesi</td>"}, []string{"<td>Pengguna</td>"}},
			{"actor=admin", []string{"→ budi<"}, nil},
			{"actor=budi", []string{"Tidak ada catatan audit yang cocok"}, []string{"<td>Pengguna</td>"}},
			{"from=2026-11-27&to=2026-11-27", []string{"→ budi<"}, []string{"→ siti<"}},
			{"from=2026-11-28", []string{"→ siti<"}, []string{"→ budi<"}},
			{"to=2026-11-26", []string{"Tidak ada catatan audit yang cocok"}, []string{"→ budi<"}},
		}
		for _, tt := range tests {
			res := c.get("/admin/audit?" + tt.query)
			res.wantStatus(t, http.StatusOK)
			res.wantBody(t, tt.want...)
			res.wantNoBody(t, tt.not...)
		}

		invalid := []struct{ query, field, msg string }{
			{"entity=raja", "entity", kinerja.MsgInvalidInput},
			{"actor=nobody", "actor", kinerja.MsgUserNotFound},
			{"from=27-11-2026", "from", kinerja.MsgBadDate},
			{"to=2026-02-30", "to", kinerja.MsgBadDate},
			{"from=2026-11-28&to=2026-11-27", "to", kinerja.MsgBadDateRange},
		}
		for _, tt := range invalid {
			res := c.get("/admin/audit?" + tt.query)
			res.wantStatus(t, http.StatusUnprocessableEntity)
			res.wantBody(t, `id="`+tt.field+`-error">`+tt.msg, `aria-invalid="true"`)
		}
		c.get("/admin/audit?before=x").wantStatus(t, http.StatusUnprocessableEntity)

		c.header.Set("Accept-Language", "en")
		c.get("/admin/audit?entity=user").wantBody(t, "27 Nov 2026 14:05 WIB", "<td>Created</td>", "Username</span>")
	})
}

func TestAudit_Pagination(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		ctx := srv.adminContext(t)
		for i := range 50 {
			sqldbtest.MustCreateUser(t, db, ctx, "pegawai"+itoa(int64(i)), kinerja.RolePegawai)
		}
		c := srv.loginAdmin(t)
		res := c.get("/admin/audit?entity=user")
		res.wantStatus(t, http.StatusOK)
		res.wantNoBody(t, "<td>sistem</td>")
		next := regexp.MustCompile(`href="(/admin/audit\?before=\d+&amp;entity=user)" rel="next"`).FindStringSubmatch(res.Body)
		if next == nil {
			t.Fatalf("GET /admin/audit?entity=user: no next-page link\n%s", excerpt(res.Body))
		}
		res = c.get(strings.ReplaceAll(next[1], "&amp;", "&"))
		res.wantStatus(t, http.StatusOK)
		// The oldest entry is the system creating the admin.
		res.wantBody(t, "<td>sistem</td>", `href="/admin/audit?entity=user"`)
		res.wantNoBody(t, `rel="next"`)
	})
}
