package e2e

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestActivityRejectFixApprove: on a phone, a staff member of the demo organisation logs a
// day's work with a photo as evidence, and a second activity; their Kasi rejects the first
// with a reason; the staff member reads the reason and fixes it; the Kasi approves both at
// once from the verification queue.
//
// The demo leaves staf.pemerintahan a draft revision of their SKP (their Kasi hands out RHK in
// the SKP journey); the journey makes sure it holds an RHK, creating one through the UI if not.
func TestActivityRejectFixApprove(t *testing.T) {
	// Uploaded evidence goes to a temporary directory, not the working directory's default.
	t.Setenv("KINERJA_DATA_DIR", t.TempDir())
	srv := startServer(t, "demo")
	j := &journey{t: t, ctx: newBrowser(t), base: srv.URL}
	photo := writePhoto(t)
	const reason = "Foto berkas tidak terbaca; unggah foto yang jelas dan sebutkan jumlah berkasnya."

	// The staff member needs an RHK to log work against.
	j.login("staf.pemerintahan")
	j.open("/skp")
	if j.exists("#no-period") {
		t.Fatal("the demo has no performance year open for this year")
	}
	j.ensureSKPWithResult("staf.pemerintahan")

	// Log the first activity with a photo, in one submit, from the phone form.
	j.open("/activities")
	if got := j.eval(`document.querySelector('#activity-form input[type="file"]').getAttribute('accept')`); got != "image/*,application/pdf" {
		t.Errorf("the evidence field accepts %q; want the camera (image/*) and PDF", got)
	}
	first := j.logActivity("Memverifikasi berkas KTP-el warga RW 03", "4", photo)
	if !j.exists(fmt.Sprintf(`#activity-%s a[href^="/evidence/"]`, first)) {
		t.Fatalf("activity %s shows no evidence link after logging it with a photo\n%s", first, j.page())
	}
	if st := j.text("#activity-status-" + first); st != "Menunggu" {
		t.Errorf("a new activity is %q; want Menunggu", st)
	}
	// The photo comes back, with the staff member's session, as the PNG it was.
	href := j.eval(fmt.Sprintf(`document.querySelector('#activity-%s a[href^="/evidence/"]').href`, first))
	ct, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](
		fmt.Sprintf(`fetch(%q).then(r => r.ok ? r.headers.get('content-type') + ' ' + r.headers.get('content-disposition') : 'status ' + r.status)`, href),
		chromedp.EvalAwaitPromise))
	j.must("download the photo", err)
	if !strings.HasPrefix(ct, "image/png attachment") {
		t.Errorf("GET %s: %q; want an image/png attachment", href, ct)
	}
	second := j.logActivity("Melayani surat keterangan domisili", "2", "")
	j.logout()

	// The Kasi finds both in the queue and rejects the first with a reason.
	j.login("kasi.pemerintahan")
	if n := j.text("#verify-count"); n == "0" {
		t.Errorf("the Kasi's menu shows %s activities to verify; want the staff's two", n)
	}
	j.click("open the verification queue", "#nav-verify", "#verify-table")
	for _, id := range []string{first, second} {
		if !j.exists("#select-" + id) {
			t.Fatalf("the queue lacks activity %s\n%s", id, j.page())
		}
	}
	j.step("reject with a reason",
		chromedp.SetValue(css(fmt.Sprintf(`#reject-form-%s textarea[name="reason"]`, first)), reason),
		chromedp.Click(css("#reject-button-"+first)),
		chromedp.WaitVisible(css("#flash")),
	)
	if j.exists("#select-" + first) {
		t.Errorf("the rejected activity %s is still in the queue", first)
	}
	j.logout()

	// The staff member reads the reason and fixes the activity.
	j.login("staf.pemerintahan")
	j.open("/activities")
	if st := j.text("#activity-status-" + first); st != "Ditolak" {
		t.Fatalf("after the rejection the activity is %q; want Ditolak", st)
	}
	if got := j.text("#activity-reason-" + first); !strings.Contains(got, reason) {
		t.Errorf("the staff sees the reason %q; want %q", got, reason)
	}
	j.click("open the rejected activity", "#edit-activity-"+first, "#activity-edit-form")
	j.step("fix the activity",
		chromedp.SetValue(css(`#activity-edit-form textarea[name="description"]`), "Memverifikasi 4 berkas KTP-el warga RW 03 (foto ulang)"),
		chromedp.SetUploadFiles(css(`#activity-edit-form input[type="file"]`), []string{photo}),
		chromedp.Click(css("#save-activity-button")),
		chromedp.WaitVisible(css("#flash")),
	)
	if st := j.text("#activity-status-" + first); st != "Menunggu" {
		t.Errorf("after the fix the activity is %q; want Menunggu again", st)
	}
	j.logout()

	// The Kasi approves both at once.
	j.login("kasi.pemerintahan")
	j.open("/activities/verify")
	// The photo shows as a thumbnail made on the server, which opens in place.
	thumb := j.eval(fmt.Sprintf(`(document.querySelector('#queue-%s img.thumb') || {src: ''}).src`, first))
	if thumb == "" {
		t.Fatalf("activity %s shows no thumbnail of its photo in the queue\n%s", first, j.page())
	}
	ct, err = chromedp.Run(j.ctx, chromedp.Evaluate[string](
		fmt.Sprintf(`fetch(%q).then(r => r.ok ? r.headers.get('content-type') : 'status ' + r.status)`, thumb), chromedp.EvalAwaitPromise))
	j.must("fetch the thumbnail", err)
	if ct != "image/jpeg" {
		t.Errorf("GET %s: %q; want image/jpeg", thumb, ct)
	}
	j.step("approve both",
		chromedp.Click(css("#select-"+first)),
		chromedp.Click(css("#select-"+second)),
		chromedp.Click(css("#approve-selected-button")),
		chromedp.WaitVisible(css("#flash")),
	)
	for _, id := range []string{first, second} {
		if j.exists("#select-" + id) {
			t.Errorf("activity %s is still in the queue after approving it", id)
		}
	}
	// On a phone the rest of the demo queue is a long page; the approve buttons stay in view.
	if j.exists("#approve-selected-button") {
		j.step("phone width", chromedp.EmulateViewport(390, 760))
		j.open("/activities/verify")
		got := j.eval(`(() => { const b = document.querySelector('#approve-selected-button').getBoundingClientRect();
			return document.documentElement.scrollHeight + ' ' + (b.top >= 0 && b.bottom <= innerHeight) })()`)
		height, inView, _ := strings.Cut(got, " ")
		t.Logf("the queue on a phone: %s px high", height)
		if inView != "true" {
			t.Errorf("on a phone (page %s px high) the approve button is out of view", height)
		}
		j.step("desktop width", chromedp.EmulateViewport(1280, 900))
	}
	j.logout()

	j.login("staf.pemerintahan")
	j.open("/activities")
	for _, id := range []string{first, second} {
		if st := j.text("#activity-status-" + id); st != "Disetujui" {
			t.Errorf("activity %s is %q; want Disetujui", id, st)
		}
		if j.exists("#edit-activity-" + id) {
			t.Errorf("approved activity %s can still be edited", id)
		}
	}
}

// logActivity fills the quick log form on /activities with today's date and the first RHK,
// attaches photo when given, submits it and returns the id of the new activity.
func (j *journey) logActivity(description, output, photo string) string {
	j.t.Helper()
	j.open("/activities")
	rhk := j.eval(`(document.querySelector('#activity-form select[name="result_id"] option:not([value=""])') || {value: ''}).value`)
	if rhk == "" {
		j.t.Fatalf("the activity form offers no RHK\n%s", j.page())
	}
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.SetValue(css(`#activity-form select[name="result_id"]`), rhk),
		chromedp.SetValue(css(`#activity-form textarea[name="description"]`), description),
		chromedp.SetValue(css(`#activity-form input[name="output"]`), output),
		chromedp.SetValue(css(`#activity-form input[name="minutes"]`), "45"),
	}
	if photo != "" {
		steps = append(steps, chromedp.SetUploadFiles(css(`#activity-form input[type="file"]`), []string{photo}))
	}
	steps = append(steps, chromedp.Click(css("#log-activity-button")), chromedp.WaitVisible(css("#flash, #error-summary")))
	j.step("log "+description, steps...)
	if j.exists("#error-summary") {
		j.t.Fatalf("logging %q was refused: %s\n%s", description, j.text("#error-summary"), j.page())
	}
	id := j.eval(`document.querySelector('#activity-list li.activity').id.replace('activity-', '')`)
	if got := j.text("#activity-" + id); !strings.Contains(got, description) {
		j.t.Fatalf("the newest activity reads %q; want %q", got, description)
	}
	return id
}

// writePhoto writes a small PNG, as a phone camera would give, and returns its path.
func writePhoto(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 32, 24))
	for x := range 32 {
		for y := range 24 {
			img.Set(x, y, color.RGBA{uint8(8 * x), uint8(10 * y), 160, 255})
		}
	}
	path := filepath.Join(t.TempDir(), "IMG_20260105_091500.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return path
}
