package api_test

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/ledongthuc/pdf"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// contractSKPKeys are the fields CONTRACT.md promises for an SKP.
var contractSKPKeys = []string{"id", "employee_id", "period_id", "approach", "form", "appraiser_id", "status", "version"}

// raw sends a request without a body and returns the answer unread as JSON.
func (c *client) raw(method, path string) (*http.Response, []byte) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.send(req)
}

// pdfText extracts the text of a PDF without whitespace, which wraps differently than written.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("read PDF: %v", err)
	}
	rd, err := r.GetPlainText()
	if err != nil {
		t.Fatalf("extract PDF text: %v", err)
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Fatalf("extract PDF text: %v", err)
	}
	return squeeze(string(b))
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// kuantitatif returns the three required indicators of a kuantitatif RHK, with target as the
// kuantitas target.
func kuantitatif(target string) []map[string]any {
	return []map[string]any{
		{"aspect": "kuantitas", "text": "Jumlah laporan yang diselesaikan", "target": target, "unit": "laporan"},
		{"aspect": "kualitas", "text": "Laporan diterima tanpa revisi", "target": "95,5", "unit": "%"},
		{"aspect": "waktu", "text": "Laporan selesai tepat waktu", "target": "12", "unit": "bulan"},
	}
}

// rhk is the body of a new RHK.
func rhk(kind, text string, parent int64, target string) map[string]any {
	m := map[string]any{"kind": kind, "text": text, "indicators": kuantitatif(target)}
	if parent != 0 {
		m["parent_result_id"] = parent
	}
	return m
}

// skpFixture is the organisation fixture with a 2026 period.
type skpFixture struct {
	*orgFixture
	period int64
}

func newSKPFixture(t *testing.T, db *sqldb.DB) *skpFixture {
	t.Helper()
	f := newOrgFixture(t, db)
	status, body := f.as("admin.asemrowo").do("POST", "/api/v1/periods", map[string]any{"year": 2026})
	if status != 201 {
		t.Fatalf("create period: status %d, %v", status, body)
	}
	return &skpFixture{orgFixture: f, period: bodyID(body)}
}

// mustSKP starts the SKP of the logged-in employee of c and returns its id.
func (f *skpFixture) mustSKP(t *testing.T, c *client) int64 {
	t.Helper()
	status, body := c.do("POST", "/api/v1/skp", map[string]any{"period_id": f.period})
	if status != 201 || bodyID(body) == 0 {
		t.Fatalf("create SKP: status %d, %v; want 201 with id", status, body)
	}
	return bodyID(body)
}

// mustResult adds an RHK and returns its id.
func mustResult(t *testing.T, c *client, skp int64, body map[string]any) int64 {
	t.Helper()
	status, got := c.do("POST", pathOf("/api/v1/skp", skp)+"/results", body)
	if status != 201 || bodyID(got) == 0 {
		t.Fatalf("add RHK %q: status %d, %v; want 201 with id", body["text"], status, got)
	}
	return bodyID(got)
}

// mustDo calls c and checks the status, failing the test at once when it differs.
func mustDo(t *testing.T, c *client, method, path string, body any, want int) map[string]any {
	t.Helper()
	status, got := c.do(method, path, body)
	if status != want {
		t.Fatalf("%s %s: status %d, %v; want %d", method, path, status, got, want)
	}
	return got
}

func TestSKPCascade(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSKPFixture(t, db)
		camat, kasi, staff, kasiEko := f.as("camat"), f.as("kasi.pem"), f.as("staf.pem"), f.as("kasi.eko")

		// The Camat heads the organisation, an independent work unit: the JPT form, and an utama
		// RHK needs no parent.
		mustDo(t, f.as("admin.asemrowo"), "PATCH", pathOf("/api/v1/units", f.org), map[string]any{"head_id": f.emp["camat"]}, 200)
		status, body := camat.do("POST", "/api/v1/skp", map[string]any{"period_id": f.period})
		if status != 201 {
			t.Fatalf("Camat SKP: status %d, %v", status, body)
		}
		if !hasKeys(body, contractSKPKeys) {
			t.Errorf("SKP %v lacks some of %v", keys(body), contractSKPKeys)
		}
		want := map[string]any{"employee_id": float64(f.emp["camat"]), "period_id": float64(f.period), "approach": "kuantitatif",
			"form": "jpt", "appraiser_id": nil, "status": "draft", "version": float64(1), "year": float64(2026)}
		for k, v := range want {
			if body[k] != v {
				t.Errorf("Camat SKP %s = %v; want %v", k, body[k], v)
			}
		}
		if res, ok := body["results"].([]any); !ok || len(res) != 0 {
			t.Errorf("new SKP results = %v; want []", body["results"])
		}
		if b, _ := body["behaviors"].([]any); len(b) != 7 {
			t.Errorf("new SKP behaviors = %v; want the 7 BerAKHLAK values", body["behaviors"])
		}
		camatSKP := bodyID(body)
		if status, body = camat.do("POST", "/api/v1/skp", map[string]any{"period_id": f.period}); status != 409 || errorCode(t, body) != "conflict" {
			t.Errorf("second SKP in the period: status %d, %v; want 409", status, body)
		}
		camatRHK := mustResult(t, camat, camatSKP, rhk("utama", "Meningkatnya kualitas pelayanan publik di Kecamatan Asemrowo", 0, "12"))

		kasiSKP := f.mustSKP(t, kasi)
		body = mustDo(t, kasi, "GET", pathOf("/api/v1/skp", kasiSKP), nil, 200)
		if body["appraiser_id"] != float64(f.emp["camat"]) || body["form"] != "jajf" {
			t.Errorf("Kasi SKP appraiser_id %v, form %v; want the Camat, jajf", body["appraiser_id"], body["form"])
		}
		if appr, _ := body["appraiser"].(map[string]any); appr == nil || appr["name"] != "Drs. Bambang Sutrisno, M.Si." || appr["nip"] == "" {
			t.Errorf("Kasi SKP appraiser snapshot = %v; want the Camat with NIP", body["appraiser"])
		}
		if emp, _ := body["employee"].(map[string]any); emp == nil || emp["unit"] != "Seksi Pemerintahan" {
			t.Errorf("Kasi SKP employee snapshot = %v", body["employee"])
		}
		ekoSKP := f.mustSKP(t, kasiEko)
		ekoRHK := mustResult(t, kasiEko, ekoSKP, rhk("utama", "Meningkatnya pemberdayaan ekonomi warga", camatRHK, "4"))

		invalid := []struct {
			name      string
			body      map[string]any
			wantField string
		}{
			{"utama without parent for someone with a supervisor", rhk("utama", "Tertibnya administrasi pemerintahan", 0, "12"), "parent_result_id"},
			{"parent from another team's SKP", rhk("utama", "Tertibnya administrasi pemerintahan", ekoRHK, "12"), "parent_result_id"},
			{"parent that does not exist", rhk("utama", "Tertibnya administrasi pemerintahan", 999999, "12"), "parent_result_id"},
			{"kuantitatif target not a number", rhk("utama", "Tertibnya administrasi pemerintahan", camatRHK, "dua belas"), "indicators.0.target"},
			{"empty text", rhk("utama", " ", camatRHK, "12"), "text"},
			{"no indicators", map[string]any{"kind": "utama", "text": "Tertibnya administrasi", "parent_result_id": camatRHK, "indicators": []any{}}, "indicators"},
			{"unknown kind", rhk("pokok", "Tertibnya administrasi pemerintahan", camatRHK, "12"), "kind"},
		}
		for _, tt := range invalid {
			status, body := kasi.do("POST", pathOf("/api/v1/skp", kasiSKP)+"/results", tt.body)
			if status != 422 || errorCode(t, body) != "invalid" || field(body, tt.wantField) == "" {
				t.Errorf("%s: status %d, %v; want 422 naming %q", tt.name, status, body, tt.wantField)
			}
		}
		if status, body = kasi.do("POST", pathOf("/api/v1/skp", kasiSKP)+"/results", `{"text":`); status != 400 {
			t.Errorf("malformed RHK: status %d, %v; want 400", status, body)
		}

		status, body = kasi.do("POST", pathOf("/api/v1/skp", kasiSKP)+"/results", rhk("utama", "Tertibnya administrasi pemerintahan", camatRHK, "12"))
		if status != 201 || body["parent_result_id"] != float64(camatRHK) || !strings.Contains(body["parent_text"].(string), "pelayanan publik") {
			t.Fatalf("Kasi cascades from the Camat: status %d, %v", status, body)
		}
		if inds, _ := body["indicators"].([]any); len(inds) != 3 {
			t.Errorf("Kasi RHK indicators = %v; want 3", body["indicators"])
		}
		kasiRHK := bodyID(body)

		// Staff cascade from their Kasi, not from the Camat above.
		staffSKP := f.mustSKP(t, staff)
		if status, body = staff.do("POST", pathOf("/api/v1/skp", staffSKP)+"/results", rhk("utama", "Tersusunnya laporan kependudukan", camatRHK, "12")); status != 422 || field(body, "parent_result_id") == "" {
			t.Errorf("staff RHK under the Camat's: status %d, %v; want 422 naming parent_result_id", status, body)
		}
		staffRHK := mustResult(t, staff, staffSKP, rhk("utama", "Tersusunnya laporan kependudukan", kasiRHK, "12"))
		extra := mustResult(t, staff, staffSKP, rhk("tambahan", "Menjadi panitia hari jadi kota", 0, "1"))

		// Only the employee (or an admin) writes an SKP.
		if status, body = kasi.do("POST", pathOf("/api/v1/skp", staffSKP)+"/results", rhk("tambahan", "Tugas lain", 0, "1")); status != 403 || errorCode(t, body) != "forbidden" {
			t.Errorf("Kasi writes the staff SKP: status %d, %v; want 403", status, body)
		}
		if status, body = f.as("admin.asemrowo").do("PATCH", pathOf("/api/v1/skp", staffSKP), map[string]any{"resources": "Aplikasi SIAK"}); status != 200 || body["resources"] != "Aplikasi SIAK" {
			t.Errorf("admin writes the lampiran on behalf: status %d, %v", status, body)
		}

		// PATCH of an RHK changes the fields given and keeps the rest; the RHK must be of that SKP.
		rp := pathOf(pathOf("/api/v1/skp", staffSKP)+"/results", staffRHK)
		status, body = staff.do("PATCH", rp, map[string]any{"text": "Tersusunnya laporan kependudukan bulanan"})
		if status != 200 || body["text"] != "Tersusunnya laporan kependudukan bulanan" || body["parent_result_id"] != float64(kasiRHK) || len(body["indicators"].([]any)) != 3 {
			t.Errorf("patch RHK text: status %d, %v", status, body)
		}
		if status, body = staff.do("PATCH", rp, map[string]any{"parent_result_id": nil}); status != 422 || field(body, "parent_result_id") == "" {
			t.Errorf("patch RHK parent to null: status %d, %v; want 422", status, body)
		}
		if status, body = f.as("admin.asemrowo").do("PATCH", pathOf(pathOf("/api/v1/skp", kasiSKP)+"/results", staffRHK), map[string]any{"text": "x"}); status != 404 {
			t.Errorf("admin patches an RHK through another SKP: status %d, %v; want 404", status, body)
		}
		if status, _ = staff.do("DELETE", pathOf(pathOf("/api/v1/skp", staffSKP)+"/results", extra), nil); status != 204 {
			t.Errorf("delete tambahan RHK: status %d; want 204", status)
		}
		if status, body = kasi.do("DELETE", pathOf(pathOf("/api/v1/skp", kasiSKP)+"/results", kasiRHK), nil); status != 409 {
			t.Errorf("delete an RHK that staff intervene: status %d, %v; want 409", status, body)
		}
		body = mustDo(t, staff, "GET", pathOf("/api/v1/skp", staffSKP), nil, 200)
		if res := body["results"].([]any); len(res) != 1 || res[0].(map[string]any)["parent_text"] != "Tertibnya administrasi pemerintahan" {
			t.Errorf("staff SKP results = %v; want the one RHK showing the Kasi's RHK it serves", res)
		}

		// The Kasi hands an RHK to a direct subordinate, who has no SKP yet; not to another team.
		kasiRHK2 := mustResult(t, kasi, kasiSKP, rhk("utama", "Terlaksananya pelayanan administrasi terpadu", camatRHK, "100"))
		ap := pathOf(pathOf("/api/v1/skp", kasiSKP)+"/results", kasiRHK2) + "/assign"
		status, body = kasi.do("POST", ap, map[string]any{"employee_ids": []int64{f.emp["staf.pem2"]}})
		if status != 201 {
			t.Fatalf("assign: status %d, %v", status, body)
		}
		items := body["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["parent_result_id"] != float64(kasiRHK2) {
			t.Errorf("assigned = %v; want one RHK intervening %d", items, kasiRHK2)
		}
		for _, ids := range [][]int64{{f.emp["staf.eko"]}, {}} {
			if status, body = kasi.do("POST", ap, map[string]any{"employee_ids": ids}); status != 422 || field(body, "employee_ids") == "" {
				t.Errorf("assign to %v: status %d, %v; want 422 naming employee_ids", ids, status, body)
			}
		}

		// The matrix: rows are the Kasi's staff, columns the Kasi's RHK.
		body = mustDo(t, kasi, "GET", pathOf("/api/v1/skp", kasiSKP)+"/matrix", nil, 200)
		if cols := body["columns"].([]any); len(cols) != 2 {
			t.Errorf("matrix columns = %d; want 2", len(cols))
		}
		rows := body["rows"].([]any)
		if len(rows) != 2 {
			t.Fatalf("matrix rows = %v; want staf.pem and staf.pem2", rows)
		}
		for _, r := range rows {
			row := r.(map[string]any)
			cells := row["cells"].(map[string]any)
			name := row["employee"].(map[string]any)["name"]
			if row["skp"] == nil || len(cells) != 1 {
				t.Errorf("matrix row %v: skp %v, cells %v; want an SKP and one filled cell", name, row["skp"], cells)
			}
		}

		// The team list: the Kasi sees both staff SKP; staff see their own and their
		// supervisor's, from which they cascade.
		body = mustDo(t, kasi, "GET", "/api/v1/skp?team=1&period_id="+itoa(int(f.period)), nil, 200)
		if got := ids(t, body); len(got) != 2 || body["total"] != float64(2) {
			t.Errorf("Kasi team list = %v (total %v); want 2", got, body["total"])
		}
		body = mustDo(t, staff, "GET", "/api/v1/skp", nil, 200)
		if got := ids(t, body); len(got) != 2 || !slices.Contains(got, staffSKP) || !slices.Contains(got, kasiSKP) {
			t.Errorf("staff list = %v; want their own %d and their Kasi's %d", got, staffSKP, kasiSKP)
		}
		if items := body["items"].([]any); len(items) > 0 && !hasKeys(items[0].(map[string]any), contractSKPKeys) {
			t.Errorf("list item %v lacks some of %v", items[0], contractSKPKeys)
		}
		for _, q := range []string{"status=selesai", "team=kadang", "period_id=x", "limit=0"} {
			if status, body = kasi.do("GET", "/api/v1/skp?"+q, nil); status != 422 {
				t.Errorf("GET /api/v1/skp?%s: status %d, %v; want 422", q, status, body)
			}
		}
		body = mustDo(t, kasi, "GET", "/api/v1/skp?team=1&limit=1", nil, 200)
		if len(ids(t, body)) != 1 || body["next_cursor"] == "" {
			t.Errorf("paged list: %v; want 1 item and a cursor", body)
		}
		if status, body = kasiEko.do("GET", pathOf("/api/v1/skp", staffSKP), nil); status != 403 {
			t.Errorf("another Kasi reads the staff SKP: status %d, %v; want 403", status, body)
		}

		// Behaviour expectations are the pejabat penilai's to write.
		bp := pathOf("/api/v1/skp", staffSKP) + "/behaviors"
		status, body = kasi.do("PUT", bp, map[string]any{"items": []map[string]string{{"value": "akuntabel", "expectation": "Laporan diserahkan tepat waktu"}}})
		if status != 200 {
			t.Fatalf("set behaviors: status %d, %v", status, body)
		}
		for _, b := range body["behaviors"].([]any) {
			b := b.(map[string]any)
			if b["value"] == "akuntabel" && (b["expectation"] != "Laporan diserahkan tepat waktu" || len(b["guides"].([]any)) != 3) {
				t.Errorf("akuntabel behavior = %v", b)
			}
		}
		if status, body = staff.do("PUT", bp, map[string]any{"items": []map[string]string{{"value": "akuntabel", "expectation": "x"}}}); status != 403 {
			t.Errorf("employee sets behaviors: status %d, %v; want 403", status, body)
		}
		if status, body = kasi.do("PUT", bp, map[string]any{"items": []map[string]string{{"value": "jujur", "expectation": "x"}}}); status != 422 || field(body, "items.0.value") == "" {
			t.Errorf("unknown value: status %d, %v; want 422 naming items.0.value", status, body)
		}
		body = mustDo(t, staff, "GET", "/api/v1/behaviors", nil, 200)
		if items := body["items"].([]any); len(items) != 7 || items[0].(map[string]any)["code"] != "berorientasi_pelayanan" {
			t.Errorf("behaviors = %v; want the 7 BerAKHLAK values", items)
		}
	})
}

func TestSKPWorkflow(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSKPFixture(t, db)
		camat, kasi, staff, staff2 := f.as("camat"), f.as("kasi.pem"), f.as("staf.pem"), f.as("staf.pem2")
		admin := f.as("admin.asemrowo")
		camatSKP := f.mustSKP(t, camat)
		camatRHK := mustResult(t, camat, camatSKP, rhk("utama", "Meningkatnya kualitas pelayanan publik", 0, "12"))
		kasiSKP := f.mustSKP(t, kasi)
		kasiRHK := mustResult(t, kasi, kasiSKP, rhk("utama", "Tertibnya administrasi pemerintahan", camatRHK, "12"))
		staffSKP := f.mustSKP(t, staff)
		mustResult(t, staff, staffSKP, rhk("utama", "Tersusunnya laporan kependudukan", kasiRHK, "12"))
		sp := pathOf("/api/v1/skp", staffSKP)

		// Nothing to approve before submitting; an SKP without RHK cannot be submitted.
		if status, body := kasi.do("POST", sp+"/approve", nil); status != 409 {
			t.Errorf("approve a draft: status %d, %v; want 409", status, body)
		}
		staff2SKP := f.mustSKP(t, staff2)
		if status, body := staff2.do("POST", pathOf("/api/v1/skp", staff2SKP)+"/submit", nil); status != 422 || field(body, "results") == "" {
			t.Errorf("submit without RHK: status %d, %v; want 422 naming results", status, body)
		}

		kasi.do("POST", "/api/v1/notifications/read", map[string]any{})
		body := mustDo(t, staff, "POST", sp+"/submit", nil, 200)
		if body["status"] != "submitted" || body["submitted_at"] == nil || len(body["results"].([]any)) != 1 {
			t.Errorf("submitted SKP = %v", body)
		}
		if kinds, n := notificationKinds(t, kasi); !slices.Contains(kinds, "skp_submitted") || n < 1 {
			t.Errorf("appraiser notifications after submit = %v (unread %d); want skp_submitted", kinds, n)
		}

		// Only the pejabat penilai approves: not the employee, not another team's Kasi, not
		// the Camat above the appraiser.
		for _, who := range []string{"staf.pem", "kasi.eko", "camat"} {
			if status, body := f.as(who).do("POST", sp+"/approve", nil); status != 403 || errorCode(t, body) != "forbidden" {
				t.Errorf("%s approves the staff SKP: status %d, %v; want 403", who, status, body)
			}
		}
		mustDo(t, kasi, "POST", pathOf("/api/v1/skp", kasiSKP)+"/submit", nil, 200)
		if status, body := kasi.do("POST", pathOf("/api/v1/skp", kasiSKP)+"/approve", nil); status != 403 {
			t.Errorf("Kasi approves own SKP: status %d, %v; want 403", status, body)
		}

		staff.do("POST", "/api/v1/notifications/read", nil)
		body = mustDo(t, kasi, "POST", sp+"/approve", nil, 200)
		if body["status"] != "approved" || body["approved_at"] == nil || body["id"] != float64(staffSKP) {
			t.Errorf("approved SKP = %v", body)
		}
		if kinds, _ := notificationKinds(t, staff); !slices.Contains(kinds, "skp_approved") {
			t.Errorf("employee notifications after approve = %v; want skp_approved", kinds)
		}

		// An approved SKP is read-only.
		for _, call := range []struct {
			method, path string
			body         any
		}{
			{"PATCH", sp, map[string]any{"resources": "Komputer"}},
			{"POST", sp + "/results", rhk("tambahan", "Tugas tambahan", 0, "1")},
			{"POST", sp + "/submit", nil},
		} {
			if status, body := staff.do(call.method, call.path, call.body); status != 409 || errorCode(t, body) != "conflict" {
				t.Errorf("%s %s on an approved SKP: status %d, %v; want 409", call.method, call.path, status, body)
			}
		}

		// The PDF of the approved SKP.
		resp, pdf := staff.raw("GET", sp+"/pdf")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(pdf, []byte("%PDF")) {
			t.Errorf("pdf: status %d, type %q, starts %q", resp.StatusCode, resp.Header.Get("Content-Type"), pdf[:min(len(pdf), 8)])
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, "-2026.pdf") || !strings.Contains(cd, "skp-1") {
			t.Errorf("pdf Content-Disposition = %q; want attachment skp-<NIP>-2026.pdf", cd)
		}
		text := pdfText(t, pdf)
		nip := mustDo(t, staff, "GET", sp, nil, 200)["employee"].(map[string]any)["nip"].(string)
		for _, want := range []string{"Agus Salim", nip, "Tersusunnya laporan kependudukan", "Siti Rahmawati, S.Sos.", "Kecamatan Asemrowo"} {
			if !strings.Contains(strings.ToLower(text), strings.ToLower(squeeze(want))) {
				t.Errorf("pdf text lacks %q", want)
			}
		}
		if resp, _ := f.as("kasi.eko").raw("GET", sp+"/pdf"); resp.StatusCode != 403 {
			t.Errorf("another team's pdf: status %d; want 403", resp.StatusCode)
		}

		// A revision opens version 2 as a draft; version 1 stays readable.
		body = mustDo(t, staff, "POST", sp+"/revise", nil, 201)
		v2 := bodyID(body)
		if v2 == staffSKP || body["version"] != float64(2) || body["status"] != "draft" || body["previous_id"] != float64(staffSKP) || len(body["results"].([]any)) != 1 {
			t.Errorf("revision = %v; want version 2, draft, previous_id %d, the RHK copied", body, staffSKP)
		}
		body = mustDo(t, staff, "GET", sp+"/versions", nil, 200)
		if got := ids(t, body); !slices.Equal(got, []int64{v2, staffSKP}) {
			t.Errorf("versions = %v; want %v", got, []int64{v2, staffSKP})
		}
		if body = mustDo(t, staff, "GET", sp, nil, 200); body["status"] != "approved" || body["current"] != false {
			t.Errorf("version 1 after revision: status %v, current %v; want approved, not current", body["status"], body["current"])
		}

		// Return with a note, fix, resubmit.
		p2 := pathOf("/api/v1/skp", staff2SKP)
		r2 := mustResult(t, staff2, staff2SKP, rhk("utama", "Terkelolanya data kependudukan", kasiRHK, "5"))
		mustDo(t, staff2, "POST", p2+"/submit", nil, 200)
		for _, b := range []any{map[string]any{}, map[string]any{"note": "   "}} {
			if status, body := kasi.do("POST", p2+"/return", b); status != 422 || field(body, "note") == "" {
				t.Errorf("return with %v: status %d, %v; want 422 naming note", b, status, body)
			}
		}
		if status, body := camat.do("POST", p2+"/return", map[string]any{"note": "Perbaiki"}); status != 403 {
			t.Errorf("Camat returns the staff SKP: status %d, %v; want 403", status, body)
		}
		body = mustDo(t, kasi, "POST", p2+"/return", map[string]any{"note": "Target kuantitas terlalu rendah; naikkan menjadi 12."}, 200)
		if body["status"] != "returned" || body["return_note"] != "Target kuantitas terlalu rendah; naikkan menjadi 12." {
			t.Errorf("returned SKP = %v", body)
		}
		if kinds, _ := notificationKinds(t, staff2); !slices.Contains(kinds, "skp_returned") {
			t.Errorf("employee notifications after return = %v; want skp_returned", kinds)
		}
		body = mustDo(t, staff2, "PATCH", pathOf(p2+"/results", r2), map[string]any{"indicators": kuantitatif("12")}, 200)
		if inds := body["indicators"].([]any); inds[0].(map[string]any)["target"] != "12" {
			t.Errorf("fixed RHK indicators = %v", inds)
		}
		if body = mustDo(t, staff2, "POST", p2+"/submit", nil, 200); body["status"] != "submitted" {
			t.Errorf("resubmitted SKP status = %v; want submitted", body["status"])
		}
		if body = mustDo(t, kasi, "POST", p2+"/approve", nil, 200); body["status"] != "approved" {
			t.Errorf("approved after resubmit: status = %v", body["status"])
		}

		// The Camat has no appraiser in the organisation: the admin approves.
		mustDo(t, camat, "POST", pathOf("/api/v1/skp", camatSKP)+"/submit", nil, 200)
		if kinds, _ := notificationKinds(t, admin); !slices.Contains(kinds, "skp_submitted") {
			t.Errorf("admin notifications after the Camat submits = %v; want skp_submitted", kinds)
		}
		mustDo(t, admin, "POST", pathOf("/api/v1/skp", camatSKP)+"/approve", nil, 200)

		// Unknown SKP.
		if status, body := staff.do("POST", "/api/v1/skp/999999/submit", nil); status != 404 || errorCode(t, body) != "not_found" {
			t.Errorf("submit unknown SKP: status %d, %v; want 404", status, body)
		}
	})
}

func TestSKPCreateOptions(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSKPFixture(t, db)
		admin, camat, staff := f.as("admin.asemrowo"), f.as("camat"), f.as("staf.pem")
		camatSKP := f.mustSKP(t, camat)
		camatRHK := mustResult(t, camat, camatSKP, rhk("utama", "Meningkatnya kualitas pelayanan publik", 0, "12"))
		mustDo(t, camat, "PATCH", pathOf("/api/v1/skp", camatSKP), map[string]any{"accountability": "Laporan bulanan kepada Wali Kota"}, 200)

		tests := []struct {
			name       string
			c          *client
			body       any
			wantStatus int
			wantField  string
		}{
			{"no period", staff, map[string]any{}, 422, "period_id"},
			{"unknown approach", staff, map[string]any{"period_id": f.period, "approach": "campuran"}, 422, "approach"},
			{"unknown employee", admin, map[string]any{"period_id": f.period, "employee_id": 999999}, 422, "employee_id"},
			{"someone else's", staff, map[string]any{"period_id": f.period, "employee_id": f.emp["staf.pem2"]}, 403, ""},
			{"copy from nothing", camat, map[string]any{"period_id": f.period, "copy_from": 999999}, 422, "copy_from"},
			{"copy with another approach", camat, map[string]any{"period_id": f.period, "copy_from": camatSKP, "approach": "kualitatif"}, 422, "copy_from"},
			{"account without employee", admin, map[string]any{"period_id": f.period}, 422, "employee_id"},
		}
		for _, tt := range tests {
			status, body := tt.c.do("POST", "/api/v1/skp", tt.body)
			if status != tt.wantStatus || (tt.wantField != "" && field(body, tt.wantField) == "") {
				t.Errorf("%s: status %d, %v; want %d naming %q", tt.name, status, body, tt.wantStatus, tt.wantField)
			}
		}

		// An admin starts an SKP on an employee's behalf, kualitatif.
		status, body := admin.do("POST", "/api/v1/skp", map[string]any{"period_id": f.period, "employee_id": f.emp["staf.pem2"], "approach": "kualitatif"})
		if status != 201 || body["employee_id"] != float64(f.emp["staf.pem2"]) || body["approach"] != "kualitatif" || body["form"] != "jajf" {
			t.Errorf("admin creates a kualitatif SKP: status %d, %v", status, body)
		}
		qp := pathOf("/api/v1/skp", bodyID(body)) + "/results"
		narrative := func(aspect string) map[string]any {
			return map[string]any{"kind": "tambahan", "text": "Menjadi panitia hari jadi kota",
				"indicators": []map[string]any{{"aspect": aspect, "text": "Kegiatan terselenggara", "target": "Seluruh rangkaian acara terlaksana sesuai jadwal"}}}
		}
		if status, body = admin.do("POST", qp, narrative("")); status != 201 || body["indicators"].([]any)[0].(map[string]any)["unit"] != "" {
			t.Errorf("kualitatif RHK: status %d, %v; want 201", status, body)
		}
		if status, body = admin.do("POST", qp, narrative("kuantitas")); status != 422 || field(body, "indicators.0.aspect") == "" {
			t.Errorf("kualitatif RHK with an aspect: status %d, %v; want 422 naming indicators.0.aspect", status, body)
		}

		// Next year's SKP copied from this year's: RHK, indicators and lampiran.
		body = mustDo(t, admin, "POST", "/api/v1/periods", map[string]any{"year": 2027}, 201)
		status, body = camat.do("POST", "/api/v1/skp", map[string]any{"period_id": bodyID(body), "copy_from": camatSKP})
		if status != 201 {
			t.Fatalf("copy: status %d, %v", status, body)
		}
		res := body["results"].([]any)
		if len(res) != 1 || res[0].(map[string]any)["text"] != "Meningkatnya kualitas pelayanan publik" || res[0].(map[string]any)["id"] == float64(camatRHK) ||
			len(res[0].(map[string]any)["indicators"].([]any)) != 3 || body["accountability"] != "Laporan bulanan kepada Wali Kota" || body["year"] != float64(2027) {
			t.Errorf("copied SKP = %v", body)
		}
	})
}
