package kinerja

import (
	"testing"
	"time"
)

func TestTodoDue(t *testing.T) {
	t.Parallel()
	wib := time.FixedZone("WIB", 7*3600)
	tests := []struct {
		name string
		got  Date
		want string
	}{
		{"SKP of 2026", SKPDue(2026), "2026-01-31"},
		{"first quarter", AssessmentDue(mustEval(t, 2026, CadenceQuarterly, "2026-Q1")), "2026-04-30"},
		{"fourth quarter", AssessmentDue(mustEval(t, 2026, CadenceQuarterly, "2026-Q4")), "2027-01-31"},
		{"the year", AssessmentDue(mustEval(t, 2026, CadenceQuarterly, "2026")), "2027-01-31"},
		{"January", AssessmentDue(mustEval(t, 2026, CadenceMonthly, "2026-01")), "2026-02-28"},
		{"first semester", AssessmentDue(mustEval(t, 2026, CadenceSemester, "2026-S1")), "2026-07-31"},
		// Finalised at 20.00 WIB on 10 May: the window closes at 20.00 WIB on 24 May.
		{"answer", AnswerDue(time.Date(2026, 5, 10, 20, 0, 0, 0, wib), 14), "2026-05-24"},
		// Finalised at 23.30 WIB (16.30 UTC): still the 24th in WIB.
		{"answer late in the day", AnswerDue(time.Date(2026, 5, 10, 23, 30, 0, 0, wib), 14), "2026-05-24"},
		{"decision", DecisionDue(time.Date(2026, 5, 12, 9, 0, 0, 0, wib), 10), "2026-05-22"},
	}
	for _, tt := range tests {
		if tt.got.String() != tt.want {
			t.Errorf("%s: due %s; want %s", tt.name, tt.got, tt.want)
		}
	}
}

func mustEval(t *testing.T, year int, c Cadence, key string) EvalPeriod {
	t.Helper()
	p, ok := FindEvalPeriod(year, c, key)
	if !ok {
		t.Fatalf("FindEvalPeriod(%d, %s, %s): none", year, c, key)
	}
	return p
}

func TestSortTodo(t *testing.T) {
	t.Parallel()
	today := NewDate(2026, 5, 10)
	items := []TodoItem{
		{Kind: TodoAnswerAssessment, Due: NewDate(2026, 5, 24)},
		{Kind: TodoApproveSKP, Due: NewDate(2026, 1, 31)},
		{Kind: TodoVerifyActivities, Due: today},
	}
	SortTodo(items, today)
	want := []struct {
		kind TodoKind
		late bool
	}{{TodoApproveSKP, true}, {TodoVerifyActivities, false}, {TodoAnswerAssessment, false}}
	for i, w := range want {
		if items[i].Kind != w.kind || items[i].Late != w.late {
			t.Errorf("SortTodo[%d] = %s late %v; want %s late %v", i, items[i].Kind, items[i].Late, w.kind, w.late)
		}
	}
}
