package sqldb_test

import (
	"context"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestDialogKinerja(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := mustFeedbackOrg(t, db)
		otherOrg := sqldbtest.MustCreateOrg(t, db, "Kecamatan Lain")
		today := kinerja.Today(time.Now())
		good := func() kinerja.NewDialog {
			return kinerja.NewDialog{EmployeeID: o.StafA.ID, Date: today, Topics: "Capaian triwulan I dan kendala arsip digital.",
				Actions: []kinerja.NewDialogAction{
					{Text: "Ikut pelatihan arsip digital", OwnerID: o.StafA.ID, DueDate: today.AddDate(0, 1, 0)},
					{Text: "Sediakan pemindai", OwnerID: o.KasiA.ID},
				}}
		}
		with := func(f func(*kinerja.NewDialog)) kinerja.NewDialog {
			n := good()
			f(&n)
			return n
		}
		tests := []struct {
			name  string
			ctx   context.Context
			in    kinerja.NewDialog
			code  string
			field string
		}{
			{"a date in the future", o.KasiACtx, with(func(n *kinerja.NewDialog) { n.Date = today.AddDate(0, 0, 1) }), kinerja.EINVALID, "date"},
			{"no topics", o.KasiACtx, with(func(n *kinerja.NewDialog) { n.Topics = " " }), kinerja.EINVALID, "topics"},
			{"an action without text", o.KasiACtx, with(func(n *kinerja.NewDialog) { n.Actions[1].Text = "" }), kinerja.EINVALID, "actions.1.text"},
			{"due before the meeting", o.KasiACtx, with(func(n *kinerja.NewDialog) { n.Actions[0].DueDate = today.AddDate(0, 0, -1) }), kinerja.EINVALID, "actions.0.due_date"},
			{"an owner outside the pair", o.KasiACtx, with(func(n *kinerja.NewDialog) { n.Actions[0].OwnerID = o.StafB.ID }), kinerja.EINVALID, "actions.0.owner_id"},
			{"a supervisor who is not above", o.KasiBCtx, with(func(n *kinerja.NewDialog) { n.SupervisorID = o.KasiB.ID }), kinerja.EINVALID, "supervisor_id"},
			{"a colleague recording", o.StafA2Ctx, good(), kinerja.EFORBIDDEN, ""},
			{"the camat recording the kasi's dialog", o.CamatCtx, good(), kinerja.EFORBIDDEN, ""},
			{"another organisation", otherOrg.CamatCtx, good(), kinerja.EINVALID, "employee_id"},
			{"the employee, with the camat above", o.StafACtx, with(func(n *kinerja.NewDialog) { n.SupervisorID = o.Camat.ID; n.Actions = nil }), "", ""},
		}
		for _, tt := range tests {
			_, err := db.CreateDialog(tt.ctx, tt.in)
			if kinerja.ErrorCode(err) != tt.code || tt.field != "" && kinerja.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s: CreateDialog = %v; want %q on %q", tt.name, err, tt.code, tt.field)
			}
		}
		if got := lastNotification(t, db, o.CamatCtx); got != "dialog_recorded" {
			t.Errorf("camat notification = %q; want dialog_recorded", got)
		}
		d, err := db.CreateDialog(o.KasiACtx, good())
		if err != nil {
			t.Fatalf("CreateDialog: %v", err)
		}
		if d.SupervisorID != o.KasiA.ID || d.EmployeeName != o.StafA.Name || len(d.Actions) != 2 || d.Actions[0].Status != kinerja.DialogActionOpen ||
			d.Actions[0].OwnerName != o.StafA.Name || d.Actions[0].DueDate != today.AddDate(0, 1, 0) || !d.Actions[1].DueDate.IsZero() {
			t.Errorf("dialog = %+v; want kasi A with staff A and two open actions", d)
		}
		if got := lastNotification(t, db, o.StafACtx); got != "dialog_recorded" {
			t.Errorf("staff notification = %q; want dialog_recorded", got)
		}
		// Kasi A's own dialog with the camat, and one with another staff member.
		if _, err := db.CreateDialog(o.CamatCtx, kinerja.NewDialog{EmployeeID: o.KasiA.ID, Date: today, Topics: "Rencana seksi."}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateDialog(o.KasiACtx, kinerja.NewDialog{EmployeeID: o.StafA2.ID, Date: today, Topics: "Orientasi."}); err != nil {
			t.Fatal(err)
		}

		readers := []struct {
			name     string
			ctx      context.Context
			employee int64
			n        int
			code     string
		}{
			{"staff A", o.StafACtx, o.StafA.ID, 2, ""},
			{"kasi A about staff A", o.KasiACtx, o.StafA.ID, 2, ""},
			{"the camat about staff A", o.CamatCtx, o.StafA.ID, 2, ""},
			{"kasi A about themself: both sides", o.KasiACtx, o.KasiA.ID, 3, ""},
			{"the camat about kasi A: only as employee", o.CamatCtx, o.KasiA.ID, 1, ""},
			{"a colleague", o.StafA2Ctx, o.StafA.ID, 0, kinerja.EFORBIDDEN},
			{"another kasi", o.KasiBCtx, o.StafA.ID, 0, kinerja.EFORBIDDEN},
			{"another organisation", otherOrg.Admin, o.StafA.ID, 0, kinerja.ENOTFOUND},
		}
		for _, r := range readers {
			list, err := db.FindDialogs(r.ctx, r.employee)
			if kinerja.ErrorCode(err) != r.code || len(list) != r.n {
				t.Errorf("%s: FindDialogs = %d dialogs, %v; want %d, %q", r.name, len(list), err, r.n, r.code)
			}
		}

		// Follow-up: either person ticks an action off; nobody else.
		act := d.Actions[0].ID
		statuses := []struct {
			name   string
			ctx    context.Context
			status kinerja.DialogActionStatus
			code   string
		}{
			{"unknown status", o.StafACtx, "selesai", kinerja.EINVALID},
			{"the camat", o.CamatCtx, kinerja.DialogActionDone, kinerja.EFORBIDDEN},
			{"another organisation", otherOrg.Admin, kinerja.DialogActionDone, kinerja.ENOTFOUND},
			{"the employee", o.StafACtx, kinerja.DialogActionDone, ""},
			{"the supervisor reopens", o.KasiACtx, kinerja.DialogActionOpen, ""},
			{"the supervisor closes", o.KasiACtx, kinerja.DialogActionDone, ""},
		}
		for _, tt := range statuses {
			got, err := db.SetDialogActionStatus(tt.ctx, act, tt.status)
			if kinerja.ErrorCode(err) != tt.code || tt.code == "" && got.Status != tt.status {
				t.Errorf("%s: SetDialogActionStatus = %+v, %v; want %q", tt.name, got, err, tt.code)
			}
		}
		if _, err := db.SetDialogActionStatus(o.KasiACtx, 1<<40, kinerja.DialogActionDone); kinerja.ErrorCode(err) != kinerja.ENOTFOUND {
			t.Errorf("unknown action: %v; want not found", err)
		}
		list, _ := db.FindDialogs(o.StafACtx, o.StafA.ID)
		for _, dl := range list {
			if dl.ID == d.ID && (dl.Actions[0].Status != kinerja.DialogActionDone || dl.Actions[1].Status != kinerja.DialogActionOpen) {
				t.Errorf("actions after follow-up = %+v; want the first done", dl.Actions)
			}
		}
	})
}
