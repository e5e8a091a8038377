package kinerja

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Questionnaire defines a survey: the questions asked, the one scale every question is answered
// on, the free-text comment, how many answers must exist before anyone sees an aggregate, and
// whether answers are anonymous. Peer feedback, upward feedback and (next) the citizen survey
// are questionnaires; they differ in data, not in code, and share one storage.
type Questionnaire struct {
	Code       string       // stored with every answer: "peer", "upward"
	Questions  []Question   // in form order
	Scale      []ScaleValue // the allowed answers to every question, lowest first
	MaxComment int          // characters of the comment; 0: no comment allowed
	MinAnswers int          // answers needed before an aggregate is shown to anyone
	// Anonymous answers carry no author and no time finer than the date, and nothing written
	// elsewhere may point to them.
	Anonymous bool

	// How validation names the fields at fault and what it says, as the pages and the API have
	// always shown them.
	ScoreField   string // put before a question's code: "ratings." names "ratings.loyal"
	CommentField string // "comment" or "text"
	MsgScore     string // a question unanswered or answered off the scale
	MsgUnknown   string // a question the questionnaire does not ask
	MsgComment   string // a comment too long, or one where none is allowed
}

// Question is one question of a questionnaire.
type Question struct {
	Code string `json:"code"`
	Name string `json:"name"` // short name for summaries, in Bahasa Indonesia
	Text string `json:"text"` // the question as the form asks it, in Bahasa Indonesia
}

// ScaleValue is one allowed answer: the number stored and counted, and what it means.
type ScaleValue struct {
	Value int    `json:"value"`
	Code  string `json:"code"`  // how the API spells it where it is not the number itself
	Label string `json:"label"` // in Bahasa Indonesia
}

// Answer is one respondent's answer to a questionnaire: a value of the scale per question code,
// and a comment.
type Answer struct {
	Scores  map[string]int `json:"scores"`
	Comment string         `json:"comment"`
}

// ScaleValue returns the value the scale spells code, or 0 when the scale has no such code.
func (q *Questionnaire) ScaleValue(code string) int {
	for _, s := range q.Scale {
		if s.Code == code {
			return s.Value
		}
	}
	return 0
}

// ScaleCode returns how the scale spells value v, or "" when v is off the scale.
func (q *Questionnaire) ScaleCode(v int) string {
	for _, s := range q.Scale {
		if s.Value == v {
			return s.Code
		}
	}
	return ""
}

func (q *Questionnaire) onScale(v int) bool {
	return slices.ContainsFunc(q.Scale, func(s ScaleValue) bool { return s.Value == v })
}

func (q *Questionnaire) asks(code string) bool {
	return slices.ContainsFunc(q.Questions, func(x Question) bool { return x.Code == code })
}

// Validate checks a as an answer to q, trimming its comment in place: every question answered
// with a value of the scale, no other question, and a comment within the limit (counted in
// characters, not bytes).
func (q *Questionnaire) Validate(a *Answer) error {
	a.Comment = strings.TrimSpace(a.Comment)
	var v Validation
	for _, x := range q.Questions {
		if !q.onScale(a.Scores[x.Code]) {
			v.Add(q.ScoreField+x.Code, q.MsgScore)
		}
	}
	for code := range a.Scores {
		if !q.asks(code) {
			v.Add(q.ScoreField+code, q.MsgUnknown)
		}
	}
	if utf8.RuneCountInString(a.Comment) > q.MaxComment {
		v.Add(q.CommentField, q.MsgComment)
	}
	return v.Err()
}

// Summary is what may be shown of a questionnaire's answers about one subject. Answers are
// shown in whole batches of MinAnswers: below MinAnswers it is not Visible and holds nothing
// but zero, and an answer beyond the last whole batch waits for the batch to fill, so that
// comparing two summaries never isolates one answer.
type Summary struct {
	Count      int               `json:"count"`
	MinAnswers int               `json:"min_answers"`
	Visible    bool              `json:"visible"`
	Questions  []QuestionSummary `json:"questions"`
	Comments   []string          `json:"comments"` // sorted, so their order says nothing of who wrote them
}

// QuestionSummary aggregates the answers to one question.
type QuestionSummary struct {
	Code     string      `json:"code"`
	Name     string      `json:"name"`
	Counts   map[int]int `json:"counts"`   // answers per value of the scale, every value present
	Answered int         `json:"answered"` // answers that scored this question
	Mean     float64     `json:"mean"`     // over those answers, at full precision; 0 when none
}

// Published returns how many of n answers, in the order they were given, may be shown: whole
// batches of MinAnswers.
func (q *Questionnaire) Published(n int) int {
	if q.MinAnswers <= 1 {
		return n
	}
	return n - n%q.MinAnswers
}

// Summarize aggregates answers to q, oldest first, into what may be shown of them: the whole
// batches (Published). Means keep full precision: rounding is for display, and derived indices
// (such as the IKM of the citizen survey) must round only at the end.
func (q *Questionnaire) Summarize(answers []Answer) *Summary {
	answers = answers[:q.Published(len(answers))]
	s := &Summary{Count: len(answers), MinAnswers: q.MinAnswers, Questions: []QuestionSummary{}, Comments: []string{}}
	if s.Count == 0 || s.Count < q.MinAnswers {
		return s
	}
	s.Visible = true
	for _, x := range q.Questions {
		qs := QuestionSummary{Code: x.Code, Name: x.Name, Counts: map[int]int{}}
		for _, sv := range q.Scale {
			qs.Counts[sv.Value] = 0
		}
		sum := 0
		for _, a := range answers {
			if v, ok := a.Scores[x.Code]; ok && q.onScale(v) {
				qs.Counts[v]++
				qs.Answered++
				sum += v
			}
		}
		if qs.Answered > 0 {
			qs.Mean = float64(sum) / float64(qs.Answered)
		}
		s.Questions = append(s.Questions, qs)
	}
	for _, a := range answers {
		if a.Comment != "" {
			s.Comments = append(s.Comments, a.Comment)
		}
	}
	slices.Sort(s.Comments)
	return s
}

// PeerQuestionnaire is peer feedback: a colleague rates each of the seven BerAKHLAK values
// below, meeting or above expectation (stored as 1–3). Answers are attributable: the pejabat
// penilai and those above the employee see who answered what; the employee sees the summary.
var PeerQuestionnaire = &Questionnaire{
	Code:      "peer",
	Questions: behaviorQuestions(),
	Scale: []ScaleValue{
		{1, string(RatingBelow), RatingBelow.Label()},
		{2, string(RatingMeets), RatingMeets.Label()},
		{3, string(RatingAbove), RatingAbove.Label()},
	},
	MaxComment:   MaxFeedbackText,
	MinAnswers:   MinPeerAnswers,
	ScoreField:   "ratings.",
	CommentField: "comment",
	MsgScore:     MsgPeerRating,
	MsgUnknown:   MsgPeerRatingExtra,
	MsgComment:   MsgPeerComment,
}

// behaviorQuestions asks about each BerAKHLAK value through its behaviour guides.
func behaviorQuestions() []Question {
	out := make([]Question, 0, len(BerAKHLAK))
	for _, b := range BerAKHLAK {
		out = append(out, Question{Code: b.Code, Name: b.Name, Text: strings.Join(b.Guides, " · ")})
	}
	return out
}

// UpwardQuestionnaire is upward feedback: a staff member scores their leader on four aspects,
// 1 (tidak baik) to 4 (sangat baik). It is anonymous.
var UpwardQuestionnaire = &Questionnaire{
	Code: "upward",
	Questions: []Question{
		{"clarity", "Kejelasan arahan", "Pimpinan menyampaikan sasaran dan harapan kerja dengan jelas."},
		{"support", "Dukungan", "Pimpinan membantu ketika saya menemui kendala dan mendukung pengembangan saya."},
		{"openness", "Keterbukaan", "Pimpinan terbuka terhadap masukan, pendapat dan kritik staf."},
		{"fairness", "Keadilan", "Pimpinan membagi tugas dan menilai staf secara adil."},
	},
	Scale: []ScaleValue{
		{1, "1", "Tidak baik"},
		{2, "2", "Kurang baik"},
		{3, "3", "Baik"},
		{4, "4", "Sangat baik"},
	},
	MaxComment:   MaxFeedbackText,
	MinAnswers:   MinUpwardAnswers,
	Anonymous:    true,
	CommentField: "text",
	MsgScore:     MsgUpwardScore,
	MsgUnknown:   MsgUpwardScore,
	MsgComment:   MsgUpwardText,
}
