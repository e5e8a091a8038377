package sqldb_test

import (
	"maps"
	"reflect"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestSettingsAssessmentRules(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		s, err := db.FindSettings(o.StafACtx, 0)
		if err != nil || !reflect.DeepEqual(s, kinerja.DefaultSettings(o.ID)) {
			t.Fatalf("FindSettings before any change = %+v, %v; want the defaults", s, err)
		}
		// A row saved with only the activity rules changed keeps the assessment defaults.
		s.ActivityDeadlineDays = 4
		if _, err := db.UpdateSettings(o.Admin, s); err != nil {
			t.Fatal(err)
		}
		if got, err := db.FindSettings(o.StafACtx, 0); err != nil || got.ObjectionDays != 14 || got.AdviceAbovePercent != 100 || got.AdviceMeetsPercent != 90 {
			t.Errorf("FindSettings = %+v, %v; want 14 days, 100 %%, 90 %%", got, err)
		}

		s.ObjectionDays, s.AdviceAbovePercent, s.AdviceMeetsPercent = 30, 112.5, 82.5
		s.HeadRatings = maps.Clone(s.HeadRatings)
		s.HeadRatings[kinerja.OrgBaik] = kinerja.RatingAbove
		if _, err := db.UpdateSettings(o.StafACtx, s); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("UpdateSettings by pegawai: %v; want forbidden", err)
		}
		if got, err := db.UpdateSettings(o.Admin, s); err != nil || !reflect.DeepEqual(got, s) {
			t.Fatalf("UpdateSettings = %+v, %v; want %+v", got, err, s)
		}
		if got, err := db.FindSettings(o.KasiACtx, 0); err != nil || !reflect.DeepEqual(got, s) {
			t.Errorf("FindSettings after update = %+v, %v; want %+v", got, err, s)
		}

		tests := []struct {
			name  string
			with  func(*kinerja.OrgSettings)
			field string
		}{
			{"no objection days", func(s *kinerja.OrgSettings) { s.ObjectionDays = 0 }, "objection_days"},
			{"objection over 90 days", func(s *kinerja.OrgSettings) { s.ObjectionDays = 91 }, "objection_days"},
			{"above over 1000", func(s *kinerja.OrgSettings) { s.AdviceAbovePercent = 1200 }, "advice_above_percent"},
			{"meets over above", func(s *kinerja.OrgSettings) { s.AdviceMeetsPercent = 113 }, "advice_meets_percent"},
			{"unknown head rating", func(s *kinerja.OrgSettings) { s.HeadRatings[kinerja.OrgKurang] = "hebat" }, "head_rating_kurang"},
		}
		for _, tt := range tests {
			bad := s
			bad.HeadRatings = maps.Clone(s.HeadRatings)
			tt.with(&bad)
			if _, err := db.UpdateSettings(o.Admin, bad); kinerja.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s: UpdateSettings = %v; want invalid on %s", tt.name, err, tt.field)
			}
		}
		if got, _ := db.FindSettings(o.Admin, 0); !reflect.DeepEqual(got, s) {
			t.Errorf("settings after refused updates = %+v; want %+v unchanged", got, s)
		}

		// The audit viewer does not filter by settings, hence by actor.
		all, _, err := db.FindAuditEntries(o.Admin, kinerja.AuditFilter{ActorID: &kinerja.UserFromContext(o.Admin).ID})
		var entries []kinerja.AuditEntry
		for _, e := range all {
			if e.Entity == kinerja.EntitySettings && e.EntityID == itoa(o.ID) {
				entries = append(entries, e)
			}
		}
		if err != nil || len(entries) != 2 {
			t.Fatalf("settings audit entries = %v, %v; want two updates", entries, err)
		}
		changed := map[string]bool{}
		for _, c := range entries[0].Changes() {
			changed[c.Field] = true
		}
		if !changed["objection_days"] || !changed["advice_above_percent"] || !changed["advice_meets_percent"] || changed["activity_deadline_days"] {
			t.Errorf("audited changes = %v; want the three assessment rules only", entries[0].Changes())
		}
	})
}
