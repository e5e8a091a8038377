package kinerja

import "testing"

func TestParseTarget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12", 12, true},
		{"95,5", 95.5, true},
		{" 1 200 ", 1200, true},
		{"0", 0, true},
		{"-1", 0, false},
		{"1,5,5", 0, false},
		{"laporan", 0, false},
		{"NaN", 0, false},
		{"inf", 0, false}, // a realisation against it could not be written as JSON
		{"+Inf", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseTarget(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("ParseTarget(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
