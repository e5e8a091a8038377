package kinerja

import (
	"slices"
	"strings"
	"testing"
)

// FuzzParseImportRow checks the reading of one row of an employee file: every error names the
// row and a column of the file, and what is read is the trimmed text of the cells.
func FuzzParseImportRow(f *testing.F) {
	f.Add(uint16(2), "198005172005031001", "Agus Salim", "L", "1980-05-17", "PNS", "III/a", "Pelaksana")
	f.Add(uint16(3), "19800517 200503 1 001", " Siti ", "perempuan", "", "pppk", "IX", "fungsional")
	f.Add(uint16(4), "", "", "X", "17-05-1980", "", "", "")
	f.Add(uint16(5), "x", "y", "laki-laki", "1980-02-30", "cpns", "ii/c", "raja")
	f.Add(uint16(6), "1", "2", "p", "0001-01-01", "pns", "", "jpt")
	f.Fuzz(func(t *testing.T, row uint16, nip, name, gender, birth, status, grade, kind string) {
		r := ImportRow{Row: int(row) + 2, Values: map[string]string{"nip": nip, "nama": name, "jenis_kelamin": gender,
			"tanggal_lahir": birth, "status": status, "golongan": grade, "jenis_jabatan": kind}}
		in, errs := ParseImportRow(r)
		fields := map[string]bool{}
		for _, e := range errs {
			if e.Row != r.Row || !slices.Contains(ImportColumns, e.Field) || e.Message == "" || fields[e.Field] {
				t.Fatalf("ParseImportRow(%+v) error %+v; want row %d, one known column and a message", r, e, r.Row)
			}
			fields[e.Field] = true
		}
		if in.NIP != strings.TrimSpace(nip) || in.Name != strings.TrimSpace(name) || in.Grade != strings.TrimSpace(grade) ||
			string(in.Status) != strings.ToLower(strings.TrimSpace(status)) || string(in.PositionKind) != strings.ToLower(strings.TrimSpace(kind)) {
			t.Errorf("ParseImportRow(%+v) = %+v; want the trimmed cells", r, in)
		}
		if (in.Gender == "") != fields["jenis_kelamin"] {
			t.Errorf("ParseImportRow(jenis_kelamin %q) = %q with errors %+v; want a gender or an error", gender, in.Gender, errs)
		}
		switch b := strings.TrimSpace(birth); {
		case fields["tanggal_lahir"]:
			if !in.BirthDate.IsZero() {
				t.Errorf("ParseImportRow(tanggal_lahir %q) = %s with an error; want no date", birth, in.BirthDate)
			}
		case b == "":
			if !in.BirthDate.IsZero() {
				t.Errorf("ParseImportRow(tanggal_lahir %q) = %s; want no date", birth, in.BirthDate)
			}
		case in.BirthDate.String() != b:
			t.Errorf("ParseImportRow(tanggal_lahir %q) = %s; want the same date", birth, in.BirthDate)
		}
	})
}
