package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPhoneLayout opens, at the width of a small phone (360 px), the pages whose tables used
// to push the page sideways: an assessment with its indicators, the legacy calculator with a
// result, the users table and the audit log. Tables scroll inside their own frame or stack
// as cards; the page itself never scrolls sideways.
func TestPhoneLayout(t *testing.T) {
	srv := startServer(t, "demo")
	j := &journey{t: t, ctx: newBrowser(t), base: srv.URL}
	const width = 360
	j.step("a 360 px phone", chromedp.EmulateViewport(width, 740, chromedp.EmulatePortrait, chromedp.EmulateMobile))
	j.login("admin.asemrowo")
	j.open("/calibration")
	assessment := j.eval(`(document.querySelector('#calibration-groups a[href^="/assessments/"]') || {}).getAttribute?.('href') || ''`)
	if assessment == "" {
		t.Fatalf("the calibration page links no assessment\n%s", j.page())
	}
	legacy := "/assessments/historis?compute=1&behaviour=80"
	for _, a := range []string{"q", "k", "w", "b"} {
		legacy += fmt.Sprintf("&a0.%st=12&a0.%sr=10", a, a)
	}
	for _, path := range []string{assessment, "/assessments/historis", legacy, "/admin/users", "/admin/audit", "/employees"} {
		j.open(path)
		got, err := chromedp.Run(j.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		j.must("measure "+path, err)
		if got > width {
			wide := j.eval(fmt.Sprintf(`[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > %d && !e.closest('.table-wrap'))
				.slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).join(', ')`, width))
			t.Errorf("GET %s at %d px is %d px wide; want no sideways scrolling (too wide: %s)", path, width, got, wide)
		}
	}
}
