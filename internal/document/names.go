package document

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"kinerja/internal/kinerja"
)

// DefaultPlace is the place on the documents' signature blocks: organisations carry no city
// yet, and Kinerja serves Surabaya.
const DefaultPlace = "Surabaya"

// PeriodLabel names an evaluation period the way the documents print it: "Triwulan I 2026",
// "Maret 2026", "Semester II 2026", "Tahunan 2026".
func PeriodLabel(key string) string {
	months := []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
	var y, n int
	switch {
	case len(key) == 4:
		return "Tahunan " + key
	case len(key) == 7 && key[5] == 'Q':
		fmt.Sscanf(key, "%d-Q%d", &y, &n)
		return fmt.Sprintf("Triwulan %s %d", []string{"I", "II", "III", "IV"}[max(0, min(3, n-1))], y)
	case len(key) == 7 && key[5] == 'S':
		fmt.Sscanf(key, "%d-S%d", &y, &n)
		return fmt.Sprintf("Semester %s %d", []string{"I", "II"}[max(0, min(1, n-1))], y)
	case len(key) == 7:
		fmt.Sscanf(key, "%d-%d", &y, &n)
		return fmt.Sprintf("%s %d", months[max(0, min(11, n-1))], y)
	}
	return key
}

// digits keeps only the digits of an NIP, so that file names stay clean.
func digits(nip string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, nip)
}

// SKPFileName is "skp-<NIP>-<year>.pdf".
func SKPFileName(nip string, year int) string {
	return "skp-" + digits(nip) + "-" + strconv.Itoa(year) + ".pdf"
}

// EvaluationFileName is "evaluasi-<NIP>-<period>.pdf".
func EvaluationFileName(nip, period string) string {
	return "evaluasi-" + digits(nip) + "-" + period + ".pdf"
}

// SigningDate is the date on a document's signature block: when it was agreed (approved or
// finalised), else today for a draft.
func SigningDate(agreed *time.Time, today kinerja.Date) kinerja.Date {
	if agreed != nil {
		return kinerja.Today(*agreed)
	}
	return today
}
