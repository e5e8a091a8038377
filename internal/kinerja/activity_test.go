package kinerja

import (
	"math"
	"testing"
	"time"
)

func TestOrgSettingsValidate(t *testing.T) {
	t.Parallel()
	with := func(change func(*OrgSettings)) OrgSettings {
		s := DefaultSettings(1)
		change(&s)
		return s
	}
	tests := []struct {
		name   string
		in     OrgSettings
		fields []string // none for valid
	}{
		{"defaults", DefaultSettings(1), nil},
		{"objection 1 day", with(func(s *OrgSettings) { s.ObjectionDays = 1 }), nil},
		{"objection 90 days", with(func(s *OrgSettings) { s.ObjectionDays = 90 }), nil},
		{"objection 0 days", with(func(s *OrgSettings) { s.ObjectionDays = 0 }), []string{"objection_days"}},
		{"objection 91 days", with(func(s *OrgSettings) { s.ObjectionDays = 91 }), []string{"objection_days"}},
		{"thresholds 110/80", with(func(s *OrgSettings) { s.AdviceAbovePercent, s.AdviceMeetsPercent = 110, 80 }), nil},
		{"thresholds equal", with(func(s *OrgSettings) { s.AdviceAbovePercent, s.AdviceMeetsPercent = 100, 100 }), nil},
		{"above 1000", with(func(s *OrgSettings) { s.AdviceAbovePercent = 1000 }), nil},
		{"above over 1000", with(func(s *OrgSettings) { s.AdviceAbovePercent = 1000.5 }), []string{"advice_above_percent"}},
		{"above 0", with(func(s *OrgSettings) { s.AdviceAbovePercent = 0 }), []string{"advice_above_percent", "advice_meets_percent"}},
		{"above NaN", with(func(s *OrgSettings) { s.AdviceAbovePercent = math.NaN() }), []string{"advice_above_percent", "advice_meets_percent"}},
		{"meets 0", with(func(s *OrgSettings) { s.AdviceMeetsPercent = 0 }), []string{"advice_meets_percent"}},
		{"meets negative", with(func(s *OrgSettings) { s.AdviceMeetsPercent = -5 }), []string{"advice_meets_percent"}},
		{"meets above above", with(func(s *OrgSettings) { s.AdviceAbovePercent, s.AdviceMeetsPercent = 95, 96 }), []string{"advice_meets_percent"}},
		{"meets NaN", with(func(s *OrgSettings) { s.AdviceMeetsPercent = math.NaN() }), []string{"advice_meets_percent"}},
		{"activity deadline", with(func(s *OrgSettings) { s.ActivityDeadlineDays = 61 }), []string{"activity_deadline_days"}},
	}
	for _, tt := range tests {
		err := tt.in.Validate()
		got := ErrorFields(err)
		if len(tt.fields) == 0 && err != nil {
			t.Errorf("%s: Validate() = %v; want nil", tt.name, err)
		}
		if len(got) != len(tt.fields) {
			t.Errorf("%s: Validate() fields = %v; want %v", tt.name, got, tt.fields)
		}
		for _, f := range tt.fields {
			if got[f] == "" {
				t.Errorf("%s: Validate() = %v; want an error on %s", tt.name, err, f)
			}
		}
	}
}

func TestEvalPeriodShareOf(t *testing.T) {
	t.Parallel()
	year := func(y int) (Date, Date) { return NewDate(y, time.January, 1), NewDate(y, time.December, 31) }
	janStart, decEnd := year(2026)
	julStart := NewDate(2026, time.July, 15)
	find := func(key string, c Cadence) EvalPeriod {
		p, ok := FindEvalPeriod(2026, c, key)
		if !ok {
			t.Fatalf("no evaluation period %s", key)
		}
		return p
	}
	tests := []struct {
		key        string
		cadence    Cadence
		start, end Date
		want       float64
	}{
		{"2026-Q1", CadenceQuarterly, janStart, decEnd, 0.25},
		{"2026-03", CadenceMonthly, janStart, decEnd, 1.0 / 12},
		{"2026-S2", CadenceSemester, janStart, decEnd, 0.5},
		{"2026", CadenceQuarterly, janStart, decEnd, 1},
		{"2026-Q3", CadenceQuarterly, julStart, decEnd, 0.5}, // a period from mid-July: six months
		{"2026-Q1", CadenceQuarterly, julStart, decEnd, 0},   // before the period began
		{"2026", CadenceQuarterly, julStart, decEnd, 1},
	}
	for _, tt := range tests {
		if got := find(tt.key, tt.cadence).ShareOf(tt.start, tt.end); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s of %s–%s = %v; want %v", tt.key, tt.start, tt.end, got, tt.want)
		}
	}
}

func TestEvalKeyYear(t *testing.T) {
	t.Parallel()
	tests := []struct {
		key  string
		want int
		ok   bool
	}{
		{"2026", 2026, true},
		{"2026-03", 2026, true},
		{"2026-Q1", 2026, true},
		{"2026-S2", 2026, true},
		{"26-Q1", 0, false},
		{"+202-Q1", 0, false}, // a sign is no digit
		{"-202", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := EvalKeyYear(tt.key)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("EvalKeyYear(%q) = %d, %v; want %d, %v", tt.key, got, ok, tt.want, tt.ok)
		}
	}
}
