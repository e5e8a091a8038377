package kinerja

import (
	"testing"
	"time"
)

func TestParseNIP(t *testing.T) {
	t.Parallel()
	today := NewDate(2026, time.November, 27)
	tests := []struct {
		name   string
		in     string
		status EmploymentStatus
		want   string // normalised NIP, or "" when an error is expected
		msg    string
	}{
		{"valid male", "198005172005031001", StatusPNS, "198005172005031001", ""},
		{"spaces dots dashes", "19800517 200503.1-001", StatusPNS, "198005172005031001", ""},
		{"valid female cpns", "199812012025012003", StatusCPNS, "199812012025012003", ""},
		{"17 digits", "19800517200503100", StatusPNS, "", MsgNIPLength},
		{"letters", "19800517200503100X", StatusPNS, "", MsgNIPLength},
		{"empty", " ", StatusPNS, "", MsgNIPRequired},
		{"bad birth date", "198002302005031001", StatusPNS, "", MsgNIPBirthDate},
		{"born before 1940", "193905172005031001", StatusPNS, "", MsgNIPBirthDate},
		{"bad month", "198005172005131001", StatusPNS, "", MsgNIPTMTMonth},
		{"month zero", "198005172005001001", StatusPNS, "", MsgNIPTMTMonth},
		{"tmt in future", "198005172027011001", StatusPNS, "", MsgNIPTMTFuture},
		{"tmt before 18", "198005171997011001", StatusPNS, "", MsgNIPTMTTooEarly},
		{"gender digit 3", "198005172005033001", StatusPNS, "", MsgNIPGender},
		{"sequence 000", "198005172005031000", StatusPNS, "", MsgNIPSequence},
		{"ni pppk", "199001012022211001", StatusPPPK, "199001012022211001", ""},
		{"ni pppk year too early", "199001012000211001", StatusPPPK, "", MsgNIPPPPKYear},
		{"pppk with nip layout", "198005172005031001", StatusPPPK, "198005172005031001", ""},
		{"ni pppk layout for pns", "199001012022211001", StatusPNS, "", MsgNIPTMTMonth},
	}
	for _, tt := range tests {
		got, _, err := ParseNIP(tt.in, tt.status, today)
		if tt.msg != "" {
			if ErrorFields(err)["nip"] != tt.msg {
				t.Errorf("%s: ParseNIP(%q) error = %v; want %q", tt.name, tt.in, err, tt.msg)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: ParseNIP(%q) = %q, %v; want %q", tt.name, tt.in, got, err, tt.want)
		}
	}
}

func TestParseNIP_Facts(t *testing.T) {
	t.Parallel()
	_, f, err := ParseNIP("199812012025012003", StatusPNS, NewDate(2026, 1, 1))
	if err != nil || f.BirthDate != NewDate(1998, 12, 1) || f.Gender != GenderFemale || f.PPPK {
		t.Errorf("facts = %+v, %v; want born 1998-12-01, perempuan, not PPPK", f, err)
	}
}

func TestNormalizeGrade(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		status EmploymentStatus
		want   string
		ok     bool
	}{
		{"III/a", StatusPNS, "III/a", true},
		{"iii/A", StatusPNS, "III/a", true},
		{" IV / e ", StatusCPNS, "IV/e", true},
		{"IV/f", StatusPNS, "IV/f", false},
		{"I/e", StatusPNS, "I/e", false},
		{"ix", StatusPPPK, "IX", true},
		{"XVIII", StatusPPPK, "XVIII", false},
		{"III/a", StatusPPPK, "III/A", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeGrade(tt.in, tt.status)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeGrade(%q, %s) = %q, %v; want %q, %v", tt.in, tt.status, got, ok, tt.want, tt.ok)
		}
	}
}

func TestEmployeeInputValidate(t *testing.T) {
	t.Parallel()
	today := NewDate(2026, time.November, 27)
	valid := func() EmployeeInput {
		return EmployeeInput{NIP: "198005172005031001", Name: "  Drs.  Bambang   Sutrisno, M.Si. ", Gender: GenderMale,
			BirthDate: NewDate(1980, 5, 17), Status: StatusPNS, Grade: "iv/a", Position: "Camat", PositionKind: PositionAdministrator, UnitID: 1}
	}
	in := valid()
	if err := in.Validate(today); err != nil || in.Name != "Drs. Bambang Sutrisno, M.Si." || in.Grade != "IV/a" {
		t.Fatalf("Validate(valid) = %v, %+v", err, in)
	}
	off := false
	tests := []struct {
		name  string
		edit  func(*EmployeeInput)
		field string
	}{
		{"gender mismatch", func(e *EmployeeInput) { e.Gender = GenderFemale }, "nip"},
		{"birth date mismatch", func(e *EmployeeInput) { e.BirthDate = NewDate(1980, 5, 18) }, "nip"},
		{"no name", func(e *EmployeeInput) { e.Name = " " }, "name"},
		{"pppk grade for pns", func(e *EmployeeInput) { e.Grade = "IX" }, "grade"},
		{"no unit", func(e *EmployeeInput) { e.UnitID = 0 }, "unit_id"},
		{"bad email", func(e *EmployeeInput) { e.Email = "bukan email" }, "email"},
		{"bad phone", func(e *EmployeeInput) { e.Phone = "telp 123" }, "phone"},
		{"bad kind", func(e *EmployeeInput) { e.PositionKind = "raja" }, "position_kind"},
		{"inactive without reason", func(e *EmployeeInput) { e.Active = &off }, "inactive_reason"},
		{"too young", func(e *EmployeeInput) { e.BirthDate = NewDate(2010, 1, 1) }, "birth_date"},
	}
	for _, tt := range tests {
		in := valid()
		tt.edit(&in)
		if err := in.Validate(today); ErrorFields(err)[tt.field] == "" {
			t.Errorf("%s: Validate() = %v; want an error on %s", tt.name, err, tt.field)
		}
	}
}
