package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"kinerja/internal/kinerja"
)

//go:embed templates/*.html
var templateFS embed.FS

// pages maps a page name (its file name without .html) to its parsed template.
type pages map[string]*template.Template

// page is what every template receives. Title, Flash and Alert are catalogue keys (or
// Indonesian sentences from package kinerja, which the catalogues translate).
type page struct {
	Title     string
	Lang      string
	User      *kinerja.User
	Path      string
	Here      string // where the language switch returns to
	Flash     string // success message after a redirect
	FlashArgs []any  // values for a Flash message with verbs, such as a count
	Alert     string // error summary at the top of the page
	Notice    string // neutral information at the top of the page
	RequestID string
	Status    int
	Version   string
	Unread    int // the user's unread notifications, for the header
	Pending   int // activities waiting for the user's verification, for supervisors' header
	Data      any
}

// parseTemplates parses every page once per locale, each with the layout and the partials
// and with template funcs bound to that locale, so a request only picks a template.
func parseTemplates(c *catalogues, a *assets) (map[string]pages, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]pages{}
	for _, locale := range kinerja.Locales {
		ps := pages{}
		for _, n := range names {
			base := path.Base(n)
			if strings.HasPrefix(base, "_") {
				continue
			}
			name := strings.TrimSuffix(base, ".html")
			t, err := template.New(name).Funcs(funcs(c, a, locale)).ParseFS(templateFS, "templates/_*.html", n)
			if err != nil {
				return nil, fmt.Errorf("web: parse template %s: %w", name, err)
			}
			ps[name] = t
		}
		out[locale] = ps
	}
	return out, nil
}

// funcs returns the template funcs for one locale.
func funcs(c *catalogues, a *assets, locale string) template.FuncMap {
	return template.FuncMap{
		"t":     func(key string, args ...any) string { return c.translate(locale, key, args...) },
		"tr":    func(key string, args []any) string { return c.translate(locale, key, args...) },
		"label": func(prefix, value string) string { return c.label(locale, prefix, value) },
		"roles": func(roles []kinerja.Role) string {
			s := make([]string, len(roles))
			for i, r := range roles {
				s[i] = string(r)
			}
			return c.joinLabels(locale, "role", s)
		},
		"datetime":  func(t time.Time) string { return c.formatTime(locale, t) },
		"date":      func(t time.Time) string { return c.formatDate(locale, t) },
		"asset":     a.url,
		"hasPrefix": strings.HasPrefix,
		"field": func(f form, name, labelKey string, opts ...string) (field, error) {
			return newField(c, locale, f, name, labelKey, opts...)
		},
		"allRoles":   func() []kinerja.Role { return kinerja.Roles },
		"locales":    func() []string { return kinerja.Locales },
		"entities":   func() []string { return kinerja.AuditEntities },
		"hasRole":    func(roles []kinerja.Role, r kinerja.Role) bool { return (&kinerja.User{Roles: roles}).HasRole(r) },
		"isSelf":     func(u, other *kinerja.User) bool { return u != nil && other != nil && u.ID == other.ID },
		"statusText": func(code int) string { return c.translate(locale, fmt.Sprintf("error.%d.title", code)) },
		"day":        func(d kinerja.Date) string { return c.formatDay(locale, d) },
		"grade":      gradeLabel,
		"full":       func(a kinerja.Access) bool { return a == kinerja.AccessFull },
		"choice": func(f form, name, labelKey string, groups []optionGroup, opts ...string) (choiceField, error) {
			return newChoice(c, locale, f, name, labelKey, groups, opts...)
		},
		"enum":          func(name string) ([]optionGroup, error) { return enumOptions(c, locale, name) },
		"notification":  func(n kinerja.Notification) string { return notificationText(c, locale, n) },
		"gradeChoices":  func() []optionGroup { return gradeOptions(c, locale) },
		"unitChoices":   unitChoices,
		"personChoices": personChoices,
		"orgChoices":    orgChoices,
		"number":        func(v float64) string { return formatNumber(locale, v) },
		"percent":       func(v any) (string, error) { return formatPercent(locale, v) },
		"decimals":      func(places int, v float64) string { return kinerja.FormatDecimal(locale, v, places) },
		"nip":           nipHTML,
		"filesize":      func(n int64) string { return formatSize(locale, n) },
		"evalLabel":     func(key string) string { return evalLabel(c, locale, key) },
		"behaviorName":  behaviorName,
		"emptyForm":     func() form { return newForm(nil, nil) },
		"join":          strings.Join,
		"isMyFeedback": func(path string, u *kinerja.User) bool {
			return u != nil && u.EmployeeID != nil && path == feedbackURL(*u.EmployeeID)
		},
		"isFeedbackPath": isFeedbackPath,
		"ratingGroup": func(f form, name, id, label, hint, lang string, opts []option) ratingGroup {
			return newRatingGroup(c, locale, f, name, id, label, hint, lang, opts)
		},
		"predikat":           func(p kinerja.Predikat) string { return p.Label() },
		"rating":             func(r kinerja.Rating) string { return c.label(locale, "rating", string(r)) },
		"ratings":            func() []kinerja.Rating { return kinerja.Ratings },
		"orgPredikatChoices": func(opts []option) []optionGroup { return []optionGroup{{Options: opts}} },
		"periodLabel":        func(key string) string { return evalLabel(c, locale, key) },
		"isSelfEmployee": func(u *kinerja.User, id int64) bool {
			return u != nil && u.EmployeeID != nil && *u.EmployeeID == id
		},
	}
}

// form holds a submitted form's values and the messages of the fields at fault. Values of
// password fields are never put back.
type form struct {
	Values url.Values
	Errors map[string]string
}

// newForm returns a form for values, with the field messages of err.
func newForm(values url.Values, err error) form {
	if values == nil {
		values = url.Values{}
	}
	return form{Values: values, Errors: kinerja.ErrorFields(err)}
}

// Get returns the submitted value of a field.
func (f form) Get(name string) string { return f.Values.Get(name) }

// Has reports whether a multi-value field (checkboxes) holds value.
func (f form) Has(name, value string) bool {
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// Error returns the message of a field, or "".
func (f form) Error(name string) string { return f.Errors[name] }

// field is what the "input" partial renders: a label, an input, a hint and an error message
// tied to the input by aria-describedby.
type field struct {
	ID, Name, Label, Type, Value, Hint, Error string
	Autocomplete, Autocapitalize, Inputmode   string
	Max                                       string
	DescribedBy                               string
}

// newField builds a field from a form. opts are key/value pairs: type, autocomplete, hint
// (a catalogue key), inputmode, autocapitalize, id, max.
func newField(c *catalogues, locale string, f form, name, labelKey string, opts ...string) (field, error) {
	if len(opts)%2 != 0 {
		return field{}, fmt.Errorf("field %s: odd number of options", name)
	}
	fd := field{ID: name, Name: name, Label: c.translate(locale, labelKey), Type: "text"}
	for i := 0; i < len(opts); i += 2 {
		switch v := opts[i+1]; opts[i] {
		case "type":
			fd.Type = v
		case "autocomplete":
			fd.Autocomplete = v
		case "hint":
			fd.Hint = c.translate(locale, v)
		case "inputmode":
			fd.Inputmode = v
		case "autocapitalize":
			fd.Autocapitalize = v
		case "id":
			fd.ID = v
		case "max":
			fd.Max = v
		default:
			return field{}, fmt.Errorf("field %s: unknown option %q", name, opts[i])
		}
	}
	if fd.Type != "password" {
		fd.Value = f.Get(name)
	}
	if msg := f.Error(name); msg != "" {
		fd.Error = c.translate(locale, msg)
	}
	var ids []string
	if fd.Hint != "" {
		ids = append(ids, fd.ID+"-hint")
	}
	if fd.Error != "" {
		ids = append(ids, fd.ID+"-error")
	}
	fd.DescribedBy = strings.Join(ids, " ")
	return fd, nil
}

// choiceField is what the "select" and "radios" partials render: a field with options.
type choiceField struct {
	field
	Empty  string // the label of the empty first option, or "" for none
	Groups []optionGroup
}

// optionGroup is an <optgroup>; options without a group have no Label.
type optionGroup struct {
	Label   string
	Options []option
}

// option is one choice.
type option struct {
	Value, Label string
}

// newChoice builds a select or radio field. Besides newField's options it takes "empty", the
// catalogue key of an empty first option.
func newChoice(c *catalogues, locale string, f form, name, labelKey string, groups []optionGroup, opts ...string) (choiceField, error) {
	if len(opts)%2 != 0 {
		return choiceField{}, fmt.Errorf("choice %s: odd number of options", name)
	}
	var rest []string
	empty := ""
	for i := 0; i < len(opts); i += 2 {
		if opts[i] == "empty" {
			empty = c.translate(locale, opts[i+1])
			continue
		}
		rest = append(rest, opts[i], opts[i+1])
	}
	fd, err := newField(c, locale, f, name, labelKey, rest...)
	return choiceField{field: fd, Empty: empty, Groups: groups}, err
}

// ratingGroup is what the "rating-group" partial renders: one value or aspect to rate with
// radio buttons. Label and Hint are text already; Lang marks them when they are always in
// Bahasa Indonesia (the BerAKHLAK guides).
type ratingGroup struct {
	ID, Name, Label, Hint, Lang, Value, Error, DescribedBy string
	Options                                                []option
}

func newRatingGroup(c *catalogues, locale string, f form, name, id, label, hint, lang string, opts []option) ratingGroup {
	g := ratingGroup{ID: id, Name: name, Label: label, Hint: hint, Lang: lang, Value: f.Get(name), Options: opts}
	if msg := f.Error(name); msg != "" {
		g.Error = c.translate(locale, msg)
	}
	var ids []string
	if g.Hint != "" {
		ids = append(ids, id+"-hint")
	}
	if g.Error != "" {
		ids = append(ids, id+"-error")
	}
	g.DescribedBy = strings.Join(ids, " ")
	return g
}

// isFeedbackPath reports whether path is one of the feedback pages, for the menu.
func isFeedbackPath(path string) bool {
	return strings.HasSuffix(path, "/feedback") || strings.HasPrefix(path, "/peer-tasks") || strings.HasPrefix(path, "/upward")
}

// enumOptions lists the values of a domain enum, labelled from the catalogue entries under
// the same prefix.
func enumOptions(c *catalogues, locale, name string) ([]optionGroup, error) {
	var values []string
	prefix := name
	switch name {
	case "unit_kind":
		values = stringsOf(kinerja.UnitKinds)
	case "org_kind":
		values, prefix = stringsOf(orgKinds), "unit_kind"
	case "position_kind":
		values = stringsOf(kinerja.PositionKinds)
	case "employment":
		values = stringsOf(kinerja.EmploymentStatuses)
	case "gender":
		values = []string{string(kinerja.GenderMale), string(kinerja.GenderFemale)}
	case "reason":
		values = stringsOf(kinerja.InactiveReasons)
	case "active":
		values = []string{activeOnly, inactiveOnly, activeAll}
	case "approach":
		values = []string{string(kinerja.ApproachQuantitative), string(kinerja.ApproachQualitative)}
	case "result_kind":
		values = []string{string(kinerja.ResultMain), string(kinerja.ResultAdditional)}
	case "cadence":
		values = stringsOf(kinerja.Cadences)
	case "team_state":
		values = teamStates
	case "progress":
		values = progressStates
	default:
		return nil, fmt.Errorf("enum: unknown %q", name)
	}
	g := optionGroup{Options: make([]option, len(values))}
	for i, v := range values {
		g.Options[i] = option{Value: v, Label: c.label(locale, prefix, v)}
	}
	return []optionGroup{g}, nil
}

func stringsOf[S ~string](values []S) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// gradeOptions lists the PNS/CPNS golongan with their pangkat and the PPPK golongan.
func gradeOptions(c *catalogues, locale string) []optionGroup {
	pns := optionGroup{Label: c.translate(locale, "grade.group_pns")}
	for _, g := range kinerja.PNSGrades {
		pns.Options = append(pns.Options, option{Value: g.Code, Label: g.Code + " · " + g.Pangkat})
	}
	pppk := optionGroup{Label: c.translate(locale, "grade.group_pppk")}
	for _, g := range kinerja.PPPKGrades {
		pppk.Options = append(pppk.Options, option{Value: g, Label: g})
	}
	return []optionGroup{pns, pppk}
}

func unitChoices(units []unitOption) []optionGroup {
	g := optionGroup{Options: make([]option, len(units))}
	for i, u := range units {
		g.Options[i] = option{Value: strconv.FormatInt(u.ID, 10), Label: u.Label}
	}
	return []optionGroup{g}
}

func orgChoices(orgs []*kinerja.Unit) []optionGroup {
	g := optionGroup{Options: make([]option, len(orgs))}
	for i, o := range orgs {
		g.Options[i] = option{Value: strconv.FormatInt(o.ID, 10), Label: o.Name}
	}
	return []optionGroup{g}
}

func personChoices(people []personOption) []optionGroup {
	g := optionGroup{Options: make([]option, len(people))}
	for i, p := range people {
		g.Options[i] = option{Value: strconv.FormatInt(p.ID, 10), Label: p.Label}
	}
	return []optionGroup{g}
}

// render writes a page with the layout. It renders into a buffer first, so that a template
// error becomes a clean 500 instead of half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	locale := h.locale(r)
	t, ok := h.templates[locale][name]
	if !ok {
		h.serverError(w, r, fmt.Errorf("render: unknown template %q", name))
		return
	}
	p.Lang = locale
	p.User = kinerja.UserFromContext(r.Context())
	p.Path = r.URL.Path
	p.Here = hereForLanguageSwitch(r)
	p.Status = status
	p.Version = h.version
	p.RequestID = kinerja.RequestIDFromContext(r.Context())
	if p.Flash == "" {
		p.Flash = h.i18n.flashKey(r.URL.Query().Get("ok"))
	}
	if p.User != nil {
		p.Unread = h.unread(r)
		if p.User.HasRole(kinerja.RoleAtasan) {
			p.Pending = h.pendingVerification(r)
		}
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		h.logger.ErrorContext(r.Context(), "web: render", "template", name, "err", err,
			"request_id", p.RequestID)
		http.Error(w, h.i18n.translate(locale, kinerja.MsgInternal), http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Language", locale)
	// Pages show personal data; keep them out of shared caches and the back button after
	// logout.
	hd.Set("Cache-Control", "no-store")
	hd.Add("Vary", "Cookie, Accept-Language")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// hereForLanguageSwitch is the page the language switch returns to: the current path
// without its query (which may carry one-off messages), except the login page's next target.
func hereForLanguageSwitch(r *http.Request) string {
	if r.Method != http.MethodGet {
		return "/"
	}
	if next := r.URL.Query().Get("next"); r.URL.Path == "/login" && next != "" {
		return "/login?next=" + url.QueryEscape(safeNext(next))
	}
	return r.URL.Path
}

// pageLinks builds the links of a keyset-paginated list at base: the next page (cursor
// parameter set to next) and, when not on the first page, the first one. Both keep filters.
func pageLinks(base string, filters url.Values, cursor string, next, current int64) (nextURL, firstURL string) {
	if next > 0 {
		q := url.Values{cursor: {strconv.FormatInt(next, 10)}}
		for k, vs := range filters {
			q[k] = vs
		}
		nextURL = base + "?" + q.Encode()
	}
	if current > 0 {
		firstURL = base
		if len(filters) > 0 {
			firstURL += "?" + filters.Encode()
		}
	}
	return nextURL, firstURL
}

// numberedPages is the pagination of a list read by offset: "Halaman x dari y" with links
// to the previous, the next and nearby pages.
type numberedPages struct {
	Page, Pages, Total int
	PrevURL, NextURL   string
	Links              []pageLink
}

// pageLink is one numbered link; Gap marks pages left out before it.
type pageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// numberPages builds the pagination of page (from 1) of total items, size per page, at base
// with filters kept.
func numberPages(base string, filters url.Values, page, total, size int) numberedPages {
	pages := max(1, (total+size-1)/size)
	p := numberedPages{Page: page, Pages: pages, Total: total}
	link := func(n int) string {
		q := url.Values{}
		for k, vs := range filters {
			q[k] = vs
		}
		if n > 1 {
			q.Set("page", strconv.Itoa(n))
		}
		if len(q) == 0 {
			return base
		}
		return base + "?" + q.Encode()
	}
	if page > 1 {
		p.PrevURL = link(min(page-1, pages))
	}
	if page < pages {
		p.NextURL = link(page + 1)
	}
	last := 0
	for n := 1; n <= pages; n++ {
		if n == 1 || n == pages || (n >= page-2 && n <= page+2) {
			p.Links = append(p.Links, pageLink{Number: n, URL: link(n), Current: n == page, Gap: last != 0 && n > last+1})
			last = n
		}
	}
	return p
}

// flashKey is the catalogue key of the flash a redirect named (see withFlash), or "" when the catalogue
// has none: text from the URL is never echoed.
func (c *catalogues) flashKey(ok string) string {
	if _, known := c.messages[defaultLocale]["flash."+ok]; ok == "" || !known {
		return ""
	}
	return "flash." + ok
}

// redirect answers a POST (or a login-required GET) with 303 See Other.
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}
