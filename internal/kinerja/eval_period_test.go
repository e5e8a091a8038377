package kinerja_test

import (
	"testing"
	"time"

	"kinerja/internal/kinerja"
)

func TestEvalPeriodSpan(t *testing.T) {
	t.Parallel()
	d := func(m time.Month, day int) kinerja.Date { return kinerja.NewDate(2026, m, day) }
	year := [2]kinerja.Date{d(time.January, 1), d(time.December, 31)}
	fromJuly := [2]kinerja.Date{d(time.July, 1), d(time.December, 31)}
	tests := []struct {
		key      string
		within   [2]kinerja.Date
		from, to kinerja.Date
		ok       bool
	}{
		{"2026-Q1", year, d(time.January, 1), d(time.March, 31), true},
		{"2026-Q4", year, d(time.October, 1), d(time.December, 31), true},
		{"2026-S1", year, d(time.January, 1), d(time.June, 30), true},
		{"2026-02", year, d(time.February, 1), d(time.February, 28), true},
		{"2026", year, d(time.January, 1), d(time.December, 31), true},
		{"2026", fromJuly, d(time.July, 1), d(time.December, 31), true},
		{"2026-Q3", [2]kinerja.Date{d(time.August, 15), d(time.December, 31)}, d(time.August, 15), d(time.September, 30), true},
		{"2026-Q1", fromJuly, kinerja.Date{}, kinerja.Date{}, false},
		{"2026-Q1", [2]kinerja.Date{}, d(time.January, 1), d(time.March, 31), true},
		{"2026-Q5", year, kinerja.Date{}, kinerja.Date{}, false},
		{"triwulan", year, kinerja.Date{}, kinerja.Date{}, false},
	}
	for _, tt := range tests {
		from, to, ok := kinerja.EvalPeriodSpan(tt.key, tt.within[0], tt.within[1])
		if ok != tt.ok || (ok && (from != tt.from || to != tt.to)) {
			t.Errorf("EvalPeriodSpan(%q, %v) = %v, %v, %v; want %v, %v, %v", tt.key, tt.within, from, to, ok, tt.from, tt.to, tt.ok)
		}
	}
	for key, want := range map[string]bool{"2026-Q1": true, "2026-03": true, "2026-S2": true, "2026": false, "x": false} {
		if got := kinerja.PeriodicKey(key); got != want {
			t.Errorf("PeriodicKey(%q) = %v; want %v", key, got, want)
		}
	}
}
