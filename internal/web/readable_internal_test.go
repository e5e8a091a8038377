package web

import (
	"encoding/json"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"kinerja/internal/blob"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb/sqldbtest"
)

// enumCodes are the stored codes no reader should meet: every code with an underscore in
// both languages, and the codes that are English words in the Indonesian pages only (the
// English sentences may well say "approved").
func enumCodes() (any, idOnly []string) {
	add := func(vs ...string) {
		// Codes with an underscore are never words; the others are checked in Indonesian only.
		for _, v := range vs {
			if strings.Contains(v, "_") {
				any = append(any, v)
			} else {
				idOnly = append(idOnly, v)
			}
		}
	}
	add(codesOf(kinerja.Predikats)...)
	add(codesOf(kinerja.OrgPredikats)...)
	add(codesOf(kinerja.Ratings)...)
	add(codesOf(kinerja.SKPStatuses)...)
	add(codesOf(kinerja.Cadences)...)
	add(codesOf(kinerja.PositionKinds)...)
	add(codesOf(kinerja.UnitKinds)...)
	add(string(kinerja.AssessmentDraft), string(kinerja.AssessmentAcknowledged), string(kinerja.AssessmentObjected),
		string(kinerja.ActivityPending), string(kinerja.ActivityApproved), string(kinerja.ActivityRejected),
		string(kinerja.ApproachQuantitative), string(kinerja.ApproachQualitative), string(kinerja.FormJPT), string(kinerja.FormJAJF),
		string(kinerja.GenderMale), string(kinerja.FeedbackContinuous), "password_change", "password_reset", "realisation_note", "self_reflection")
	// Codes that are also plain Indonesian words in the sentences themselves.
	idOnly = without(idOnly, "baik", "kurang", "istimewa", "final", "semester", "kecamatan", "kelurahan", "sekretariat", "seksi", "pelaksana", "fungsional", "administrator", "pengawas", "jpt", "pemkot", "subbagian", "lainnya")
	return any, idOnly
}

func codesOf[S ~string](values []S) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

func without(vs []string, drop ...string) []string {
	out := vs[:0]
	for _, v := range vs {
		keep := true
		for _, d := range drop {
			keep = keep && v != d
		}
		if keep {
			out = append(out, v)
		}
	}
	return out
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// visibleText is the text of the part of page between the element with id and its end tag.
func visibleText(t *testing.T, page, id, end string) string {
	t.Helper()
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("page lacks #%s", id)
	}
	j := strings.Index(page[i:], end)
	if j < 0 {
		t.Fatalf("#%s is not closed by %s", id, end)
	}
	return html.UnescapeString(tagRE.ReplaceAllString(page[i:i+j], " "))
}

// checkReadable fails when text shows a code, a Go map or a formatting error.
func checkReadable(t *testing.T, what, lang, text string) {
	t.Helper()
	anyCodes, idCodes := enumCodes()
	codes := anyCodes
	if lang == "id" {
		codes = append(codes, idCodes...)
	}
	for _, bad := range []string{"map[", "%!", "{\"", "\":"} {
		if strings.Contains(text, bad) {
			t.Errorf("%s (%s) shows %q:\n%s", what, lang, bad, text)
		}
	}
	for _, c := range codes {
		if regexp.MustCompile(`(^|[^\pL_])` + regexp.QuoteMeta(c) + `($|[^\pL_])`).MatchString(text) {
			t.Errorf("%s (%s) shows the code %q:\n%s", what, lang, c, text)
		}
	}
}

// TestReadable renders every notification kind, an audit entry of every audited entity and
// every kind of to-do item of the home page in both languages, with the values the store records, and finds no code, Go map or JSON in
// what a reader sees.
func TestReadable(t *testing.T) {
	t.Parallel()
	db := sqldbtest.MustOpenDB(t, sqldbtest.Engines()[0])
	h, err := New(Config{DB: db, Blobs: &blob.Store{Dir: t.TempDir()}, Logger: slog.New(slog.DiscardHandler), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, admin := sqldbtest.AdminContext(t, db)
	render := func(lang, name string, data any) string {
		r := httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx)
		r.Header.Set("Accept-Language", lang)
		w := httptest.NewRecorder()
		h.render(w, r, http.StatusOK, name, page{Title: name + ".title", Data: data})
		if w.Code != http.StatusOK {
			t.Fatalf("render %s: %d %s", name, w.Code, w.Body)
		}
		return w.Body.String()
	}
	now := time.Now()
	id := int64(7)

	// Notifications: every kind, about an object with a period, with a predikat code as the
	// subject where the kind carries one; one two months old.
	var items []notificationItem
	for k, entity := range kinerja.EventKinds {
		subject := "Rina Wati"
		switch k {
		case kinerja.EventAssessmentFinal, kinerja.EventAssessmentDecided:
			subject = string(kinerja.PredikatButuhPerbaikan)
		case kinerja.EventActivitiesApproved:
			subject = "3"
		case kinerja.EventPeerSummaryReady:
			subject = "2026"
		}
		period := ""
		switch entity {
		case kinerja.EntityAssessment:
			period = "2026-Q1"
		case kinerja.EntitySKP:
			period = "2026"
		}
		n := kinerja.Notification{ID: int64(len(items) + 1), Kind: k, Subject: subject, Entity: entity, EntityID: &id,
			Period: period, CreatedAt: now}
		items = append(items, notificationItem{n, notificationURL(n, admin)})
	}
	for _, lang := range kinerja.Locales {
		body := render(lang, "notifications", notificationsData{Items: items, Unread: len(items)})
		text := visibleText(t, body, "notification-list", "</ul>")
		checkReadable(t, "notifications", lang, text)
		for _, want := range map[string][]string{"id": {"Butuh Perbaikan", "Triwulan I 2026", "Tahun 2026"},
			"en": {"Butuh Perbaikan", "Quarter I 2026", "Year 2026"}}[lang] {
			if !strings.Contains(text, want) {
				t.Errorf("notifications (%s) lack %q:\n%s", lang, want, text)
			}
		}
	}

	// The home page: every kind of to-do item, one of them late.
	var todo []kinerja.TodoItem
	for i, k := range kinerja.TodoKinds {
		sid, aid := int64(i+1), int64(i+1)
		todo = append(todo, kinerja.TodoItem{Kind: k, Title: "Rina Wati", Period: "2026-Q1", Due: kinerja.NewDate(2026, 4, 30),
			Late: i == 0 || k == kinerja.TodoAnswerAssessment, Count: 3, Oldest: kinerja.NewDate(2026, 4, 1), EmployeeID: 1, SKPID: &sid, AssessmentID: &aid})
	}
	answer := int64(99)
	todo = append(todo, kinerja.TodoItem{Kind: kinerja.TodoAnswerAssessment, Title: "Rina Wati", Period: "2026-Q1",
		Due: kinerja.NewDate(2026, 5, 24), EmployeeID: 1, AssessmentID: &answer})
	for _, lang := range kinerja.Locales {
		body := render(lang, "dashboard", dashboardData{Todo: todoRows(h.i18n, lang, todo), TodoCard: true})
		text := visibleText(t, body, "todo-list", "</ul>")
		checkReadable(t, "home page", lang, text)
		for _, k := range kinerja.TodoKinds {
			if _, ok := h.i18n.lookup(lang, "todo."+string(k)); !ok {
				t.Errorf("%s: no text for the to-do kind %s", lang, k)
			}
			if !strings.Contains(body, `data-kind="`+string(k)+`"`) {
				t.Errorf("home page (%s) lacks the %s item", lang, k)
			}
		}
		for _, want := range map[string][]string{
			"id": {"berakhir 30 Apr 2026. Terima", "Terima atau ajukan keberatan sebelum 24 Mei 2026"},
			"en": {"closed on 30 Apr 2026", "acknowledge or object by 24 May 2026"},
		}[lang] {
			if !strings.Contains(text, want) {
				t.Errorf("home page (%s) lacks %q:\n%s", lang, want, text)
			}
		}
	}

	// Audit entries: every entity, with the values its changes record.
	at := now.UTC()
	appraiser := int64(3)
	assessment := kinerja.Assessment{ID: 7, Period: "2026-Q1", ResultRating: kinerja.RatingAbove, BehaviorRating: kinerja.RatingBelow,
		ResultRatings: map[int64]kinerja.Rating{11: kinerja.RatingMeets}, Predikat: kinerja.PredikatSangatBaik,
		Status: kinerja.AssessmentObjected, SelfResultRating: kinerja.RatingBelow, Decision: "change", FinalizedAt: &at, AppraiserID: &appraiser}
	draft := assessment
	draft.Status, draft.Predikat, draft.ResultRating, draft.FinalizedAt = kinerja.AssessmentDraft, kinerja.PredikatButuhPerbaikan, kinerja.RatingMeets, nil
	skp := kinerja.SKP{ID: 7, Status: kinerja.SKPSubmitted, Approach: kinerja.ApproachQuantitative, Form: kinerja.FormJAJF}
	samples := map[string][2]any{
		kinerja.EntityUser:        {nil, kinerja.User{ID: 7, Username: "rina", Roles: []kinerja.Role{kinerja.RoleAtasan, kinerja.RolePegawai}, Locale: "en", Active: true}},
		kinerja.EntitySession:     {nil, map[string]any{"kind": kinerja.SessionWeb}},
		kinerja.EntityUnit:        {kinerja.Unit{ID: 7, Name: "Seksi A", Kind: kinerja.UnitSeksi}, kinerja.Unit{ID: 7, Name: "Seksi B", Kind: kinerja.UnitSubbagian}},
		kinerja.EntityEmployee:    {kinerja.Employee{ID: 7, Name: "Rina", PositionKind: kinerja.PositionPelaksana, Status: kinerja.StatusPNS, Gender: kinerja.GenderMale}, kinerja.Employee{ID: 7, Name: "Rina", PositionKind: kinerja.PositionFungsional, Status: kinerja.StatusPPPK, Gender: kinerja.GenderFemale}},
		kinerja.EntityPeriod:      {kinerja.Period{ID: 7, Year: 2026, Cadence: kinerja.CadenceQuarterly}, kinerja.Period{ID: 7, Year: 2026, Cadence: kinerja.CadenceMonthly, Closed: true}},
		kinerja.EntitySKP:         {skpAuditSample(skp, kinerja.SKPDraft), skpAuditSample(skp, kinerja.SKPSubmitted)},
		kinerja.EntityResult:      {nil, kinerja.Result{ID: 7, Kind: kinerja.ResultMain, Text: "Layanan KTP", Indicators: []*kinerja.Indicator{{Aspect: kinerja.AspectQuantity, Text: "Jumlah KTP"}}}},
		kinerja.EntityActivity:    {kinerja.Activity{ID: 7, Status: kinerja.ActivityPending, Description: "Rapat"}, kinerja.Activity{ID: 7, Status: kinerja.ActivityRejected, Description: "Rapat"}},
		kinerja.EntityEvidence:    {nil, kinerja.Evidence{ID: 7, Filename: "foto.jpg", Size: 2048}},
		kinerja.EntitySettings:    {kinerja.OrgSettings{OrgID: 7, ObjectionDays: 14}, kinerja.OrgSettings{OrgID: 7, ObjectionDays: 10}},
		kinerja.EntityHoliday:     {nil, kinerja.Holiday{Name: "Idul Fitri"}},
		kinerja.EntityFeedback:    {nil, kinerja.Feedback{ID: 7, Kind: kinerja.FeedbackContinuous, Text: "Bagus"}},
		kinerja.EntityPeer:        {nil, map[string]any{"peers": []int64{1, 2}, "year": 2026}},
		kinerja.EntityDialog:      {nil, kinerja.Dialog{ID: 7, Topics: "Target", Actions: []kinerja.DialogAction{{Text: "Latihan", Status: kinerja.DialogActionOpen}}}},
		kinerja.EntityUpwardReply: {nil, kinerja.UpwardReply{ID: 7, Text: "Terima kasih"}},
		kinerja.EntityAssessment:  {draft, map[string]any{"assessment": assessment, "reason": "Kalibrasi"}},
		kinerja.EntityOrgRating:   {nil, map[string]any{"period": "2026-Q1", "predikat": kinerja.OrgButuhPerbaikan}},
	}
	actions := []string{kinerja.ActionCreate, kinerja.ActionUpdate, kinerja.ActionDelete, kinerja.ActionImport, kinerja.ActionLogin,
		kinerja.ActionLogout, kinerja.ActionPasswordChange, kinerja.ActionPasswordReset, kinerja.ActionAssign, kinerja.ActionAnswer, kinerja.ActionPropose,
		string(kinerja.ActionApprove), string(kinerja.ActionReject), string(kinerja.ActionRevise), string(kinerja.ActionSetBehaviors),
		"submit", "return", "copy", "realisation_note", "finalize", "calibrate", "acknowledge", "object", "decide", "self"}
	var entries []kinerja.AuditEntry
	for _, e := range kinerja.AuditEntities {
		s, ok := samples[e]
		if !ok {
			t.Errorf("no sample audit entry for entity %q: add one", e)
			continue
		}
		before, _ := json.Marshal(s[0])
		after, _ := json.Marshal(s[1])
		for i, a := range actions {
			if i > 0 && e != kinerja.EntityAssessment {
				break // every action once, on the assessment; every entity once
			}
			entries = append(entries, kinerja.AuditEntry{ID: int64(len(entries) + 1), At: now, ActorName: "Rina Wati", Entity: e,
				EntityID: "7", Action: a, Before: before, After: after})
		}
	}
	for _, lang := range kinerja.Locales {
		rows := auditRows(h.i18n, lang, entries)
		body := render(lang, "audit", auditData{Filter: newForm(nil, nil), Rows: rows})
		text := visibleText(t, body, "audit-table", "</table>")
		checkReadable(t, "audit log", lang, text)
		for _, a := range actions {
			if _, ok := h.i18n.lookup(lang, "action."+a); !ok {
				t.Errorf("%s: no label for audit action %q", lang, a)
			}
		}
		if lang == "id" {
			for _, want := range []string{"Sangat Baik", "Penilaian › Predikat", "Butuh Perbaikan"} {
				if !strings.Contains(text, want) {
					t.Errorf("audit log (%s) lacks %q", lang, want)
				}
			}
		}
	}
}

// skpAuditSample is what the store records of an SKP (sqldb's skpAudit).
func skpAuditSample(s kinerja.SKP, status kinerja.SKPStatus) map[string]any {
	return map[string]any{"employee_id": 1, "period_id": 2, "approach": s.Approach, "status": status, "version": 1,
		"appraiser_id": nil, "return_note": "", "resources": "", "accountability": "", "consequences": ""}
}
