package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"kinerja/internal/api"
	"kinerja/internal/blob"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// fuzzNow is the clock of the API fuzz targets: Wednesday 8 July 2026, 10:00 WIB, when the
// first half of the year has ended and can be assessed.
var fuzzNow = time.Date(2026, 7, 8, 3, 0, 0, 0, time.UTC)

// fuzzServer is the real API handler on a real SQLite database, built once per fuzz target
// and shared by its iterations, so that one iteration is one request. Its organisation is
// sqldbtest.Org with a monthly 2026 period and approved SKP down the chain Camat → Kasi A →
// Staf A, a draft SKP of Staf B, and three assessments of Staf A by Kasi A: 2026-01 rated,
// 2026-02 rated, 2026-03 final.
type fuzzServer struct {
	h     http.Handler
	o     *sqldbtest.Org
	token map[string]string // by login: admin, camat, kasia, stafa, kasib, stafb
	id    map[string]int64  // objects of the fixture by name
}

func newFuzzServer(tb testing.TB) *fuzzServer {
	tb.Helper()
	db := sqldbtest.MustOpenDB(tb, sqldb.SQLite)
	db.Now = func() time.Time { return fuzzNow }
	o := sqldbtest.MustCreateOrg(tb, db, "Kecamatan Uji Acak")
	s := &fuzzServer{
		h:     api.New(api.Config{DB: db, Blobs: &blob.Store{Dir: tb.TempDir()}, TokenTTL: time.Hour}),
		o:     o,
		token: map[string]string{},
		id: map[string]int64{"org": o.ID, "seksi.a": o.SeksiA.ID, "seksi.b": o.SeksiB.ID, "camat": o.Camat.ID,
			"kasia": o.KasiA.ID, "stafa": o.StafA.ID, "kasib": o.KasiB.ID, "stafb": o.StafB.ID},
	}
	login := func(who, username string) {
		token, _, err := db.Login(context.Background(), kinerja.Credentials{Username: username, Password: sqldbtest.Password}, kinerja.SessionAPI, time.Hour)
		if err != nil {
			tb.Fatalf("login %s: %v", username, err)
		}
		s.token[who] = token
	}
	login("admin", fmt.Sprintf("kepegawaian-%d", o.ID))
	// sqldbtest.Org gives every employee a login but Staf B.
	s.must(tb, "admin", "POST", "/api/v1/users", map[string]any{"username": fmt.Sprintf("u%d-%d", o.ID, o.StafB.ID),
		"password": sqldbtest.Password, "roles": []string{"pegawai"}, "employee_id": o.StafB.ID}, 201)
	for _, who := range []string{"camat", "kasia", "stafa", "kasib", "stafb"} {
		login(who, fmt.Sprintf("u%d-%d", o.ID, s.id[who]))
	}
	s.id["period"] = s.must(tb, "admin", "POST", "/api/v1/periods", map[string]any{"year": 2026, "cadence": "monthly"}, 201)
	approved := func(who, appraiser, parent string) {
		skp := s.must(tb, who, "POST", "/api/v1/skp", map[string]any{"period_id": s.id["period"]}, 201)
		s.id["skp."+who] = skp
		s.id["rhk."+who] = s.must(tb, who, "POST", pathOf("/api/v1/skp", skp)+"/results", rhk("utama", "Hasil kerja "+who, s.id["rhk."+parent], "12"), 201)
		s.must(tb, who, "POST", pathOf("/api/v1/skp", skp)+"/submit", nil, 200)
		s.must(tb, appraiser, "POST", pathOf("/api/v1/skp", skp)+"/approve", nil, 200)
	}
	approved("camat", "admin", "")
	approved("kasia", "camat", "camat")
	approved("stafa", "kasia", "kasia")
	s.id["skp.stafb"] = s.must(tb, "stafb", "POST", "/api/v1/skp", map[string]any{"period_id": s.id["period"]}, 201)
	for _, month := range []string{"01", "02", "03"} {
		x := s.must(tb, "kasia", "POST", "/api/v1/assessments", map[string]any{"skp_id": s.id["skp.stafa"], "period": "2026-" + month}, 201)
		s.id["assessment."+month] = x
		s.must(tb, "kasia", "PATCH", pathOf("/api/v1/assessments", x), validRatings(), 200)
	}
	s.must(tb, "kasia", "POST", pathOf("/api/v1/assessments", s.id["assessment.03"])+"/finalize", map[string]any{}, 200)
	return s
}

func validRatings() map[string]any {
	return map[string]any{"result_rating": "sesuai", "behavior_rating": "sesuai", "result_reason": "Sesuai bukti dukung",
		"behavior_reason": "Sesuai pengamatan"}
}

// call sends one request as who ("" for no token) and returns the recorded answer.
func (s *fuzzServer) call(who, method, path, contentType string, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+s.token[who])
	}
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, req)
	return w
}

// must sends a JSON body as who, fails tb unless the answer has status want, and returns the
// id of the answer's object.
func (s *fuzzServer) must(tb testing.TB, who, method, path string, body any, want int) int64 {
	tb.Helper()
	var raw []byte
	if body != nil {
		raw, _ = json.Marshal(body)
	}
	w := s.call(who, method, path, "application/json", raw)
	if w.Code != want {
		tb.Fatalf("%s %s as %s: status %d, %s; want %d", method, path, who, w.Code, w.Body, want)
	}
	var out map[string]any
	json.Unmarshal(w.Body.Bytes(), &out)
	return bodyID(out)
}

// errorStatuses are the statuses each error code of CONTRACT.md may answer with.
var errorStatuses = map[string][]int{
	kinerja.EINVALID:      {http.StatusBadRequest, http.StatusMethodNotAllowed, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity},
	kinerja.EUNAUTHORIZED: {http.StatusUnauthorized},
	kinerja.EFORBIDDEN:    {http.StatusForbidden},
	kinerja.ENOTFOUND:     {http.StatusNotFound},
	kinerja.ECONFLICT:     {http.StatusConflict},
	kinerja.ERATELIMITED:  {http.StatusTooManyRequests},
}

// checkAnswer checks what CONTRACT.md promises of every answer: never a server error, always
// a JSON object; an error in the error shape with a known code that fits the status; a
// creation with the new object's id.
func checkAnswer(t *testing.T, req string, w *httptest.ResponseRecorder, createsID bool) map[string]any {
	t.Helper()
	raw := w.Body.Bytes()
	if w.Code >= 500 {
		t.Fatalf("%s: status %d, %s; want no server error", req, w.Code, raw)
	}
	if w.Code == http.StatusNoContent {
		return nil
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s: status %d with Content-Type %q; want JSON", req, w.Code, ct)
	}
	var body map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&body); err != nil || body == nil || dec.More() {
		t.Fatalf("%s: status %d, body %q is not one JSON object: %v", req, w.Code, raw, err)
	}
	if w.Code >= 400 {
		e, ok := body["error"].(map[string]any)
		if !ok || len(body) != 1 {
			t.Fatalf("%s: status %d, %s; want only an error object", req, w.Code, raw)
		}
		code, _ := e["code"].(string)
		msg, _ := e["message"].(string)
		fields, ok := e["fields"].(map[string]any)
		if !ok || msg == "" || !slices.Contains(errorStatuses[code], w.Code) {
			t.Fatalf("%s: status %d, %s; want a known code fitting the status, a message and fields", req, w.Code, raw)
		}
		for k, v := range fields {
			if s, ok := v.(string); !ok || k == "" || s == "" {
				t.Fatalf("%s: status %d, field %q: %v; want a named field with a message", req, w.Code, k, v)
			}
		}
		return body
	}
	if _, ok := body["error"]; ok {
		t.Fatalf("%s: status %d carries an error: %s", req, w.Code, raw)
	}
	if w.Code == http.StatusCreated && createsID && bodyID(body) <= 0 {
		t.Fatalf("%s: status 201, %s; want the new object's id", req, raw)
	}
	return body
}

// genericBodies are JSON bodies every endpoint must survive.
var genericBodies = []string{``, `{}`, `null`, `[]`, `"teks"`, `12`, `{"`, `{}{}`, `{} x`, `{"id":1,"id":2}`,
	`{"name":null}`, `{"name":{"a":[1,2,{"b":null}]}}`, "{\"text\":\"\xff\xfe\"}", `{"x":1e999}`, `{"x":-0}`}

// fuzzBody fuzzes the JSON body of one endpoint called as who, seeded with the given bodies,
// valid and invalid, and the generic ones.
func fuzzBody(f *testing.F, who, method, path string, createsID bool, seeds ...any) {
	s := newFuzzServer(f)
	path = expandPath(s, path)
	for _, b := range seeds {
		if raw, ok := b.(string); ok {
			f.Add([]byte(expandPath(s, raw)))
			continue
		}
		raw, err := json.Marshal(b)
		if err != nil {
			f.Fatal(err)
		}
		f.Add([]byte(expandPath(s, string(raw))))
	}
	for _, b := range genericBodies {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		w := s.call(who, method, path, "application/json", body)
		t.Logf("%d %.300s", w.Code, w.Body) // with -v, shows which seeds reach the store
		checkAnswer(t, fmt.Sprintf("%s %s as %s with %q", method, path, who, body), w, createsID)
	})
}

// expandPath replaces {name} in s by the id of the fixture's object of that name, so that
// seeds can name them.
func expandPath(s *fuzzServer, text string) string {
	for name, id := range s.id {
		text = strings.ReplaceAll(text, "{"+name+"}", fmt.Sprint(id))
	}
	return text
}
