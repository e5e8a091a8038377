package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAssessmentFinalizeFirst: a Kepala Seksi (kasi.trantib) fills in every rating and reason
// of a staff member's assessment and presses "Finalkan penilaian" without saving first. The
// page asks to confirm and shows the predikat it will give; confirming makes the assessment
// final with what was typed.
func TestAssessmentFinalizeFirst(t *testing.T) {
	srv := startServer(t, "demo")
	j := &journey{t: t, ctx: newBrowser(t), base: srv.URL}
	const (
		resultReason   = "Seluruh patroli ketertiban terlaksana dan laporannya lengkap dengan foto."
		behaviorReason = "Sigap membantu pegawai lain dan ramah melayani."
	)
	j.login("staf.trantib")
	j.open("/feedback") // redirects to the employee's own feedback page
	staf := j.eval(`location.pathname.split('/')[2]`)
	j.logout()

	// The Kasi finds an ended period in which staf.trantib is not assessed yet.
	j.login("kasi.trantib")
	j.open("/assessments/team")
	periods := j.list(`[...document.querySelectorAll('#period option')].map(o => o.value)`)
	var found bool
	for _, p := range periods {
		j.open("/assessments/team?period=" + p)
		if j.exists("#start-assessment-" + staf) {
			found = true
			break
		}
	}
	if !found {
		t.Fatalf("no period offers an assessment of staf.trantib (%s) to start among %q\n%s", staf, periods, j.page())
	}
	j.click("start the assessment", "#start-assessment-"+staf, "#rate-form")
	page := j.eval(`location.pathname`)
	j.open(page)
	j.step("rate without saving",
		chromedp.Click(css("#result-rating-sesuai")),
		chromedp.SetValue(css("#result_reason"), resultReason),
		chromedp.Click(css("#behavior-rating-di_atas")),
		chromedp.SetValue(css("#behavior_reason"), behaviorReason),
	)
	j.click("press Finalkan first", "#finalize-button", "#confirm-predikat")
	if got := j.text("#confirm-predikat"); got != "Baik" {
		t.Fatalf("the confirmation shows predikat %q; want Baik", got)
	}
	if got := j.eval(`document.querySelector('#result_reason').value`); got != resultReason {
		t.Errorf("the form on the confirmation holds %q; want what was typed", got)
	}
	if j.exists("#justification") {
		j.step("justify", chromedp.SetValue(css("#justification"), "Dibahas dalam kalibrasi pimpinan."))
	}
	j.click("confirm", "#confirm-finalize-button", "#flash")
	if got := j.text("#predikat"); got != "Baik" {
		t.Fatalf("after confirming, the predikat is %q; want Baik\n%s", got, j.page())
	}
	if got := j.text("#assessment-state .badge"); got != "Final" {
		t.Errorf("after confirming, the status is %q; want Final", got)
	}
	if got := j.text("#ratings"); !strings.Contains(got, resultReason) || !strings.Contains(got, behaviorReason) {
		t.Errorf("the final ratings read %q; want both typed reasons", got)
	}
}
