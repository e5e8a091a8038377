package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"kinerja/internal/kinerja"
)

// States of a team member's SKP on the team page: the workflow statuses, split by whether a
// submitted SKP waits for the reader, plus "none" for no SKP yet.
const (
	stateNone    = "none"
	stateWaiting = "waiting"
)

// teamStates lists the states in the order the counts and the filter show them.
var teamStates = []string{stateWaiting, stateNone, string(kinerja.SKPDraft), string(kinerja.SKPSubmitted),
	string(kinerja.SKPReturned), string(kinerja.SKPApproved)}

// teamRow is one person on the team page with their SKP for the period.
type teamRow struct {
	EmployeeID int64
	Name       string
	NIP        string
	Position   string
	Unit       string
	Depth      int // 1 = direct subordinate; 0 = appraised by the reader outside the team
	SKP        *kinerja.SKP
	State      string
	Late       bool // the SKP is not approved by its due date, or not even written
}

// teamSKPData is the data of "SKP tim saya".
type teamSKPData struct {
	Scope      orgScope
	Choice     periodChoice
	NoEmployee bool
	Filter     form
	Filtered   bool
	Rows       []teamRow
	Total      int
	Counts     map[string]int
	// Groups are the rows by unit, when the team spans more than one unit.
	Groups []teamGroup[teamRow]
}

// RowGroups returns the rows to show by unit, or all of them in one group without a heading.
func (d teamSKPData) RowGroups() []teamGroup[teamRow] { return rowGroups(d.Groups, d.Rows) }

// teamMember is a row of a team page: a person, and the state the status filter selects.
type teamMember interface {
	member() teamRow
	state() string
}

func (r teamRow) member() teamRow { return r }
func (r teamRow) state() string   { return r.State }

// teamGroup is the team members of one unit, in the order of the team.
type teamGroup[R teamMember] struct {
	Unit string
	Rows []R
}

// groupByUnit splits rows by unit, the units in the order they first appear; nil when all
// are in one unit.
func groupByUnit[R teamMember](rows []R) []teamGroup[R] {
	var groups []teamGroup[R]
	at := map[string]int{}
	for _, r := range rows {
		unit := r.member().Unit
		i, ok := at[unit]
		if !ok {
			i = len(groups)
			at[unit] = i
			groups = append(groups, teamGroup[R]{Unit: unit})
		}
		groups[i].Rows = append(groups[i].Rows, r)
	}
	if len(groups) < 2 {
		return nil
	}
	return groups
}

// rowGroups returns groups, or rows in one group without a heading when there are none.
func rowGroups[R teamMember](groups []teamGroup[R], rows []R) []teamGroup[R] {
	if groups != nil {
		return groups
	}
	return []teamGroup[R]{{Rows: rows}}
}

// teamQuery reads the filter of a team page from query q: a search by name or NIP ("q") and
// one of states ("status"). ok is false when the status is not one of them; the form then
// carries the error.
func teamQuery(q url.Values, states []string) (f form, ok bool) {
	values := url.Values{}
	if st := q.Get("status"); st != "" {
		values.Set("status", st)
	}
	if search := strings.TrimSpace(q.Get("q")); search != "" {
		values.Set("q", search)
	}
	f = newForm(values, nil)
	if st := values.Get("status"); st != "" && !slices.Contains(states, st) {
		f.Errors = map[string]string{"status": kinerja.MsgInvalidInput}
		return f, false
	}
	return f, true
}

// filterTeam returns the rows that the filter f of teamQuery selects, in their order, and
// counts every row by state.
func filterTeam[R teamMember](rows []R, f form) ([]R, map[string]int) {
	status, search := f.Values.Get("status"), strings.ToLower(f.Values.Get("q"))
	var out []R
	counts := map[string]int{}
	for _, r := range rows {
		m := r.member()
		counts[r.state()]++
		if (status == "" || status == r.state()) && matchesPerson(search, m.Name, m.NIP) {
			out = append(out, r)
		}
	}
	return out, counts
}

// matchesPerson reports whether a search q (already lower-case) finds a person by part of
// their name or NIP; an empty search finds everybody.
func matchesPerson(q, name, nip string) bool {
	return q == "" || strings.Contains(strings.ToLower(name), q) || strings.Contains(nip, strings.ReplaceAll(q, " ", ""))
}

// StateCount returns the number of people in state s, for the counts on top.
func (d teamSKPData) StateCount(s string) int { return d.Counts[s] }

// States lists the states for the counts on top.
func (teamSKPData) States() []string { return teamStates }

// teamSKP shows the reader's team with the state of each member's SKP for the period, the
// SKP waiting for the reader's approval first. It reads a bounded number of queries.
func (h *Handler) teamSKP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	q := r.URL.Query()
	s, err := h.orgScope(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	filter, ok := teamQuery(q, teamStates)
	d := teamSKPData{Scope: s, NoEmployee: u.EmployeeID == nil, Filter: filter, Filtered: len(filter.Values) > 0,
		Counts: map[string]int{}}
	p := page{Title: "skp_team.title", Data: &d}
	if !ok {
		p.Alert = kinerja.MsgInvalidInput
		h.render(w, r, http.StatusUnprocessableEntity, "skp_team", p)
		return
	}
	if s.Org == nil {
		h.render(w, r, http.StatusOK, "skp_team", p)
		return
	}
	if d.Choice, err = h.choosePeriod(ctx, "/skp/team", s, q.Get("period")); err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Choice.Period == nil || u.EmployeeID == nil {
		h.render(w, r, http.StatusOK, "skp_team", p)
		return
	}
	rows, err := h.teamRows(ctx, *u.EmployeeID, s.Org.ID, d.Choice.Period)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Total = len(rows)
	d.Rows, d.Counts = filterTeam(rows, d.Filter)
	d.Groups = groupByUnit(d.Rows)
	h.render(w, r, http.StatusOK, "skp_team", p)
}

// teamRows lists everybody below employee me, and anybody else whose SKP me appraises, with
// their SKP for period p: those waiting for me (to approve or return) first, then in the
// team's order.
func (h *Handler) teamRows(ctx context.Context, me, org int64, p *kinerja.Period) ([]teamRow, error) {
	period := p.ID
	u, facts := kinerja.UserFromContext(ctx), kinerja.SKPFacts{PeriodClosed: p.Closed}
	team, err := h.db.FindTeam(ctx, me)
	if err != nil {
		return nil, err
	}
	units, err := h.db.FindUnits(ctx, org)
	if err != nil {
		return nil, err
	}
	names := unitNames(units)
	teamSKP, err := h.allSKPs(ctx, kinerja.SKPFilter{OrgID: org, PeriodID: period, Team: true})
	if err != nil {
		return nil, err
	}
	appraised, err := h.allSKPs(ctx, kinerja.SKPFilter{OrgID: org, PeriodID: period, AppraiserID: &me})
	if err != nil {
		return nil, err
	}
	byEmployee := map[int64]*kinerja.SKP{}
	for _, s := range append(teamSKP, appraised...) {
		// After a transfer the open SKP stands for the employee, not the one it closed.
		if o := byEmployee[s.EmployeeID]; o == nil || o.Closed() && !s.Closed() {
			byEmployee[s.EmployeeID] = s
		}
	}
	today := h.today()
	late := func(s *kinerja.SKP) bool {
		if s == nil {
			return !p.Closed && today.After(p.SKPDue())
		}
		return s.Late(today)
	}
	state := func(s *kinerja.SKP) string {
		switch {
		case s == nil:
			return stateNone
		case kinerja.CheckSKP(u, s, facts, kinerja.ActionApprove) == nil:
			return stateWaiting
		}
		return string(s.Status)
	}
	rows := make([]teamRow, 0, len(team))
	inTeam := map[int64]bool{}
	for _, m := range team {
		s := byEmployee[m.ID]
		inTeam[m.ID] = true
		rows = append(rows, teamRow{EmployeeID: m.ID, Name: m.Name, NIP: m.NIP, Position: m.Position, Unit: names[m.UnitID],
			Depth: m.Depth, SKP: s, State: state(s), Late: late(s)})
	}
	for _, s := range appraised {
		if !inTeam[s.EmployeeID] {
			rows = append(rows, teamRow{EmployeeID: s.EmployeeID, Name: s.Employee.Name, NIP: s.Employee.NIP, Position: s.Employee.Position,
				Unit: s.Employee.Unit, SKP: s, State: state(s), Late: late(s)})
		}
	}
	slices.SortStableFunc(rows, func(a, b teamRow) int {
		wa, wb := a.State == stateWaiting, b.State == stateWaiting
		switch {
		case wa && !wb:
			return -1
		case wb && !wa:
			return 1
		}
		return 0
	})
	return rows, nil
}

// allSKPs returns every SKP that f selects, reading pages of batchSize.
func (h *Handler) allSKPs(ctx context.Context, f kinerja.SKPFilter) ([]*kinerja.SKP, error) {
	f.Limit = batchSize
	var out []*kinerja.SKP
	for {
		f.Offset = len(out)
		page, total, err := h.db.FindSKPs(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) == 0 || len(out) >= total {
			return out, nil
		}
	}
}
