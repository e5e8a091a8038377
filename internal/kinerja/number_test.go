package kinerja_test

import (
	"testing"

	"kinerja/internal/kinerja"
)

func TestFormatNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		locale string
		v      float64
		places int // -1: FormatNumber and FormatPercent, else FormatDecimal
		want   string
	}{
		{"id", 0, -1, "0"},
		{"id", 100, -1, "100"},
		{"id", 64.62, -1, "64,62"},
		{"id", 64.625, -1, "64,63"},
		{"id", 1234.5, -1, "1.234,5"},
		{"id", 1234567.891, -1, "1.234.567,89"},
		{"id", -1234.5, -1, "-1.234,5"},
		{"id", -0.001, -1, "0"},
		{"en", 1234.5, -1, "1,234.5"},
		{"en", 64.62, -1, "64.62"},
		{"id", 85.2, 2, "85,20"},
		{"id", 1088.666, 2, "1.088,67"},
		{"en", 85.2, 2, "85.20"},
		{"id", -0.001, 2, "0,00"},
	}
	for _, tt := range tests {
		var got string
		if tt.places < 0 {
			got = kinerja.FormatNumber(tt.locale, tt.v)
		} else {
			got = kinerja.FormatDecimal(tt.locale, tt.v, tt.places)
		}
		if got != tt.want {
			t.Errorf("format(%q, %v, %d) = %q; want %q", tt.locale, tt.v, tt.places, got, tt.want)
		}
	}
}

func TestFormatPercent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		locale string
		v      float64
		want   string
	}{
		{"id", 100, "100 %"},
		{"id", 64.62, "64,62 %"},
		{"id", 75, "75 %"},
		{"id", 66.666, "66,67 %"},
		{"en", 100, "100%"},
		{"en", 64.62, "64.62%"},
	}
	for _, tt := range tests {
		if got := kinerja.FormatPercent(tt.locale, tt.v); got != tt.want {
			t.Errorf("FormatPercent(%q, %v) = %q; want %q", tt.locale, tt.v, got, tt.want)
		}
	}
}
