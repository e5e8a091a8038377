package e2e

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// demoPassword is the password of every demo login.
const demoPassword = "asemrowo-2026"

// TestSKPCascadeReturnApprove: in the demo organisation the Kasi Pemerintahan hands one of
// their RHK to two staff from the Matriks Peran Hasil; a staff member completes and submits
// their SKP; the Kasi returns it with a note; the staff member fixes an RHK and submits again;
// the Kasi approves; the staff member downloads the SKP as a PDF.
//
// It needs the demo's SKP of staf.pemerintahan to be a draft (or missing), and creates what
// the demo lacks on the way: the year, the Camat's and the Kasi's SKP and an RHK in each.
func TestSKPCascadeReturnApprove(t *testing.T) {
	srv := startServer(t, "demo")
	j := &journey{t: t, ctx: newBrowser(t), base: srv.URL}
	const note = "Target kualitas belum terukur; tulis persentase berkas yang selesai tanpa kesalahan."

	// The staff member: who they are, and whether their SKP can still be worked on.
	j.login("staf.pemerintahan")
	staf := j.eval(`document.querySelector('#my-position a[href^="/employees/"]').getAttribute('href').split('/').pop()`)
	j.open("/skp")
	if st := j.textIf("#skp-status"); st == "Diajukan" || st == "Disetujui" {
		t.Fatalf("the demo's SKP of staf.pemerintahan is %q; this journey needs it as a draft or missing", st)
	}
	j.logout()

	// The Camat's SKP heads the cascade; the demo normally has it with RHK.
	j.login("camat")
	j.open("/skp")
	if j.exists("#no-period") {
		j.logout()
		j.login("admin.asemrowo")
		j.open("/skp")
		j.click("open the year", "#open-period-button", "#flash")
		j.logout()
		j.login("camat")
		j.open("/skp")
	}
	j.ensureSKPWithResult("camat")
	j.logout()

	// The Kasi hands one RHK to staf.pemerintahan and one more staff member from the matrix.
	j.login("kasi.pemerintahan")
	j.open("/skp")
	j.ensureSKPWithResult("kasi.pemerintahan")
	j.click("open the matrix", "#matrix-link", "#matrix-table")
	rid := j.eval(`document.querySelector('form[id^="assign-form-"]').id.replace('assign-form-', '')`)
	// Staff whose SKP can still take an RHK: a draft, returned, or none yet.
	open := j.list(`[...document.querySelectorAll('#matrix-table tbody tr')]
		.filter(tr => !tr.querySelector('th .badge-submitted, th .badge-approved'))
		.map(tr => tr.id.replace('matrix-row-', ''))`)
	if !slices.Contains(open, staf) {
		t.Fatalf("staf.pemerintahan (%s) is not an open row of the matrix: %v", staf, open)
	}
	other := ""
	for _, id := range open {
		if id != staf {
			other = id
			break
		}
	}
	if other == "" {
		t.Fatalf("the demo leaves no second staff member of kasi.pemerintahan with a draft SKP: %v", open)
	}
	j.must("tick two staff", chromedp.Do(j.ctx,
		chromedp.Click(css(fmt.Sprintf("#assign-%s-%s", rid, staf))),
		chromedp.Click(css(fmt.Sprintf("#assign-%s-%s", rid, other))),
	))
	j.click("hand the RHK down", "#assign-button-"+rid, "#flash")
	if got := j.text("#flash"); !strings.Contains(got, "2 pegawai") {
		t.Fatalf("after handing the RHK down the page says %q; want it handed to 2 employees", got)
	}
	for _, id := range []string{staf, other} {
		if !j.exists(fmt.Sprintf("#cell-%s-%s a", id, rid)) {
			t.Errorf("the matrix shows no RHK of employee %s under column %s", id, rid)
		}
	}
	j.logout()

	// The staff member completes their SKP and submits it.
	j.login("staf.pemerintahan")
	j.open("/skp")
	skp := j.eval(`document.querySelector('#download-pdf').getAttribute('href').replace('/pdf', '')`)
	handed := j.list(`[...document.querySelectorAll('li.result')]
		.filter(li => li.querySelector('.result-parent:not(.muted)'))
		.map(li => li.id.replace('result-', ''))`)
	if len(handed) == 0 {
		t.Fatal("the staff SKP shows no RHK intervening the Kasi's")
	}
	incomplete := j.list(`[...document.querySelectorAll('li.result')]
		.filter(li => li.querySelector('.hint.warn') || !li.querySelector('table.indicators') || li.querySelector('.result-parent.muted'))
		.map(li => li.id.replace('result-', ''))`)
	for _, r := range incomplete {
		j.open(skp + "/results/" + r + "/edit")
		j.fillResult("")
		j.click("save RHK "+r, "#save-result-button", "#flash")
	}
	j.submit(skp)
	j.logout()

	// The Kasi finds it waiting on the team page and returns it with a note.
	j.login("kasi.pemerintahan")
	if n := j.text("#notification-count"); n == "0" {
		t.Error("the Kasi has no unread notification after the submission")
	}
	j.open("/skp/team")
	if st := j.text("#team-status-" + staf); !strings.Contains(st, "menunggu persetujuan Anda") {
		t.Fatalf("team page: staf.pemerintahan's SKP is %q; want it waiting for the Kasi", st)
	}
	j.click("open the waiting SKP", "#team-skp-"+staf, "#return-skp-form")
	j.must("write the note", chromedp.Do(j.ctx, chromedp.SetValue(css(`#return-skp-form textarea[name="note"]`), note)))
	j.click("return the SKP", "#return-skp-button", "#flash")
	if st := j.text("#skp-status"); st != "Dikembalikan" {
		t.Fatalf("after returning, the status is %q; want Dikembalikan", st)
	}
	j.logout()

	// The staff member reads the note, fixes an RHK and submits again.
	j.login("staf.pemerintahan")
	j.open(skp)
	if got := j.text("#return-note"); got != note {
		t.Errorf("the staff sees the note %q; want %q", got, note)
	}
	j.open(skp + "/results/" + handed[0] + "/edit")
	if j.exists(`input[name="indicators.1.target"]`) {
		j.must("raise the quality target", chromedp.Do(j.ctx, chromedp.SetValue(css(`input[name="indicators.1.target"]`), "98")))
	} else {
		j.must("reword the target", chromedp.Do(j.ctx, chromedp.SetValue(css(`textarea[name="indicators.0.target"]`),
			"Seluruh berkas selesai tanpa kesalahan (98 %)")))
	}
	j.fillResult("")
	j.click("save the fix", "#save-result-button", "#flash")
	j.submit(skp)
	j.logout()

	// The Kasi approves.
	j.login("kasi.pemerintahan")
	j.open(skp)
	j.click("approve", "#approve-skp-button", "#flash")
	if st := j.text("#skp-status"); st != "Disetujui" {
		t.Fatalf("after approving, the status is %q; want Disetujui", st)
	}
	j.logout()

	// The staff member downloads the SKP document with their session.
	j.login("staf.pemerintahan")
	j.open(skp)
	if st := j.text("#skp-status"); st != "Disetujui" {
		t.Errorf("the staff sees the status %q; want Disetujui", st)
	}
	href := j.eval(`document.querySelector('#download-pdf').href`)
	ct, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](
		fmt.Sprintf(`fetch(%q).then(r => r.ok ? r.headers.get('content-type') : 'status ' + r.status)`, href), chromedp.EvalAwaitPromise))
	j.must("download the PDF", err)
	if ct != "application/pdf" {
		t.Errorf("GET %s: content type %q; want application/pdf", href, ct)
	}
}

// journey drives one browser tab through the pages, failing the test with the page's
// message when a step does not arrive where it should.
type journey struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func (j *journey) must(step string, err error) {
	j.t.Helper()
	if err != nil {
		j.t.Fatalf("%s: %v\n%s", step, err, j.page())
	}
}

// page is what the page says, for failure messages: the location and the main text.
func (j *journey) page() string {
	ctx, cancel := context.WithTimeout(j.ctx, 2*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	main, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('main') || document.body).innerText.slice(0, 1500)`))
	return loc + "\n" + main
}

// step runs actions with a time limit shorter than the whole test's.
func (j *journey) step(name string, actions ...chromedp.Action[chromedp.Void]) {
	j.t.Helper()
	ctx, cancel := context.WithTimeout(j.ctx, 15*time.Second)
	defer cancel()
	j.must(name, chromedp.Do(ctx, actions...))
}

func (j *journey) open(path string) {
	j.t.Helper()
	j.step("open "+path, chromedp.Navigate(j.base+path), chromedp.WaitVisible(css("#main")))
}

// click clicks sel on a page reached by open (so without a flash message yet) and waits for
// wait on the page it leads to.
func (j *journey) click(name, sel, wait string) {
	j.t.Helper()
	j.step(name, chromedp.Click(css(sel)), chromedp.WaitVisible(css(wait)))
}

func (j *journey) login(username string) {
	j.t.Helper()
	j.step("log in as "+username,
		chromedp.Navigate(j.base+"/login"),
		chromedp.SetValue(css(`input[name="username"]`), username),
		chromedp.SetValue(css(`input[name="password"]`), demoPassword),
		chromedp.Click(css(`#login-button`)),
		chromedp.WaitVisible(css(`#dashboard-title`)),
	)
}

func (j *journey) logout() {
	j.t.Helper()
	j.step("log out", chromedp.Click(css("#logout-button")), chromedp.WaitVisible(css(`#login-button`)))
}

func (j *journey) text(sel string) string {
	j.t.Helper()
	s, err := chromedp.Run(j.ctx, chromedp.Text(css(sel)))
	j.must("read "+sel, err)
	return strings.TrimSpace(s)
}

// textIf returns the text of sel, or "" when the page has no such element.
func (j *journey) textIf(sel string) string {
	j.t.Helper()
	if !j.exists(sel) {
		return ""
	}
	return j.text(sel)
}

func (j *journey) exists(sel string) bool {
	j.t.Helper()
	ok, err := chromedp.Run(j.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector(%q) !== null`, sel)))
	j.must("look for "+sel, err)
	return ok
}

// list evaluates expr, which gives an array of strings.
func (j *journey) list(expr string) []string {
	j.t.Helper()
	v, err := chromedp.Run(j.ctx, chromedp.Evaluate[[]string](expr))
	j.must("evaluate "+expr, err)
	return v
}

func (j *journey) eval(expr string) string {
	j.t.Helper()
	s, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](expr))
	j.must("evaluate "+expr, err)
	return s
}

// ensureSKPWithResult makes sure that the user on "SKP saya" has an SKP with at least one
// RHK, creating them (kuantitatif) when missing, and leaves the browser on the SKP page.
func (j *journey) ensureSKPWithResult(who string) {
	j.t.Helper()
	if j.exists("#create-skp-button") {
		j.click(who+": create the SKP", "#create-skp-button", "#flash")
	}
	skp := j.eval(`document.querySelector('#download-pdf').getAttribute('href').replace('/pdf', '')`)
	if j.exists("#no-results") {
		if !j.exists("#add-result") {
			j.t.Fatalf("%s's SKP has no RHK and cannot be edited (status %s)", who, j.text("#skp-status"))
		}
		j.open(skp + "/results/new")
		j.fillResult("Terlaksananya pelayanan pemerintahan dan administrasi kependudukan yang cepat dan tepat")
		j.click(who+": add an RHK", "#save-result-button", "#flash")
	}
	j.open(skp)
}

// fillResult completes the RHK form on the page: the text when given, the supervisor's RHK
// when none is chosen, and every required indicator field left empty.
func (j *journey) fillResult(text string) {
	j.t.Helper()
	var steps []chromedp.Action[chromedp.Void]
	if text != "" {
		steps = append(steps, chromedp.SetValue(css(`textarea[name="text"]`), text))
	}
	if j.exists(`select[name="parent_result_id"]`) && j.eval(`document.querySelector('select[name="parent_result_id"]').value`) == "" {
		parent := j.eval(`(document.querySelector('select[name="parent_result_id"] option:not([value=""])') || {value: ''}).value`)
		if parent == "" {
			j.t.Fatalf("the RHK form offers no supervisor RHK to intervene\n%s", j.page())
		}
		steps = append(steps, chromedp.SetValue(css(`select[name="parent_result_id"]`), parent))
	}
	values := map[string]string{ // kuantitatif rows: kuantitas, kualitas, waktu
		"indicators.0.text": "Jumlah berkas layanan kependudukan yang diselesaikan", "indicators.0.target": "480", "indicators.0.unit": "berkas",
		"indicators.1.text": "Persentase berkas yang selesai tanpa kesalahan", "indicators.1.target": "95", "indicators.1.unit": "%",
		"indicators.2.text": "Layanan tersedia setiap bulan", "indicators.2.target": "12", "indicators.2.unit": "bulan",
	}
	if !j.exists(`input[name="indicators.0.unit"]`) { // kualitatif: one narrative indicator
		values = map[string]string{
			"indicators.0.text":   "Berkas layanan kependudukan diselesaikan tepat waktu dan tanpa kesalahan",
			"indicators.0.target": "Seluruh berkas yang masuk selesai dalam tiga hari kerja",
		}
	}
	for _, name := range slices.Sorted(maps.Keys(values)) {
		sel := fmt.Sprintf(`[name=%q]`, name)
		if j.eval(fmt.Sprintf(`document.querySelector(%q).value`, sel)) == "" {
			steps = append(steps, chromedp.SetValue(css(sel), values[name]))
		}
	}
	j.step("fill the RHK form", steps...)
}

// submit submits the SKP at path and checks that it arrived at the pejabat penilai.
func (j *journey) submit(path string) {
	j.t.Helper()
	j.open(path)
	j.step("submit the SKP", chromedp.Click(css("#submit-skp-button")), chromedp.WaitVisible(css("#flash, #error-summary")))
	if j.exists("#error-summary") {
		j.t.Fatalf("submitting was refused: %s\n%s", j.text("#error-summary"), j.page())
	}
	if st := j.text("#skp-status"); st != "Diajukan" {
		j.t.Fatalf("after submitting, the status is %q; want Diajukan", st)
	}
}
