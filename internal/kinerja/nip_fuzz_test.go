package kinerja

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// nipMessages are the only messages ParseNIP may answer with.
var nipMessages = []string{MsgNIPRequired, MsgNIPLength, MsgNIPBirthDate, MsgNIPTMTMonth, MsgNIPTMTFuture,
	MsgNIPTMTTooEarly, MsgNIPPPPKYear, MsgNIPGender, MsgNIPSequence}

// FuzzParseNIP checks ParseNIP for every employment status on any text and any day: an
// accepted NIP is 18 digits whose normalised form, however it is written, parses again to the
// same facts, and a refusal is an invalid *Error naming the field nip with a known message.
func FuzzParseNIP(f *testing.F) {
	for _, s := range []string{
		"198005172005031001", "19800517 200503.1-001", "199812012025012003", "199001012022211001",
		"19800517200503100", "19800517200503100X", " ", "", "198002302005031001", "193905172005031001",
		"198005172005131001", "198005172005001001", "198005172027011001", "198005171997011001",
		"198005172005033001", "198005172005031000", "199001012000211001", "١٩٨٠٠٥١٧٢٠٠٥٠٣١٠٠١",
		"\t1980-05-17\t2005-03 1 001", "000000000000000000", "999912312026129999",
	} {
		for status := range uint8(4) {
			f.Add(s, status, uint16(9827)) // 2026-11-27
		}
	}
	statuses := []EmploymentStatus{StatusPNS, StatusPPPK, StatusCPNS, ""}
	f.Fuzz(func(t *testing.T, s string, st uint8, day uint16) {
		status := statuses[int(st)%len(statuses)]
		today := NewDate(2000, time.January, 1).AddDate(0, 0, int(day))
		n, facts, err := ParseNIP(s, status, today)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != EINVALID || len(e.Fields) != 1 || e.Fields["nip"] == "" ||
				!slices.Contains(nipMessages, e.Fields["nip"]) {
				t.Fatalf("ParseNIP(%q, %s, %s) error = %#v; want an invalid *Error naming nip with a known message", s, status, today, err)
			}
			return
		}
		if len(n) != 18 || strings.Trim(n, "0123456789") != "" {
			t.Fatalf("ParseNIP(%q, %s, %s) = %q; want 18 digits", s, status, today, n)
		}
		if n != NormalizeNIP(s) {
			t.Errorf("ParseNIP(%q) = %q; want the normalised input %q", s, n, NormalizeNIP(s))
		}
		if got := facts.BirthDate.Time().Format("20060102"); got != n[:8] {
			t.Errorf("ParseNIP(%q) birth date %s; want digits 1–8 %s", s, got, n[:8])
		}
		if facts.BirthDate.Year() < 1940 || !facts.BirthDate.Before(today) {
			t.Errorf("ParseNIP(%q, today %s) birth date %s; want from 1940 and before today", s, today, facts.BirthDate)
		}
		if want := map[byte]Gender{'1': GenderMale, '2': GenderFemale}[n[14]]; facts.Gender != want {
			t.Errorf("ParseNIP(%q) gender %q; want %q from digit 15", s, facts.Gender, want)
		}
		if facts.PPPK && status != StatusPPPK {
			t.Errorf("ParseNIP(%q, %s) says NI PPPK for another status", s, status)
		}
		// Written with the separators people use, the number says the same.
		spaced := n[:8] + " " + n[8:14] + ".- " + n[14:15] + "\t" + n[15:]
		for _, in := range []string{n, spaced} {
			n2, facts2, err := ParseNIP(in, status, today)
			if err != nil || n2 != n || facts2 != facts {
				t.Errorf("ParseNIP(%q) = %q, %+v, %v; want %q, %+v as for %q", in, n2, facts2, err, n, facts, s)
			}
		}
	})
}
