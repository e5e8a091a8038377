package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestHomeTodoAnswerAssessment: the Kepala Seksi Ketenteraman dan Ketertiban Umum
// (kasi.trantib) finalises the second-quarter assessment of a staff member (staf.trantib);
// the staff member's home page then asks them to accept or object before the last day of the
// 14-day objection window, and the item opens the assessment.
func TestHomeTodoAnswerAssessment(t *testing.T) {
	srv := startServer(t, "demo")
	j := &journey{t: t, ctx: newBrowser(t), base: srv.URL}

	j.login("staf.trantib")
	j.open("/feedback") // redirects to the employee's own feedback page
	staf := j.eval(`location.pathname.split('/')[2]`)
	j.logout()

	// The Kasi's home page lists the ended quarter the demo left for them to assess; the
	// item opens the team page of that quarter.
	j.login("kasi.trantib")
	j.open("/")
	team := j.eval(`[...document.querySelectorAll('#todo-list [data-kind="assessment_due"] a')]
		.map(a => a.getAttribute('href')).find(h => /-Q[1-4]$/.test(h)) || ''`)
	if team == "" {
		t.Fatalf("the Kasi's home page lists no ended quarter to assess\n%s", j.textIf("#todo"))
	}
	j.open(team)
	if !j.exists("#start-assessment-" + staf) {
		t.Fatalf("the team page offers no assessment of staf.trantib (%s) to start\n%s", staf, j.page())
	}
	j.click("start the assessment", "#start-assessment-"+staf, "#rate-form")
	page := j.eval(`location.pathname`)
	j.open(page)
	j.step("rate",
		chromedp.Click(css("#result-rating-sesuai")),
		chromedp.SetValue(css("#result_reason"), "Patroli ketertiban terlaksana sesuai jadwal."),
		chromedp.Click(css("#behavior-rating-sesuai")),
		chromedp.SetValue(css("#behavior_reason"), "Bekerja sama dengan baik."),
	)
	j.click("save the ratings", "#save-rating-button", "#flash")
	j.click("finalise: the confirmation shows the predikat", "#finalize-button", "#confirm-finalize-button")
	if j.exists("#curve-warning") {
		j.step("justify", chromedp.SetValue(css("#justification"), "Sesuai hasil kalibrasi pimpinan triwulan ini."))
	}
	j.click("confirm", "#confirm-finalize-button", "#flash")
	if got := j.text("#predikat"); got != "Baik" {
		t.Fatalf("after finalising, the predikat is %q; want Baik", got)
	}
	finalised := time.Now()
	j.logout()

	// The staff member's home page asks for an answer by the last day of the window.
	j.login("staf.trantib")
	j.open("/")
	item := `#todo-list [data-kind="assessment_answer"]`
	if !j.exists(item) {
		t.Fatalf("the staff member's home page lists no assessment to answer\n%s", j.textIf("#todo"))
	}
	months := []string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}
	due := finalised.Add(14 * 24 * time.Hour).In(time.FixedZone("WIB", 7*3600))
	want := fmt.Sprintf("Terima atau ajukan keberatan sebelum %d %s %d", due.Day(), months[due.Month()-1], due.Year())
	if got := j.text(item); !strings.Contains(got, want) {
		t.Errorf("the home page item reads %q; want %q", got, want)
	}
	if href := j.eval(`document.querySelector('` + item + ` a').getAttribute('href')`); href != page {
		t.Errorf("the item opens %q; want the assessment %s", href, page)
	}
	j.click("open the assessment", item+" a", "#assessment-state")
}
