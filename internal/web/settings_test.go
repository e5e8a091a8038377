package web_test

import (
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// settingsForm is the settings form with the default values, changed by name-value pairs.
func settingsForm(pairs ...string) url.Values {
	v := url.Values{"activity_deadline_days": {"3"}, "verification_sla_days": {"5"}, "evidence_max_mb": {"10"},
		"objection_days": {"14"}, "advice_above_percent": {"100"}, "advice_meets_percent": {"90"},
		"head_rating_istimewa": {"di_atas"}, "head_rating_baik": {"sesuai"}, "head_rating_butuh_perbaikan": {"di_bawah"},
		"head_rating_kurang": {"di_bawah"}, "head_rating_sangat_kurang": {"di_bawah"}}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Set(pairs[i], pairs[i+1])
	}
	return v
}

func TestSettings_AssessmentRules(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newActivityFixture(t, "Kecamatan Asemrowo")
		admin := f.loginAdmin(t)
		admin.get("/admin/settings").wantBody(t, `id="assessment-rules-title"`, `name="objection_days" type="text" value="14"`,
			`name="advice_above_percent" type="text" value="100"`, `name="advice_meets_percent" type="text" value="90"`,
			"Batas pengajuan keberatan (hari)", "Bawaan: 14.")

		tests := []struct {
			name   string
			form   url.Values
			fields map[string]string
		}{
			{"out of range", settingsForm("objection_days", "0", "advice_above_percent", "1500", "advice_meets_percent", "-1"),
				map[string]string{"objection_days": kinerja.MsgSettingsObjectionDays, "advice_above_percent": kinerja.MsgSettingsAdviceAbove,
					"advice_meets_percent": kinerja.MsgSettingsAdviceMeets}},
			{"meets over above", settingsForm("advice_above_percent", "90", "advice_meets_percent", "95"),
				map[string]string{"advice_meets_percent": kinerja.MsgSettingsAdviceMeets}},
			{"not numbers", settingsForm("objection_days", "dua minggu", "advice_above_percent", "seratus", "advice_meets_percent", ""),
				map[string]string{"objection_days": kinerja.MsgSettingsObjectionDays, "advice_above_percent": kinerja.MsgSettingsAdviceAbove,
					"advice_meets_percent": kinerja.MsgSettingsAdviceMeets}},
			{"objection too long", settingsForm("objection_days", "91"), map[string]string{"objection_days": kinerja.MsgSettingsObjectionDays}},
			{"unknown head rating", settingsForm("head_rating_baik", "hebat"), map[string]string{"head_rating_baik": kinerja.MsgSettingsHeadRating}},
		}
		for _, tt := range tests {
			res := admin.post("/admin/settings", tt.form)
			for id, msg := range tt.fields {
				res.wantFieldError(t, id, msg)
			}
			// The refused values are shown again for correction.
			res.wantBody(t, `name="objection_days" type="text" value="`+htmlEscape(tt.form.Get("objection_days"))+`"`)
		}
		if s, err := db.FindSettings(f.Admin, f.ID); err != nil || !reflect.DeepEqual(s, kinerja.DefaultSettings(f.ID)) {
			t.Errorf("settings after refused forms = %+v, %v; want the defaults", s, err)
		}

		admin.post("/admin/settings", settingsForm("objection_days", "30", "advice_above_percent", "110", "advice_meets_percent", "82,5",
			"head_rating_baik", "di_atas")).wantRedirect(t, "/admin/settings?ok=settings_saved")
		s, err := db.FindSettings(f.Admin, f.ID)
		if err != nil || s.ObjectionDays != 30 || s.AdviceAbovePercent != 110 || s.AdviceMeetsPercent != 82.5 || s.ActivityDeadlineDays != 3 ||
			s.HeadResultsRating(kinerja.OrgBaik) != kinerja.RatingAbove || s.HeadResultsRating(kinerja.OrgIstimewa) != kinerja.RatingAbove {
			t.Errorf("settings = %+v, %v; want 30 days, 110 %%, 82.5 %%, a Baik unit's head starting di atas and the activity rules kept", s, err)
		}
		page := admin.get("/admin/settings").Body
		if i := strings.Index(page, `id="head_rating_baik"`); i < 0 ||
			!strings.Contains(page[i:i+strings.Index(page[i:], "</select>")], `<option value="di_atas" selected>`) {
			t.Errorf("the settings page does not show di atas chosen for a Baik unit's head")
		}
		admin.get("/admin/settings").wantBody(t, `name="objection_days" type="text" value="30"`,
			`name="advice_above_percent" type="text" value="110"`, `name="advice_meets_percent" type="text" value="82.5"`)

		// "1.000" is a thousand to an Indonesian reader, not one.
		admin.post("/admin/settings", settingsForm("advice_above_percent", "1.000", "advice_meets_percent", "90")).
			wantRedirect(t, "/admin/settings?ok=settings_saved")
		if s, err := db.FindSettings(f.Admin, f.ID); err != nil || s.AdviceAbovePercent != 1000 {
			t.Errorf("advice above after 1.000 = %v, %v; want 1000", s.AdviceAbovePercent, err)
		}

		admin.header.Set("Accept-Language", "en")
		admin.post("/admin/settings", settingsForm("objection_days", "0")).
			wantFieldError(t, "objection_days", "The objection deadline must be 1–90 days.")
	})
}

// TestCatalogues_SettingsMessages checks that en.json translates the settings messages.
func TestCatalogues_SettingsMessages(t *testing.T) {
	t.Parallel()
	en := readCatalogue(t, "en")
	for _, m := range []string{kinerja.MsgSettingsObjectionDays, kinerja.MsgSettingsAdviceAbove, kinerja.MsgSettingsAdviceMeets} {
		if s, ok := en[m]; !ok || s == m {
			t.Errorf("en.json does not translate %q", m)
		}
	}
}

// TestAssessment_ObjectionDaysShown checks that the employee is told the organisation's
// objection window, not the default one.
func TestAssessment_ObjectionDaysShown(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newAssessmentFixture(t, "Kecamatan Asemrowo")
		s := kinerja.DefaultSettings(f.ID)
		s.ObjectionDays = 30
		if _, err := db.UpdateSettings(f.Admin, s); err != nil {
			t.Fatal(err)
		}
		kasi, staf := f.login(t, f.KasiA), f.login(t, f.StafA)
		page := f.startAssessment(t, kasi, f.stafSKP)
		kasi.post(page, url.Values{"result_rating": {"sesuai"}, "behavior_rating": {"sesuai"}}).wantStatus(t, http.StatusSeeOther)
		kasi.post(page+"/finalize", nil).wantStatus(t, http.StatusSeeOther)

		res := staf.get(page)
		res.wantBody(t, `id="signoff"`, "(30 hari sejak final)")
		res.wantNoBody(t, "14 hari")
		staf.get("/assessments").wantBody(t, "ajukan keberatan dalam 30 hari.")
		staf.header.Set("Accept-Language", "en")
		staf.get(page).wantBody(t, "(30 days after finalisation)")
	})
}
