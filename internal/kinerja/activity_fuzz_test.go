package kinerja

import (
	"fmt"
	"strings"
	"testing"
)

// FuzzEvalKey checks the evaluation period keys of the API and the forms (2026, 2026-03,
// 2026-Q1, 2026-S1): a key's year is its first four digits, and a valid key names a period of
// its year whose key is the same text, with a start no later than its end.
func FuzzEvalKey(f *testing.F) {
	for _, s := range []string{"2026", "2026-03", "2026-12", "2026-Q1", "2026-Q4", "2026-S1", "2026-S2", "2026-13",
		"2026-Q5", "2026-S3", "2026-3", "2026-q1", "26-Q1", "+202-Q1", "0000", "9999-Q4", "2026-Q1-", "", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, key string) {
		year, ok := EvalKeyYear(key)
		if ok && !strings.HasPrefix(key, fmt.Sprintf("%04d", year)) {
			t.Fatalf("EvalKeyYear(%q) = %d; want the year written at the start of the key", key, year)
		}
		if !ValidEvalKey(key) {
			return
		}
		if !ok {
			t.Fatalf("ValidEvalKey(%q) without a year", key)
		}
		found := false
		for _, c := range []Cadence{CadenceMonthly, CadenceQuarterly, CadenceSemester} {
			p, ok := FindEvalPeriod(year, c, key)
			if !ok {
				continue
			}
			found = true
			if p.Key != key || p.Start.After(p.End) || p.Start.Year() != year || p.End.Year() != year {
				t.Errorf("FindEvalPeriod(%d, %s, %q) = %+v; want that key, within %d", year, c, key, p, year)
			}
		}
		if !found {
			t.Errorf("ValidEvalKey(%q) but no cadence of %d has it", key, year)
		}
	})
}
