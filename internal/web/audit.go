package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
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
	Field         string
	Before, After auditValue
}

// auditValue is a value from the audit JSON made readable: a timestamp is shown in WIB,
// true/false/empty as catalogue words, anything else as text.
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

func auditRows(entries []kinerja.AuditEntry) []auditRow {
	rows := make([]auditRow, len(entries))
	for i, e := range entries {
		row := auditRow{At: e.At, Actor: e.ActorName, Entity: e.Entity, EntityID: e.EntityID, Action: e.Action}
		if id, err := strconv.ParseInt(e.EntityID, 10, 64); err == nil && e.Action != kinerja.ActionDelete {
			switch e.Entity {
			case kinerja.EntityUser:
				row.Link = userURL(id)
			case kinerja.EntityUnit:
				row.Link = unitURL(id)
			case kinerja.EntityEmployee:
				row.Link = employeeURL(id)
			}
		}
		for _, c := range e.Changes() {
			ch := auditChange{Field: c.Field, Before: readable(c.Before), After: readable(c.After)}
			// An absent value and null (or "") differ as JSON but not to a reader.
			if !ch.Before.equal(ch.After) {
				row.Changes = append(row.Changes, ch)
			}
		}
		rows[i] = row
	}
	return rows
}

// readable turns a JSON value into something a person reads.
func readable(raw string) auditValue {
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
		return auditValue{Text: v}
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = fmt.Sprint(x)
		}
		if len(parts) == 0 {
			return auditValue{Key: "value.empty"}
		}
		return auditValue{Text: strings.Join(parts, ", ")}
	}
	return auditValue{Text: raw}
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
			d.Rows = auditRows(entries)
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
