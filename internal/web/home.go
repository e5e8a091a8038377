package web

import (
	"context"
	"net/http"

	"kinerja/internal/kinerja"
)

// dashboardData is the data of the dashboard. Admin fields are filled only for admins, the
// employee fields only for accounts linked to an employee.
type dashboardData struct {
	Total, Active int
	Recent        []auditRow

	Scope     orgScope // admins: the organisation the counts are about
	NoOrg     bool     // the installation admin has not created an organisation yet
	SubUnits  int      // units below the organisation
	Employees int      // active employees of the organisation

	Me         *kinerja.Employee
	MeUnit     string
	Supervisor *personRef
	TeamTotal  int
	TeamDirect int

	SKPCard   bool            // the SKP card: employees and admins of an organisation
	SKPPeriod *kinerja.Period // the newest period; nil while there is none
	MySKP     *kinerja.SKP    // the reader's SKP for it, or nil
	Waiting   int             // team SKP submitted and waiting for the reader's approval

	TodayActivities int // the reader's activities dated today
	Queue           int // activities waiting for the reader's verification (supervisors)
	Overdue         int // of them, waiting past the organisation's deadline
	QueueMore       bool
	OpenPeerTasks   int // peer reviews the reader still has to give

	Todo     []todoRow // what the reader owes, soonest due first
	TodoCard bool      // the reader belongs to an organisation, so the card is shown (empty or not)
}

// dashboardRecent is how many audit entries the admin dashboard shows.
const dashboardRecent = 5

func (h *Handler) dashboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var d dashboardData
	u := kinerja.UserFromContext(ctx)
	if u.IsAdmin() {
		if err := h.adminDashboard(r, &d); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if u.EmployeeID != nil {
		if err := h.employeeDashboard(ctx, *u.EmployeeID, &d); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if err := h.skpDashboard(ctx, u, &d); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.activityDashboard(ctx, u, &d); err != nil {
		h.fail(w, r, err)
		return
	}
	if u.OrgID != nil {
		items, err := h.db.FindTodo(ctx)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Todo, d.TodoCard = todoRows(h.i18n, h.locale(r), items), true
	}
	h.render(w, r, http.StatusOK, "dashboard", page{Title: "dashboard.title", Data: d})
}

// adminDashboard fills the account, activity and organisation cards.
func (h *Handler) adminDashboard(r *http.Request, d *dashboardData) error {
	ctx := r.Context()
	var err error
	if d.Total, d.Active, err = h.db.CountUsers(ctx); err != nil {
		return err
	}
	entries, _, err := h.db.FindAuditEntries(ctx, kinerja.AuditFilter{Limit: dashboardRecent})
	if err != nil {
		return err
	}
	d.Recent = auditRows(h.i18n, h.locale(r), entries)
	if d.Scope, err = h.orgScope(r); err != nil {
		return err
	}
	if d.Scope.Org == nil {
		d.NoOrg = true
		return nil
	}
	units, err := h.db.FindUnits(ctx, d.Scope.Org.ID)
	if err != nil {
		return err
	}
	d.SubUnits = len(units) - 1
	_, d.Employees, err = h.db.FindEmployees(ctx, kinerja.EmployeeFilter{OrgID: d.Scope.Org.ID, Limit: 1})
	return err
}

// employeeDashboard fills the card about the user's own position and team. A record the
// store no longer shows (another organisation) leaves the card in its unlinked state.
func (h *Handler) employeeDashboard(ctx context.Context, id int64, d *dashboardData) error {
	me, err := h.db.FindEmployeeByID(ctx, id)
	switch kinerja.ErrorCode(err) {
	case "":
	case kinerja.ENOTFOUND, kinerja.EFORBIDDEN:
		return nil
	default:
		return err
	}
	unit, err := h.db.FindUnitByID(ctx, me.UnitID)
	if err != nil {
		return err
	}
	d.Me, d.MeUnit = me, unit.Path
	if me.SupervisorID != nil {
		history, err := h.db.FindEmployeeHistory(ctx, me.ID)
		if err != nil {
			return err
		}
		if d.Supervisor, _, err = h.reportingRefs(ctx, me, history); err != nil {
			return err
		}
	}
	team, err := h.db.FindTeam(ctx, me.ID)
	if err != nil {
		return err
	}
	d.TeamTotal = len(team)
	for _, m := range team {
		if m.Depth == 1 {
			d.TeamDirect++
		}
	}
	return nil
}

// skpDashboard fills the SKP card: the reader's SKP for the newest period and how many
// SKP wait for their approval. Three queries.
func (h *Handler) skpDashboard(ctx context.Context, u *kinerja.User, d *dashboardData) error {
	if u.OrgID == nil || (d.Me == nil && !u.IsAdmin()) {
		return nil
	}
	d.SKPCard = true
	periods, err := h.db.FindPeriods(ctx, *u.OrgID)
	if err != nil || len(periods) == 0 {
		return err
	}
	d.SKPPeriod = periods[0]
	if d.Me == nil {
		return nil
	}
	if d.MySKP, err = h.skpOf(ctx, d.Me.ID, d.SKPPeriod.ID); err != nil {
		return err
	}
	_, d.Waiting, err = h.db.FindSKPs(ctx, kinerja.SKPFilter{PeriodID: d.SKPPeriod.ID, AppraiserID: &d.Me.ID,
		Status: kinerja.SKPSubmitted, Limit: 1})
	return err
}

// activityDashboard fills the activity and feedback cards: how many activities the reader
// logged today, the peer reviews they still owe and, for supervisors, their verification queue with the items past the deadline. Overdue
// items are the oldest, so one page of the queue (oldest first) counts them unless it is
// longer than a page. A handful of queries.
func (h *Handler) activityDashboard(ctx context.Context, u *kinerja.User, d *dashboardData) error {
	if d.Me == nil {
		return nil
	}
	today := h.today()
	var err error
	if _, d.TodayActivities, err = h.db.FindActivities(ctx, kinerja.ActivityFilter{From: today, To: today, Limit: 1}); err != nil {
		return err
	}
	tasks, err := h.db.FindPeerTasks(ctx)
	if err != nil {
		return err
	}
	for _, t := range tasks {
		if kinerja.PeerTaskActions(u, t).Has(kinerja.ActionAnswerPeer) {
			d.OpenPeerTasks++
		}
	}
	if !u.HasRole(kinerja.RoleAtasan) {
		return nil
	}
	queue, total, err := h.db.FindActivities(ctx, kinerja.ActivityFilter{Queue: true, Limit: batchSize})
	if err != nil {
		return err
	}
	d.Queue, d.QueueMore = total, total > len(queue)
	for _, a := range queue {
		if a.Overdue {
			d.Overdue++
		}
	}
	return nil
}
