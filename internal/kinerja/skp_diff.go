package kinerja

import "strconv"

// ChangeKind tells how an RHK changed from one version of an SKP to the next.
type ChangeKind string

// Kinds of change.
const (
	ChangeAdded   ChangeKind = "added"
	ChangeRemoved ChangeKind = "removed"
	ChangeChanged ChangeKind = "changed"
)

// ResultChange is an RHK added, removed or changed by a revision of an SKP.
type ResultChange struct {
	Kind   ChangeKind    `json:"kind"`
	Before *Result       `json:"before"` // nil when added
	After  *Result       `json:"after"`  // nil when removed
	Fields []FieldChange `json:"fields"` // what changed, when changed
}

// Result returns the RHK as it stands after the change, or as it was when removed.
func (c ResultChange) Result() *Result {
	if c.After != nil {
		return c.After
	}
	return c.Before
}

// FieldChange is one changed field of an RHK or of one of its indicators. Indicator names
// the indicator (its aspect, or its number for a kualitatif one) for the indicator fields.
type FieldChange struct {
	Field     string `json:"field"` // kind, text, parent, indicator, indicator_text, indicator_target, indicator_unit
	Indicator string `json:"indicator,omitempty"`
	Before    string `json:"before"`
	After     string `json:"after"`
}

// DiffSKP returns how the RHK of after differ from those of before, the previous version of
// the same SKP: RHK are matched by lineage (an RHK keeps its lineage across revisions), in
// the order of after, followed by those removed in the order of before. Equal RHK are left
// out, so a revision that changed nothing gives none.
func DiffSKP(before, after *SKP) []ResultChange {
	if before == nil || after == nil {
		return nil
	}
	old := make(map[int64]*Result, len(before.Results))
	for _, r := range before.Results {
		old[lineage(r)] = r
	}
	var out []ResultChange
	seen := map[int64]bool{}
	for _, r := range after.Results {
		l := lineage(r)
		seen[l] = true
		b, ok := old[l]
		if !ok {
			out = append(out, ResultChange{Kind: ChangeAdded, After: r})
			continue
		}
		if fields := diffResult(b, r); len(fields) > 0 {
			out = append(out, ResultChange{Kind: ChangeChanged, Before: b, After: r, Fields: fields})
		}
	}
	for _, r := range before.Results {
		if !seen[lineage(r)] {
			out = append(out, ResultChange{Kind: ChangeRemoved, Before: r})
		}
	}
	return out
}

// lineage identifies an RHK across versions; an RHK stored before lineages existed is its own.
func lineage(r *Result) int64 {
	if r.LineageID != 0 {
		return r.LineageID
	}
	return -r.ID
}

// diffResult lists the fields that differ between two versions of an RHK.
func diffResult(b, a *Result) []FieldChange {
	var out []FieldChange
	add := func(field, ind, before, after string) {
		if before != after {
			out = append(out, FieldChange{Field: field, Indicator: ind, Before: before, After: after})
		}
	}
	add("kind", "", string(b.Kind), string(a.Kind))
	add("text", "", b.Text, a.Text)
	add("parent", "", b.ParentText, a.ParentText)
	for _, p := range pairIndicators(b.Indicators, a.Indicators) {
		switch {
		case p.before == nil:
			add("indicator", p.name, "", indicatorLine(p.after))
		case p.after == nil:
			add("indicator", p.name, indicatorLine(p.before), "")
		default:
			add("indicator_text", p.name, p.before.Text, p.after.Text)
			add("indicator_target", p.name, p.before.Target, p.after.Target)
			add("indicator_unit", p.name, p.before.Unit, p.after.Unit)
		}
	}
	return out
}

// indicatorLine is an indicator in one line: its text, target and unit.
func indicatorLine(i *Indicator) string {
	s := i.Text
	if i.Target != "" {
		s += ": " + i.Target
		if i.Unit != "" {
			s += " " + i.Unit
		}
	}
	return s
}

type indicatorPair struct {
	name          string
	before, after *Indicator
}

// pairIndicators matches the indicators of two versions of an RHK: by aspect when they have
// one (kuantitatif), else by their place in the list (kualitatif).
func pairIndicators(b, a []*Indicator) []indicatorPair {
	key := func(i int, ind *Indicator) string {
		if ind.Aspect != "" {
			return string(ind.Aspect)
		}
		return strconv.Itoa(i + 1)
	}
	old := map[string]*Indicator{}
	for i, ind := range b {
		old[key(i, ind)] = ind
	}
	var out []indicatorPair
	seen := map[string]bool{}
	for i, ind := range a {
		k := key(i, ind)
		seen[k] = true
		out = append(out, indicatorPair{name: k, before: old[k], after: ind})
	}
	for i, ind := range b {
		if k := key(i, ind); !seen[k] {
			out = append(out, indicatorPair{name: k, before: ind})
		}
	}
	return out
}
