package kinerja

import (
	"bytes"
	"encoding/json"
	"time"
)

// WIB is Western Indonesian Time (UTC+7, no daylight saving), the zone of Kinerja's users.
var WIB = time.FixedZone("WIB", 7*3600)

// Today returns the date in WIB at the instant now.
func Today(now time.Time) Date { return DateOf(now.In(WIB)) }

// Date is a calendar date without time of day or zone, written YYYY-MM-DD.
type Date struct {
	t time.Time // midnight UTC; zero for no date
}

// NewDate returns the date y-m-d; out-of-range values normalise as time.Date does.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date { return NewDate(t.Date()) }

// ParseDate parses YYYY-MM-DD and rejects dates that do not exist, such as 2023-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	// Year 0 has no date in PostgreSQL, and 0001-01-01 is the zero Date, which means none.
	if err != nil || !t.After(time.Time{}) {
		return Date{}, FieldError("date", MsgBadDate)
	}
	return Date{t}, nil
}

// IsZero reports whether d is the zero date (no date).
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return d.t }

// Year, Month and Day return the parts of d.
func (d Date) Year() int          { return d.t.Year() }
func (d Date) Month() time.Month  { return d.t.Month() }
func (d Date) Day() int           { return d.t.Day() }
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }
func (d Date) After(o Date) bool  { return d.t.After(o.t) }

// AddDate returns d moved by years, months and days.
func (d Date) AddDate(y, m, days int) Date { return Date{d.t.AddDate(y, m, days)} }

// String returns YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// MarshalJSON writes "YYYY-MM-DD", or null for the zero date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD"; null and "" give the zero date.
func (d *Date) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
