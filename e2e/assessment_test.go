package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAssessmentCalibrateObjectDecide: in the demo organisation the Kepala Seksi Ketenteraman
// dan Ketertiban Umum (kasi.trantib) rates a staff member of the section (staf.trantib) for the
// second quarter; the Camat, who set the section's organisation predikat to Sangat Kurang,
// calibrates and sees the curve warning; the staff member objects; the Sekretaris Kecamatan
// (sekcam), to whom the Kasi reports and so the atasan pejabat penilai, decides; the staff
// member downloads the document.
//
// The demo assesses every ended quarter, but in the newest one kasi.trantib has not assessed
// the section yet; the calibration page opens on that quarter, which the journey uses.
func TestAssessmentCalibrateObjectDecide(t *testing.T) {
	srv := startServer(t, "demo")
	j := &journey{t: t, ctx: newBrowser(t), base: srv.URL}
	const (
		justification = "Penertiban reklame liar triwulan ini tuntas sebelum jadwal; dibahas dalam kalibrasi pimpinan."
		objection     = "Rating perilaku belum memperhitungkan umpan balik rekan kerja triwulan ini."
		decision      = "Umpan balik rekan kerja sudah dipertimbangkan; rating tetap."
		section       = "Seksi Ketenteraman dan Ketertiban Umum"
	)

	// The staff member: who they are; the demo approved their SKP in January.
	j.login("staf.trantib")
	j.open("/feedback") // redirects to the employee's own feedback page
	staf := j.eval(`location.pathname.split('/')[2]`)
	j.open("/skp")
	if st := j.textIf("#skp-status"); st != "Disetujui" {
		t.Fatalf("the demo's SKP of staf.trantib is %q; this journey needs it approved", st)
	}
	j.logout()

	// The Camat sets the section's organisation predikat for the newest ended quarter.
	j.login("camat")
	j.open("/calibration")
	quarter := j.eval(`document.querySelector('#period').value`)
	if !strings.Contains(quarter, "-Q") {
		t.Fatalf("the calibration page opens on %q; want the newest quarter that has ended", quarter)
	}
	j.open("/calibration?period=" + quarter)
	seksi := j.eval(fmt.Sprintf(`([...document.querySelectorAll('.unit-calibration')]
		.find(s => s.querySelector('h3').textContent.trim() === %q) || {id: 'unit-'}).id.replace('unit-', '')`, section))
	if seksi == "" {
		t.Fatalf("the calibration page lists no %s\n%s", section, j.page())
	}
	j.step("choose Sangat Kurang", chromedp.SetValue(css("#predikat-"+seksi), "sangat_kurang"))
	j.click("set the organisation predikat", "#set-org-rating-"+seksi, "#flash")
	if got := j.text("#org-predikat-" + seksi); got != "Sangat Kurang" {
		t.Fatalf("the section's organisation predikat reads %q; want Sangat Kurang", got)
	}
	j.logout()

	// The Kasi starts the assessment from the team page, rates and finalises.
	j.login("kasi.trantib")
	j.open("/assessments/team?period=" + quarter)
	if !j.exists("#start-assessment-" + staf) {
		t.Fatalf("the team page offers no assessment of staf.trantib (%s) to start\n%s", staf, j.page())
	}
	j.click("start the assessment", "#start-assessment-"+staf, "#rate-form")
	page := j.eval(`location.pathname`)
	j.open(page) // without the flash of the start, so that the next click waits for its own
	j.step("rate",
		chromedp.Click(css("#result-rating-di_atas")),
		chromedp.SetValue(css("#result_reason"), "Seluruh patroli ketertiban terlaksana dan laporannya lengkap dengan foto."),
		chromedp.Click(css("#behavior-rating-di_atas")),
		chromedp.SetValue(css("#behavior_reason"), "Sigap membantu pegawai lain dan ramah melayani."),
	)
	j.click("save the ratings", "#save-rating-button", "#flash")
	j.click("finalise: the confirmation shows the curve", "#finalize-button", "#curve-warning")
	if w := j.text("#curve-warning"); !strings.Contains(w, "Sangat Baik 1 dari") {
		t.Errorf("the curve warning reads %q; want the Sangat Baik count with the numbers", w)
	}
	j.step("justify", chromedp.SetValue(css("#justification"), justification))
	j.click("finalise with a justification", "#confirm-finalize-button", "#flash")
	if got := j.text("#predikat"); got != "Sangat Baik" {
		t.Fatalf("after finalising, the predikat is %q; want Sangat Baik", got)
	}
	j.logout()

	// The Camat calibrates and sees the curve broken in the section.
	j.login("camat")
	j.open("/calibration?period=" + quarter)
	if !j.exists("#violations-" + seksi) {
		t.Fatalf("the calibration page shows no curve warning for the section\n%s", j.page())
	}
	if w := j.text("#violations-" + seksi); !strings.Contains(w, "tidak boleh ada") {
		t.Errorf("the section's warning reads %q; want the no-Sangat-Baik rule", w)
	}
	if !j.exists(fmt.Sprintf(`#calibration-groups a[href="%s"]`, page)) {
		t.Errorf("the calibration groups do not list the assessment %s", page)
	}
	j.logout()

	// The staff member objects.
	j.login("staf.trantib")
	j.open(page)
	j.step("write the objection", chromedp.SetValue(css("#object-reason"), objection))
	j.click("object", "#object-button", "#flash")
	if st := j.text("#assessment-state .badge"); st != "Keberatan" {
		t.Fatalf("after objecting, the status is %q; want Keberatan", st)
	}
	j.logout()

	// The Sekretaris Kecamatan, atasan pejabat penilai, keeps the ratings.
	j.login("sekcam")
	j.open(page)
	if got := j.text("#objection"); !strings.Contains(got, objection) {
		t.Errorf("the Sekcam reads the objection %q", got)
	}
	j.step("decide",
		chromedp.Click(css("#decision-keep")),
		chromedp.SetValue(css("#decide-reason"), decision),
	)
	j.click("save the decision", "#decide-button", "#flash")
	if got := j.text("#decision"); !strings.Contains(got, decision) {
		t.Errorf("the decision reads %q", got)
	}
	j.logout()

	// The staff member downloads the document.
	j.login("staf.trantib")
	j.open(page)
	href := j.eval(`document.querySelector('#download-pdf').href`)
	ct, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](
		fmt.Sprintf(`fetch(%q).then(r => r.ok ? r.headers.get('content-type') : 'status ' + r.status)`, href), chromedp.EvalAwaitPromise))
	j.must("download the PDF", err)
	if ct != "application/pdf" {
		t.Errorf("GET %s: content type %q; want application/pdf", href, ct)
	}
}
