package kinerja

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Cadence is how often an organisation evaluates during the year (DOMAIN.md §1).
type Cadence string

// Cadences; quarterly is the default.
const (
	CadenceMonthly   Cadence = "monthly"
	CadenceQuarterly Cadence = "quarterly"
	CadenceSemester  Cadence = "semester"
)

// Cadences lists every cadence.
var Cadences = []Cadence{CadenceMonthly, CadenceQuarterly, CadenceSemester}

// Period is an organisation's performance year.
type Period struct {
	ID      int64   `json:"id"`
	OrgID   int64   `json:"org_id"`
	Year    int     `json:"year"`
	Start   Date    `json:"start"`
	End     Date    `json:"end"`
	Cadence Cadence `json:"cadence"`
	Closed  bool    `json:"closed"`
	// SKPDueDate is the organisation's date for setting the year's SKP; zero means the end of
	// January (SKPDue).
	SKPDueDate Date      `json:"skp_due"`
	CreatedAt  time.Time `json:"created_at"`
}

// NewPeriod is the input to open a performance year.
type NewPeriod struct {
	OrgID   int64   `json:"org_id"`
	Year    int     `json:"year"`
	Cadence Cadence `json:"cadence"`
	Start   Date    `json:"start"` // default 1 January
	End     Date    `json:"end"`   // default 31 December
}

// Period messages.
const (
	MsgPeriodYear     = "Tahun harus antara 2000 dan 2100."
	MsgPeriodCadence  = "Siklus penilaian harus monthly, quarterly atau semester."
	MsgPeriodRange    = "Tanggal mulai dan selesai harus di dalam tahun itu, mulai sebelum selesai."
	MsgPeriodTaken    = "Periode untuk tahun ini sudah ada."
	MsgPeriodNotFound = "Periode tidak ditemukan."
	MsgPeriodClosed   = "Periode sudah ditutup."
)

// Validate fills defaults and checks n.
func (n *NewPeriod) Validate() error {
	var v Validation
	if n.Year < 2000 || n.Year > 2100 {
		v.Add("year", MsgPeriodYear)
	}
	if n.Cadence == "" {
		n.Cadence = CadenceQuarterly
	}
	if !slices.Contains(Cadences, n.Cadence) {
		v.Add("cadence", MsgPeriodCadence)
	}
	if n.Start.IsZero() {
		n.Start = NewDate(n.Year, time.January, 1)
	}
	if n.End.IsZero() {
		n.End = NewDate(n.Year, time.December, 31)
	}
	if n.Start.Year() != n.Year || n.End.Year() != n.Year || !n.Start.Before(n.End) {
		v.Add("end", MsgPeriodRange)
	}
	return v.Err()
}

// Approach is how an SKP states its targets (pendekatan).
type Approach string

// Approaches.
const (
	ApproachQuantitative Approach = "kuantitatif"
	ApproachQualitative  Approach = "kualitatif"
)

// SKPForm is the SKP form: leaders (JPT / pimpinan unit kerja) or administrative and
// functional staff (JA/JF).
type SKPForm string

// Forms.
const (
	FormJPT  SKPForm = "jpt"
	FormJAJF SKPForm = "jajf"
)

// SKPStatus is where an SKP is in its workflow.
type SKPStatus string

// Statuses of CONTRACT.md.
const (
	SKPDraft     SKPStatus = "draft"
	SKPSubmitted SKPStatus = "submitted"
	SKPApproved  SKPStatus = "approved"
	SKPReturned  SKPStatus = "returned"
)

// SKPStatuses lists every status.
var SKPStatuses = []SKPStatus{SKPDraft, SKPSubmitted, SKPApproved, SKPReturned}

// Editable reports whether the employee may still change an SKP in status s.
func (s SKPStatus) Editable() bool { return s == SKPDraft || s == SKPReturned }

// Person is a snapshot of someone on an SKP: what was true when the SKP was made, so that a
// later transfer does not rewrite an old document.
type Person struct {
	EmployeeID int64  `json:"employee_id"`
	Name       string `json:"name"`
	NIP        string `json:"nip"`
	Grade      string `json:"grade"`
	Position   string `json:"position"`
	Unit       string `json:"unit"`
}

// SKP is an employee's performance plan for a period.
type SKP struct {
	ID                int64      `json:"id"`
	OrgID             int64      `json:"org_id"`
	EmployeeID        int64      `json:"employee_id"`
	PeriodID          int64      `json:"period_id"`
	Year              int        `json:"year"`
	Approach          Approach   `json:"approach"`
	Form              SKPForm    `json:"form"`
	AppraiserID       *int64     `json:"appraiser_id"`
	Status            SKPStatus  `json:"status"`
	Version           int        `json:"version"`
	Current           bool       `json:"current"` // false once a newer version exists
	PreviousID        *int64     `json:"previous_id"`
	Employee          Person     `json:"employee"`
	Appraiser         *Person    `json:"appraiser"`          // pejabat penilai
	AppraiserSuperior *Person    `json:"appraiser_superior"` // atasan pejabat penilai
	Resources         string     `json:"resources"`          // lampiran: dukungan sumber daya
	Accountability    string     `json:"accountability"`     // lampiran: skema pertanggungjawaban
	Consequences      string     `json:"consequences"`       // lampiran: konsekuensi
	ReturnNote        string     `json:"return_note"`
	SubmittedAt       *time.Time `json:"submitted_at"`
	ApprovedAt        *time.Time `json:"approved_at"`
	// StartDate and EndDate bound the part of the period the SKP covers when it is not the
	// whole period: a transfer ends the SKP the day before the move (EndDate) and the next one
	// starts on it (StartDate). Zero means the period's own bound.
	StartDate Date      `json:"start_date"`
	EndDate   Date      `json:"end_date"`
	DueDate   Date      `json:"due_date"` // when the SKP is to be approved (SKPDueDate)
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	Results   []*Result  `json:"results,omitempty"`
	Behaviors []Behavior `json:"behaviors,omitempty"`
}

// ResultKind tells main (utama) from additional (tambahan) work results.
type ResultKind string

// Result kinds.
const (
	ResultMain       ResultKind = "utama"
	ResultAdditional ResultKind = "tambahan"
)

// Aspect is what a quantitative indicator measures.
type Aspect string

// Aspects of a quantitative RHK; biaya is optional.
const (
	AspectQuantity Aspect = "kuantitas"
	AspectQuality  Aspect = "kualitas"
	AspectTime     Aspect = "waktu"
	AspectCost     Aspect = "biaya"
)

// Aspects lists every aspect; RequiredAspects must all be present before submitting.
var (
	Aspects         = []Aspect{AspectQuantity, AspectQuality, AspectTime, AspectCost}
	RequiredAspects = []Aspect{AspectQuantity, AspectQuality, AspectTime}
)

// Result is a planned work result (RHK) with its indicators (IKI).
type Result struct {
	ID             int64      `json:"id"`
	SKPID          int64      `json:"skp_id"`
	Kind           ResultKind `json:"kind"`
	Text           string     `json:"text"`
	ParentResultID *int64     `json:"parent_result_id"`
	ParentText     string     `json:"parent_text"` // the supervisor's RHK it serves
	// Perspective and StrategicGoal belong to the JPT form: the perspective the RHK is grouped
	// under and the strategic goal (sasaran strategis, Renstra) it derives from.
	Perspective   Perspective  `json:"perspective"`
	StrategicGoal string       `json:"strategic_goal"`
	Position      int          `json:"position"`
	LineageID     int64        `json:"lineage_id"` // shared with the versions of this RHK in other versions of the SKP
	Indicators    []*Indicator `json:"indicators"`
}

// Indicator is an indicator with its target: numeric with a unit for kuantitatif SKP, a
// narrative for kualitatif ones.
type Indicator struct {
	ID     int64  `json:"id"`
	Aspect Aspect `json:"aspect"`
	Text   string `json:"text"`
	Target string `json:"target"`
	Unit   string `json:"unit"`
}

// SKP messages.
const (
	MsgSKPNotFound        = "SKP tidak ditemukan."
	MsgSKPExists          = "Pegawai ini sudah memiliki SKP untuk periode tersebut."
	MsgSKPNotEditable     = "SKP ini sudah diajukan atau disetujui sehingga tidak dapat diubah. Buat revisi bila perlu."
	MsgSKPApproachUnknown = "Pendekatan harus kuantitatif atau kualitatif."
	MsgSKPNoEmployee      = "Akun Anda belum terhubung dengan data pegawai."
	MsgSKPInactive        = "SKP tidak dibuat untuk pegawai nonaktif."
	MsgSKPBadTransition   = "Tindakan ini tidak dapat dilakukan pada status SKP sekarang."
	MsgSKPNotAppraiser    = "Hanya pejabat penilai yang dapat menyetujui atau mengembalikan SKP ini."
	MsgSKPReturnNote      = "Tuliskan catatan perbaikan."
	MsgSKPNoResults       = "SKP harus memiliki minimal satu RHK utama."
	MsgSKPNotCurrent      = "Ini versi lama SKP; buka versi terbaru."
	MsgSKPCopyApproach    = "Pendekatan SKP sumber berbeda; salin hanya dari SKP dengan pendekatan yang sama."
	MsgResultText         = "Rumusan RHK wajib diisi (paling banyak 1.000 karakter)."
	MsgResultKind         = "Jenis RHK harus utama atau tambahan."
	MsgResultParent       = "RHK utama harus mengintervensi satu RHK atasan langsung pada periode yang sama."
	MsgResultParentWrong  = "RHK atasan yang dipilih bukan RHK dari SKP atasan langsung pada periode yang sama."
	MsgResultParentNone   = "Atasan langsung belum memiliki SKP pada periode ini; minta atasan menyusun RHK-nya lebih dahulu."
	MsgResultNotFound     = "RHK tidak ditemukan."
	MsgIndicatorsRequired = "Isi minimal satu indikator."
	MsgIndicatorText      = "Rumusan indikator wajib diisi."
	MsgIndicatorAspect    = "Aspek indikator harus kuantitas, kualitas, waktu atau biaya, masing-masing sekali."
	MsgIndicatorNoAspect  = "SKP kualitatif tidak memakai aspek; tulis indikator dan target sebagai uraian."
	MsgIndicatorTarget    = "Target indikator kuantitatif harus berupa angka, misalnya 12 atau 95,5."
	MsgIndicatorUnit      = "Satuan target wajib diisi, misalnya laporan, %, atau bulan."
	MsgIndicatorNarrative = "Target wajib diisi."
	MsgAspectsMissing     = "RHK kuantitatif harus memiliki indikator kuantitas, kualitas dan waktu."
	MsgAssignNotTeam      = "RHK hanya dapat dibagikan kepada bawahan langsung."
)

// Valid reports whether a is a known approach.
func (a Approach) Valid() bool { return a == ApproachQuantitative || a == ApproachQualitative }

// ResultInput is an RHK as written by the employee (or handed down by the supervisor).
type ResultInput struct {
	Kind           ResultKind       `json:"kind"`
	Text           string           `json:"text"`
	ParentResultID *int64           `json:"parent_result_id"`
	Perspective    Perspective      `json:"perspective"`
	StrategicGoal  string           `json:"strategic_goal"`
	Indicators     []IndicatorInput `json:"indicators"`
}

// IndicatorInput is an indicator as written.
type IndicatorInput struct {
	Aspect Aspect `json:"aspect"`
	Text   string `json:"text"`
	Target string `json:"target"`
	Unit   string `json:"unit"`
}

// ParseTarget reads a numeric target written the Indonesian way ("95,5") or with a dot.
func ParseTarget(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	// "inf" parses too, but a realisation computed against it cannot be written as JSON.
	return f, err == nil && f >= 0 && !math.IsInf(f, 1)
}

// Validate normalises in and checks it for an SKP with approach a. Fields are named like
// "indicators.1.target" (0-based) so a form can place each message.
func (in *ResultInput) Validate(a Approach) error {
	in.Text = strings.Join(strings.Fields(in.Text), " ")
	var v Validation
	if in.Kind == "" {
		in.Kind = ResultMain
	}
	if in.Kind != ResultMain && in.Kind != ResultAdditional {
		v.Add("kind", MsgResultKind)
	}
	if in.Text == "" || utf8.RuneCountInString(in.Text) > 1000 {
		v.Add("text", MsgResultText)
	}
	in.StrategicGoal = strings.Join(strings.Fields(in.StrategicGoal), " ")
	if !in.Perspective.Valid() {
		v.Add("perspective", MsgResultPerspective)
	}
	if utf8.RuneCountInString(in.StrategicGoal) > 1000 {
		v.Add("strategic_goal", MsgResultStrategicGoal)
	}
	if len(in.Indicators) == 0 {
		v.Add("indicators", MsgIndicatorsRequired)
	}
	seen := map[Aspect]bool{}
	for i := range in.Indicators {
		ind := &in.Indicators[i]
		ind.Text = strings.Join(strings.Fields(ind.Text), " ")
		ind.Target = strings.TrimSpace(ind.Target)
		ind.Unit = strings.TrimSpace(ind.Unit)
		f := func(name string) string { return "indicators." + strconv.Itoa(i) + "." + name }
		if ind.Text == "" || utf8.RuneCountInString(ind.Text) > 1000 {
			v.Add(f("text"), MsgIndicatorText)
		}
		switch a {
		case ApproachQuantitative:
			if !slices.Contains(Aspects, ind.Aspect) || seen[ind.Aspect] {
				v.Add(f("aspect"), MsgIndicatorAspect)
			}
			seen[ind.Aspect] = true
			if _, ok := ParseTarget(ind.Target); !ok {
				v.Add(f("target"), MsgIndicatorTarget)
			}
			if ind.Unit == "" {
				v.Add(f("unit"), MsgIndicatorUnit)
			}
		default:
			if ind.Aspect != "" {
				v.Add(f("aspect"), MsgIndicatorNoAspect)
			}
			if ind.Target == "" {
				v.Add(f("target"), MsgIndicatorNarrative)
			}
		}
	}
	return v.Err()
}

// Input returns r as input, for copying it into another SKP or version.
func (r *Result) Input() ResultInput {
	in := ResultInput{Kind: r.Kind, Text: r.Text, ParentResultID: r.ParentResultID, Perspective: r.Perspective, StrategicGoal: r.StrategicGoal}
	for _, ind := range r.Indicators {
		in.Indicators = append(in.Indicators, IndicatorInput{Aspect: ind.Aspect, Text: ind.Text, Target: ind.Target, Unit: ind.Unit})
	}
	return in
}

// MissingAspects returns the required aspects a quantitative RHK lacks.
func (r *Result) MissingAspects() []Aspect {
	var out []Aspect
	for _, a := range RequiredAspects {
		if !slices.ContainsFunc(r.Indicators, func(i *Indicator) bool { return i.Aspect == a }) {
			out = append(out, a)
		}
	}
	return out
}

// SKPUpdate changes the header and the lampiran of an editable SKP.
type SKPUpdate struct {
	Approach       *Approach `json:"approach"`
	Resources      *string   `json:"resources"`
	Accountability *string   `json:"accountability"`
	Consequences   *string   `json:"consequences"`
}

// SKPAction is a workflow step of an SKP: an Action that moves its status (NextStatus).
type SKPAction = Action

// Workflow steps.
const (
	ActionSubmit  SKPAction = "submit"
	ActionApprove SKPAction = "approve"
	ActionReturn  SKPAction = "return"
	ActionRevise  SKPAction = "revise"
)

// NextStatus returns the status after action from status s, or false when the workflow does
// not allow it: draft → submitted → approved, submitted → returned → submitted, and an
// approved SKP is revised into a new draft version.
func NextStatus(s SKPStatus, action SKPAction) (SKPStatus, bool) {
	switch {
	case action == ActionSubmit && s.Editable():
		return SKPSubmitted, true
	case action == ActionApprove && s == SKPSubmitted:
		return SKPApproved, true
	case action == ActionReturn && s == SKPSubmitted:
		return SKPReturned, true
	case action == ActionRevise && s == SKPApproved:
		return SKPDraft, true
	}
	return s, false
}

// BehaviorValue is one of the seven BerAKHLAK core values.
type BehaviorValue struct {
	Code   string   `json:"code"`
	Name   string   `json:"name"`
	Guides []string `json:"guides"`
}

// BerAKHLAK lists the core values with their behaviour guides, in Bahasa Indonesia
// (SE MenPANRB 20/2021).
var BerAKHLAK = []BehaviorValue{
	{"berorientasi_pelayanan", "Berorientasi Pelayanan", []string{
		"Memahami dan memenuhi kebutuhan masyarakat",
		"Ramah, cekatan, solutif, dan dapat diandalkan",
		"Melakukan perbaikan tiada henti"}},
	{"akuntabel", "Akuntabel", []string{
		"Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
		"Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
		"Tidak menyalahgunakan kewenangan jabatan"}},
	{"kompeten", "Kompeten", []string{
		"Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
		"Membantu orang lain belajar",
		"Melaksanakan tugas dengan kualitas terbaik"}},
	{"harmonis", "Harmonis", []string{
		"Menghargai setiap orang apa pun latar belakangnya",
		"Suka menolong orang lain",
		"Membangun lingkungan kerja yang kondusif"}},
	{"loyal", "Loyal", []string{
		"Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, setia kepada NKRI serta pemerintahan yang sah",
		"Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
		"Menjaga rahasia jabatan dan negara"}},
	{"adaptif", "Adaptif", []string{
		"Cepat menyesuaikan diri menghadapi perubahan",
		"Terus berinovasi dan mengembangkan kreativitas",
		"Bertindak proaktif"}},
	{"kolaboratif", "Kolaboratif", []string{
		"Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
		"Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
		"Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama"}},
}

// Behavior is the expectation the supervisor writes for one value on an SKP.
type Behavior struct {
	Value       string `json:"value"` // a BerAKHLAK code
	Expectation string `json:"expectation"`
}

// MsgBehaviorValue names an unknown value.
const MsgBehaviorValue = "Nilai perilaku tidak dikenal."

// ValidBehaviorValue reports whether code is a BerAKHLAK value.
func ValidBehaviorValue(code string) bool {
	return slices.ContainsFunc(BerAKHLAK, func(b BehaviorValue) bool { return b.Code == code })
}

// CanApproveSKP reports whether actor may approve or return s: its pejabat penilai, or an
// admin of the organisation when the SKP has none (the top of the organisation, whose
// appraiser sits outside it).
func CanApproveSKP(actor *User, s *SKP) bool {
	if actor == nil {
		return false
	}
	if s.AppraiserID != nil {
		return actor.EmployeeID != nil && *actor.EmployeeID == *s.AppraiserID && *actor.EmployeeID != s.EmployeeID
	}
	return actor.IsAdmin() && actor.InOrg(s.OrgID) && (actor.EmployeeID == nil || *actor.EmployeeID != s.EmployeeID)
}

// CanEditSKP reports whether actor may write s (while its status allows): the employee, or
// an admin of the organisation on their behalf.
func CanEditSKP(actor *User, s *SKP) bool {
	if actor == nil {
		return false
	}
	return actor.EmployeeID != nil && *actor.EmployeeID == s.EmployeeID || CanManageEmployees(actor, s.OrgID)
}

// SKPFilter selects current SKP versions for lists.
type SKPFilter struct {
	OrgID       int64 // the organisation; a member's own one is forced
	PeriodID    int64
	EmployeeID  *int64
	AppraiserID *int64 // SKP this employee appraises
	Status      SKPStatus
	Team        bool // only SKP of employees below the caller (direct and indirect)
	Limit       int
	Offset      int
}

// Matrix is the Matriks Peran Hasil of a supervisor's SKP: rows are the supervisor's direct
// subordinates, columns the supervisor's RHK, and each cell the subordinate RHK that
// intervene that column.
type Matrix struct {
	SKP     *SKP         `json:"skp"`
	Columns []*Result    `json:"columns"`
	Rows    []*MatrixRow `json:"rows"`
}

// MatrixRow is one subordinate in the matrix.
type MatrixRow struct {
	Employee DirectoryEntry      `json:"employee"`
	SKP      *SKP                `json:"skp"` // nil while they have none for the period
	Cells    map[int64][]*Result `json:"cells"`
}

// Cell returns the subordinate RHK under column id.
func (r *MatrixRow) Cell(id int64) []*Result { return r.Cells[id] }
