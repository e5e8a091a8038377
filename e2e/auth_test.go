package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// css is a CSS selector for the first matching element.
type css = chromedp.CSS

// TestLoginPasswordLogout: log in through the real form, see the dashboard, change the
// password, log out, and find the dashboard closed afterwards.
func TestLoginPasswordLogout(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t)
	const newPassword = "sandi-baru-yang-kuat"

	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
		must("read "+sel, err)
		return strings.TrimSpace(s)
	}
	location := func() string {
		t.Helper()
		loc, err := chromedp.Run(ctx, chromedp.Location())
		must("read location", err)
		return loc
	}
	login := func(password string) error {
		return chromedp.Do(ctx,
			chromedp.SetValue(css(`input[name="username"]`), "admin"),
			chromedp.SetValue(css(`input[name="password"]`), password),
			chromedp.Click(css(`form[action="/login"] button[type="submit"]`)),
		)
	}

	must("open /", chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(css(`input[name="username"]`))))
	lang, err := chromedp.Run(ctx, chromedp.AttributeValue(css("html"), "lang"))
	must("read lang", err)
	if loc := location(); lang.Value != "id" || !strings.Contains(loc, "/login") {
		t.Fatalf("anonymous / went to %s with lang %q; want the Indonesian login page", loc, lang.Value)
	}

	must("log in", login(adminPassword))
	must("see the dashboard", chromedp.Do(ctx, chromedp.WaitVisible(css(`#dashboard-title`))))
	if title := text(`#dashboard-title`); title == "" {
		t.Error("dashboard title is empty")
	}

	must("change password", chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/profile"),
		chromedp.WaitVisible(css(`input[name="current_password"]`)),
		chromedp.SetValue(css(`input[name="current_password"]`), adminPassword),
		chromedp.SetValue(css(`input[name="new_password"]`), newPassword),
		chromedp.SetValue(css(`input[name="confirm_password"]`), newPassword),
		chromedp.Click(css(`form[action="/profile/password"] button[type="submit"]`)),
		chromedp.WaitVisible(css(`#flash`)),
	))
	if flash := text(`#flash`); !strings.Contains(strings.ToLower(flash), "kata sandi") {
		t.Errorf("after the change the page says %q; want a confirmation about the password", flash)
	}

	must("log out", chromedp.Do(ctx,
		chromedp.Click(css(`form[action="/logout"] button[type="submit"]`)),
		chromedp.WaitVisible(css(`input[name="username"]`)),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(css(`input[name="username"]`)),
	))
	if loc := location(); !strings.Contains(loc, "/login") {
		t.Errorf("after logout / showed %s; want the login page", loc)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#dashboard-title').length`))
	must("count dashboard titles", err)
	if n != 0 {
		t.Error("dashboard visible after logout")
	}

	// The old password no longer works; the new one does.
	must("log in with the old password", login(adminPassword))
	must("see the error", chromedp.Do(ctx, chromedp.WaitVisible(css(`#error-summary`))))
	if msg := text(`#error-summary`); !strings.Contains(msg, "salah") {
		t.Errorf("old password: message %q; want it to say the password is wrong", msg)
	}
	must("log in with the new password", login(newPassword))
	must("see the dashboard again", chromedp.Do(ctx, chromedp.WaitVisible(css(`#dashboard-title`))))
}
