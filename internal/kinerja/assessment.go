package kinerja

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// AssessmentStatus is where an evaluation is in its sign-off.
type AssessmentStatus string

// Statuses of CONTRACT.md.
const (
	AssessmentDraft        AssessmentStatus = "draft"
	AssessmentFinal        AssessmentStatus = "final"
	AssessmentAcknowledged AssessmentStatus = "acknowledged"
	AssessmentObjected     AssessmentStatus = "objected"
)

// Assessment is the evaluation of an approved SKP for a period: a month, quarter, semester
// or the year.
type Assessment struct {
	ID             int64            `json:"id"`
	OrgID          int64            `json:"org_id"`
	SKPID          int64            `json:"skp_id"`
	EmployeeID     int64            `json:"employee_id"`
	EmployeeName   string           `json:"employee_name"`
	UnitID         int64            `json:"unit_id"`
	AppraiserID    *int64           `json:"appraiser_id"`
	Period         string           `json:"period"`
	ResultRating   Rating           `json:"result_rating"`
	ResultReason   string           `json:"result_reason"`
	ResultRatings  map[int64]Rating `json:"result_ratings"` // per RHK, by result id
	BehaviorRating Rating           `json:"behavior_rating"`
	BehaviorReason string           `json:"behavior_reason"`
	Predikat       Predikat         `json:"predikat"`
	Status         AssessmentStatus `json:"status"`
	Justification  string           `json:"justification"` // why it was finalised against the curve
	FinalizedAt    *time.Time       `json:"finalized_at"`

	// Self-assessment (penilaian diri) and reflection, written by the employee first.
	SelfResultRating   Rating     `json:"self_result_rating"`
	SelfBehaviorRating Rating     `json:"self_behavior_rating"`
	SelfReflection     string     `json:"self_reflection"`
	SelfAt             *time.Time `json:"self_at"`

	// Sign-off: the employee acknowledges, or objects (keberatan) and the atasan pejabat
	// penilai decides.
	ObjectionReason string     `json:"objection_reason"`
	ObjectedAt      *time.Time `json:"objected_at"`
	Decision        string     `json:"decision"` // keep or change
	DecisionReason  string     `json:"decision_reason"`
	DecidedAt       *time.Time `json:"decided_at"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`

	// Recommendation is the Catatan/Rekomendasi of the pejabat penilai on the evaluation
	// document.
	Recommendation string `json:"recommendation"`
}

// AssessmentUpdate is the pejabat penilai's ratings with their reasons; nil keeps a field.
type AssessmentUpdate struct {
	ResultRatings  map[int64]Rating `json:"result_ratings"` // per RHK; replaces them all when given
	ResultRating   *Rating          `json:"result_rating"`
	ResultReason   *string          `json:"result_reason"`
	BehaviorRating *Rating          `json:"behavior_rating"`
	BehaviorReason *string          `json:"behavior_reason"`

	Recommendation *string `json:"recommendation"` // Catatan/Rekomendasi
}

// Assessment messages.
const (
	MsgAssessmentNotFound      = "Penilaian tidak ditemukan."
	MsgAssessmentExists        = "Penilaian untuk SKP dan periode ini sudah ada."
	MsgAssessmentPeriod        = "Periode penilaian tidak dikenal untuk tahun dan siklus SKP ini (contoh: 2026-Q1, 2026-03, 2026-S1, 2026)."
	MsgAssessmentSKPApproved   = "Hanya SKP yang sudah disetujui yang dapat dinilai."
	MsgAssessmentNotAppraiser  = "Hanya pejabat penilai yang dapat menilai pegawai ini."
	MsgAssessmentFinal         = "Penilaian sudah final dan tidak dapat diubah."
	MsgAssessmentRating        = "Rating harus di_atas, sesuai atau di_bawah."
	MsgAssessmentRatingsNeeded = "Isi rating hasil kerja dan rating perilaku kerja sebelum memfinalkan."
	MsgAssessmentJustification = "Penilaian ini melanggar kurva distribusi; tuliskan justifikasi untuk memfinalkannya."
	MsgCurveAppraiserGroup     = "Kelompok penilaian"
	MsgOrgPredikat             = "Predikat organisasi harus istimewa, baik, butuh_perbaikan, kurang atau sangat_kurang."
	MsgOrgRatingNotAllowed     = "Predikat kinerja organisasi ditetapkan oleh pimpinan satu tingkat di atas unit ini."
	MsgAssessmentTooEarly      = "Periode penilaian ini belum berakhir; penilaian baru dapat dimulai setelah periode berakhir atau dalam batas hari yang ditetapkan organisasi sebelum akhir periode."
	MsgHeadResultReason        = "Rating hasil kerja pimpinan unit mengikuti predikat kinerja organisasi unitnya; tuliskan alasan untuk mengubahnya."
	MsgAssessmentOutsideSKP    = "SKP ini tidak berlaku pada periode penilaian tersebut; nilai periode ini pada SKP yang berlaku saat itu."
)

// AssessmentOpens is the first day the evaluation of period p may start: the day after its
// last day, or earlyDays before that (OrgSettings.AssessmentEarlyDays). A period is assessed
// when it has ended (PermenPANRB 6/2022).
func AssessmentOpens(p EvalPeriod, earlyDays int) Date {
	return p.End.AddDate(0, 0, 1-earlyDays)
}

// CheckAssessmentOpen refuses to start the evaluation of period p before it opens, today
// being the organisation's date.
func CheckAssessmentOpen(p EvalPeriod, earlyDays int, today Date) error {
	if today.Before(AssessmentOpens(p, earlyDays)) {
		return FieldError("period", MsgAssessmentTooEarly)
	}
	return nil
}

// CheckAssessmentCovered refuses to assess SKP s of performance period p for evaluation period
// ep when the SKP does not cover any day of it: after a transfer the closed SKP is assessed
// for the months before the move, the new one for those from it on. A period the SKP covers
// in part is assessed on it.
func CheckAssessmentCovered(ep EvalPeriod, p *Period, s *SKP) error {
	start, end := s.Span(p)
	if ep.End.Before(start) || ep.Start.After(end) {
		return FieldError("period", MsgAssessmentOutsideSKP)
	}
	return nil
}

// AnnualEvaluationMonth is the month of the next year by whose end the annual evaluation of a
// year is due: January (DOMAIN.md §1).
const AnnualEvaluationMonth = time.January

// AnnualEvaluationDue is the last day for the annual evaluation of year: the end of
// AnnualEvaluationMonth of the next year (31 January).
func AnnualEvaluationDue(year int) Date {
	return NewDate(year+1, AnnualEvaluationMonth+1, 1).AddDate(0, 0, -1)
}

// CheckHeadResult enforces DOMAIN.md §3 on the assessment of a unit's head: the rating hasil
// kerja follows the unit's organisation predikat through the organisation's mapping (mapped,
// "" when the employee heads no rated unit), and a different rating needs a written reason,
// which result_reason holds.
func CheckHeadResult(mapped Rating, x *Assessment) error {
	if mapped == "" || x.ResultRating == "" || x.ResultRating == mapped || strings.TrimSpace(x.ResultReason) != "" {
		return nil
	}
	return FieldError("result_reason", MsgHeadResultReason)
}

// Validate normalises u and checks the ratings.
func (u *AssessmentUpdate) Validate() error {
	var v Validation
	for id, r := range u.ResultRatings {
		if !r.Valid() {
			v.Add(fmt.Sprintf("result_ratings.%d", id), MsgAssessmentRating)
		}
	}
	for _, r := range []struct {
		field  string
		rating *Rating
		reason *string
	}{{"result_rating", u.ResultRating, u.ResultReason}, {"behavior_rating", u.BehaviorRating, u.BehaviorReason}} {
		if r.rating != nil && !r.rating.Valid() {
			v.Add(r.field, MsgAssessmentRating)
		}
		if r.reason != nil {
			*r.reason = strings.TrimSpace(*r.reason)
			if utf8.RuneCountInString(*r.reason) > 4000 {
				v.Add(strings.Replace(r.field, "rating", "reason", 1), "Alasan paling banyak 4.000 karakter.")
			}
		}
	}
	if u.Recommendation != nil {
		*u.Recommendation = strings.TrimSpace(*u.Recommendation)
		if utf8.RuneCountInString(*u.Recommendation) > MaxRecommendation {
			v.Add("recommendation", MsgRecommendationLong)
		}
	}
	return v.Err()
}

// MaxRecommendation is how many characters the Catatan/Rekomendasi of an assessment may have.
const MaxRecommendation = 4000

// Valid reports whether o is a known organisation predikat.
func (o OrgPredikat) Valid() bool {
	for _, p := range OrgPredikats {
		if p == o {
			return true
		}
	}
	return false
}

// Distribution is the spread of predikat in a unit for a period, checked against the curve.
type Distribution struct {
	UnitID      int64            `json:"unit_id"`
	Period      string           `json:"period"`
	Counts      map[Predikat]int `json:"counts"`
	Total       int              `json:"total"` // everyone with an SKP in the period, assessed or not
	OrgPredikat OrgPredikat      `json:"org_predikat"`
	Violations  []Violation      `json:"violations"`
}

// NewDistribution starts an empty count of a period's predikat.
func NewDistribution(period string) *Distribution {
	return &Distribution{Period: period, Counts: map[Predikat]int{}, Violations: []Violation{}}
}

// Add counts one employee of the group with predikat p, "" when not assessed yet.
func (d *Distribution) Add(p Predikat) {
	d.Total++
	if p != "" {
		d.Counts[p]++
	}
}

// Check sets the violations of the counts against the curve of the organisation predikat.
func (d *Distribution) Check() {
	d.Violations = []Violation{}
	if d.OrgPredikat != "" {
		if v := CheckDistribution(d.OrgPredikat, d.Counts, d.Total); v != nil {
			d.Violations = v
		}
	}
}

// CanStartAssessment reports whether actor may start the evaluation of the approved SKP s:
// its pejabat penilai, or an admin of the organisation.
func CanStartAssessment(actor *User, s *SKP) bool {
	return CanApproveSKP(actor, s) || CanManageEmployees(actor, s.OrgID)
}

// CanDecideObjection reports whether actor decides an objection to an assessment of SKP s:
// the atasan pejabat penilai, or an admin of the organisation when there is none.
func CanDecideObjection(actor *User, s *SKP) bool {
	if s.AppraiserSuperior == nil {
		return CanManageEmployees(actor, s.OrgID)
	}
	return actor != nil && actor.EmployeeID != nil && *actor.EmployeeID == s.AppraiserSuperior.EmployeeID
}

// CurveBreach lists the curve rules finalising an assessment would break, each naming its
// group (the unit, or the pejabat penilai's group) with the numbers.
type CurveBreach struct{ Rules []string }

func (c *CurveBreach) Error() string { return strings.Join(c.Rules, " ") }

// DefaultObjectionDays is how long after finalisation an employee may object, unless the
// organisation sets OrgSettings.ObjectionDays.
const DefaultObjectionDays = 14

// Objection decisions of the atasan pejabat penilai.
const (
	DecisionKeep   = "keep"
	DecisionChange = "change"
)

// Sign-off messages.
const (
	MsgAssessmentNotEmployee = "Hanya pegawai yang dinilai yang dapat menerima atau mengajukan keberatan."
	MsgAssessmentNotFinal    = "Tindakan ini hanya untuk penilaian yang sudah final dan belum ditanggapi."
	MsgObjectionReason       = "Tuliskan alasan keberatan."
	MsgObjectionLate         = "Batas waktu pengajuan keberatan sudah lewat."
	MsgObjectionNotOpen      = "Tidak ada keberatan yang menunggu keputusan."
	MsgObjectionDecider      = "Keberatan diputuskan oleh atasan pejabat penilai."
	MsgDecision              = "Keputusan harus keep (tetap) atau change (ubah), dengan alasan."
	MsgSelfNotDraft          = "Penilaian diri hanya dapat diisi sebelum penilaian difinalkan."
	MsgSelfReflection        = "Tuliskan refleksi Anda (paling banyak 4.000 karakter)."
)
