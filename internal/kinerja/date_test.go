package kinerja

import "testing"

func TestParseDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in string
		ok bool
	}{
		{"2026-03-11", true},
		{"2024-02-29", true},
		{"0001-01-02", true},
		{"9999-12-31", true},
		{"2023-02-29", false},
		{"2026-13-01", false},
		{"2026-3-11", false},
		{"2026-03-11T10:00:00Z", false},
		{"", false},
		{"0001-01-01", false}, // the zero Date: it would read back as no date
		{"0000-06-15", false}, // PostgreSQL has no year 0
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if ok := err == nil; ok != tt.ok || (ok && d.String() != tt.in) {
			t.Errorf("ParseDate(%q) = %q, %v; want ok %v", tt.in, d, err, tt.ok)
		}
	}
}
