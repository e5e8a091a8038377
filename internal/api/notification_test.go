package api_test

import (
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// notificationKinds delivers the pending events, as the server's worker would right after
// the commits, then returns the kinds of the caller's unread notifications and the unread count.
func notificationKinds(t *testing.T, c *client) ([]string, int) {
	t.Helper()
	sqldbtest.Deliver(t, c.db)
	body := mustDo(t, c, "GET", "/api/v1/notifications?unread=1", nil, 200)
	var kinds []string
	for _, it := range body["items"].([]any) {
		kinds = append(kinds, it.(map[string]any)["kind"].(string))
	}
	if _, ok := body["next_cursor"].(string); !ok {
		t.Errorf("notifications %v have no next_cursor", body)
	}
	n, _ := body["unread"].(float64)
	return kinds, int(n)
}

func TestNotificationsAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSKPFixture(t, db)
		kasi := f.as("kasi.pem")
		camatSKP := f.mustSKP(t, f.as("camat"))
		camatRHK := mustResult(t, f.as("camat"), camatSKP, rhk("utama", "Meningkatnya kualitas pelayanan publik", 0, "12"))
		kasiSKP := f.mustSKP(t, kasi)
		kasiRHK := mustResult(t, kasi, kasiSKP, rhk("utama", "Tertibnya administrasi pemerintahan", camatRHK, "12"))
		for _, who := range []string{"staf.pem", "staf.pem2"} {
			c := f.as(who)
			s := f.mustSKP(t, c)
			mustResult(t, c, s, rhk("utama", "Tersusunnya laporan", kasiRHK, "12"))
			mustDo(t, c, "POST", pathOf("/api/v1/skp", s)+"/submit", nil, 200)
		}

		if body := mustDo(t, kasi, "GET", "/api/v1/notifications", nil, 200); body["unread"] != float64(0) {
			t.Errorf("notifications before delivery = %v; want none yet", body)
		}
		sqldbtest.Deliver(t, db)
		body := mustDo(t, kasi, "GET", "/api/v1/notifications", nil, 200)
		items := body["items"].([]any)
		if len(items) != 2 || body["unread"] != float64(2) || body["next_cursor"] != "" {
			t.Fatalf("notifications = %v; want 2 items, 2 unread", body)
		}
		first := items[0].(map[string]any)
		if !hasKeys(first, []string{"id", "kind", "subject", "entity", "entity_id", "created_at", "read_at"}) || first["read_at"] != nil {
			t.Errorf("notification %v lacks fields or is read", first)
		}
		if _, ok := first["link"]; ok || first["kind"] != "skp_submitted" || first["entity"] != "skp" || first["entity_id"] == nil {
			t.Errorf("notification %v; want skp_submitted about an SKP, without a link", first)
		}
		if body = mustDo(t, kasi, "GET", "/api/v1/notifications?limit=1", nil, 200); len(body["items"].([]any)) != 1 || body["unread"] != float64(2) {
			t.Errorf("limit=1: %v; want 1 item, still 2 unread", body)
		}

		if status, _ := kasi.do("POST", "/api/v1/notifications/read", map[string]any{"ids": []any{}}); status != 204 {
			t.Errorf("read none: status %d; want 204", status)
		}
		if status, _ := kasi.do("POST", "/api/v1/notifications/read", map[string]any{"ids": []any{bodyID(first)}}); status != 204 {
			t.Errorf("read one: status %d; want 204", status)
		}
		body = mustDo(t, kasi, "GET", "/api/v1/notifications?unread=1", nil, 200)
		if len(body["items"].([]any)) != 1 || body["unread"] != float64(1) {
			t.Errorf("after reading one: %v; want 1 unread", body)
		}
		// Another user's ids change nothing of theirs.
		f.as("staf.pem").do("POST", "/api/v1/notifications/read", map[string]any{"ids": []any{bodyID(items[1].(map[string]any))}})
		if _, n := notificationKinds(t, kasi); n != 1 {
			t.Errorf("after another user marks: %d unread; want 1", n)
		}
		if status, _ := kasi.do("POST", "/api/v1/notifications/read", map[string]any{}); status != 204 {
			t.Errorf("read all: status %d; want 204", status)
		}
		if _, n := notificationKinds(t, kasi); n != 0 {
			t.Errorf("after reading all: %d unread; want 0", n)
		}
		for _, q := range []string{"unread=kadang", "limit=0"} {
			if status, body := kasi.do("GET", "/api/v1/notifications?"+q, nil); status != 422 {
				t.Errorf("GET /api/v1/notifications?%s: status %d, %v; want 422", q, status, body)
			}
		}
		if status, body := kasi.do("POST", "/api/v1/notifications/read", map[string]any{"ids": "semua"}); status != 400 {
			t.Errorf("ids not a list: status %d, %v; want 400", status, body)
		}
	})
}
