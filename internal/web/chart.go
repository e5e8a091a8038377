package web

import (
	"net/http"
	"strconv"

	"kinerja/internal/kinerja"
)

// Views of the organisation chart.
const (
	chartOrg  = "org"  // admins and pimpinan: every unit with its head and members
	chartTeam = "team" // an atasan: their own team by reporting line
	chartSelf = "self" // an employee without subordinates: their own place
	chartNone = "none" // an account not linked to an employee, or no organisation yet
)

// chartData is the data of the organisation chart.
type chartData struct {
	Scope      orgScope
	View       string
	Tree       []*unitNode   // chartOrg
	Unit       *kinerja.Unit // chartOrg narrowed to one unit with ?unit=ID
	People     int           // chartOrg: active employees shown
	Me         *kinerja.Employee
	MeUnit     string
	Supervisor *personRef
	Team       []*teamNode
	TeamTotal  int
}

// chart shows the organisation chart the caller may see: the whole organisation (or one
// unit of it) for admins and pimpinan, their team for an atasan, and their own place for
// everybody else. It reads a bounded number of queries whatever the size.
func (h *Handler) chart(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	s, err := h.orgScope(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := chartData{Scope: s, View: chartNone}
	switch {
	case s.Org == nil:
	case u.SeesWholeOrg(s.Org.ID):
		d.View = chartOrg
		units, err := h.db.FindUnits(ctx, s.Org.ID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		people, err := h.allEmployees(ctx, kinerja.EmployeeFilter{OrgID: s.Org.ID})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Tree = unitTree(units)
		if p := r.URL.Query().Get("unit"); p != "" {
			id, _ := strconv.ParseInt(p, 10, 64)
			n := findNode(d.Tree, id)
			if n == nil {
				h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgUnitNotFound)
				return
			}
			d.Tree, d.Unit = []*unitNode{n}, n.Unit
		}
		placeHeads(d.Tree, people, true)
		d.People = countPeople(d.Tree)
	case u.EmployeeID != nil:
		me, err := h.db.FindEmployeeByID(ctx, *u.EmployeeID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		units, err := h.db.FindUnits(ctx, me.OrgID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		names := unitNames(units)
		d.Me, d.MeUnit = me, names[me.UnitID]
		team, err := h.db.FindTeam(ctx, me.ID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if len(team) > 0 {
			d.View, d.Team, d.TeamTotal = chartTeam, teamTree(team, me.ID, names), len(team)
			break
		}
		d.View = chartSelf
		history, err := h.db.FindEmployeeHistory(ctx, me.ID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if d.Supervisor, _, err = h.reportingRefs(ctx, me, history); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, "chart", page{Title: "chart.title", Data: d})
}

// findNode returns the node of unit id in a tree, or nil.
func findNode(tree []*unitNode, id int64) *unitNode {
	for _, n := range tree {
		if n.ID == id {
			return n
		}
		if m := findNode(n.Children, id); m != nil {
			return m
		}
	}
	return nil
}

// countPeople counts the people placed in a tree; a head placed in another unit counts once.
func countPeople(tree []*unitNode) int {
	seen := map[int64]bool{}
	var walk func(ns []*unitNode)
	walk = func(ns []*unitNode) {
		for _, u := range ns {
			if u.Head != nil {
				seen[u.Head.ID] = true
			}
			for _, e := range u.Members {
				seen[e.ID] = true
			}
			walk(u.Children)
		}
	}
	walk(tree)
	return len(seen)
}
