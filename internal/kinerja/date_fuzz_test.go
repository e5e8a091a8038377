package kinerja

import (
	"encoding/json"
	"errors"
	"testing"
)

// dateSeeds are dates as people and programs send them, valid or not.
var dateSeeds = []string{
	"2026-03-11", "2024-02-29", "2023-02-29", "2023-02-30", "2026-13-01", "2026-00-10", "2026-1-5",
	"26-03-11", "2026/03/11", "11-03-2026", "2026-03-11T10:00:00Z", " 2026-03-11", "kemarin", "",
	"0001-01-01", "0000-06-15", "9999-12-31", "+2026-03-11", "２０２６-03-11",
}

// FuzzParseDate checks that an accepted date is a real date that round-trips through its
// string and JSON forms, and that a refusal is an invalid *Error naming the date.
func FuzzParseDate(f *testing.F) {
	for _, s := range dateSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != EINVALID || e.Fields["date"] != MsgBadDate {
				t.Fatalf("ParseDate(%q) error = %#v; want an invalid *Error naming date", s, err)
			}
			return
		}
		if d.IsZero() || d.String() != s {
			t.Fatalf("ParseDate(%q) = %q (zero %v); want the same text back", s, d, d.IsZero())
		}
		b, err := d.MarshalJSON()
		if err != nil {
			t.Fatalf("ParseDate(%q).MarshalJSON() error = %v", s, err)
		}
		var back Date
		if err := back.UnmarshalJSON(b); err != nil || back != d {
			t.Errorf("Date JSON round trip of %q: %s gives %q, %v", s, b, back, err)
		}
	})
}

// FuzzDateJSON checks Date.UnmarshalJSON on any bytes: null and "" give the zero date, any
// other accepted value writes back as the same JSON string, and a string that is not a date
// is an invalid *Error.
func FuzzDateJSON(f *testing.F) {
	for _, s := range dateSeeds {
		b, _ := json.Marshal(s)
		f.Add(b)
	}
	for _, s := range []string{`null`, `"\u0032026-03-11"`, `2026`, `{"date":"2026-03-11"}`, `"2026-03-11`, `nul`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var d Date
		err := d.UnmarshalJSON(b)
		var s string
		isString := json.Unmarshal(b, &s) == nil
		switch {
		case err != nil:
			var e *Error
			if isString && (!errors.As(err, &e) || e.Code != EINVALID) {
				t.Fatalf("UnmarshalJSON(%s) error = %#v; want an invalid *Error for a JSON string", b, err)
			}
		case d.IsZero():
			if string(b) != "null" && (!isString || s != "") {
				t.Fatalf("UnmarshalJSON(%s) = the zero date; want it only for null and \"\"", b)
			}
		default:
			out, err := d.MarshalJSON()
			if err != nil || !isString || string(out) != `"`+s+`"` {
				t.Fatalf("UnmarshalJSON(%s) = %q, MarshalJSON = %s, %v; want the string %q back", b, d, out, err, s)
			}
		}
	})
}
