package api_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// formField is a form field of a multipart upload; a field named "file" is sent as a file.
type formField struct{ name, value string }

// upload posts a multipart form to path with the fields in order and decodes the JSON answer;
// a field named "file" is sent as a file named filename.
func (c *client) upload(path, filename string, fields ...formField) (int, map[string]any) {
	c.t.Helper()
	parts := make([]sqldbtest.FormPart, len(fields))
	for i, f := range fields {
		parts[i] = sqldbtest.FormPart{Name: f.name, Value: f.value}
		if f.name == "file" {
			parts[i].Filename = filename
		}
	}
	body, contentType := sqldbtest.MultipartForm(c.t, parts...)
	req, err := http.NewRequest("POST", c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	resp, raw := c.send(req)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		c.t.Fatalf("POST %s: body is not JSON: %q", path, raw)
	}
	return resp.StatusCode, out
}

// testPNG returns a small PNG photo.
func testPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 12))
	for x := range 16 {
		img.Set(x, x%12, color.RGBA{R: 200, G: uint8(x * 10), B: 40, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testPDF returns a minimal PDF.
const testPDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

// executable returns the start of a Windows executable.
func executable() string {
	return "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + strings.Repeat("\x00", 48) + "This program cannot be run in DOS mode.\r\n"
}

func id(n int64) string { return fmt.Sprint(n) }

func TestEvidenceAPI(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newActivityFixture(t, db)
		staff, kasi, kasiEko, camat := f.as("staf.pem"), f.as("kasi.pem"), f.as("kasi.eko"), f.as("camat")
		act := f.mustActivity(t, staff, "staf.pem", "2026-03-10", 2)
		photo := testPNG(t)

		// A photo for an activity, stored by content, downloads byte for byte.
		status, body := staff.upload("/api/v1/evidence", "foto kegiatan.png", formField{"activity_id", id(act)}, formField{"file", string(photo)})
		if status != 201 {
			t.Fatalf("upload PNG: status %d, %v", status, body)
		}
		sum := sha256.Sum256(photo)
		if !hasKeys(body, []string{"id", "sha256", "size", "content_type"}) || body["sha256"] != hex.EncodeToString(sum[:]) ||
			body["size"] != float64(len(photo)) || body["content_type"] != "image/png" || body["activity_id"] != float64(act) ||
			body["result_id"] != nil || body["filename"] != "foto kegiatan.png" {
			t.Errorf("uploaded evidence = %v", body)
		}
		ev := bodyID(body)
		ep := pathOf("/api/v1/evidence", ev)
		for _, c := range []*client{staff, kasi, camat} {
			resp, got := c.raw("GET", ep)
			if resp.StatusCode != 200 || !bytes.Equal(got, photo) {
				t.Fatalf("download: status %d, %d bytes; want 200 and the %d bytes uploaded", resp.StatusCode, len(got), len(photo))
			}
			for h, want := range map[string]string{
				"Content-Type":            "image/png",
				"Content-Disposition":     `attachment; filename="foto kegiatan.png"`, // as the pages name it
				"X-Content-Type-Options":  "nosniff",
				"Content-Security-Policy": "sandbox; default-src 'none'",
			} {
				if got := resp.Header.Get(h); got != want {
					t.Errorf("download header %s = %q; want %q", h, got, want)
				}
			}
		}
		body = mustDo(t, kasi, "GET", pathOf("/api/v1/activities", act), nil, 200)
		if evs := body["evidence"].([]any); len(evs) != 1 || evs[0].(map[string]any)["id"] != float64(ev) {
			t.Errorf("activity evidence = %v; want the photo", evs)
		}

		// Another team's evidence by URL: refused; another organisation's: not found.
		if resp, _ := kasiEko.raw("GET", ep); resp.StatusCode != 403 {
			t.Errorf("another team downloads: status %d; want 403", resp.StatusCode)
		}
		if resp, _ := f.otherOrgAdmin(t).raw("GET", ep); resp.StatusCode != 404 {
			t.Errorf("another organisation downloads: status %d; want 404", resp.StatusCode)
		}
		if resp, _ := staff.raw("GET", "/api/v1/evidence/999999"); resp.StatusCode != 404 {
			t.Errorf("unknown evidence: status %d; want 404", resp.StatusCode)
		}

		// Content decides, not the name: an executable renamed .pdf is refused.
		status, body = staff.upload("/api/v1/evidence", "laporan.pdf", formField{"activity_id", id(act)}, formField{"file", executable()})
		if status != 422 || errorCode(t, body) != "invalid" || field(body, "file") == "" {
			t.Errorf("executable renamed .pdf: status %d, %v; want 422 naming file", status, body)
		}
		// A real PDF for an RHK, with the file before the field.
		status, body = staff.upload("/api/v1/evidence", "rekap.bin", formField{"file", testPDF}, formField{"result_id", id(f.rhk["staf.pem"])})
		if status != 201 || body["content_type"] != "application/pdf" || body["result_id"] != float64(f.rhk["staf.pem"]) || body["activity_id"] != nil {
			t.Errorf("PDF for an RHK: status %d, %v", status, body)
		}
		resp, _ := staff.raw("GET", pathOf("/api/v1/evidence", bodyID(body)))
		if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="rekap.pdf"` { // the type its content has
			t.Errorf("PDF Content-Disposition = %q", cd)
		}

		// 11 MB is over the default 10 MB limit, with a message that names it.
		big := string(photo) + strings.Repeat("\x00", 11<<20)
		status, body = staff.upload("/api/v1/evidence", "besar.png", formField{"activity_id", id(act)}, formField{"file", big})
		if status != 413 || errorCode(t, body) != "invalid" || !strings.Contains(body["error"].(map[string]any)["message"].(string), "10 MB") {
			t.Errorf("11 MB file: status %d, %v; want 413 naming 10 MB", status, body)
		}
		status, body = staff.upload("/api/v1/evidence", "besar.png", formField{"file", big}, formField{"activity_id", id(act)})
		if status != 413 || !strings.Contains(field(body, "file"), "10 MB") {
			t.Errorf("11 MB file before the field: status %d, %v; want 413 naming 10 MB", status, body)
		}

		// Who may attach, and to what.
		tests := []struct {
			name   string
			c      *client
			fields []formField
			status int
			field  string
		}{
			{"another team", kasiEko, []formField{{"activity_id", id(act)}, {"file", string(photo)}}, 403, ""},
			{"the supervisor", kasi, []formField{{"activity_id", id(act)}, {"file", string(photo)}}, 403, ""},
			{"no target", staff, []formField{{"file", string(photo)}}, 422, "activity_id"},
			{"both targets", staff, []formField{{"activity_id", id(act)}, {"result_id", id(f.rhk["staf.pem"])}, {"file", string(photo)}}, 422, "activity_id"},
			{"bad id", staff, []formField{{"activity_id", "satu"}, {"file", string(photo)}}, 422, "activity_id"},
			{"unknown activity", staff, []formField{{"activity_id", "999999"}, {"file", string(photo)}}, 422, "activity_id"},
			{"no file", staff, []formField{{"activity_id", id(act)}}, 422, "file"},
			{"empty file", staff, []formField{{"activity_id", id(act)}, {"file", ""}}, 422, "file"},
			{"two files", staff, []formField{{"activity_id", id(act)}, {"file", string(photo)}, {"file", string(photo)}}, 422, "file"},
		}
		for _, tt := range tests {
			status, body := tt.c.upload("/api/v1/evidence", "foto.png", tt.fields...)
			if status != tt.status || (tt.field != "" && field(body, tt.field) == "") {
				t.Errorf("%s: status %d, %v; want %d naming %q", tt.name, status, body, tt.status, tt.field)
			}
		}
		if status, body := staff.do("POST", "/api/v1/evidence", map[string]any{"activity_id": act}); status != 400 || errorCode(t, body) != "invalid" {
			t.Errorf("JSON instead of a form: status %d, %v; want 400", status, body)
		}

		// An approved activity takes no more evidence.
		mustDo(t, kasi, "POST", pathOf("/api/v1/activities", act)+"/approve", nil, 200)
		if status, body := staff.upload("/api/v1/evidence", "foto.png", formField{"activity_id", id(act)}, formField{"file", string(photo)}); status != 409 {
			t.Errorf("evidence for an approved activity: status %d, %v; want 409", status, body)
		}

		// The organisation's own limit applies.
		admin := f.as("admin.asemrowo")
		mustDo(t, admin, "PUT", "/api/v1/settings", map[string]any{"evidence_max_bytes": 1 << 20}, 200)
		act2 := f.mustActivity(t, staff, "staf.pem", "2026-03-11", 1)
		status, body = staff.upload("/api/v1/evidence", "foto.png", formField{"activity_id", id(act2)}, formField{"file", string(photo) + strings.Repeat("\x00", 2<<20)})
		if status != 413 || !strings.Contains(field(body, "file"), "1 MB") {
			t.Errorf("2 MB file over a 1 MB limit: status %d, %v; want 413 naming 1 MB", status, body)
		}
	})
}

// otherOrgAdmin returns a client logged in as the admin of a second organisation.
func (f *activityFixture) otherOrgAdmin(t *testing.T) *client {
	t.Helper()
	sqldbtest.Build(t, f.DB, sqldbtest.OrgSpec{Name: "Kecamatan Lain", Admin: "admin.lain"})
	return f.as("admin.lain")
}
