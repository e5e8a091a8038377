package sqldb_test

import (
	"encoding/json"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestRealisationNote_Rules checks the note on an indicator where the pages and the API both
// write it: the indicator must belong to the SKP named, and the limit counts characters, as
// its message says, not bytes.
func TestRealisationNote_Rules(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, staf, kasiRHK, stafRHK := activityFixture(t, db)
		ind := stafRHK.Indicators[0].ID
		long := strings.Repeat("ꦲ", kinerja.MaxRealisationNote) // Javanese script: three bytes a letter
		tests := []struct {
			name      string
			skp, ind  int64
			note      string
			wantCode  string
			wantField string
		}{
			{"a note in Javanese script at the limit", staf.ID, ind, long, "", ""},
			{"one letter over the limit", staf.ID, ind, long + "ꦲ", kinerja.EINVALID, "note"},
			{"an indicator of another SKP", staf.ID, kasiRHK.Indicators[0].ID, "Sesuai rencana", kinerja.ENOTFOUND, ""},
			{"an unknown period", staf.ID, ind, "Sesuai rencana", kinerja.EINVALID, "period"},
		}
		for _, tt := range tests {
			key := "2026-Q1"
			if tt.name == "an unknown period" {
				key = "2026-Q9"
			}
			err := db.SetRealisationNote(o.StafACtx, tt.skp, tt.ind, key, tt.note)
			if kinerja.ErrorCode(err) != tt.wantCode || tt.wantField != "" && kinerja.ErrorFields(err)[tt.wantField] == "" {
				t.Errorf("%s: SetRealisationNote = %v; want code %q on field %q", tt.name, err, tt.wantCode, tt.wantField)
			}
		}
		re, err := db.FindRealisation(o.StafACtx, staf.ID, "2026-Q1")
		if err != nil || re[0].Note != long {
			t.Errorf("stored note has %d letters, %v; want the %d-letter note", len([]rune(re[0].Note)), err, kinerja.MaxRealisationNote)
		}
	})
}

// TestRealisation_TinyTarget logs work against a target so small that its percentage would be
// infinite: the realisation shows the work without a percentage, and stays valid JSON.
func TestRealisation_TinyTarget(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o, staf, _, _ := activityFixture(t, db)
		in := rhk("Catatan kecil", nil)
		in.Kind = kinerja.ResultAdditional
		in.Indicators[0].Target = "1e-320"
		res, err := db.AddResult(o.StafACtx, staf.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		a, err := db.CreateActivity(o.StafACtx, kinerja.ActivityInput{Date: kinerja.NewDate(2026, 3, 10), ResultID: res.ID, Description: "Mencatat", Output: 5})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ApproveActivities(o.KasiACtx, []int64{a.ID}); err != nil {
			t.Fatal(err)
		}
		re, err := db.FindRealisation(o.StafACtx, staf.ID, "2026-Q1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(re); err != nil {
			t.Errorf("realisation is not valid JSON: %v", err)
		}
		for _, r := range re {
			if r.ResultID == res.ID && r.Aspect == kinerja.AspectQuantity && (r.Percent != nil || r.Computed == nil || *r.Computed != 5) {
				t.Errorf("tiny target: computed %v, percent %v; want 5 and no percentage", r.Computed, r.Percent)
			}
		}
	})
}
