package kinerja

import (
	"strconv"
	"strings"
	"time"
)

// NIP messages name the part of the number at fault.
const (
	MsgNIPRequired    = "NIP wajib diisi."
	MsgNIPLength      = "NIP harus 18 digit angka."
	MsgNIPBirthDate   = "Digit 1–8 NIP harus tanggal lahir yang valid (YYYYMMDD, tahun 1940 atau sesudahnya)."
	MsgNIPBirthMatch  = "Tanggal lahir pada NIP tidak sama dengan tanggal lahir pegawai."
	MsgNIPTMTMonth    = "Digit 13–14 NIP (bulan TMT CPNS) harus 01–12."
	MsgNIPTMTFuture   = "TMT CPNS pada NIP (digit 9–14) tidak boleh di masa depan."
	MsgNIPTMTTooEarly = "TMT CPNS pada NIP (digit 9–14) harus minimal 18 tahun setelah tanggal lahir."
	MsgNIPPPPKYear    = "Tahun pengangkatan pada NI PPPK (digit 9–12) tidak valid."
	MsgNIPGender      = "Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."
	MsgNIPGenderMatch = "Jenis kelamin pada NIP (digit ke-15) tidak sama dengan jenis kelamin pegawai."
	MsgNIPSequence    = "Digit 16–18 NIP (nomor urut) harus 001–999."
)

// NormalizeNIP removes the spaces, dots and dashes people write inside an NIP.
func NormalizeNIP(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', '-', '\t':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// NIPFacts is what the digits of a valid NIP or NI PPPK say.
type NIPFacts struct {
	BirthDate Date
	Gender    Gender
	PPPK      bool // an NI PPPK: digits 13–14 above 12
}

// ParseNIP normalises and checks an NIP (PNS, CPNS) or NI PPPK against the rules of DOMAIN.md
// §7. today bounds the TMT. It returns the 18-digit string and what the digits say, or a
// message in Bahasa Indonesia naming the part at fault.
func ParseNIP(s string, status EmploymentStatus, today Date) (string, NIPFacts, error) {
	n := NormalizeNIP(s)
	fail := func(msg string) (string, NIPFacts, error) { return n, NIPFacts{}, FieldError("nip", msg) }
	if n == "" {
		return fail(MsgNIPRequired)
	}
	if len(n) != 18 || strings.Trim(n, "0123456789") != "" {
		return fail(MsgNIPLength)
	}
	var f NIPFacts
	birth, err := time.Parse("20060102", n[0:8])
	if err != nil || birth.Year() < 1940 {
		return fail(MsgNIPBirthDate)
	}
	f.BirthDate = DateOf(birth)

	year, _ := strconv.Atoi(n[8:12])
	month, _ := strconv.Atoi(n[12:14])
	f.PPPK = month > 12 && status == StatusPPPK
	if f.PPPK {
		if year < f.BirthDate.Year()+18 || year > today.Year() {
			return fail(MsgNIPPPPKYear)
		}
	} else {
		if month < 1 || month > 12 {
			return fail(MsgNIPTMTMonth)
		}
		tmt := NewDate(year, time.Month(month), 1)
		if tmt.After(today) {
			return fail(MsgNIPTMTFuture)
		}
		// The TMT is a month; the employee must turn 18 by its end at the latest.
		if tmt.AddDate(0, 1, -1).Before(f.BirthDate.AddDate(18, 0, 0)) {
			return fail(MsgNIPTMTTooEarly)
		}
	}
	switch n[14] {
	case '1':
		f.Gender = GenderMale
	case '2':
		f.Gender = GenderFemale
	default:
		return fail(MsgNIPGender)
	}
	if n[15:18] == "000" {
		return fail(MsgNIPSequence)
	}
	return n, f, nil
}
