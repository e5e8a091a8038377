package kinerja

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ActivityStatus is where a daily activity is in its verification.
type ActivityStatus string

// Activity statuses of CONTRACT.md.
const (
	ActivityPending  ActivityStatus = "pending"
	ActivityApproved ActivityStatus = "approved"
	ActivityRejected ActivityStatus = "rejected"
)

// Activity is a piece of daily work (aktivitas harian) logged against an RHK.
type Activity struct {
	ID          int64          `json:"id"`
	OrgID       int64          `json:"org_id"`
	EmployeeID  int64          `json:"employee_id"`
	Date        Date           `json:"date"`
	ResultID    int64          `json:"result_id"`
	ResultText  string         `json:"result_text"`
	Description string         `json:"description"`
	Output      float64        `json:"output"`
	Unit        string         `json:"unit"`
	Minutes     int            `json:"minutes"`
	Status      ActivityStatus `json:"status"`
	Reason      string         `json:"reason"` // why it was rejected
	Late        bool           `json:"late"`   // logged after the organisation's deadline
	Overdue     bool           `json:"overdue"`
	VerifiedBy  *int64         `json:"verified_by"`
	VerifiedAt  *time.Time     `json:"verified_at"`
	Evidence    []*Evidence    `json:"evidence"`
	CreatedAt   time.Time      `json:"created_at"`
	UpdatedAt   time.Time      `json:"updated_at"`

	EmployeeName string `json:"employee_name"`
}

// Editable reports whether the employee may still change the activity: until it is verified.
func (a *Activity) Editable() bool { return a.Status != ActivityApproved }

// ActivityInput is an activity as the employee logs it.
type ActivityInput struct {
	EmployeeID  int64   `json:"employee_id"` // default: the caller's own
	Date        Date    `json:"date"`
	ResultID    int64   `json:"result_id"`
	Description string  `json:"description"`
	Output      float64 `json:"output"`
	Unit        string  `json:"unit"`
	Minutes     int     `json:"minutes"`
}

// Activity messages.
const (
	MsgActivityDate          = "Tanggal aktivitas wajib diisi (YYYY-MM-DD)."
	MsgActivityFuture        = "Tanggal aktivitas tidak boleh di masa depan."
	MsgActivityTooOld        = "Tanggal aktivitas terlalu lama (lebih dari satu tahun)."
	MsgActivityText          = "Uraian aktivitas wajib diisi (paling banyak 2.000 karakter)."
	MsgActivityOutput        = "Jumlah output harus angka 0 atau lebih."
	MsgActivityMinutes       = "Waktu kerja harus 0–1.440 menit."
	MsgActivityResult        = "Pilih RHK dari SKP Anda pada tahun aktivitas."
	MsgActivityNotFound      = "Aktivitas tidak ditemukan."
	MsgActivityVerified      = "Aktivitas sudah diverifikasi sehingga tidak dapat diubah."
	MsgActivityNotPending    = "Hanya aktivitas yang menunggu verifikasi dapat disetujui atau ditolak."
	MsgActivityReason        = "Tuliskan alasan penolakan."
	MsgActivityNotTeam       = "Hanya atasan langsung yang dapat memverifikasi aktivitas ini."
	MsgActivityNone          = "Pilih minimal satu aktivitas."
	MsgActivityEmployeeFixed = "Pegawai pemilik aktivitas tidak dapat diubah."
	MsgActivityUnit          = "Satuan output harus sama dengan satuan target kuantitas RHK yang dipilih."
)

// SameUnit reports whether two units of output name the same thing: equal but for case and
// surrounding spaces ("Laporan" and "laporan ").
func SameUnit(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }

// ActivityUnit returns the unit an activity's output is counted in, given the units of the
// kuantitas indicators of its RHK (in their order) and the unit the employee gave: the
// indicator's spelling of the given unit, or the first indicator's unit when none was given.
// A unit that is no indicator's is refused (ok false): "6 PKL" would otherwise be counted
// towards a target in "kegiatan".
func ActivityUnit(indicatorUnits []string, given string) (unit string, ok bool) {
	given = strings.TrimSpace(given)
	if given == "" {
		if len(indicatorUnits) > 0 {
			return strings.TrimSpace(indicatorUnits[0]), true
		}
		return "", true
	}
	for _, u := range indicatorUnits {
		if SameUnit(u, given) {
			return strings.TrimSpace(u), true
		}
	}
	return "", false
}

// Validate normalises in and checks it on day today.
func (in *ActivityInput) Validate(today Date) error {
	in.Description = strings.TrimSpace(in.Description)
	in.Unit = strings.TrimSpace(in.Unit)
	var v Validation
	switch {
	case in.Date.IsZero():
		v.Add("date", MsgActivityDate)
	case in.Date.After(today):
		v.Add("date", MsgActivityFuture)
	case in.Date.Before(today.AddDate(-1, 0, 0)):
		v.Add("date", MsgActivityTooOld)
	}
	if in.ResultID <= 0 {
		v.Add("result_id", MsgActivityResult)
	}
	if in.Description == "" || utf8.RuneCountInString(in.Description) > 2000 {
		v.Add("description", MsgActivityText)
	}
	if in.Output < 0 || in.Output > 1e9 {
		v.Add("output", MsgActivityOutput)
	}
	if utf8.RuneCountInString(in.Unit) > 50 {
		v.Add("unit", "Satuan paling banyak 50 karakter.")
	}
	if in.Minutes < 0 || in.Minutes > 24*60 {
		v.Add("minutes", MsgActivityMinutes)
	}
	return v.Err()
}

// Input returns the fields of a the employee may edit, for a change of some of them.
func (a *Activity) Input() ActivityInput {
	return ActivityInput{EmployeeID: a.EmployeeID, Date: a.Date, ResultID: a.ResultID, Description: a.Description,
		Output: a.Output, Unit: a.Unit, Minutes: a.Minutes}
}

// ActivityFilter selects activities, newest first.
type ActivityFilter struct {
	EmployeeID *int64
	Queue      bool // the pending activities of the caller's direct subordinates
	Status     ActivityStatus
	ResultID   *int64
	From, To   Date // inclusive dates; zero is unbounded
	Limit      int
	Offset     int
}

// OrgSettings are the rules an organisation may set (DOMAIN.md "cfg"), with defaults.
type OrgSettings struct {
	OrgID                int64 `json:"org_id"`
	ActivityDeadlineDays int   `json:"activity_deadline_days"` // working days to log an activity in time
	VerificationSLADays  int   `json:"verification_sla_days"`  // working days a supervisor has to verify
	EvidenceMaxBytes     int64 `json:"evidence_max_bytes"`
	ObjectionDays        int   `json:"objection_days"` // calendar days after finalisation to object
	// The achievement percentages of AchievementAdvice: above AdviceAbovePercent di atas, from
	// AdviceMeetsPercent sesuai, below that di bawah.
	AdviceAbovePercent float64 `json:"advice_above_percent"`
	AdviceMeetsPercent float64 `json:"advice_meets_percent"`
	// HeadRatings is the rating hasil kerja a unit head starts from, by the unit's organisation
	// predikat (DOMAIN.md §3, cfg).
	HeadRatings map[OrgPredikat]Rating `json:"head_result_ratings"`
	// AssessmentEarlyDays is how many days before its last day the evaluation of a period may
	// start; 0 (the default) waits until the period has ended.
	AssessmentEarlyDays int `json:"assessment_early_days"`
}

// DefaultSettings are the defaults of DOMAIN.md and the issue.
func DefaultSettings(org int64) OrgSettings {
	return OrgSettings{OrgID: org, ActivityDeadlineDays: 3, VerificationSLADays: 5, EvidenceMaxBytes: 10 << 20,
		ObjectionDays: DefaultObjectionDays, AdviceAbovePercent: 100, AdviceMeetsPercent: 90,
		HeadRatings: map[OrgPredikat]Rating{OrgIstimewa: RatingAbove, OrgBaik: RatingMeets,
			OrgButuhPerbaikan: RatingBelow, OrgKurang: RatingBelow, OrgSangatKurang: RatingBelow}}
}

// HeadResultsRating is the rating hasil kerja an employee who heads a unit starts from, given
// the unit's organisation predikat.
func (s OrgSettings) HeadResultsRating(o OrgPredikat) Rating {
	if r, ok := s.HeadRatings[o]; ok {
		return r
	}
	return DefaultSettings(s.OrgID).HeadRatings[o]
}

// MaxEvidenceLimit is the largest size limit of evidence files an organisation may set.
const MaxEvidenceLimit = 50 << 20

// Messages of OrgSettings.Validate the web form repeats when a value is not a number at all.
const (
	MsgSettingsActivityDeadline = "Batas pencatatan harus 0–60 hari kerja."
	MsgSettingsVerificationSLA  = "Batas verifikasi harus 1–60 hari kerja."
	MsgSettingsEvidenceMax      = "Batas ukuran bukti dukung harus 1–50 MB."
	MsgSettingsObjectionDays    = "Batas pengajuan keberatan harus 1–90 hari."
	MsgSettingsAdviceAbove      = "Batas capaian di atas ekspektasi harus lebih dari 0 dan paling besar 1000%."
	MsgSettingsAdviceMeets      = "Batas capaian sesuai ekspektasi harus lebih dari 0 dan tidak melebihi batas di atas ekspektasi."
	MsgSettingsHeadRating       = "Pilih rating hasil kerja: di_atas, sesuai atau di_bawah."
	MsgSettingsEarlyDays        = "Penilaian dapat dimulai paling awal 0–60 hari sebelum periode berakhir."
)

// Validate checks s.
func (s OrgSettings) Validate() error {
	var v Validation
	if s.ActivityDeadlineDays < 0 || s.ActivityDeadlineDays > 60 {
		v.Add("activity_deadline_days", MsgSettingsActivityDeadline)
	}
	if s.VerificationSLADays < 1 || s.VerificationSLADays > 60 {
		v.Add("verification_sla_days", MsgSettingsVerificationSLA)
	}
	if s.EvidenceMaxBytes < 1<<20 || s.EvidenceMaxBytes > MaxEvidenceLimit {
		v.Add("evidence_max_bytes", MsgSettingsEvidenceMax)
	}
	if s.ObjectionDays < 1 || s.ObjectionDays > 90 {
		v.Add("objection_days", MsgSettingsObjectionDays)
	}
	// Written as the valid ranges negated so that NaN, which compares false, is refused.
	if !(s.AdviceAbovePercent > 0 && s.AdviceAbovePercent <= 1000) {
		v.Add("advice_above_percent", MsgSettingsAdviceAbove)
	}
	if !(s.AdviceMeetsPercent > 0 && s.AdviceMeetsPercent <= s.AdviceAbovePercent) {
		v.Add("advice_meets_percent", MsgSettingsAdviceMeets)
	}
	for _, o := range OrgPredikats {
		if !s.HeadRatings[o].Valid() {
			v.Add("head_rating_"+string(o), MsgSettingsHeadRating)
		}
	}
	if s.AssessmentEarlyDays < 0 || s.AssessmentEarlyDays > 60 {
		v.Add("assessment_early_days", MsgSettingsEarlyDays)
	}
	for o := range s.HeadRatings {
		if !o.Valid() {
			v.Add("head_result_ratings", MsgOrgPredikat)
		}
	}
	return v.Err()
}

// Holiday is a day off in an organisation's calendar.
type Holiday struct {
	Date Date   `json:"date"`
	Name string `json:"name"`
}

// Calendar tells working days apart: Monday to Friday, except holidays.
type Calendar map[Date]string

// Working reports whether d is a working day.
func (c Calendar) Working(d Date) bool {
	wd := d.Time().Weekday()
	_, holiday := c[d]
	return wd != time.Saturday && wd != time.Sunday && !holiday
}

// WorkingDaysAfter counts the working days after from up to and including to (0 when to is
// not after from).
func (c Calendar) WorkingDaysAfter(from, to Date) int {
	n := 0
	for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
		if c.Working(d) {
			n++
		}
	}
	return n
}

// LateActivity reports whether an activity of date done, logged on logged, is late: logged
// more than deadline working days after the day of the work.
func LateActivity(c Calendar, done, logged Date, deadline int) bool {
	return c.WorkingDaysAfter(done, logged) > deadline
}

// EvalPeriod is an evaluation period of a year: a month, a quarter, a semester or the year.
type EvalPeriod struct {
	Key        string `json:"key"` // 2026-03, 2026-Q1, 2026-S1, 2026
	Start, End Date   `json:"-"`
}

// ShareOf is the part of a performance period from start to end that p covers, counted in
// calendar months: a quarter of a full year is 1/4, of a July–December period 1/2; 0 when they
// do not meet. A yearly kuantitas target is spread evenly over the performance period, so that
// a quarter is judged against its part.
func (p EvalPeriod) ShareOf(start, end Date) float64 {
	month := func(d Date) int { return d.Year()*12 + int(d.Month()) }
	total := month(end) - month(start) + 1
	from, to := max(month(p.Start), month(start)), min(month(p.End), month(end))
	if total <= 0 || to < from {
		return 0
	}
	return float64(to-from+1) / float64(total)
}

// EvalPeriods returns the periodic evaluation periods of a year for its cadence, then the year.
func EvalPeriods(year int, c Cadence) []EvalPeriod {
	var out []EvalPeriod
	span, label := 3, "Q"
	switch c {
	case CadenceMonthly:
		span = 1
	case CadenceSemester:
		span, label = 6, "S"
	}
	for i, m := 0, 1; m <= 12; i, m = i+1, m+span {
		start := NewDate(year, time.Month(m), 1)
		key := fmt.Sprintf("%d-%s%d", year, label, i+1)
		if span == 1 {
			key = fmt.Sprintf("%d-%02d", year, m)
		}
		out = append(out, EvalPeriod{Key: key, Start: start, End: start.AddDate(0, span, -1)})
	}
	return append(out, EvalPeriod{Key: fmt.Sprint(year), Start: NewDate(year, 1, 1), End: NewDate(year, 12, 31)})
}

// EvalKeyYear returns the year of an evaluation period key: 2026 for 2026, 2026-03, 2026-Q1
// and 2026-S1.
func EvalKeyYear(key string) (int, bool) {
	y, _, _ := strings.Cut(key, "-")
	n, err := strconv.Atoi(y)
	// Atoi also takes a sign: "+202" is no year.
	return n, err == nil && len(y) == 4 && strings.Trim(y, "0123456789") == ""
}

// ValidEvalKey reports whether key names an evaluation period of some cadence.
func ValidEvalKey(key string) bool {
	y, ok := EvalKeyYear(key)
	if !ok {
		return false
	}
	for _, c := range []Cadence{CadenceMonthly, CadenceQuarterly, CadenceSemester} {
		if _, ok := FindEvalPeriod(y, c, key); ok {
			return true
		}
	}
	return false
}

// FindEvalPeriod returns the evaluation period of key among those of a year and cadence.
func FindEvalPeriod(year int, c Cadence, key string) (EvalPeriod, bool) {
	for _, p := range EvalPeriods(year, c) {
		if p.Key == key {
			return p, true
		}
	}
	return EvalPeriod{}, false
}

// Realisation is what an indicator achieved in an evaluation period.
type Realisation struct {
	IndicatorID int64    `json:"indicator_id"`
	ResultID    int64    `json:"result_id"`
	Aspect      Aspect   `json:"aspect"`
	Text        string   `json:"text"`
	Target      string   `json:"target"`
	Unit        string   `json:"unit"`
	Computed    *float64 `json:"computed"` // from approved activities, for kuantitas indicators
	// PeriodTarget is the numeric target's share of the evaluation period (EvalPeriod.ShareOf).
	PeriodTarget *float64 `json:"period_target"`
	Percent      *float64 `json:"percent"` // computed against PeriodTarget
	Note         string   `json:"note"`    // the employee's own account
}

// MaxRealisationNote is how many characters the employee's note on an indicator may have.
const MaxRealisationNote = 2000

// MsgRealisationNote refuses a note that is too long.
const MsgRealisationNote = "Catatan paling banyak 2.000 karakter."

// Evidence is a supporting file (bukti dukung) of an activity or an RHK, stored by content.
type Evidence struct {
	ID          int64     `json:"id"`
	OrgID       int64     `json:"org_id"`
	EmployeeID  int64     `json:"employee_id"`
	ActivityID  *int64    `json:"activity_id"`
	ResultID    *int64    `json:"result_id"`
	SHA256      string    `json:"sha256"`
	Size        int64     `json:"size"`
	ContentType string    `json:"content_type"`
	Filename    string    `json:"filename"`
	CreatedAt   time.Time `json:"created_at"`
}

// Evidence messages.
const (
	MsgEvidenceType     = "Jenis berkas tidak diizinkan; unggah PDF, JPEG, PNG, XLSX atau DOCX (diperiksa dari isinya, bukan dari namanya)."
	MsgEvidenceTooLarge = "Berkas bukti dukung melebihi batas ukuran."
	MsgEvidenceTarget   = "Sebutkan satu aktivitas (activity_id) atau satu RHK (result_id)."
	MsgEvidenceNotFound = "Bukti dukung tidak ditemukan."
	MsgEvidenceFile     = "Unggah berkas pada kolom formulir \"file\"."
)

// ResultWork is what the activities of an RHK show in an evaluation period: how many were
// approved, are waiting, were rejected or logged late, and the newest evidence behind them.
type ResultWork struct {
	ResultID      int64       `json:"result_id"`
	Approved      int         `json:"approved"`
	Pending       int         `json:"pending"`
	Rejected      int         `json:"rejected"`
	Late          int         `json:"late"`
	Evidence      []*Evidence `json:"evidence"` // at most MaxWorkEvidence, newest first
	EvidenceCount int         `json:"evidence_count"`
}

// MaxWorkEvidence is how many files ResultWork lists per RHK; the rest are counted.
const MaxWorkEvidence = 5
