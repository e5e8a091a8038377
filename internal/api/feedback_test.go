package api_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// contractFeedbackKeys are the fields CONTRACT.md promises for a feedback.
var contractFeedbackKeys = []string{"id", "about_employee_id", "kind", "result_id", "value", "text"}

// rawJSON gets path and returns the status, the body as text and decoded.
func (c *client) rawJSON(path string) (int, string, map[string]any) {
	c.t.Helper()
	resp, b := c.raw("GET", path)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		c.t.Fatalf("GET %s: body is not JSON: %q", path, b)
	}
	return resp.StatusCode, string(b), out
}

// allRatings rates every BerAKHLAK value r.
func allRatings(r string) map[string]string {
	m := map[string]string{}
	for _, v := range []string{"berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"} {
		m[v] = r
	}
	return m
}

func TestFeedbackAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newActivityFixture(t, db)
		staff, kasi, kasiEko := f.as("staf.pem"), f.as("kasi.pem"), f.as("kasi.eko")
		me := f.emp["staf.pem"]

		body := mustDo(t, kasi, "POST", "/api/v1/feedback", map[string]any{"about_employee_id": me, "result_id": f.rhk["staf.pem"],
			"value": "akuntabel", "text": "Laporan Maret sudah rapi; pertahankan ketepatan waktunya."}, 201)
		if !hasKeys(body, contractFeedbackKeys) || body["kind"] != "continuous" || body["about_employee_id"] != float64(me) ||
			body["result_id"] != float64(f.rhk["staf.pem"]) || body["value"] != "akuntabel" || body["author_employee_id"] != float64(f.emp["kasi.pem"]) {
			t.Errorf("feedback = %v", body)
		}
		first := bodyID(body)
		body = mustDo(t, staff, "POST", "/api/v1/feedback", map[string]any{"about_employee_id": me, "parent_id": first, "text": "Terima kasih, Bu."}, 201)
		if body["parent_id"] != float64(first) {
			t.Errorf("reply = %v; want parent_id %d", body, first)
		}
		reply := bodyID(body)
		body = mustDo(t, staff, "POST", "/api/v1/feedback", map[string]any{"request": true, "text": "Mohon masukan untuk rekap data penduduk."}, 201)
		if body["request"] != true || body["about_employee_id"] != float64(me) {
			t.Errorf("request = %v; want about the caller", body)
		}
		request := bodyID(body)

		tests := []struct {
			name   string
			c      *client
			body   map[string]any
			status int
			field  string
		}{
			{"another team's Kasi", kasiEko, map[string]any{"about_employee_id": me, "text": "x"}, 403, ""},
			{"about a colleague", staff, map[string]any{"about_employee_id": f.emp["staf.pem2"], "text": "x"}, 403, ""},
			{"unknown value", kasi, map[string]any{"about_employee_id": me, "value": "jujur", "text": "x"}, 422, "value"},
			{"no text", kasi, map[string]any{"about_employee_id": me, "text": " "}, 422, "text"},
			{"no employee", kasi, map[string]any{"text": "x"}, 422, "about_employee_id"},
		}
		for _, tt := range tests {
			if status, body := tt.c.do("POST", "/api/v1/feedback", tt.body); status != tt.status || tt.field != "" && field(body, tt.field) == "" {
				t.Errorf("%s: status %d, %v; want %d naming %q", tt.name, status, body, tt.status, tt.field)
			}
		}

		if got := ids(t, mustDo(t, staff, "GET", "/api/v1/feedback", nil, 200)); !slices.Equal(got, []int64{first, reply, request}) {
			t.Errorf("own timeline = %v; want %v (each thread, then its replies)", got, []int64{first, reply, request})
		}
		if got := ids(t, mustDo(t, kasi, "GET", "/api/v1/feedback?about_employee_id="+id(me)+"&year=2026", nil, 200)); len(got) != 3 {
			t.Errorf("supervisor's view of 2026 = %v; want 3", got)
		}
		if got := ids(t, mustDo(t, kasi, "GET", "/api/v1/feedback?about_employee_id="+id(me)+"&year=2025", nil, 200)); len(got) != 0 {
			t.Errorf("2025 = %v; want none", got)
		}
		if status, body := kasiEko.do("GET", "/api/v1/feedback?about_employee_id="+id(me), nil); status != 403 {
			t.Errorf("another team reads the timeline: status %d, %v; want 403", status, body)
		}
		if status, body := staff.do("GET", "/api/v1/feedback?year=dua", nil); status != 422 || field(body, "year") == "" {
			t.Errorf("bad year: status %d, %v; want 422 naming year", status, body)
		}
	})
}

func TestPeerFeedbackAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newActivityFixture(t, db)
		staff, kasi := f.as("staf.pem"), f.as("kasi.pem")
		me := f.emp["staf.pem"]
		pp := pathOf("/api/v1/periods", f.period)

		if status, body := staff.do("GET", pp+"/peers/suggest?employee_id="+id(me), nil); status != 403 {
			t.Errorf("the employee asks for suggestions: status %d, %v; want 403", status, body)
		}
		body := mustDo(t, kasi, "GET", pp+"/peers/suggest?employee_id="+id(me), nil, 200)
		if got := ids(t, body); len(got) == 0 || slices.Contains(got, me) || slices.Contains(got, f.emp["kasi.pem"]) || got[0] != f.emp["staf.pem2"] {
			t.Errorf("suggested peers = %v; want the same unit first, never the employee or the supervisor", got)
		}

		peers := []string{"staf.pem2", "staf.eko", "kasi.eko", "camat"}
		var peerIDs []int64
		for _, p := range peers {
			peerIDs = append(peerIDs, f.emp[p])
		}
		for _, tt := range []struct {
			name   string
			c      *client
			path   string
			body   map[string]any
			status int
			field  string
		}{
			{"two peers", kasi, pp + "/peers", map[string]any{"employee_id": me, "peer_ids": peerIDs[:2]}, 422, "peer_ids"},
			{"the employee as a peer", kasi, pp + "/peers", map[string]any{"employee_id": me, "peer_ids": []int64{me, peerIDs[0], peerIDs[1]}}, 422, "peer_ids"},
			{"no employee", kasi, pp + "/peers", map[string]any{"peer_ids": peerIDs}, 422, "employee_id"},
			{"chosen by the employee", staff, pp + "/peers", map[string]any{"employee_id": me, "peer_ids": peerIDs}, 403, ""},
			{"unknown period", kasi, "/api/v1/periods/999999/peers", map[string]any{"employee_id": me, "peer_ids": peerIDs}, 404, ""},
		} {
			if status, body := tt.c.do("POST", tt.path, tt.body); status != tt.status || tt.field != "" && field(body, tt.field) == "" {
				t.Errorf("%s: status %d, %v; want %d naming %q", tt.name, status, body, tt.status, tt.field)
			}
		}
		body = mustDo(t, kasi, "POST", pp+"/peers", map[string]any{"employee_id": me, "peer_ids": peerIDs}, 200)
		if items := body["items"].([]any); len(items) != 4 || items[0].(map[string]any)["answered"] != false {
			t.Errorf("assigned peers = %v; want 4, unanswered", items)
		}
		if got := ids(t, mustDo(t, kasi, "GET", pp+"/peers?employee_id="+id(me), nil, 200)); len(got) != 4 {
			t.Errorf("listed peers = %v; want 4", got)
		}

		// Each peer finds the task and answers it once.
		task := map[string]int64{}
		for _, p := range peers {
			for _, it := range mustDo(t, f.as(p), "GET", "/api/v1/peer-tasks", nil, 200)["items"].([]any) {
				if it := it.(map[string]any); it["employee_id"] == float64(me) {
					task[p] = bodyID(it)
				}
			}
			if task[p] == 0 {
				t.Fatalf("%s has no peer task about the staff", p)
			}
		}
		tp := func(p string) string { return pathOf("/api/v1/peer-tasks", task[p]) + "/answer" }
		bad := allRatings("sesuai")
		delete(bad, "loyal")
		bad["jujur"] = "sesuai"
		bad["adaptif"] = "luar_biasa"
		status, body := f.as("staf.pem2").do("POST", tp("staf.pem2"), map[string]any{"ratings": bad})
		if status != 422 || field(body, "ratings.loyal") == "" || field(body, "ratings.jujur") == "" || field(body, "ratings.adaptif") == "" {
			t.Errorf("incomplete ratings: status %d, %v; want 422 naming ratings.loyal, ratings.jujur, ratings.adaptif", status, body)
		}
		if status, body := staff.do("POST", tp("staf.pem2"), map[string]any{"ratings": allRatings("di_atas")}); status != 403 {
			t.Errorf("the employee answers a peer's task: status %d, %v; want 403", status, body)
		}
		summary := pp + "/peer-summary"
		answer := func(p, rating, comment string) {
			t.Helper()
			body := mustDo(t, f.as(p), "POST", tp(p), map[string]any{"ratings": allRatings(rating), "comment": comment}, 200)
			if body["answered"] != true || bodyID(body) != task[p] {
				t.Errorf("%s's answered task = %v", p, body)
			}
		}
		answer("staf.pem2", "sesuai", "Sangat membantu tim.")
		answer("staf.eko", "di_atas", "Cepat tanggap.")
		if status, body := f.as("staf.eko").do("POST", tp("staf.eko"), map[string]any{"ratings": allRatings("sesuai")}); status != 409 {
			t.Errorf("a second answer: status %d, %v; want 409", status, body)
		}

		// With 2 answers the employee sees nothing, not even the count.
		status, raw, body := staff.rawJSON(summary)
		if status != 200 || body["visible"] != false || body["count"] != float64(0) || len(body["values"].([]any)) != 0 || len(body["comments"].([]any)) != 0 {
			t.Errorf("summary after 2 answers: status %d, %v; want not visible, no data", status, body)
		}
		if strings.Contains(raw, "Sangat membantu") || strings.Contains(raw, "Dewi Lestari") {
			t.Errorf("summary after 2 answers shows an answer: %s", raw)
		}

		// After the 3rd, an aggregate without names.
		answer("kasi.eko", "sesuai", "Komunikatif.")
		status, raw, body = staff.rawJSON(summary)
		if status != 200 || body["visible"] != true || body["count"] != float64(3) || len(body["values"].([]any)) != 7 {
			t.Fatalf("summary after 3 answers: status %d, %v; want visible with 7 values", status, body)
		}
		for _, v := range body["values"].([]any) {
			if v := v.(map[string]any); v["sesuai"] != float64(2) || v["di_atas"] != float64(1) || v["di_bawah"] != float64(0) {
				t.Errorf("value %v; want 2 sesuai, 1 di_atas", v)
			}
		}
		if got := body["comments"].([]any); len(got) != 3 {
			t.Errorf("comments = %v; want 3", got)
		}
		for _, p := range peers {
			if name := employeeName(t, f, p); strings.Contains(raw, name) || strings.Contains(raw, `"peer_id"`) {
				t.Errorf("summary names a peer (%s): %s", name, raw)
			}
		}
		if body := mustDo(t, kasi, "GET", summary+"?employee_id="+id(me), nil, 200); body["visible"] != true {
			t.Errorf("supervisor's summary = %v", body)
		}

		// Named answers: the appraiser's, never the employee's.
		if status, body := staff.do("GET", pp+"/peer-answers", nil); status != 403 || errorCode(t, body) != "forbidden" {
			t.Errorf("the employee reads named answers: status %d, %v; want 403", status, body)
		}
		if status, body := f.as("staf.pem2").do("GET", pp+"/peer-answers?employee_id="+id(me), nil); status != 403 {
			t.Errorf("a peer reads the named answers: status %d, %v; want 403", status, body)
		}
		items := mustDo(t, kasi, "GET", pp+"/peer-answers?employee_id="+id(me), nil, 200)["items"].([]any)
		if len(items) != 3 {
			t.Fatalf("named answers = %v; want 3", items)
		}
		if a := items[0].(map[string]any); a["peer_name"] != "Dewi Lestari" || a["comment"] != "Sangat membantu tim." || a["ratings"].(map[string]any)["loyal"] != "sesuai" {
			t.Errorf("first named answer = %v", a)
		}
		if status, body := kasi.do("GET", "/api/v1/periods/999999/peer-summary?employee_id="+id(me), nil); status != 404 {
			t.Errorf("unknown period: status %d, %v; want 404", status, body)
		}
	})
}

// employeeName returns the name of a fixture employee.
func employeeName(t *testing.T, f *activityFixture, who string) string {
	t.Helper()
	return mustDo(t, f.admin, "GET", pathOf("/api/v1/employees", f.emp[who]), nil, 200)["name"].(string)
}

func TestUpwardFeedbackAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newActivityFixture(t, db)
		sqldbtest.SettleReportingLines(t, db)
		staff, camat, admin := f.as("staf.pem"), f.as("camat"), f.as("admin.asemrowo")
		leader := f.emp["camat"]
		give := func(who string, score int, text string) map[string]any {
			t.Helper()
			return mustDo(t, f.as(who), "POST", "/api/v1/upward-feedback", map[string]any{"leader_id": leader, "year": 2026,
				"clarity": score, "support": score, "openness": 4, "fairness": 3, "text": text}, 201)
		}
		body := give("staf.pem", 2, "  Arahan rapat kadang berubah-ubah.  ")
		if got, want := keys(body), []string{"anonymous", "clarity", "fairness", "leader_id", "openness", "support", "text", "year"}; !slices.Equal(got, want) {
			t.Errorf("answer keys = %v; want %v (nothing of the author)", got, want)
		}
		if body["leader_id"] != float64(leader) || body["text"] != "Arahan rapat kadang berubah-ubah." || body["anonymous"] != true {
			t.Errorf("answer = %v", body)
		}

		for _, tt := range []struct {
			name   string
			who    string
			body   map[string]any
			status int
			fields []string
		}{
			{"twice", "staf.pem", map[string]any{"leader_id": leader, "year": 2026, "clarity": 3, "support": 3, "openness": 3, "fairness": 3}, 409, nil},
			{"not their leader", "staf.pem", map[string]any{"leader_id": f.emp["kasi.eko"], "year": 2026, "clarity": 3, "support": 3, "openness": 3, "fairness": 3}, 403, nil},
			{"scores out of range", "staf.pem2", map[string]any{"leader_id": leader, "year": 2026, "clarity": 0, "support": 5, "openness": 3, "fairness": 3}, 422, []string{"clarity", "support"}},
			{"old year", "staf.pem2", map[string]any{"leader_id": leader, "year": 2020, "clarity": 3, "support": 3, "openness": 3, "fairness": 3}, 422, []string{"year"}},
			{"no leader", "staf.pem2", map[string]any{"year": 2026, "clarity": 3, "support": 3, "openness": 3, "fairness": 3}, 422, []string{"leader_id"}},
			{"unknown leader", "staf.pem2", map[string]any{"leader_id": 999999, "year": 2026, "clarity": 3, "support": 3, "openness": 3, "fairness": 3}, 422, []string{"leader_id"}},
		} {
			status, body := f.as(tt.who).do("POST", "/api/v1/upward-feedback", tt.body)
			if status != tt.status {
				t.Errorf("%s: status %d, %v; want %d", tt.name, status, body, tt.status)
			}
			for _, fl := range tt.fields {
				if field(body, fl) == "" {
					t.Errorf("%s: %v; want an error on %s", tt.name, body, fl)
				}
			}
		}

		// The leader sees nothing below 3 answers.
		give("kasi.eko", 4, "Selalu memberi kesempatan berpendapat.")
		sp := "/api/v1/upward-feedback/summary?year=2026"
		status, _, body := camat.rawJSON(sp)
		if status != 200 || body["visible"] != false || body["count"] != float64(0) || len(body["texts"].([]any)) != 0 || body["clarity"] != float64(0) {
			t.Errorf("summary after 2 answers: status %d, %v; want not visible, no data", status, body)
		}
		give("staf.eko", 3, "")
		status, raw, body := camat.rawJSON(sp)
		if status != 200 || body["visible"] != true || body["count"] != float64(3) || body["clarity"] != float64(3) || body["openness"] != float64(4) {
			t.Errorf("summary after 3 answers: status %d, %v; want visible, clarity 3, openness 4", status, body)
		}
		if texts := body["texts"].([]any); len(texts) != 2 {
			t.Errorf("texts = %v; want the 2 written", texts)
		}
		for _, who := range []string{"staf.pem", "kasi.eko", "staf.eko"} {
			if name := employeeName(t, f, who); strings.Contains(raw, name) {
				t.Errorf("summary names an author (%s): %s", name, raw)
			}
		}
		for _, k := range keys(body) {
			if strings.Contains(k, "author") || strings.Contains(k, "employee") {
				t.Errorf("summary has field %q", k)
			}
		}
		if body := mustDo(t, admin, "GET", sp+"&leader_id="+id(leader), nil, 200); body["visible"] != true {
			t.Errorf("admin's summary = %v", body)
		}
		if status, body := staff.do("GET", sp+"&leader_id="+id(leader), nil); status != 403 {
			t.Errorf("staff reads the leader's summary: status %d, %v; want 403", status, body)
		}
		if status, body := camat.do("GET", "/api/v1/upward-feedback/summary", nil); status != 422 || field(body, "year") == "" {
			t.Errorf("summary without year: status %d, %v; want 422 naming year", status, body)
		}

		// Nothing written about an answer names its author: no audit entry, no notification.
		sqldbtest.Deliver(t, db)
		for _, it := range mustDo(t, admin, "GET", "/api/v1/audit?limit=500", nil, 200)["items"].([]any) {
			if e := it.(map[string]any)["entity"].(string); strings.Contains(e, "upward") && e != "upward_reply" {
				t.Errorf("audit entry about an upward answer: %v", it)
			}
		}
		for _, it := range mustDo(t, camat, "GET", "/api/v1/notifications", nil, 200)["items"].([]any) {
			if k := it.(map[string]any)["kind"].(string); strings.Contains(k, "upward") {
				t.Errorf("the leader was notified of an answer: %v", it)
			}
		}

		// Leaders the staff may address, and which they already did.
		items := mustDo(t, staff, "GET", "/api/v1/upward-feedback/leaders?year=2026", nil, 200)["items"].([]any)
		if len(items) != 2 || items[1].(map[string]any)["answered"] != true || items[0].(map[string]any)["answered"] != false {
			t.Errorf("leaders = %v; want the Kasi (not answered) then the Camat (answered)", items)
		}

		// The leader replies publicly to the team.
		body = mustDo(t, camat, "POST", "/api/v1/upward-feedback/replies", map[string]any{"year": 2026, "text": "Terima kasih; arahan rapat akan dituliskan."}, 201)
		if body["leader_id"] != float64(leader) || bodyID(body) == 0 {
			t.Errorf("reply = %v", body)
		}
		if status, body := staff.do("POST", "/api/v1/upward-feedback/replies", map[string]any{"year": 2026, "text": "x"}); status != 403 {
			t.Errorf("staff without a team replies: status %d, %v; want 403", status, body)
		}
		if status, body := camat.do("POST", "/api/v1/upward-feedback/replies", map[string]any{"year": 2026, "text": ""}); status != 422 || field(body, "text") == "" {
			t.Errorf("empty reply: status %d, %v; want 422 naming text", status, body)
		}
		for _, who := range []string{"staf.pem", "staf.eko", "camat"} {
			if got := ids(t, mustDo(t, f.as(who), "GET", "/api/v1/upward-feedback/replies?year=2026&leader_id="+id(leader), nil, 200)); len(got) != 1 {
				t.Errorf("%s reads replies = %v; want 1", who, got)
			}
		}
	})
}

func TestDialogAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newActivityFixture(t, db)
		staff, kasi, kasiEko := f.as("staf.pem"), f.as("kasi.pem"), f.as("kasi.eko")
		me, sup := f.emp["staf.pem"], f.emp["kasi.pem"]
		dialog := func() map[string]any {
			return map[string]any{"employee_id": me, "date": "2026-03-10", "topics": "Capaian triwulan I dan kendala rekap data.",
				"actions": []map[string]any{
					{"text": "Lengkapi bukti dukung rekap", "owner_id": me, "due_date": "2026-03-31"},
					{"text": "Usulkan pelatihan pengolahan data", "owner_id": sup},
				}}
		}
		body := mustDo(t, kasi, "POST", "/api/v1/dialogs", dialog(), 201)
		acts := body["actions"].([]any)
		if bodyID(body) == 0 || body["supervisor_id"] != float64(sup) || body["employee_id"] != float64(me) || body["date"] != "2026-03-10" || len(acts) != 2 {
			t.Fatalf("dialog = %v", body)
		}
		a0 := acts[0].(map[string]any)
		if a0["status"] != "open" || a0["owner_id"] != float64(me) || a0["due_date"] != "2026-03-31" || acts[1].(map[string]any)["due_date"] != nil {
			t.Errorf("actions = %v", acts)
		}

		with := func(k string, v any) map[string]any { d := dialog(); d[k] = v; return d }
		withAction := func(k string, v any) map[string]any {
			d := dialog()
			d["actions"].([]map[string]any)[0][k] = v
			return d
		}
		for _, tt := range []struct {
			name   string
			c      *client
			body   map[string]any
			status int
			field  string
		}{
			{"tomorrow", kasi, with("date", "2026-03-12"), 422, "date"},
			{"not a date", kasi, with("date", "10/03/2026"), 422, "date"},
			{"no topics", kasi, with("topics", ""), 422, "topics"},
			{"owner outside the pair", kasi, withAction("owner_id", f.emp["camat"]), 422, "actions.0.owner_id"},
			{"bad due date", kasi, withAction("due_date", "akhir bulan"), 422, "actions.0.due_date"},
			{"due before the dialog", kasi, withAction("due_date", "2026-03-01"), 422, "actions.0.due_date"},
			{"another team's Kasi", kasiEko, dialog(), 403, ""},
		} {
			if status, body := tt.c.do("POST", "/api/v1/dialogs", tt.body); status != tt.status || tt.field != "" && field(body, tt.field) == "" {
				t.Errorf("%s: status %d, %v; want %d naming %q", tt.name, status, body, tt.status, tt.field)
			}
		}

		if got := ids(t, mustDo(t, staff, "GET", "/api/v1/dialogs", nil, 200)); len(got) != 1 {
			t.Errorf("staff's dialogs = %v; want 1", got)
		}
		if got := ids(t, mustDo(t, kasi, "GET", "/api/v1/dialogs?employee_id="+id(me), nil, 200)); len(got) != 1 {
			t.Errorf("supervisor's dialogs about the staff = %v; want 1", got)
		}
		if status, body := kasiEko.do("GET", "/api/v1/dialogs?employee_id="+id(me), nil); status != 403 {
			t.Errorf("another team reads the dialogs: status %d, %v; want 403", status, body)
		}

		// Follow-up: either of the pair marks an action done.
		ap := pathOf("/api/v1/dialogs/actions", bodyID(a0))
		body = mustDo(t, staff, "PATCH", ap, map[string]any{"status": "done"}, 200)
		if body["status"] != "done" || bodyID(body) != bodyID(a0) {
			t.Errorf("action after PATCH = %v", body)
		}
		if status, body := staff.do("PATCH", ap, map[string]any{"status": "selesai"}); status != 422 || field(body, "status") == "" {
			t.Errorf("unknown status: status %d, %v; want 422 naming status", status, body)
		}
		if status, body := kasiEko.do("PATCH", ap, map[string]any{"status": "open"}); status != 403 {
			t.Errorf("outsider changes the action: status %d, %v; want 403", status, body)
		}
		if status, body := staff.do("PATCH", "/api/v1/dialogs/actions/999999", map[string]any{"status": "done"}); status != 404 {
			t.Errorf("unknown action: status %d, %v; want 404", status, body)
		}
		items := mustDo(t, kasi, "GET", "/api/v1/dialogs?employee_id="+id(me), nil, 200)["items"].([]any)
		if st := items[0].(map[string]any)["actions"].([]any)[0].(map[string]any)["status"]; st != "done" {
			t.Errorf("action status as listed = %v; want done", st)
		}
	})
}
