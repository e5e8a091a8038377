package kinerja

import (
	"math"
	"strconv"
	"testing"
)

// FuzzParseTarget checks that an accepted numeric target is a finite number, not negative, so
// that the realisation computed against it can always be written as JSON, and that it reads
// the same when written back with a dot.
func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"12", "95,5", "95.5", " 1 200 ", "0", "-1", "1,5,5", "1.000,5", "abc", "", "inf",
		"+Inf", "NaN", "1e308", "1e309", "4.9e-324", "0x1p4", "1_000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseTarget(s)
		if !ok {
			return
		}
		if math.IsInf(v, 0) || math.IsNaN(v) || v < 0 {
			t.Fatalf("ParseTarget(%q) = %v; want a finite number, not negative", s, v)
		}
		if back, ok := ParseTarget(strconv.FormatFloat(v, 'f', -1, 64)); !ok || back != v {
			t.Errorf("ParseTarget(%q) = %v, but its decimal form reads %v, %v", s, v, back, ok)
		}
	})
}
