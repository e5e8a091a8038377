package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// auditPageSize is how many entries the audit log shows per page.
const auditPageSize = 50

// auditRow is one audit entry as the viewer shows it.
type auditRow struct {
	At       time.Time
	Actor    string
	Entity   string
	EntityID string
	Action   string
	Link     string // the page of the entity, when there is one
	Changes  []auditChange
}

// auditChange is one changed field with readable values.
type auditChange struct {
	Field         string // the field's label; "Parent › Child" for a field of a nested object
	Before, After auditValue
}

// auditValue is a value from the audit JSON made readable: a timestamp is shown in WIB,
// true/false/empty as catalogue words, an enum code by its label, an object as a list of
// labelled values, anything else as text. The audit JSON itself is for machines (the API).
type auditValue struct {
	Text string
	Key  string     // catalogue key instead of Text
	Time *time.Time // a timestamp instead of Text
}

// equal reports whether two values read the same.
func (v auditValue) equal(w auditValue) bool {
	if (v.Time == nil) != (w.Time == nil) || v.Time != nil && !v.Time.Equal(*w.Time) {
		return false
	}
	return v.Text == w.Text && v.Key == w.Key
}

// auditReader turns audit JSON into text for one locale.
type auditReader struct {
	c      *catalogues
	locale string
	entity string // the entity of the entry read, which tells a status apart
}

func auditRows(c *catalogues, locale string, entries []kinerja.AuditEntry) []auditRow {
	rows := make([]auditRow, len(entries))
	for i, e := range entries {
		row := auditRow{At: e.At, Actor: e.ActorName, Entity: e.Entity, EntityID: e.EntityID, Action: e.Action}
		if id, err := strconv.ParseInt(e.EntityID, 10, 64); err == nil && e.Action != kinerja.ActionDelete {
			row.Link = entityURL(e.Entity, id)
		}
		ar := auditReader{c: c, locale: locale, entity: e.Entity}
		for _, ch := range e.Changes() {
			row.Changes = append(row.Changes, ar.changes(ar.fieldLabel(ch.Field), ch.Field, ch.Before, ch.After)...)
		}
		rows[i] = row
	}
	return rows
}

// changes returns the readable changes of one field. A field holding an object on both sides
// (or on one, the other empty) is opened into the fields of the object that changed, so a
// change reads "Penilaian › Predikat: Baik → Sangat Baik", never as two dumps of the object.
func (ar auditReader) changes(label, field, before, after string) []auditChange {
	b, bObj := jsonObject(before)
	a, aObj := jsonObject(after)
	if (bObj || isEmptyJSON(before)) && (aObj || isEmptyJSON(after)) && (bObj || aObj) {
		keys := map[string]bool{}
		for k := range b {
			keys[k] = true
		}
		for k := range a {
			keys[k] = true
		}
		var names []string
		for k := range keys {
			if string(b[k]) != string(a[k]) {
				names = append(names, k)
			}
		}
		slices.Sort(names)
		var out []auditChange
		for _, k := range names {
			out = append(out, ar.changes(label+" › "+ar.fieldLabel(k), k, string(b[k]), string(a[k]))...)
		}
		return out
	}
	ch := auditChange{Field: label, Before: ar.value(field, before), After: ar.value(field, after)}
	// An absent value and null (or "") differ as JSON but not to a reader.
	if ch.Before.equal(ch.After) {
		return nil
	}
	return []auditChange{ch}
}

// jsonObject decodes raw when it holds a JSON object.
func jsonObject(raw string) (map[string]json.RawMessage, bool) {
	var m map[string]json.RawMessage
	if !strings.HasPrefix(strings.TrimSpace(raw), "{") || json.Unmarshal([]byte(raw), &m) != nil {
		return nil, false
	}
	return m, true
}

// isEmptyJSON reports whether raw is absent or null.
func isEmptyJSON(raw string) bool {
	raw = strings.TrimSpace(raw)
	return raw == "" || raw == "null"
}

// fieldLabel names a field of the audit JSON: its catalogue label, or the name made into
// words ("return_note" → "Return note") for a field the catalogues do not label. The
// audit_field labels name the fields that no form shows.
func (ar auditReader) fieldLabel(name string) string {
	for _, prefix := range []string{"field.", "audit_field."} {
		if s, ok := ar.c.lookup(ar.locale, prefix+name); ok {
			return s
		}
	}
	words := strings.ReplaceAll(name, "_", " ")
	if words == "" {
		return words
	}
	return strings.ToUpper(words[:1]) + words[1:]
}

// value turns the JSON value of a field into something a person reads.
func (ar auditReader) value(field, raw string) auditValue {
	var v any
	if raw == "" || json.Unmarshal([]byte(raw), &v) != nil {
		return auditValue{Key: "value.empty"}
	}
	switch v := v.(type) {
	case nil:
		return auditValue{Key: "value.empty"}
	case bool:
		return auditValue{Key: "value." + strconv.FormatBool(v)}
	case string:
		if v == "" {
			return auditValue{Key: "value.empty"}
		}
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return auditValue{Time: &t}
		}
		return auditValue{Text: ar.enum(field, v)}
	}
	s := ar.text(field, v)
	if s == "" {
		return auditValue{Key: "value.empty"}
	}
	return auditValue{Text: s}
}

// text writes any decoded JSON value as text: numbers as numbers, lists joined, objects as
// "Label: value" pairs of their non-empty fields.
func (ar auditReader) text(field string, v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case bool:
		return ar.c.translate(ar.locale, "value."+strconv.FormatBool(v))
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return ar.c.formatTime(ar.locale, t)
		}
		return ar.enum(field, v)
	case []any:
		parts := make([]string, 0, len(v))
		for _, x := range v {
			if s := ar.text(field, x); s != "" {
				parts = append(parts, s)
			}
		}
		sep := ", "
		for _, x := range v {
			if _, ok := x.(map[string]any); ok {
				sep = "; "
			}
		}
		return strings.Join(parts, sep)
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			if s := ar.text(k, v[k]); s != "" {
				parts = append(parts, ar.fieldLabel(k)+": "+s)
			}
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	return ar.c.translate(ar.locale, "value.empty")
}

// enumPrefixes are the catalogue prefixes that label the codes of a field, by field name;
// "status" depends on the entity.
var enumPrefixes = map[string][]string{
	"result_rating":   {"rating"},
	"behavior_rating": {"rating"},
	"rating":          {"rating"},
	"roles":           {"role"},
	"role":            {"role"},
	"cadence":         {"cadence"},
	"approach":        {"approach"},
	"form":            {"skp_form"},
	"kind":            {"unit_kind", "result_kind", "position_kind", "reason"},
	"position_kind":   {"position_kind"},
	"employment":      {"employment"},
	"gender":          {"gender"},
	"locale":          {"locale"},
	"aspect":          {"aspect"},
	"decision":        {"decision"},
	"reason":          {"reason"},
}

// statusPrefixes label the status of each entity.
var statusPrefixes = map[string]string{
	kinerja.EntitySKP:        "skp_status",
	kinerja.EntityActivity:   "activity_status",
	kinerja.EntityAssessment: "assessment_status",
	kinerja.EntityDialog:     "dialog_status",
	kinerja.EntityEmployee:   "employment",
}

// evalKey matches the key of an evaluation period: 2026, 2026-03, 2026-Q1, 2026-S1.
var evalKey = regexp.MustCompile(`^\d{4}(-(Q[1-4]|S[12]|\d{2}))?$`)

// kindPrefixes label the kind of each entity that has one of its own.
var kindPrefixes = map[string]string{
	kinerja.EntitySession:  "session_kind",
	kinerja.EntityFeedback: "feedback_kind",
	kinerja.EntityUnit:     "unit_kind",
	kinerja.EntityResult:   "result_kind",
}

// enumCode matches what an enum code looks like: lower-case words joined by underscores.
var enumCode = regexp.MustCompile(`^[a-z]+(_[a-z0-9]+)*$`)

// enum labels s when it is a code of field: a predikat by its official name, other codes
// from the catalogues; free text stays as it is.
func (ar auditReader) enum(field, s string) string {
	if field == "period" && evalKey.MatchString(s) {
		return evalLabel(ar.c, ar.locale, s)
	}
	if !enumCode.MatchString(s) {
		return s
	}
	if l := kinerja.Predikat(s).Label(); l != "" {
		return l
	}
	prefixes := enumPrefixes[field]
	if p, ok := statusPrefixes[ar.entity]; ok && field == "status" {
		prefixes = append([]string{p}, prefixes...)
	}
	if p, ok := kindPrefixes[ar.entity]; ok && field == "kind" {
		prefixes = append([]string{p}, prefixes...)
	}
	for _, p := range append(prefixes, "skp_status", "assessment_status", "activity_status", "dialog_status",
		"rating", "role", "cadence", "approach", "skp_form", "org_predikat", "decision", "unit_kind",
		"position_kind", "result_kind", "employment", "gender", "reason", "aspect", "action", "status") {
		if l, ok := ar.c.lookup(ar.locale, p+"."+s); ok {
			return l
		}
	}
	return s
}

// auditData is the data of the audit log page.
type auditData struct {
	Filter   form
	Rows     []auditRow
	NextURL  string
	FirstURL string
	Filtered bool
}

// auditFilterFields are the query parameters of the audit filter form, kept across pages.
var auditFilterFields = []string{"entity", "entity_id", "actor", "from", "to"}

// audit shows the audit log, newest first, with filters and keyset pagination.
func (h *Handler) audit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	values := url.Values{}
	for _, k := range auditFilterFields {
		if s := strings.TrimSpace(q.Get(k)); s != "" {
			values.Set(k, s)
		}
	}
	d := auditData{Filter: newForm(values, nil), Filtered: len(values) > 0}
	f, alert, err := h.auditFilter(r, values, q.Get("before"))
	if err == nil {
		var entries []kinerja.AuditEntry
		var next int64
		entries, next, err = h.db.FindAuditEntries(r.Context(), f)
		if err == nil {
			d.Rows = auditRows(h.i18n, h.locale(r), entries)
			d.NextURL, d.FirstURL = pageLinks("/admin/audit", values, "before", next, f.Before)
			h.render(w, r, http.StatusOK, "audit", page{Title: "audit.title", Data: d})
			return
		}
	}
	if !isFormError(err) {
		h.fail(w, r, err)
		return
	}
	d.Filter.Errors = kinerja.ErrorFields(err)
	if alert == "" {
		alert = kinerja.ErrorMessage(err)
	}
	h.render(w, r, httperr.Status(err), "audit", page{Title: "audit.title", Alert: alert, Data: d})
}

// auditFilter reads the filter form. Dates are calendar days in WIB; "to" includes its whole
// day. alert is set when the fault is not in a visible field (a bad cursor).
func (h *Handler) auditFilter(r *http.Request, values url.Values, before string) (f kinerja.AuditFilter, alert string, err error) {
	f = kinerja.AuditFilter{Limit: auditPageSize, EntityID: values.Get("entity_id")}
	var v kinerja.Validation
	if e := values.Get("entity"); e != "" {
		if !kinerja.IsAuditEntity(e) {
			v.Add("entity", kinerja.MsgInvalidInput)
		}
		f.Entity = e
	}
	if name := values.Get("actor"); name != "" {
		u, err := h.db.FindUserByUsername(r.Context(), name)
		switch kinerja.ErrorCode(err) {
		case "":
			f.ActorID = &u.ID
		case kinerja.ENOTFOUND:
			v.Add("actor", kinerja.MsgUserNotFound)
		default:
			return f, "", err
		}
	}
	if s := values.Get("from"); s != "" {
		if f.From, err = time.ParseInLocation(time.DateOnly, s, wib); err != nil {
			v.Add("from", kinerja.MsgBadDate)
		}
	}
	if s := values.Get("to"); s != "" {
		t, err := time.ParseInLocation(time.DateOnly, s, wib)
		if err != nil {
			v.Add("to", kinerja.MsgBadDate)
		} else {
			f.To = t.AddDate(0, 0, 1)
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		v.Add("to", kinerja.MsgBadDateRange)
	}
	if before != "" {
		n, err := strconv.ParseInt(before, 10, 64)
		if err != nil || n <= 0 {
			v.Add("before", kinerja.MsgBadCursor)
			alert = kinerja.MsgBadCursor
		}
		f.Before = n
	}
	return f, alert, v.Err()
}
