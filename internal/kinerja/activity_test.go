package kinerja

import (
	"math"
	"testing"
)

func TestOrgSettingsValidate(t *testing.T) {
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
