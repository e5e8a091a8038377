package api_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"testing"

	"kinerja/internal/document"
)

// The JSON bodies of planning and execution: periods, SKP, RHK and activities; and the
// evidence upload, whose type must follow from the content alone.

func FuzzAPICreatePeriod(f *testing.F) {
	fuzzBody(f, "admin", "POST", "/api/v1/periods", true,
		`{"year":2027}`, `{"year":2027,"cadence":"semester","start":"2027-07-01","end":"2027-12-31"}`,
		`{"year":2026,"cadence":"quarterly"}`, `{"year":1,"cadence":"harian","start":"2027-12-31","end":"2027-01-01"}`,
		`{"year":2028,"start":"0000-01-01","org_id":{org}}`, `{"year":99999999999}`)
}

func FuzzAPICreateSKP(f *testing.F) {
	fuzzBody(f, "kasib", "POST", "/api/v1/skp", true,
		`{"period_id":{period}}`, `{"period_id":{period},"approach":"kualitatif"}`,
		`{"period_id":{period},"copy_from":{skp.kasia}}`, `{"period_id":{period},"employee_id":{stafb}}`,
		`{"period_id":0,"approach":"campuran","copy_from":-1}`, `{"period_id":{period},"employee_id":{camat}}`)
}

func FuzzAPIAddResult(f *testing.F) {
	fuzzBody(f, "stafb", "POST", "/api/v1/skp/{skp.stafb}/results", true,
		rhk("utama", "Tersusunnya laporan kesejahteraan rakyat", 0, "12"),
		rhk("tambahan", "Terselenggaranya sosialisasi", 0, "95,5"),
		`{"kind":"utama","text":"RHK","parent_result_id":{rhk.kasia},"indicators":[{"aspect":"kuantitas","text":"Jumlah","target":"inf","unit":"laporan"}]}`,
		`{"kind":"lain","text":"","indicators":[{"aspect":"biaya","text":"","target":"-1","unit":""},{"aspect":"biaya"}]}`,
		`{"kind":"utama","text":"RHK","indicators":null}`, `{"indicators":[null,{},1]}`)
}

func FuzzAPICreateActivity(f *testing.F) {
	fuzzBody(f, "stafa", "POST", "/api/v1/activities", true,
		`{"date":"2026-07-07","result_id":{rhk.stafa},"description":"Menyusun laporan","output":2,"unit":"laporan","minutes":90}`,
		`{"date":"2026-07-01","result_id":{rhk.stafa},"description":"Rekap data","output":0.5}`,
		`{"date":"2026-07-09","result_id":{rhk.stafa},"description":"Besok"}`,
		`{"date":"2026-07-07","result_id":{rhk.kasia},"description":"RHK atasan","employee_id":{kasia}}`,
		`{"date":"kemarin","result_id":-1,"description":"","output":-1,"minutes":100000}`,
		`{"date":"2026-07-07","result_id":{rhk.stafa},"description":"x","output":1e300}`)
}

// FuzzAPIUploadEvidence uploads any content under any file name for Staf A's RHK: an accepted
// file is stored with the type SniffEvidence tells from its content, whatever its name says.
func FuzzAPIUploadEvidence(f *testing.F) {
	s := newFuzzServer(f)
	rhkID := fmt.Sprint(s.id["rhk.stafa"])
	for _, seed := range []struct{ name, data string }{
		{"laporan.pdf", "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"},
		{"foto.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"},
		{"foto.jpg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"},
		{"laporan.pdf", "\x7fELF\x02\x01\x01\x00"},
		{"skrip.exe", "%PDF-1.4\n"},
		{"", "<html><script>alert(1)</script></html>"},
		{"../../etc/passwd", "%PDF-1.4\n"},
		{"rekap.xlsx", "PK\x03\x04"},
	} {
		f.Add(seed.name, []byte(seed.data))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("result_id", rhkID)
		part, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Skip() // a name the multipart writer cannot carry
		}
		part.Write(data)
		mw.Close()
		w := s.call("stafa", "POST", "/api/v1/evidence", mw.FormDataContentType(), body.Bytes())
		got := checkAnswer(t, fmt.Sprintf("upload %q (%q)", name, data), w, true)
		want, sniffErr := document.SniffEvidence(bytes.NewReader(data), int64(len(data)))
		switch {
		case w.Code == 201 && (sniffErr != nil || got["content_type"] != want):
			t.Fatalf("upload %q (%q) stored as %v; SniffEvidence says %q, %v", name, data, got["content_type"], want, sniffErr)
		case w.Code != 201 && sniffErr == nil && len(data) > 0:
			t.Fatalf("upload %q (%q) refused: %d %s; SniffEvidence accepts it as %q", name, data, w.Code, w.Body, want)
		}
	})
}
