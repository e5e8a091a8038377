package kinerja

import (
	"math"
	"strconv"
	"strings"
)

// FormatNumber writes v for a reader of locale with at most two decimals, trailing zeros
// dropped: "1.234,5" in Bahasa Indonesia (thousands dot, decimal comma), "1,234.5" in English.
// Every number shown to people goes through it or FormatDecimal, so a page never mixes the two
// styles.
func FormatNumber(locale string, v float64) string {
	return formatNumber(locale, strconv.FormatFloat(math.Abs(math.Round(v*100)/100), 'f', -1, 64), v < 0 && math.Round(v*100) != 0)
}

// FormatDecimal writes v with exactly places decimals, as scores are printed: "85,20".
func FormatDecimal(locale string, v float64, places int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', places, 64)
	return formatNumber(locale, s, v < 0 && strings.Trim(s, "0.") != "")
}

// FormatPercent writes v per cent: "64,62 %" in Bahasa Indonesia (the KBBI/PUEBI style, a
// space before the sign), "64.62%" in English.
func FormatPercent(locale string, v float64) string {
	if locale == "en" {
		return FormatNumber(locale, v) + "%"
	}
	return FormatNumber(locale, v) + " %"
}

func formatNumber(locale, digits string, negative bool) string {
	group, point := ".", ","
	if locale == "en" {
		group, point = ",", "."
	}
	whole, frac, _ := strings.Cut(digits, ".")
	var b strings.Builder
	if negative {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(point + frac)
	}
	return b.String()
}
