package kinerja

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// FeedbackKind tells the three sources of feedback apart (CONTRACT.md).
type FeedbackKind string

// Feedback kinds.
const (
	FeedbackContinuous FeedbackKind = "continuous" // umpan balik berkelanjutan: supervisor ↔ employee
	FeedbackPeer       FeedbackKind = "peer"       // rekan kerja
	FeedbackUpward     FeedbackKind = "upward"     // masukan untuk pimpinan, anonymous
)

// Audited actions of feedback.
const (
	ActionAssign  = "assign"
	ActionAnswer  = "answer"
	ActionPropose = "propose" // an employee proposes their own peers
)

// Feedback limits.
const (
	MaxFeedbackText = 4000 // characters of a feedback, a comment or a dialog's topics
	MaxActionText   = 1000 // characters of an agreed action
	MaxDialogItems  = 20   // agreed actions per dialog
)

// Feedback is one entry of the continuous-feedback thread about an employee: a supervisor's
// comment on an RHK or a BerAKHLAK value, the employee's request for feedback, or a reply.
// Replies point to the entry that opened the thread.
type Feedback struct {
	ID               int64        `json:"id"`
	OrgID            int64        `json:"org_id"`
	AboutEmployeeID  int64        `json:"about_employee_id"`
	AuthorEmployeeID int64        `json:"author_employee_id"`
	AuthorName       string       `json:"author_name"`
	Kind             FeedbackKind `json:"kind"`
	Year             int          `json:"year"` // the performance year it belongs to
	ResultID         *int64       `json:"result_id"`
	ResultText       string       `json:"result_text"`
	ResultLineageID  int64        `json:"-"`     // the lineage of the RHK, to find it in another version of the SKP
	Value            string       `json:"value"` // a BerAKHLAK code or ""
	Text             string       `json:"text"`
	EvidenceID       *int64       `json:"evidence_id"`
	ParentID         *int64       `json:"parent_id"`
	Request          bool         `json:"request"` // the employee asks for feedback
	CreatedAt        time.Time    `json:"created_at"`
}

// AboutResult reports whether f is about RHK r, or about the same RHK in another version of the
// SKP (before or during a revision).
func (f *Feedback) AboutResult(r *Result) bool {
	if f.ResultID == nil {
		return false
	}
	return *f.ResultID == r.ID || f.ResultLineageID != 0 && f.ResultLineageID == r.LineageID
}

// NewFeedback is the input to write a feedback, ask for one (Request) or reply (ParentID).
type NewFeedback struct {
	AboutEmployeeID int64  `json:"about_employee_id"`
	ResultID        *int64 `json:"result_id"`
	Value           string `json:"value"`
	Text            string `json:"text"`
	EvidenceID      *int64 `json:"evidence_id"`
	ParentID        *int64 `json:"parent_id"`
	Request         bool   `json:"request"`
}

// Feedback messages.
const (
	MsgFeedbackText          = "Isi umpan balik wajib diisi (paling banyak 4.000 karakter)."
	MsgFeedbackNotFound      = "Umpan balik tidak ditemukan."
	MsgFeedbackResult        = "RHK harus berasal dari SKP terkini pegawai ini."
	MsgFeedbackParent        = "Umpan balik yang dibalas tidak ditemukan pada pegawai ini."
	MsgFeedbackRequestReply  = "Permintaan umpan balik tidak dapat berupa balasan."
	MsgFeedbackNotSupervisor = "Umpan balik berkelanjutan diberikan oleh atasan atau pejabat penilai pegawai ini."
	MsgFeedbackRequestSelf   = "Hanya pegawai yang bersangkutan yang dapat meminta umpan balik."
	MsgFeedbackInactive      = "Pegawai ini tidak aktif."
	MsgFeedbackNoEmployee    = "Akun Anda belum terhubung dengan data pegawai."
	MsgFeedbackEvidence      = "ID bukti dukung tidak valid."
	MsgFeedbackEvidenceOwner = "Bukti dukung harus berasal dari kegiatan atau RHK pegawai ini."
	MsgFeedbackResultID      = "ID RHK tidak valid."
)

// Validate normalises and checks n.
func (n *NewFeedback) Validate() error {
	n.Text = strings.TrimSpace(n.Text)
	n.Value = strings.TrimSpace(n.Value)
	var v Validation
	if n.AboutEmployeeID <= 0 {
		v.Add("about_employee_id", MsgEmployeeIDInvalid)
	}
	if n.Text == "" || utf8.RuneCountInString(n.Text) > MaxFeedbackText {
		v.Add("text", MsgFeedbackText)
	}
	if n.Value != "" && !ValidBehaviorValue(n.Value) {
		v.Add("value", MsgBehaviorValue)
	}
	if n.ResultID != nil && *n.ResultID <= 0 {
		v.Add("result_id", MsgFeedbackResultID)
	}
	if n.EvidenceID != nil && *n.EvidenceID <= 0 {
		v.Add("evidence_id", MsgFeedbackEvidence)
	}
	if n.ParentID != nil && *n.ParentID <= 0 {
		v.Add("parent_id", MsgFeedbackParent)
	}
	if n.Request && n.ParentID != nil {
		v.Add("parent_id", MsgFeedbackRequestReply)
	}
	return v.Err()
}

// CanGiveFeedback reports whether actor may write continuous feedback about e: someone above
// e in the reporting lines (above) or e's pejabat penilai, never e themself.
func CanGiveFeedback(actor *User, e *Employee, above bool) bool {
	if actor == nil || actor.EmployeeID == nil || !actor.InOrg(e.OrgID) || *actor.EmployeeID == e.ID {
		return false
	}
	return above || e.AppraiserID != nil && *e.AppraiserID == *actor.EmployeeID
}

// CheckFeedbackEvidence checks the evidence a feedback about e refers to (v nil: no evidence
// of that id): it must be evidence of e's own work, an activity or an RHK of e. Those who may
// read e's feedback are those who may open e's evidence, so the link never shows them a file
// they may not see, and nobody can attach, or probe for, another employee's files. An unknown
// id and someone else's evidence are refused alike.
func CheckFeedbackEvidence(e *Employee, v *Evidence) error {
	if v == nil || v.OrgID != e.OrgID || v.EmployeeID != e.ID {
		return FieldError("evidence_id", MsgFeedbackEvidenceOwner)
	}
	return nil
}

// Rating is the three-step scale of DOMAIN.md §3, used for ratings and peer answers.
type Rating string

// Ratings, as the API spells them.
const (
	RatingAbove Rating = "di_atas"
	RatingMeets Rating = "sesuai"
	RatingBelow Rating = "di_bawah"
)

// Ratings lists every rating, best first.
var Ratings = []Rating{RatingAbove, RatingMeets, RatingBelow}

// Valid reports whether r is a known rating.
func (r Rating) Valid() bool { return slices.Contains(Ratings, r) }

// Label returns the rating's name in Bahasa Indonesia.
func (r Rating) Label() string {
	switch r {
	case RatingAbove:
		return "Di Atas Ekspektasi"
	case RatingMeets:
		return "Sesuai Ekspektasi"
	case RatingBelow:
		return "Di Bawah Ekspektasi"
	}
	return ""
}

// Peer feedback rules: 3–5 peers per employee and period, and the employee sees an aggregate
// only once MinPeerAnswers of them answered, so no single answer can be told apart.
const (
	MinPeers       = 3
	MaxPeers       = 5
	MinPeerAnswers = 3
)

// PeerAssignment asks a colleague (the peer) to give feedback on an employee for a period.
type PeerAssignment struct {
	ID           int64      `json:"id"`
	OrgID        int64      `json:"org_id"`
	PeriodID     int64      `json:"period_id"`
	Year         int        `json:"year"`
	EmployeeID   int64      `json:"employee_id"`
	EmployeeName string     `json:"employee_name"`
	PeerID       int64      `json:"peer_id"`
	PeerName     string     `json:"peer_name"`
	AssignedBy   int64      `json:"assigned_by"` // the user who assigned
	Answered     bool       `json:"answered"`
	AnsweredAt   *time.Time `json:"answered_at"`
	PeriodClosed bool       `json:"period_closed"` // no more answers once the period is closed
	CreatedAt    time.Time  `json:"created_at"`
}

// PeerProposal is the peers an employee proposes for their own review of a period, waiting
// for the pejabat penilai, who approves it by assigning peers (AssignPeers clears it).
type PeerProposal struct {
	PeriodID     int64          `json:"period_id"`
	EmployeeID   int64          `json:"employee_id"`
	EmployeeName string         `json:"employee_name"`
	Peers        []ProposedPeer `json:"peers"` // in the order proposed
	CreatedAt    time.Time      `json:"created_at"`
}

// ProposedPeer is a colleague of a peer proposal.
type ProposedPeer struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Position string `json:"position"`
}

// PeerIDs returns the employee ids of the proposed peers.
func (p *PeerProposal) PeerIDs() []int64 {
	out := make([]int64, len(p.Peers))
	for i, d := range p.Peers {
		out[i] = d.ID
	}
	return out
}

// PeerAnswer is one peer's ratings of the seven BerAKHLAK values with a comment. Only the
// pejabat penilai and those above the employee see it with the peer's name.
type PeerAnswer struct {
	AssignmentID int64             `json:"assignment_id"`
	PeriodID     int64             `json:"period_id"`
	EmployeeID   int64             `json:"employee_id"`
	PeerID       int64             `json:"peer_id"`
	PeerName     string            `json:"peer_name"`
	Ratings      map[string]Rating `json:"ratings"` // BerAKHLAK code → rating
	Comment      string            `json:"comment"`
	AnsweredAt   time.Time         `json:"answered_at"`
}

// PeerValueSummary counts the peers' ratings of one BerAKHLAK value.
type PeerValueSummary struct {
	Value string `json:"value"` // BerAKHLAK code
	Name  string `json:"name"`
	Above int    `json:"di_atas"`
	Meets int    `json:"sesuai"`
	Below int    `json:"di_bawah"`
}

// PeerSummary is what the employee sees of their peer feedback: counts per value and the
// comments, without names and in an order unrelated to who wrote them. Below MinAnswers
// answers it is not Visible and carries no data but the count.
type PeerSummary struct {
	PeriodID   int64              `json:"period_id"`
	EmployeeID int64              `json:"employee_id"`
	Count      int                `json:"count"`
	MinAnswers int                `json:"min_answers"`
	Visible    bool               `json:"visible"`
	Values     []PeerValueSummary `json:"values"`
	Comments   []string           `json:"comments"`
}

// Peer messages.
const (
	MsgPeerCount       = "Pilih 3 sampai 5 rekan kerja yang berbeda."
	MsgPeerInvalid     = "Rekan kerja harus pegawai aktif lain di organisasi yang sama, bukan atasan atau pejabat penilai pegawai ini."
	MsgPeerNotFound    = "Penugasan umpan balik rekan kerja tidak ditemukan."
	MsgPeerAnswered    = "Umpan balik rekan kerja ini sudah diisi dan tidak dapat diubah."
	MsgPeerRemove      = "Rekan kerja yang sudah mengisi umpan balik tidak dapat dilepas."
	MsgPeerRating      = "Pilih di_bawah, sesuai atau di_atas untuk nilai ini."
	MsgPeerRatingExtra = "Nilai perilaku tidak dikenal."
	MsgPeerComment     = "Komentar paling banyak 4.000 karakter."
	MsgPeerAssigner    = "Rekan kerja ditunjuk oleh atasan langsung atau pejabat penilai pegawai ini."
	MsgPeerSelf        = "Jawaban rekan kerja tidak ditampilkan kepada pegawai yang dinilai; lihat ringkasannya."
	MsgPeerProposeSelf = "Hanya pegawai yang dinilai yang dapat mengusulkan rekan kerjanya sendiri."
	MsgPeerProposeNone = "Anda belum memiliki pejabat penilai yang dapat menyetujui usulan rekan kerja."
	MsgPeerAssigned    = "Rekan kerja periode ini sudah ditunjuk; usulan tidak diperlukan lagi."
	MsgPeerNoProposal  = "Tidak ada usulan rekan kerja yang menunggu persetujuan."
)

// CheckPeerIDs removes duplicates from ids and checks the rules that need no database: 3–5
// peers, none of them e, e's direct supervisor or e's pejabat penilai.
func CheckPeerIDs(e *Employee, ids []int64) ([]int64, error) {
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if len(out) < MinPeers || len(out) > MaxPeers {
		return nil, FieldError("peer_ids", MsgPeerCount)
	}
	for _, id := range out {
		if !CanBePeer(e, id) {
			return nil, FieldError("peer_ids", MsgPeerInvalid)
		}
	}
	return out, nil
}

// CanAssignPeers reports whether actor may choose e's peers: e's direct supervisor, e's
// pejabat penilai, or an admin of e's organisation.
func CanAssignPeers(actor *User, e *Employee) bool {
	if actor == nil || !actor.InOrg(e.OrgID) {
		return false
	}
	if actor.EmployeeID != nil && *actor.EmployeeID != e.ID &&
		(e.SupervisorID != nil && *e.SupervisorID == *actor.EmployeeID || e.AppraiserID != nil && *e.AppraiserID == *actor.EmployeeID) {
		return true
	}
	return CanManageEmployees(actor, e.OrgID) && (actor.EmployeeID == nil || *actor.EmployeeID != e.ID)
}

// NewPeerAnswer turns a peer's ratings (BerAKHLAK code → rating, as the API and the form take
// them) and comment into an answer to PeerQuestionnaire. A rating off the scale becomes 0, which
// validation reports on the value's field.
func NewPeerAnswer(ratings map[string]Rating, comment string) Answer {
	a := Answer{Scores: make(map[string]int, len(ratings)), Comment: comment}
	for code, r := range ratings {
		a.Scores[code] = PeerQuestionnaire.ScaleValue(string(r))
	}
	return a
}

// PeerRatings returns the ratings of a peer's answer by BerAKHLAK code.
func PeerRatings(a Answer) map[string]Rating {
	out := make(map[string]Rating, len(a.Scores))
	for code, v := range a.Scores {
		out[code] = Rating(PeerQuestionnaire.ScaleCode(v))
	}
	return out
}

// SummarizePeerAnswers aggregates answers into what the employee may see.
func SummarizePeerAnswers(periodID, employeeID int64, answers []Answer) *PeerSummary {
	s := PeerQuestionnaire.Summarize(answers)
	out := &PeerSummary{PeriodID: periodID, EmployeeID: employeeID, Count: s.Count, MinAnswers: s.MinAnswers,
		Visible: s.Visible, Values: []PeerValueSummary{}, Comments: s.Comments}
	count := func(qs QuestionSummary, r Rating) int { return qs.Counts[PeerQuestionnaire.ScaleValue(string(r))] }
	for _, qs := range s.Questions {
		out.Values = append(out.Values, PeerValueSummary{Value: qs.Code, Name: qs.Name,
			Above: count(qs, RatingAbove), Meets: count(qs, RatingMeets), Below: count(qs, RatingBelow)})
	}
	return out
}

// MinUpwardAnswers is how many of a leader's staff must have answered before the leader sees
// anything of their upward feedback.
const MinUpwardAnswers = 3

// UpwardScores are a staff member's scores of their leader, each 1 (tidak baik) to 4 (sangat
// baik), as the API and the form name them: one field per question of UpwardQuestionnaire.
type UpwardScores struct {
	Clarity  int `json:"clarity"`  // kejelasan arahan
	Support  int `json:"support"`  // dukungan
	Openness int `json:"openness"` // keterbukaan
	Fairness int `json:"fairness"` // keadilan
}

// UpwardAspects lists the aspects of upward feedback (the questions of UpwardQuestionnaire) in
// form order.
var UpwardAspects = UpwardQuestionnaire.Questions

// Answer returns the scores with text as an answer to UpwardQuestionnaire.
func (s UpwardScores) Answer(text string) Answer {
	return Answer{Scores: map[string]int{"clarity": s.Clarity, "support": s.Support, "openness": s.Openness, "fairness": s.Fairness},
		Comment: text}
}

// Upward feedback messages.
const (
	MsgUpwardScore     = "Pilih nilai 1 sampai 4."
	MsgUpwardText      = "Masukan tertulis paling banyak 4.000 karakter."
	MsgUpwardYear      = "Pilih tahun ini atau tahun lalu."
	MsgUpwardNotLeader = "Masukan hanya dapat diberikan kepada atasan Anda sendiri."
	MsgUpwardGiven     = "Anda sudah memberi masukan kepada pimpinan ini untuk tahun tersebut."
	MsgUpwardTenure    = "Masukan untuk pimpinan dapat diberikan setelah Anda berada di bawah pimpinan ini paling sedikit 60 hari."
	MsgUpwardReplyText = "Tanggapan wajib diisi (paling banyak 4.000 karakter)."
	MsgUpwardNoTeam    = "Tanggapan hanya dapat ditulis oleh pimpinan yang memiliki bawahan."
)

// ValidateUpward checks an upward answer given on day today for year, trimming its text in
// place. Feedback may be given for this year and the one before (while it is being evaluated).
func ValidateUpward(year int, a *Answer, today Date) error {
	var v Validation
	for f, m := range ErrorFields(UpwardQuestionnaire.Validate(a)) {
		v.Add(f, m)
	}
	if year < today.Year()-1 || year > today.Year() {
		v.Add("year", MsgUpwardYear)
	}
	return v.Err()
}

// UpwardSummary is what a leader sees of their upward feedback for a year: averages per aspect,
// the count and the texts (sorted, without dates), only once MinAnswers staff answered.
type UpwardSummary struct {
	LeaderID   int64    `json:"leader_id"`
	Year       int      `json:"year"`
	Count      int      `json:"count"`
	MinAnswers int      `json:"min_answers"`
	Visible    bool     `json:"visible"`
	Clarity    float64  `json:"clarity"`
	Support    float64  `json:"support"`
	Openness   float64  `json:"openness"`
	Fairness   float64  `json:"fairness"`
	Texts      []string `json:"texts"`
}

// average points to the field that holds the average of the aspect named code.
func (s *UpwardSummary) average(code string) *float64 {
	switch code {
	case "clarity":
		return &s.Clarity
	case "support":
		return &s.Support
	case "openness":
		return &s.Openness
	case "fairness":
		return &s.Fairness
	}
	return nil
}

// Average returns the average of the aspect named code.
func (s *UpwardSummary) Average(code string) float64 {
	if p := s.average(code); p != nil {
		return *p
	}
	return 0
}

// SummarizeUpward aggregates answers into what the leader may see. Averages are rounded to
// two decimals.
func SummarizeUpward(leaderID int64, year int, answers []Answer) *UpwardSummary {
	s := UpwardQuestionnaire.Summarize(answers)
	out := &UpwardSummary{LeaderID: leaderID, Year: year, Count: s.Count, MinAnswers: s.MinAnswers, Visible: s.Visible, Texts: s.Comments}
	for _, qs := range s.Questions {
		if p := out.average(qs.Code); p != nil {
			*p = math.Round(qs.Mean*100) / 100
		}
	}
	return out
}

// UpwardReply is a leader's public answer to their team's upward feedback for a year.
type UpwardReply struct {
	ID         int64     `json:"id"`
	OrgID      int64     `json:"org_id"`
	LeaderID   int64     `json:"leader_id"`
	LeaderName string    `json:"leader_name"`
	Year       int       `json:"year"`
	Text       string    `json:"text"`
	CreatedAt  time.Time `json:"created_at"`
}

// UpwardLeader is a leader the caller may give upward feedback to, and whether they did for Year.
type UpwardLeader struct {
	Leader   DirectoryEntry `json:"leader"`
	Depth    int            `json:"depth"` // 1: the direct supervisor
	Year     int            `json:"year"`
	Answered bool           `json:"answered"`
	// Since is when the caller's current reporting line to the leader was complete (recorded);
	// Tenured says whether it is old enough for the caller's answer to count (UpwardTenured).
	Since   Date `json:"since"`
	Tenured bool `json:"tenured"`
}

// EligibleFrom is the first day the caller's answer about the leader counts, or zero when the
// reporting line's history does not say.
func (l *UpwardLeader) EligibleFrom() Date {
	if l.Since.IsZero() {
		return Date{}
	}
	return l.Since.AddDate(0, 0, MinUpwardTenureDays)
}

// DialogActionStatus is the follow-up state of an action agreed in a dialog kinerja.
type DialogActionStatus string

// Action statuses.
const (
	DialogActionOpen DialogActionStatus = "open"
	DialogActionDone DialogActionStatus = "done"
)

// Valid reports whether s is a known status.
func (s DialogActionStatus) Valid() bool { return s == DialogActionOpen || s == DialogActionDone }

// Dialog is a recorded dialog kinerja: a 1:1 meeting between a supervisor and an employee.
type Dialog struct {
	ID             int64          `json:"id"`
	OrgID          int64          `json:"org_id"`
	SupervisorID   int64          `json:"supervisor_id"`
	SupervisorName string         `json:"supervisor_name"`
	EmployeeID     int64          `json:"employee_id"`
	EmployeeName   string         `json:"employee_name"`
	Date           Date           `json:"date"`
	Topics         string         `json:"topics"`
	Actions        []DialogAction `json:"actions"`
	CreatedBy      int64          `json:"created_by"` // the user who recorded it
	CreatedAt      time.Time      `json:"created_at"`
}

// DialogAction is an action agreed in a dialog, with its owner, due date and status.
type DialogAction struct {
	ID        int64              `json:"id"`
	DialogID  int64              `json:"dialog_id"`
	Text      string             `json:"text"`
	OwnerID   int64              `json:"owner_id"`
	OwnerName string             `json:"owner_name"`
	DueDate   Date               `json:"due_date"` // zero: none
	Status    DialogActionStatus `json:"status"`
	UpdatedAt time.Time          `json:"updated_at"`
}

// NewDialog is the input to record a dialog kinerja.
type NewDialog struct {
	EmployeeID   int64             `json:"employee_id"`
	SupervisorID int64             `json:"supervisor_id"` // 0: the employee's direct supervisor
	Date         Date              `json:"date"`
	Topics       string            `json:"topics"`
	Actions      []NewDialogAction `json:"actions"`
}

// NewDialogAction is an agreed action as written; its owner is one of the pair.
type NewDialogAction struct {
	Text    string `json:"text"`
	OwnerID int64  `json:"owner_id"`
	DueDate Date   `json:"due_date"`
}

// Dialog messages.
const (
	MsgDialogDate       = "Tanggal dialog wajib diisi dan tidak boleh di masa depan."
	MsgDialogTopics     = "Topik yang dibahas wajib diisi (paling banyak 4.000 karakter)."
	MsgDialogActions    = "Paling banyak 20 tindak lanjut."
	MsgDialogActionText = "Uraian tindak lanjut wajib diisi (paling banyak 1.000 karakter)."
	MsgDialogOwner      = "Penanggung jawab harus atasan atau pegawai dalam dialog ini."
	MsgDialogDue        = "Tenggat tidak boleh sebelum tanggal dialog."
	MsgDialogPair       = "Dialog kinerja dicatat antara pegawai dan atasannya (atasan langsung, atasan di atasnya, atau pejabat penilai)."
	MsgDialogNotMember  = "Dialog kinerja dicatat oleh atasan atau pegawai yang berdialog."
	MsgDialogNotFound   = "Dialog kinerja tidak ditemukan."
	MsgDialogStatus     = "Status tindak lanjut harus open atau done."
)

// Validate normalises n and checks what needs no database; today bounds the date.
func (n *NewDialog) Validate(today Date) error {
	n.Topics = strings.TrimSpace(n.Topics)
	var v Validation
	if n.EmployeeID <= 0 {
		v.Add("employee_id", MsgEmployeeIDInvalid)
	}
	if n.SupervisorID < 0 {
		v.Add("supervisor_id", MsgEmployeeIDInvalid)
	}
	if n.Date.IsZero() || n.Date.After(today) || n.Date.Year() < 2000 {
		v.Add("date", MsgDialogDate)
	}
	if n.Topics == "" || utf8.RuneCountInString(n.Topics) > MaxFeedbackText {
		v.Add("topics", MsgDialogTopics)
	}
	if len(n.Actions) > MaxDialogItems {
		v.Add("actions", MsgDialogActions)
	}
	for i := range n.Actions {
		act := &n.Actions[i]
		act.Text = strings.TrimSpace(act.Text)
		f := func(name string) string { return "actions." + strconv.Itoa(i) + "." + name }
		if act.Text == "" || utf8.RuneCountInString(act.Text) > MaxActionText {
			v.Add(f("text"), MsgDialogActionText)
		}
		if act.OwnerID <= 0 {
			v.Add(f("owner_id"), MsgDialogOwner)
		}
		if !act.DueDate.IsZero() && !n.Date.IsZero() && act.DueDate.Before(n.Date) {
			v.Add(f("due_date"), MsgDialogDue)
		}
	}
	return v.Err()
}

// CheckOwners checks that every action's owner is one of the pair.
func (n *NewDialog) CheckOwners(supervisorID int64) error {
	var v Validation
	for i, act := range n.Actions {
		if act.OwnerID != n.EmployeeID && act.OwnerID != supervisorID {
			v.Add("actions."+strconv.Itoa(i)+".owner_id", MsgDialogOwner)
		}
	}
	return v.Err()
}

// IsDialogMember reports whether actor is one of the two people of a dialog.
func IsDialogMember(actor *User, supervisorID, employeeID int64) bool {
	return actor != nil && actor.EmployeeID != nil && (*actor.EmployeeID == supervisorID || *actor.EmployeeID == employeeID)
}
