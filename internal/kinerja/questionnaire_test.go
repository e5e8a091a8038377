package kinerja

import (
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
)

func ratingsOf(r Rating) map[string]Rating {
	m := map[string]Rating{}
	for _, b := range BerAKHLAK {
		m[b.Code] = r
	}
	return m
}

// upwardOf scores every aspect n.
func upwardOf(n int) map[string]int {
	return map[string]int{"clarity": n, "support": n, "openness": n, "fairness": n}
}

// with returns a copy of m with key set to v.
func with[V any](m map[string]V, key string, v V) map[string]V {
	out := maps.Clone(m)
	out[key] = v
	return out
}

// without returns a copy of m without key.
func without[V any](m map[string]V, key string) map[string]V {
	out := maps.Clone(m)
	delete(out, key)
	return out
}

// noComment is a questionnaire that takes no comment.
var noComment = &Questionnaire{Code: "test", Questions: []Question{{Code: "q1"}}, Scale: []ScaleValue{{Value: 1}, {Value: 2}},
	MinAnswers: 1, CommentField: "saran", MsgScore: "score", MsgUnknown: "unknown", MsgComment: "comment"}

func TestQuestionnaireDefinitions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q         *Questionnaire
		codes     []string
		values    []int
		min       int
		anonymous bool
	}{
		{PeerQuestionnaire, []string{"berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"},
			[]int{1, 2, 3}, MinPeerAnswers, false},
		{UpwardQuestionnaire, []string{"clarity", "support", "openness", "fairness"}, []int{1, 2, 3, 4}, MinUpwardAnswers, true},
	}
	for _, tt := range tests {
		var codes []string
		for _, x := range tt.q.Questions {
			codes = append(codes, x.Code)
			if x.Name == "" || x.Text == "" {
				t.Errorf("%s question %q has no name or text", tt.q.Code, x.Code)
			}
		}
		if !slices.Equal(codes, tt.codes) {
			t.Errorf("%s questions = %v; want %v", tt.q.Code, codes, tt.codes)
		}
		var values []int
		for _, s := range tt.q.Scale {
			values = append(values, s.Value)
			if s.Label == "" || tt.q.ScaleValue(s.Code) != s.Value || tt.q.ScaleCode(s.Value) != s.Code {
				t.Errorf("%s scale value %+v: no label, or its code does not lead back to it", tt.q.Code, s)
			}
		}
		if !slices.Equal(values, tt.values) {
			t.Errorf("%s scale = %v; want %v, lowest first", tt.q.Code, values, tt.values)
		}
		if tt.q.MinAnswers != tt.min || tt.q.Anonymous != tt.anonymous || tt.q.MaxComment != MaxFeedbackText {
			t.Errorf("%s: min %d, anonymous %v, comment %d; want %d, %v, %d", tt.q.Code, tt.q.MinAnswers, tt.q.Anonymous,
				tt.q.MaxComment, tt.min, tt.anonymous, MaxFeedbackText)
		}
	}
	// The peer scale spells the ratings of DOMAIN.md §3, stored 1–3 from below to above.
	for r, v := range map[Rating]int{RatingBelow: 1, RatingMeets: 2, RatingAbove: 3} {
		if got := PeerQuestionnaire.ScaleValue(string(r)); got != v {
			t.Errorf("PeerQuestionnaire.ScaleValue(%q) = %d; want %d", r, got, v)
		}
	}
	if got := PeerQuestionnaire.ScaleValue("baik"); got != 0 {
		t.Errorf(`PeerQuestionnaire.ScaleValue("baik") = %d; want 0`, got)
	}
}

func TestQuestionnaireValidate(t *testing.T) {
	t.Parallel()
	peer := func(r map[string]Rating, comment string) Answer { return NewPeerAnswer(r, comment) }
	upward := func(s map[string]int, text string) Answer { return Answer{Scores: s, Comment: text} }
	meets := ratingsOf(RatingMeets)
	tests := []struct {
		name   string
		q      *Questionnaire
		answer Answer
		want   map[string]string // field → message; nil: valid
	}{
		{"peer complete", PeerQuestionnaire, peer(ratingsOf(RatingAbove), " Rajin "), nil},
		{"peer without comment", PeerQuestionnaire, peer(ratingsOf(RatingBelow), ""), nil},
		{"peer value missing", PeerQuestionnaire, peer(without(meets, "harmonis"), ""), map[string]string{"ratings.harmonis": MsgPeerRating}},
		{"peer rating off the scale", PeerQuestionnaire, peer(with(meets, "loyal", "baik"), ""), map[string]string{"ratings.loyal": MsgPeerRating}},
		{"peer empty rating", PeerQuestionnaire, peer(with(meets, "loyal", ""), ""), map[string]string{"ratings.loyal": MsgPeerRating}},
		{"peer unknown value", PeerQuestionnaire, peer(with(meets, "jujur", RatingAbove), ""), map[string]string{"ratings.jujur": MsgPeerRatingExtra}},
		{"peer several faults", PeerQuestionnaire, peer(with(with(without(meets, "loyal"), "adaptif", "luar_biasa"), "jujur", "sesuai"), ""),
			map[string]string{"ratings.loyal": MsgPeerRating, "ratings.adaptif": MsgPeerRating, "ratings.jujur": MsgPeerRatingExtra}},
		{"peer nothing", PeerQuestionnaire, Answer{}, func() map[string]string {
			m := map[string]string{}
			for _, b := range BerAKHLAK {
				m["ratings."+b.Code] = MsgPeerRating
			}
			return m
		}()},
		{"peer comment too long", PeerQuestionnaire, peer(meets, strings.Repeat("a", MaxFeedbackText+1)), map[string]string{"comment": MsgPeerComment}},
		{"peer comment of the maximum in 2-byte characters", PeerQuestionnaire, peer(meets, strings.Repeat("é", MaxFeedbackText)), nil},
		{"peer comment of the maximum in 4-byte characters, padded", PeerQuestionnaire, peer(meets, "  "+strings.Repeat("😀", MaxFeedbackText)+"\n"), nil},
		{"peer comment one over in 2-byte characters", PeerQuestionnaire, peer(meets, strings.Repeat("é", MaxFeedbackText+1)), map[string]string{"comment": MsgPeerComment}},
		{"upward valid", UpwardQuestionnaire, upward(map[string]int{"clarity": 1, "support": 2, "openness": 3, "fairness": 4}, " Lebih sering rapat "), nil},
		{"upward 0", UpwardQuestionnaire, upward(with(upwardOf(4), "clarity", 0), ""), map[string]string{"clarity": MsgUpwardScore}},
		{"upward 5", UpwardQuestionnaire, upward(with(upwardOf(4), "support", 5), ""), map[string]string{"support": MsgUpwardScore}},
		{"upward negative", UpwardQuestionnaire, upward(with(upwardOf(4), "fairness", -1), ""), map[string]string{"fairness": MsgUpwardScore}},
		{"upward missing", UpwardQuestionnaire, upward(without(upwardOf(4), "openness"), ""), map[string]string{"openness": MsgUpwardScore}},
		{"upward unknown aspect", UpwardQuestionnaire, upward(with(upwardOf(4), "speed", 3), ""), map[string]string{"speed": MsgUpwardScore}},
		{"upward text too long", UpwardQuestionnaire, upward(upwardOf(4), strings.Repeat("x", MaxFeedbackText+1)), map[string]string{"text": MsgUpwardText}},
		{"upward text of the maximum in 3-byte characters", UpwardQuestionnaire, upward(upwardOf(4), strings.Repeat("€", MaxFeedbackText)), nil},
		{"no comment allowed, none given", noComment, Answer{Scores: map[string]int{"q1": 2}, Comment: "  "}, nil},
		{"no comment allowed, one given", noComment, Answer{Scores: map[string]int{"q1": 2}, Comment: "x"}, map[string]string{"saran": "comment"}},
	}
	for _, tt := range tests {
		a := tt.answer
		err := tt.q.Validate(&a)
		if got := ErrorFields(err); !maps.Equal(got, tt.want) || (err == nil) != (tt.want == nil) {
			t.Errorf("%s: Validate = %v, fields %v; want %v", tt.name, err, got, tt.want)
		}
		if err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("%s: Validate code = %q; want %q", tt.name, ErrorCode(err), EINVALID)
		}
	}

	a := Answer{Scores: upwardOf(3), Comment: " \t Terima kasih \n"}
	if err := UpwardQuestionnaire.Validate(&a); err != nil || a.Comment != "Terima kasih" {
		t.Errorf("Validate = %v, comment %q; want the comment trimmed in place", err, a.Comment)
	}
}

func TestQuestionnaireSummarize(t *testing.T) {
	t.Parallel()
	q := &Questionnaire{Code: "test", Questions: []Question{{Code: "a", Name: "A"}, {Code: "b", Name: "B"}},
		Scale: []ScaleValue{{Value: 1}, {Value: 2}, {Value: 3}, {Value: 4}}, MaxComment: 100, MinAnswers: 3}
	answers := []Answer{
		{Scores: map[string]int{"a": 4, "b": 1}, Comment: "Zaman berubah"},
		{Scores: map[string]int{"a": 3, "b": 1}, Comment: "Andal"},
		{Scores: map[string]int{"a": 1}},
		{Scores: map[string]int{"a": 4, "b": 2}, Comment: "Mantap"},
	}
	tests := []struct {
		name     string
		answers  []Answer
		visible  bool
		counts   map[string]map[int]int
		answered map[string]int
		means    map[string]float64
		comments []string
	}{
		{"none", nil, false, nil, nil, nil, nil},
		{"one below the minimum", answers[:2], false, nil, nil, nil, nil},
		{"the minimum", answers[:3], true,
			map[string]map[int]int{"a": {1: 1, 2: 0, 3: 1, 4: 1}, "b": {1: 2, 2: 0, 3: 0, 4: 0}},
			map[string]int{"a": 3, "b": 2}, map[string]float64{"a": 8.0 / 3, "b": 1}, []string{"Andal", "Zaman berubah"}},
		// A fourth answer waits for two more: showing it alone would let anyone who compares
		// the summary before and after read it.
		{"a fourth waits for its batch", answers, true,
			map[string]map[int]int{"a": {1: 1, 2: 0, 3: 1, 4: 1}, "b": {1: 2, 2: 0, 3: 0, 4: 0}},
			map[string]int{"a": 3, "b": 2}, map[string]float64{"a": 8.0 / 3, "b": 1}, []string{"Andal", "Zaman berubah"}},
		{"two whole batches", append(slices.Clone(answers), answers[:2]...), true,
			map[string]map[int]int{"a": {1: 1, 2: 0, 3: 2, 4: 3}, "b": {1: 4, 2: 1, 3: 0, 4: 0}},
			map[string]int{"a": 6, "b": 5}, map[string]float64{"a": 19.0 / 6, "b": 6.0 / 5},
			[]string{"Andal", "Andal", "Mantap", "Zaman berubah", "Zaman berubah"}},
	}
	for _, tt := range tests {
		s := q.Summarize(tt.answers)
		if want := len(tt.answers) / 3 * 3; s.Count != want || s.MinAnswers != 3 || s.Visible != tt.visible || s.Questions == nil || s.Comments == nil {
			t.Errorf("%s: Summarize = %+v; want count %d, visible %v, empty lists rather than nil", tt.name, s, want, tt.visible)
			continue
		}
		if !tt.visible {
			if len(s.Questions) != 0 || len(s.Comments) != 0 {
				t.Errorf("%s: Summarize = %+v; want nothing but the count", tt.name, s)
			}
			continue
		}
		if len(s.Questions) != 2 || s.Questions[0].Code != "a" || s.Questions[1].Name != "B" {
			t.Fatalf("%s: questions = %+v; want a and b in form order", tt.name, s.Questions)
		}
		for _, qs := range s.Questions {
			if !maps.Equal(qs.Counts, tt.counts[qs.Code]) || qs.Answered != tt.answered[qs.Code] || qs.Mean != tt.means[qs.Code] {
				t.Errorf("%s: question %s = %+v; want counts %v, answered %d, mean %v", tt.name, qs.Code, qs,
					tt.counts[qs.Code], tt.answered[qs.Code], tt.means[qs.Code])
			}
		}
		if !slices.Equal(s.Comments, tt.comments) {
			t.Errorf("%s: comments = %q; want %q", tt.name, s.Comments, tt.comments)
		}
	}

	// The comments' order says nothing about the order of the answers within a batch.
	reversed := slices.Clone(answers[:3])
	slices.Reverse(reversed)
	if a, b := q.Summarize(answers[:3]).Comments, q.Summarize(reversed).Comments; !slices.Equal(a, b) {
		t.Errorf("comments depend on the answers' order: %q vs %q", a, b)
	}
}

func TestPeerAnswerViews(t *testing.T) {
	t.Parallel()
	in := with(ratingsOf(RatingMeets), "loyal", RatingAbove)
	in["adaptif"] = RatingBelow
	a := NewPeerAnswer(in, "Rajin")
	if a.Scores["loyal"] != 3 || a.Scores["harmonis"] != 2 || a.Scores["adaptif"] != 1 || a.Comment != "Rajin" {
		t.Errorf("NewPeerAnswer = %+v; want di_atas 3, sesuai 2, di_bawah 1", a)
	}
	if got := PeerRatings(a); !maps.Equal(got, in) {
		t.Errorf("PeerRatings(NewPeerAnswer(r)) = %v; want %v", got, in)
	}

	answer := func(r Rating, comment string) Answer { return NewPeerAnswer(ratingsOf(r), comment) }
	two := []Answer{answer(RatingAbove, "Zaman berubah"), answer(RatingMeets, "Andal")}
	s := SummarizePeerAnswers(1, 2, two)
	if s.Visible || s.Count != 0 || s.MinAnswers != MinPeerAnswers || len(s.Values) != 0 || len(s.Comments) != 0 {
		t.Errorf("summary of 2 answers = %+v; want nothing", s)
	}
	s = SummarizePeerAnswers(1, 2, append(two, answer(RatingMeets, "")))
	if !s.Visible || s.Count != 3 || s.PeriodID != 1 || s.EmployeeID != 2 || len(s.Values) != len(BerAKHLAK) {
		t.Fatalf("summary of 3 answers = %+v; want visible with 7 values", s)
	}
	for i, v := range s.Values {
		if v.Value != BerAKHLAK[i].Code || v.Name != BerAKHLAK[i].Name || v.Above != 1 || v.Meets != 2 || v.Below != 0 {
			t.Errorf("value %+v; want %s with 1 di_atas and 2 sesuai", v, BerAKHLAK[i].Code)
		}
	}
	if strings.Join(s.Comments, "|") != "Andal|Zaman berubah" {
		t.Errorf("comments = %q; want the non-empty ones, sorted", s.Comments)
	}
	// The JSON the API shows is unchanged.
	wantKeys(t, s, "comments", "count", "employee_id", "min_answers", "period_id", "values", "visible")
	wantKeys(t, s.Values[0], "di_atas", "di_bawah", "name", "sesuai", "value")
}

func TestUpward(t *testing.T) {
	t.Parallel()
	today := NewDate(2026, 3, 15)
	tests := []struct {
		name   string
		year   int
		scores UpwardScores
		text   string
		fields []string
	}{
		{"valid", 2026, UpwardScores{1, 2, 3, 4}, " Lebih sering rapat ", nil},
		{"last year", 2025, UpwardScores{4, 4, 4, 4}, "", nil},
		{"next year", 2027, UpwardScores{4, 4, 4, 4}, "", []string{"year"}},
		{"two years ago", 2024, UpwardScores{4, 4, 4, 4}, "", []string{"year"}},
		{"clarity 0", 2026, UpwardScores{0, 4, 4, 4}, "", []string{"clarity"}},
		{"support 5", 2026, UpwardScores{4, 5, 4, 4}, "", []string{"support"}},
		{"openness missing", 2026, UpwardScores{Clarity: 4, Support: 4, Fairness: 4}, "", []string{"openness"}},
		{"fairness negative", 2026, UpwardScores{4, 4, 4, -1}, "", []string{"fairness"}},
		{"text too long", 2026, UpwardScores{4, 4, 4, 4}, strings.Repeat("x", MaxFeedbackText+1), []string{"text"}},
		{"text of the maximum in 2-byte characters", 2026, UpwardScores{4, 4, 4, 4}, strings.Repeat("é", MaxFeedbackText), nil},
		{"everything wrong", 2030, UpwardScores{}, strings.Repeat("x", MaxFeedbackText+1),
			[]string{"clarity", "fairness", "openness", "support", "text", "year"}},
	}
	for _, tt := range tests {
		a := tt.scores.Answer(tt.text)
		err := ValidateUpward(tt.year, &a, today)
		if got := slices.Sorted(maps.Keys(ErrorFields(err))); !slices.Equal(got, tt.fields) {
			t.Errorf("%s: ValidateUpward = %v; want errors on %v", tt.name, err, tt.fields)
		}
	}

	answers := []Answer{UpwardScores{4, 3, 2, 1}.Answer("Terima kasih"), UpwardScores{3, 3, 2, 2}.Answer("")}
	if s := SummarizeUpward(7, 2026, answers); s.Visible || s.Count != 0 || s.Clarity != 0 || len(s.Texts) != 0 || s.Texts == nil {
		t.Errorf("summary of 2 = %+v; want nothing", s)
	}
	answers = append(answers, UpwardScores{4, 4, 3, 1}.Answer("Arahan jelas"))
	s := SummarizeUpward(7, 2026, answers)
	want := map[string]float64{"clarity": 3.67, "support": 3.33, "openness": 2.33, "fairness": 1.33}
	for _, a := range UpwardAspects {
		if got := s.Average(a.Code); got != want[a.Code] {
			t.Errorf("average %s = %v; want %v", a.Code, got, want[a.Code])
		}
	}
	if !s.Visible || s.Count != 3 || s.LeaderID != 7 || s.Year != 2026 || strings.Join(s.Texts, "|") != "Arahan jelas|Terima kasih" {
		t.Errorf("summary of 3 = %+v; want visible with the texts sorted", s)
	}
	wantKeys(t, s, "clarity", "count", "fairness", "leader_id", "min_answers", "openness", "support", "texts", "visible", "year")
}

// TestQuestionnaireFitsSKM defines the citizen survey of DOMAIN.md §6 with the same model and
// computes the IKM from the summary's means: nine elements answered 1–4, anonymous.
func TestQuestionnaireFitsSKM(t *testing.T) {
	t.Parallel()
	skm := &Questionnaire{Code: "skm", Scale: []ScaleValue{{1, "1", "Tidak baik"}, {2, "2", "Kurang baik"}, {3, "3", "Baik"}, {4, "4", "Sangat baik"}},
		MaxComment: MaxFeedbackText, MinAnswers: 1, Anonymous: true, CommentField: "saran", MsgScore: "s", MsgUnknown: "u", MsgComment: "c"}
	for i := 1; i <= 9; i++ {
		code := "u" + string(rune('0'+i))
		skm.Questions = append(skm.Questions, Question{Code: code, Name: strings.ToUpper(code), Text: "Unsur " + code})
	}
	all := func(n int) Answer {
		a := Answer{Scores: map[string]int{}}
		for _, x := range skm.Questions {
			a.Scores[x.Code] = n
		}
		return a
	}
	last := all(3)
	last.Scores["u9"] = 1
	answers := []Answer{all(4), all(3), last}
	for i := range answers {
		if err := skm.Validate(&answers[i]); err != nil {
			t.Fatalf("Validate(answer %d) = %v", i, err)
		}
	}
	s := skm.Summarize(answers)
	var sum float64
	for _, qs := range s.Questions {
		sum += qs.Mean
	}
	// NRR is 10/3 for U1–U8 and 8/3 for U9: IKM = 25 × 88/27 = 81.481…
	if ikm := math.Round(25*sum/9*100) / 100; ikm != 81.48 {
		t.Errorf("IKM = %v; want 81.48", ikm)
	}
}

// wantKeys checks the JSON object v encodes to has exactly keys.
func wantKeys(t *testing.T, v any, keys ...string) {
	t.Helper()
	buf, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf, &m); err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(m)); !slices.Equal(got, keys) {
		t.Errorf("JSON keys of %T = %v; want %v", v, got, keys)
	}
}
