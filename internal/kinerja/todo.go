package kinerja

import (
	"slices"
	"time"
)

// TodoKind names a kind of thing a person owes.
type TodoKind string

// To-do kinds. The comment says who owes it.
const (
	TodoWriteSKP         TodoKind = "skp_write"         // the employee: their SKP for the open year, not yet submitted or approved
	TodoApproveSKP       TodoKind = "skp_approve"       // the pejabat penilai: an SKP submitted to them
	TodoVerifyActivities TodoKind = "activities_verify" // the supervisor: their direct subordinates' activities waiting
	TodoAssess           TodoKind = "assessment_due"    // the pejabat penilai: an ended period not yet finalised
	TodoAnswerAssessment TodoKind = "assessment_answer" // the employee: a final assessment to accept or object to
	TodoDecideObjection  TodoKind = "objection_decide"  // the atasan pejabat penilai (or an admin): an objection
)

// TodoKinds lists every kind, so that each has its text on the pages.
var TodoKinds = []TodoKind{TodoWriteSKP, TodoApproveSKP, TodoVerifyActivities, TodoAssess, TodoAnswerAssessment, TodoDecideObjection}

// TodoItem is one thing the reader owes, with the day it is due. The ids name the object;
// which page shows it is the surfaces' business.
type TodoItem struct {
	Kind         TodoKind `json:"kind"`
	Title        string   `json:"title"`  // the employee it is about (the reader for their own)
	Period       string   `json:"period"` // the evaluation period (2026-Q1) or the SKP's year (2026); "" for activities
	Due          Date     `json:"due"`
	Late         bool     `json:"late"`
	Count        int      `json:"count"`  // activities waiting; 1 for other kinds
	Oldest       Date     `json:"oldest"` // the day the oldest waiting activity was logged; zero for other kinds
	EmployeeID   int64    `json:"employee_id"`
	SKPID        *int64   `json:"skp_id"`
	AssessmentID *int64   `json:"assessment_id"`
}

// SKPDue is the last day to set the SKP of a year: the end of its January.
func SKPDue(year int) Date { return NewDate(year, time.January, 31) }

// AssessmentDue is the last day to assess an evaluation period: the end of the month after it
// ends, so the year's evaluation is due by the end of January of the next year.
func AssessmentDue(p EvalPeriod) Date {
	return NewDate(p.End.Year(), p.End.Month()+2, 0)
}

// AnswerDue is the last day an employee may object to an assessment finalised at finalized
// (after it only acceptance is left): the day of ObjectionDeadline in WIB.
func AnswerDue(finalized time.Time, objectionDays int) Date {
	return Today(ObjectionDeadline(finalized, objectionDays))
}

// DecisionDue is the last day to decide an objection filed at objected: as many days as the
// employee had to object.
func DecisionDue(objected time.Time, objectionDays int) Date {
	return Today(ObjectionDeadline(objected, objectionDays))
}

// AssessmentOpen reports whether evaluation period p may be assessed on today: once it has
// ended.
func AssessmentOpen(p EvalPeriod, today Date) bool { return p.End.Before(today) }

// SortTodo marks the items due before today late and orders them soonest first.
func SortTodo(items []TodoItem, today Date) {
	for i := range items {
		items[i].Late = items[i].Due.Before(today)
	}
	slices.SortStableFunc(items, func(a, b TodoItem) int {
		switch {
		case a.Due.Before(b.Due):
			return -1
		case b.Due.Before(a.Due):
			return 1
		}
		return 0
	})
}
