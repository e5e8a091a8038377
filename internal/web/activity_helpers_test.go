package web_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
)

// activityFixture is an skpFixture where Staf A has an RHK (a kuantitas target of 10 berkas)
// intervening Kasi A's, so Staf A can log activities that Kasi A verifies.
type activityFixture struct {
	*skpFixture
	stafRHK *kinerja.Result
}

func (s *testServer) newActivityFixture(t *testing.T, name string) *activityFixture {
	t.Helper()
	f := &activityFixture{skpFixture: s.newSKPFixture(t, name)}
	in := quantInput("Terlayaninya perekaman KTP-el warga", &f.kasiRHK.ID)
	in.Indicators[0] = kinerja.IndicatorInput{Aspect: kinerja.AspectQuantity, Text: "Jumlah berkas KTP-el yang diverifikasi", Target: "10", Unit: "berkas"}
	f.stafRHK = mustAddResult(t, f.StafACtx, s, f.stafSKP.ID, in)
	return f
}

// activityForm is a valid activity form for today.
func (f *activityFixture) activityForm(description, output string) url.Values {
	return url.Values{"date": {kinerja.Today(f.srv.db.Now()).String()}, "result_id": {itoa(f.stafRHK.ID)},
		"description": {description}, "output": {output}, "unit": {"berkas"}, "minutes": {"45"}}
}

// mustLog logs an activity as Staf A in the store and returns it.
func (f *activityFixture) mustLog(t *testing.T, description string, output float64) *kinerja.Activity {
	t.Helper()
	a, err := f.srv.db.CreateActivity(f.StafACtx, kinerja.ActivityInput{Date: kinerja.Today(f.srv.db.Now()), ResultID: f.stafRHK.ID,
		Description: description, Output: output, Unit: "berkas", Minutes: 30})
	if err != nil {
		t.Fatalf("CreateActivity(%s): %v", description, err)
	}
	return a
}

// stafActivities lists Staf A's activities from the store, newest first.
func (f *activityFixture) stafActivities(t *testing.T) []*kinerja.Activity {
	t.Helper()
	list, _, err := f.srv.db.FindActivities(f.StafACtx, kinerja.ActivityFilter{})
	if err != nil {
		t.Fatalf("FindActivities: %v", err)
	}
	return list
}

// pngPhoto is a small PNG image, as a phone camera would give (only much smaller).
func pngPhoto(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for x := range 8 {
		for y := range 8 {
			img.Set(x, y, color.RGBA{uint8(30 * x), uint8(30 * y), 200, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wantFieldError checks that res is 422 with msg next to the field with id.
func (r *response) wantFieldError(t *testing.T, id, msg string) {
	t.Helper()
	r.wantStatus(t, http.StatusUnprocessableEntity)
	want := `<p class="field-error" id="` + id + `-error">` + htmlEscape(msg) + `</p>`
	if !strings.Contains(r.Body, want) {
		t.Errorf("%s %s: body lacks %q next to the field\n%s", r.method, r.path, want, excerpt(r.Body))
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// wantRendered checks that a page rendered fully in lang: no untranslated message ids, no
// fmt mistakes and nothing the CSP would block.
func (r *response) wantRendered(t *testing.T, lang string, ids []string) {
	t.Helper()
	r.wantBody(t, `<html lang="`+lang+`">`, "</main>", "</html>")
	r.wantNoBody(t, "%!", "<script", "<style", " style=", " onclick=", "javascript:")
	for _, id := range ids {
		if strings.Contains(r.Body, ">"+id+"<") || strings.Contains(r.Body, `"`+id+`"`) || strings.Contains(r.Body, " "+id+" ") {
			t.Errorf("GET %s (%s) shows the message id %q untranslated", r.path, lang, id)
		}
	}
}

// messageIDs lists the catalogue's message ids (not the Indonesian sentences of package kinerja).
func messageIDs(t *testing.T) []string {
	t.Helper()
	var ids []string
	for k := range readCatalogue(t, "id") {
		if isMessageID(k) && !strings.HasPrefix(k, "month.") {
			ids = append(ids, k)
		}
	}
	return ids
}

var evidenceLink = regexp.MustCompile(`href="/evidence/(\d+)"`)

// evidenceIDs lists the evidence linked from a page.
func evidenceIDs(body string) []int64 {
	var out []int64
	for _, m := range evidenceLink.FindAllStringSubmatch(body, -1) {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		out = append(out, id)
	}
	return out
}
