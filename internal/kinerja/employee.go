package kinerja

import (
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Gender as CONTRACT.md spells it.
type Gender string

// Genders.
const (
	GenderMale   Gender = "laki_laki"
	GenderFemale Gender = "perempuan"
)

// Valid reports whether g is known.
func (g Gender) Valid() bool { return g == GenderMale || g == GenderFemale }

// EmploymentStatus tells PNS, PPPK and CPNS apart.
type EmploymentStatus string

// Employment statuses.
const (
	StatusPNS  EmploymentStatus = "pns"
	StatusPPPK EmploymentStatus = "pppk"
	StatusCPNS EmploymentStatus = "cpns"
)

// EmploymentStatuses lists every status.
var EmploymentStatuses = []EmploymentStatus{StatusPNS, StatusPPPK, StatusCPNS}

// Valid reports whether s is known.
func (s EmploymentStatus) Valid() bool { return slices.Contains(EmploymentStatuses, s) }

// PositionKind is the kind of a position (jenis jabatan).
type PositionKind string

// Position kinds.
const (
	PositionJPT           PositionKind = "jpt"
	PositionAdministrator PositionKind = "administrator"
	PositionPengawas      PositionKind = "pengawas"
	PositionPelaksana     PositionKind = "pelaksana"
	PositionFungsional    PositionKind = "fungsional"
)

// PositionKinds lists every position kind, highest first.
var PositionKinds = []PositionKind{PositionJPT, PositionAdministrator, PositionPengawas, PositionPelaksana, PositionFungsional}

// Valid reports whether k is known.
func (k PositionKind) Valid() bool { return slices.Contains(PositionKinds, k) }

// Grade is a pangkat/golongan ruang: III/a for PNS and CPNS, IX for PPPK.
type Grade struct {
	Code, Pangkat string
}

// PNSGrades are the golongan ruang of PNS and CPNS with their pangkat, lowest first.
var PNSGrades = []Grade{
	{"I/a", "Juru Muda"}, {"I/b", "Juru Muda Tingkat I"}, {"I/c", "Juru"}, {"I/d", "Juru Tingkat I"},
	{"II/a", "Pengatur Muda"}, {"II/b", "Pengatur Muda Tingkat I"}, {"II/c", "Pengatur"}, {"II/d", "Pengatur Tingkat I"},
	{"III/a", "Penata Muda"}, {"III/b", "Penata Muda Tingkat I"}, {"III/c", "Penata"}, {"III/d", "Penata Tingkat I"},
	{"IV/a", "Pembina"}, {"IV/b", "Pembina Tingkat I"}, {"IV/c", "Pembina Utama Muda"}, {"IV/d", "Pembina Utama Madya"}, {"IV/e", "Pembina Utama"},
}

// PPPKGrades are the golongan of PPPK, I to XVII.
var PPPKGrades = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"}

// NormalizeGrade returns the official spelling of a grade for a status ("iii/A" → "III/a"),
// and whether it is valid for that status.
func NormalizeGrade(s string, status EmploymentStatus) (string, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if status == StatusPPPK {
		u := strings.ToUpper(s)
		return u, slices.Contains(PPPKGrades, u)
	}
	room, letter, ok := strings.Cut(s, "/")
	if !ok {
		return s, false
	}
	code := strings.ToUpper(room) + "/" + strings.ToLower(letter)
	for _, g := range PNSGrades {
		if g.Code == code {
			return code, true
		}
	}
	return s, false
}

// Pangkat returns the pangkat name of a PNS grade code, or "".
func Pangkat(code string) string {
	for _, g := range PNSGrades {
		if g.Code == code {
			return g.Pangkat
		}
	}
	return ""
}

// InactiveReason says why an employee left active service.
type InactiveReason string

// Reasons for inactivity.
const (
	ReasonMutasi        InactiveReason = "mutasi"
	ReasonPensiun       InactiveReason = "pensiun"
	ReasonBerhenti      InactiveReason = "berhenti"
	ReasonMeninggal     InactiveReason = "meninggal"
	ReasonCLTN          InactiveReason = "cltn"          // cuti di luar tanggungan negara
	ReasonTugasBelajar  InactiveReason = "tugas_belajar" // full-time study
	ReasonDiberhentikan InactiveReason = "diberhentikan_sementara"
	ReasonLainnya       InactiveReason = "lainnya"
)

// InactiveReasons lists every reason.
var InactiveReasons = []InactiveReason{ReasonMutasi, ReasonPensiun, ReasonBerhenti, ReasonMeninggal, ReasonCLTN, ReasonTugasBelajar, ReasonDiberhentikan, ReasonLainnya}

// Employee is a civil servant (PNS, PPPK or CPNS) of an organisation.
type Employee struct {
	ID             int64            `json:"id"`
	OrgID          int64            `json:"org_id"`
	NIP            string           `json:"nip"`
	Name           string           `json:"name"`
	Gender         Gender           `json:"gender"`
	BirthDate      Date             `json:"birth_date"`
	Status         EmploymentStatus `json:"status"`
	Grade          string           `json:"grade"`
	Position       string           `json:"position"`
	PositionKind   PositionKind     `json:"position_kind"`
	UnitID         int64            `json:"unit_id"`
	SupervisorID   *int64           `json:"supervisor_id"`
	AppraiserID    *int64           `json:"appraiser_id"` // pejabat penilai; the supervisor unless overridden
	Phone          string           `json:"phone"`
	Email          string           `json:"email"`
	Active         bool             `json:"active"`
	InactiveReason InactiveReason   `json:"inactive_reason"`
	CreatedAt      time.Time        `json:"created_at"`
	UpdatedAt      time.Time        `json:"updated_at"`

	// AppraiserOverride is true when AppraiserID was set by hand rather than following the supervisor.
	AppraiserOverride bool `json:"appraiser_override"`
	// Access is how much of this record the caller may see; lists mix full and directory entries.
	Access Access `json:"-"`
}

// DirectoryEntry is what every member of an organisation may see of a colleague: no personal data.
type DirectoryEntry struct {
	ID           int64        `json:"id"`
	Name         string       `json:"name"`
	Position     string       `json:"position"`
	PositionKind PositionKind `json:"position_kind"`
	UnitID       int64        `json:"unit_id"`
	SupervisorID *int64       `json:"supervisor_id"`
	Active       bool         `json:"active"`
}

// Directory returns the directory view of e.
func (e *Employee) Directory() DirectoryEntry {
	return DirectoryEntry{ID: e.ID, Name: e.Name, Position: e.Position, PositionKind: e.PositionKind,
		UnitID: e.UnitID, SupervisorID: e.SupervisorID, Active: e.Active}
}

// Employee messages.
const (
	MsgEmployeeNotFound      = "Pegawai tidak ditemukan."
	MsgNIPTaken              = "NIP sudah terdaftar."
	MsgNameRequired          = "Nama wajib diisi."
	MsgGenderUnknown         = "Jenis kelamin harus laki_laki atau perempuan."
	MsgBirthDateRequired     = "Tanggal lahir wajib diisi (YYYY-MM-DD)."
	MsgBirthDateRange        = "Tanggal lahir harus antara 1940 dan 18 tahun yang lalu."
	MsgStatusUnknown         = "Status kepegawaian harus pns, pppk atau cpns."
	MsgGradeUnknown          = "Golongan tidak dikenal untuk status ini (PNS/CPNS: I/a–IV/e, PPPK: I–XVII)."
	MsgPositionRequired      = "Jabatan wajib diisi."
	MsgPositionKindUnknown   = "Jenis jabatan harus jpt, administrator, pengawas, pelaksana atau fungsional."
	MsgUnitRequired          = "Unit kerja wajib dipilih."
	MsgEmailInvalid          = "Alamat e-mail tidak valid."
	MsgPhoneInvalid          = "Nomor telepon 8–20 karakter: angka, spasi, +, - atau tanda kurung."
	MsgSupervisorSelf        = "Atasan langsung tidak boleh pegawai itu sendiri."
	MsgSupervisorLoop        = "Atasan ini membuat rantai atasan berputar (pegawai menjadi atasan dari atasannya sendiri)."
	MsgSupervisorInactive    = "Atasan langsung harus pegawai aktif."
	MsgSupervisorOther       = "Atasan langsung harus pegawai di organisasi yang sama."
	MsgAppraiserInvalid      = "Pejabat penilai harus pegawai aktif lain di organisasi yang sama."
	MsgInactiveReason        = "Pilih alasan nonaktif (mutasi, pensiun, …)."
	MsgHasActiveSubordinates = "Pegawai ini masih menjadi atasan pegawai aktif. Pindahkan bawahannya lebih dahulu."
	MsgEffectiveDateFuture   = "Tanggal berlaku tidak boleh lebih dari satu tahun ke depan."
)

// EmployeeInput holds every editable field of an employee, as typed in a form or a file.
type EmployeeInput struct {
	NIP            string           `json:"nip"`
	Name           string           `json:"name"`
	Gender         Gender           `json:"gender"`
	BirthDate      Date             `json:"birth_date"`
	Status         EmploymentStatus `json:"status"`
	Grade          string           `json:"grade"`
	Position       string           `json:"position"`
	PositionKind   PositionKind     `json:"position_kind"`
	UnitID         int64            `json:"unit_id"`
	SupervisorID   *int64           `json:"supervisor_id"`
	AppraiserID    *int64           `json:"appraiser_id"` // nil: follow the supervisor
	Phone          string           `json:"phone"`
	Email          string           `json:"email"`
	Active         *bool            `json:"active"` // nil: active
	InactiveReason InactiveReason   `json:"inactive_reason"`
	// EffectiveDate is when a change of position, unit or supervisor takes effect (default today).
	EffectiveDate Date `json:"effective_date"`
}

var phonePattern = regexp.MustCompile(`^[0-9+()\- ]{8,20}$`)

// Validate normalises in and checks every field that needs no database, collecting all
// problems. today bounds dates.
func (in *EmployeeInput) Validate(today Date) error {
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	in.Position = strings.Join(strings.Fields(in.Position), " ")
	in.Phone = strings.TrimSpace(in.Phone)
	in.Email = strings.TrimSpace(in.Email)
	var v Validation
	if in.Name == "" {
		v.Add("name", MsgNameRequired)
	} else if utf8.RuneCountInString(in.Name) > 200 {
		v.Add("name", MsgNameTooLong)
	}
	if !in.Gender.Valid() {
		v.Add("gender", MsgGenderUnknown)
	}
	switch {
	case in.BirthDate.IsZero():
		v.Add("birth_date", MsgBirthDateRequired)
	case in.BirthDate.Year() < 1940 || in.BirthDate.After(today.AddDate(-18, 0, 0)):
		v.Add("birth_date", MsgBirthDateRange)
	}
	if !in.Status.Valid() {
		v.Add("status", MsgStatusUnknown)
	} else {
		nip, facts, err := ParseNIP(in.NIP, in.Status, today)
		in.NIP = nip
		switch {
		case err != nil:
			v.Add("nip", ErrorFields(err)["nip"])
		case !in.BirthDate.IsZero() && facts.BirthDate != in.BirthDate:
			v.Add("nip", MsgNIPBirthMatch)
		case in.Gender.Valid() && facts.Gender != in.Gender:
			v.Add("nip", MsgNIPGenderMatch)
		}
		grade, ok := NormalizeGrade(in.Grade, in.Status)
		in.Grade = grade
		if !ok {
			v.Add("grade", MsgGradeUnknown)
		}
	}
	if in.Position == "" {
		v.Add("position", MsgPositionRequired)
	} else if utf8.RuneCountInString(in.Position) > 200 {
		v.Add("position", "Jabatan paling banyak 200 karakter.")
	}
	if !in.PositionKind.Valid() {
		v.Add("position_kind", MsgPositionKindUnknown)
	}
	if in.UnitID <= 0 {
		v.Add("unit_id", MsgUnitRequired)
	}
	if in.Email != "" {
		if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email {
			v.Add("email", MsgEmailInvalid)
		}
	}
	if in.Phone != "" && !phonePattern.MatchString(in.Phone) {
		v.Add("phone", MsgPhoneInvalid)
	}
	if in.Active != nil && !*in.Active {
		if !slices.Contains(InactiveReasons, in.InactiveReason) {
			v.Add("inactive_reason", MsgInactiveReason)
		}
	} else {
		in.InactiveReason = ""
	}
	if in.EffectiveDate.After(today.AddDate(1, 0, 0)) {
		v.Add("effective_date", MsgEffectiveDateFuture)
	}
	return v.Err()
}

// Input returns the editable fields of e, for an update that changes some of them.
func (e *Employee) Input() EmployeeInput {
	active := e.Active
	in := EmployeeInput{NIP: e.NIP, Name: e.Name, Gender: e.Gender, BirthDate: e.BirthDate, Status: e.Status,
		Grade: e.Grade, Position: e.Position, PositionKind: e.PositionKind, UnitID: e.UnitID,
		SupervisorID: e.SupervisorID, Phone: e.Phone, Email: e.Email, Active: &active, InactiveReason: e.InactiveReason}
	if e.AppraiserOverride {
		in.AppraiserID = e.AppraiserID
	}
	return in
}

// EmployeeFilter selects employees for a list, in name order.
type EmployeeFilter struct {
	OrgID        int64  // the organisation; a member's own one is forced
	Query        string // part of the name, position or NIP (NIP only matches records the caller may fully see)
	UnitID       *int64 // the unit and its sub-units
	SupervisorID *int64 // direct subordinates of this employee
	PositionKind PositionKind
	Status       EmploymentStatus
	Active       *bool // nil: active only
	All          bool  // include inactive employees too
	Offset       int
	Limit        int
}

// SetKinds sets the position kind and the employment status a list is filtered by, as a form
// or a query gives them ("" for any), recording unknown values on their fields.
func (f *EmployeeFilter) SetKinds(positionKind, status string, v *Validation) {
	if positionKind != "" {
		if f.PositionKind = PositionKind(positionKind); !f.PositionKind.Valid() {
			v.Add("position_kind", MsgPositionKindUnknown)
		}
	}
	if status != "" {
		if f.Status = EmploymentStatus(status); !f.Status.Valid() {
			v.Add("status", MsgStatusUnknown)
		}
	}
}

// EmployeeHistory is one period of an employee's position, unit and reporting line.
type EmployeeHistory struct {
	ID             int64        `json:"id"`
	EmployeeID     int64        `json:"employee_id"`
	EffectiveDate  Date         `json:"effective_date"`
	Position       string       `json:"position"`
	PositionKind   PositionKind `json:"position_kind"`
	Grade          string       `json:"grade"`
	UnitID         int64        `json:"unit_id"`
	UnitName       string       `json:"unit_name"`
	SupervisorID   *int64       `json:"supervisor_id"`
	SupervisorName string       `json:"supervisor_name"`
	AppraiserID    *int64       `json:"appraiser_id"`
	RecordedAt     time.Time    `json:"recorded_at"`
	RecordedBy     string       `json:"recorded_by"`
}

// TeamMember is an employee below someone in the reporting lines, with their depth (1 = direct).
type TeamMember struct {
	Employee
	Depth int `json:"depth"`
}
