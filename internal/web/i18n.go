package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/language"

	"kinerja/internal/kinerja"
)

//go:embed locales/*.json
var localeFS embed.FS

// defaultLocale is the locale of the UI when nothing else decides, and the fallback of every
// other catalogue.
const defaultLocale = "id"

// wib is Western Indonesian Time, in which every time is shown. A fixed zone needs no tzdata.
var wib = time.FixedZone("WIB", 7*3600)

// catalogues holds the messages of every locale, keyed by message id. Domain messages from
// package kinerja are keyed by their Indonesian sentence, so the Indonesian catalogue need not
// repeat them and other catalogues translate them.
type catalogues struct {
	messages map[string]map[string]string
	matcher  language.Matcher
}

func loadCatalogues() (*catalogues, error) {
	c := &catalogues{messages: map[string]map[string]string{}}
	tags := make([]language.Tag, 0, len(kinerja.Locales))
	for _, l := range kinerja.Locales {
		buf, err := localeFS.ReadFile("locales/" + l + ".json")
		if err != nil {
			return nil, fmt.Errorf("web: load catalogue %s: %w", l, err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(buf, &m); err != nil {
			return nil, fmt.Errorf("web: parse catalogue %s: %w", l, err)
		}
		c.messages[l] = m
		tags = append(tags, language.Make(l))
	}
	// The first tag is what Match answers when nothing fits, so the default must lead.
	if kinerja.Locales[0] != defaultLocale {
		return nil, fmt.Errorf("web: first locale is %q; want %q", kinerja.Locales[0], defaultLocale)
	}
	c.matcher = language.NewMatcher(tags)
	return c, nil
}

// lookup returns the message for key in locale, falling back to Indonesian.
func (c *catalogues) lookup(locale, key string) (string, bool) {
	if s, ok := c.messages[locale][key]; ok {
		return s, true
	}
	s, ok := c.messages[defaultLocale][key]
	return s, ok
}

// translate returns the message for key in locale, or key itself when no catalogue has it.
// With args the message is a format for fmt.Sprintf.
func (c *catalogues) translate(locale, key string, args ...any) string {
	s, ok := c.lookup(locale, key)
	if !ok {
		s = key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// label translates prefix.value, such as "role.admin", and falls back to the value itself
// for values the catalogues do not know.
func (c *catalogues) label(locale, prefix, value string) string {
	if s, ok := c.lookup(locale, prefix+"."+value); ok {
		return s
	}
	return value
}

// match picks a supported locale from an Accept-Language header.
func (c *catalogues) match(acceptLanguage string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return defaultLocale
	}
	_, i, conf := c.matcher.Match(tags...)
	if conf == language.No {
		return defaultLocale
	}
	return kinerja.Locales[i]
}

// locale is the locale of the response: the user's setting when set, else the language
// picked in the footer, else the browser's.
func (h *Handler) locale(r *http.Request) string {
	if u := kinerja.UserFromContext(r.Context()); u != nil && u.Locale != "" {
		if _, ok := h.i18n.messages[u.Locale]; ok {
			return u.Locale
		}
	}
	if l := cookieLocale(r); l != "" {
		return l
	}
	return h.i18n.match(r.Header.Get("Accept-Language"))
}

// formatTime shows t in WIB like "27 Nov 2026 14.05 WIB" (Indonesian) or
// "27 Nov 2026 14:05 WIB" (English).
func (c *catalogues) formatTime(locale string, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(wib)
	sep := "."
	if locale == "en" {
		sep = ":"
	}
	return fmt.Sprintf("%s %02d%s%02d WIB", c.formatDate(locale, t), t.Hour(), sep, t.Minute())
}

// formatDate shows the calendar date of t in WIB like "27 Nov 2026".
func (c *catalogues) formatDate(locale string, t time.Time) string {
	t = t.In(wib)
	month := c.translate(locale, fmt.Sprintf("month.%d", int(t.Month())))
	return fmt.Sprintf("%d %s %d", t.Day(), month, t.Year())
}

// joinLabels translates each value under prefix and joins them with commas.
func (c *catalogues) joinLabels(locale, prefix string, values []string) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = c.label(locale, prefix, v)
	}
	return strings.Join(out, ", ")
}

// formatDay shows a calendar date like "17 Agu 1975", or "—" for no date.
func (c *catalogues) formatDay(locale string, d kinerja.Date) string {
	if d.IsZero() {
		return c.translate(locale, "value.empty")
	}
	month := c.translate(locale, fmt.Sprintf("month.%d", int(d.Month())))
	return fmt.Sprintf("%d %s %d", d.Day(), month, d.Year())
}

// formatNumber shows v with at most two decimals and the locale's separators: "1.234,5" in
// Indonesian, "1,234.5" in English.
func formatNumber(locale string, v float64) string { return kinerja.FormatNumber(locale, v) }

// formatPercent shows v per cent in the locale's style, "64,62 %" or "64.62%"; v is any
// number a page holds.
func formatPercent(locale string, v any) (string, error) {
	switch n := v.(type) {
	case float64:
		return kinerja.FormatPercent(locale, n), nil
	case *float64:
		if n == nil {
			return "", nil
		}
		return kinerja.FormatPercent(locale, *n), nil
	case int:
		return kinerja.FormatPercent(locale, float64(n)), nil
	case int64:
		return kinerja.FormatPercent(locale, float64(n)), nil
	}
	return "", fmt.Errorf("percent: %T is no number", v)
}

// nipHTML shows a NIP so that it never breaks across lines: the styles keep the class nip
// on one line, wherever the table or card is narrow.
func nipHTML(nip string) template.HTML {
	return template.HTML(`<span class="nip">` + template.HTMLEscapeString(nip) + `</span>`)
}

// formatSize shows a file size in KB or MB.
func formatSize(locale string, n int64) string {
	if n < 1<<20 {
		return formatNumber(locale, math.Ceil(float64(n)/1024)) + " KB"
	}
	return formatNumber(locale, math.Round(float64(n)/(1<<20)*10)/10) + " MB"
}
