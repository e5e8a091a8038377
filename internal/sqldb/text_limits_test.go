package sqldb_test

import (
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestTextLimits_Characters writes texts at their limit in Javanese script (three bytes a
// letter): every limit counts characters, as its message says, so they are accepted, and one
// letter more is refused naming the field.
func TestTextLimits_Characters(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, staf, _, _ := activityFixture(t, db)
		text := func(n int) string { return strings.Repeat("ꦲ", n) }
		tests := []struct {
			name  string
			limit int
			field string
			write func(s string) error
		}{
			{"lampiran", 5000, "lampiran", func(s string) error {
				_, err := db.UpdateSKP(o.StafACtx, staf.ID, kinerja.SKPUpdate{Resources: &s})
				return err
			}},
			{"expectation", 2000, "items.0.expectation", func(s string) error {
				_, err := db.SetBehaviors(o.KasiACtx, staf.ID, []kinerja.Behavior{{Value: "akuntabel", Expectation: s}})
				return err
			}},
			{"holiday name", 200, "name", func(s string) error {
				return db.SetHoliday(o.Admin, o.ID, kinerja.Holiday{Date: kinerja.NewDate(2026, 8, 17), Name: s})
			}},
		}
		for _, tt := range tests {
			if err := tt.write(text(tt.limit)); err != nil {
				t.Errorf("%s of %d letters: %v; want it accepted", tt.name, tt.limit, err)
			}
			if err := tt.write(text(tt.limit + 1)); kinerja.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s of %d letters: %v; want refused naming %s", tt.name, tt.limit+1, err, tt.field)
			}
		}

		// The return note, on a submitted SKP.
		if _, err := db.SubmitSKP(o.StafACtx, staf.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReturnSKP(o.KasiACtx, staf.ID, text(2001)); kinerja.ErrorFields(err)["note"] == "" {
			t.Errorf("return note of 2001 letters: %v; want refused naming note", err)
		}
		if _, err := db.ReturnSKP(o.KasiACtx, staf.ID, text(2000)); err != nil {
			t.Errorf("return note of 2000 letters: %v; want it accepted", err)
		}
	})
}
