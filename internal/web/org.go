package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"kinerja/internal/kinerja"
)

// orgScope is the organisation a page shows and the organisations the caller may choose
// from: an installation admin sees every one, anybody else only their own.
type orgScope struct {
	Org  *kinerja.Unit   // nil when no organisation exists (yet) for the caller
	Orgs []*kinerja.Unit // a chooser is shown when there is more than one
}

// Choosing reports whether the caller picks among several organisations.
func (s orgScope) Choosing() bool { return len(s.Orgs) > 1 }

// Link returns path with the chosen organisation appended when the caller picks among
// several, so that links and forms stay in the same organisation.
func (s orgScope) Link(path string) string {
	if !s.Choosing() || s.Org == nil {
		return path
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "org=" + strconv.FormatInt(s.Org.ID, 10)
}

// orgScope reads the organisation of a request: ?org=ID among those the caller may see, else
// the first. An organisation the caller may not see is not found.
func (h *Handler) orgScope(r *http.Request) (orgScope, error) {
	orgs, err := h.db.FindOrganisations(r.Context())
	if err != nil {
		return orgScope{}, err
	}
	s := orgScope{Orgs: orgs}
	want := r.URL.Query().Get("org")
	if want == "" {
		if len(orgs) > 0 {
			s.Org = orgs[0]
		}
		return s, nil
	}
	id, _ := strconv.ParseInt(want, 10, 64)
	if s.Org = findOrg(orgs, id); s.Org == nil {
		return s, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)
	}
	return s, nil
}

// scopeOf returns the scope of organisation id, for pages about one unit or employee.
func (h *Handler) scopeOf(ctx context.Context, id int64) (orgScope, error) {
	orgs, err := h.db.FindOrganisations(ctx)
	if err != nil {
		return orgScope{}, err
	}
	s := orgScope{Orgs: orgs, Org: findOrg(orgs, id)}
	if s.Org == nil {
		return s, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgUnitNotFound)
	}
	return s, nil
}

func findOrg(orgs []*kinerja.Unit, id int64) *kinerja.Unit {
	for _, o := range orgs {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// batchSize is the page size for reading every employee of an organisation: a bounded
// number of queries however large it is, never one per unit or person.
const batchSize = kinerja.MaxLimit

// allEmployees returns every employee that f selects, reading pages of batchSize.
func (h *Handler) allEmployees(ctx context.Context, f kinerja.EmployeeFilter) ([]*kinerja.Employee, error) {
	f.Limit = batchSize
	var out []*kinerja.Employee
	for {
		f.Offset = len(out)
		page, total, err := h.db.FindEmployees(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) == 0 || len(out) >= total {
			return out, nil
		}
	}
}

// unitNode is a unit in a nested tree, for the unit tree and the organisation chart.
type unitNode struct {
	*kinerja.Unit
	Head     *kinerja.Employee   // the head, when active and known
	Members  []*kinerja.Employee // active employees directly in the unit, the head excepted
	Children []*unitNode
}

// unitTree nests units (as FindUnits returns them) by parent. Units whose parent is not in
// the list become roots.
func unitTree(units []*kinerja.Unit) []*unitNode {
	byID := make(map[int64]*unitNode, len(units))
	for _, u := range units {
		byID[u.ID] = &unitNode{Unit: u}
	}
	var roots []*unitNode
	for _, u := range units {
		n := byID[u.ID]
		if u.ParentID != nil {
			if p, ok := byID[*u.ParentID]; ok {
				p.Children = append(p.Children, n)
				continue
			}
		}
		roots = append(roots, n)
	}
	return roots
}

// unitOption is a unit in a select, indented by its depth.
type unitOption struct {
	ID    int64
	Label string
	Depth int
}

// indent is what an option's label is indented with per level: no-break spaces, which
// every browser keeps inside <option>.
const indent = "\u00a0\u00a0\u00a0"

// unitOptions lists units for a select in tree order. skip leaves out a unit and its
// subtree (a unit cannot move below itself).
func unitOptions(units []*kinerja.Unit, skip int64) []unitOption {
	out := make([]unitOption, 0, len(units))
	skipDepth := -1
	for _, u := range units {
		if skipDepth >= 0 {
			if u.Depth > skipDepth {
				continue
			}
			skipDepth = -1
		}
		if u.ID == skip {
			skipDepth = u.Depth
			continue
		}
		out = append(out, unitOption{ID: u.ID, Label: strings.Repeat(indent, u.Depth) + u.Name, Depth: u.Depth})
	}
	return out
}

// unitNames maps unit ids to the names people recognise: the path below the organisation.
func unitNames(units []*kinerja.Unit) map[int64]string {
	m := make(map[int64]string, len(units))
	for _, u := range units {
		m[u.ID] = u.Path
	}
	return m
}

// personOption is an employee in a select: name and position.
type personOption struct {
	ID    int64
	Label string
}

// personOptions lists active employees for a supervisor, appraiser or head select, leaving
// out skip (nobody supervises themselves).
func personOptions(people []*kinerja.Employee, skip int64) []personOption {
	out := make([]personOption, 0, len(people))
	for _, e := range people {
		if e.ID == skip || !e.Active {
			continue
		}
		label := e.Name
		if e.Position != "" {
			label += " — " + e.Position
		}
		out = append(out, personOption{ID: e.ID, Label: label})
	}
	return out
}

// optionalID reads an optional id field: "" is nil; anything but a positive number is an
// error for field.
func optionalID(v *kinerja.Validation, values url.Values, field string) *int64 {
	return v.ID(field, values.Get(field))
}

// idString formats an optional id for a form value.
func idString(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

// mergeErrors adds the field messages of err to those of first, keeping first's message for
// a field both name. It returns an EINVALID error for a form to show.
func mergeErrors(first, err error) error {
	fields := map[string]string{}
	for k, v := range kinerja.ErrorFields(err) {
		fields[k] = v
	}
	for k, v := range kinerja.ErrorFields(first) {
		fields[k] = v
	}
	return &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgInvalidInput, Fields: fields}
}

// alertFor returns the summary of a form error: the message of a field the form does not
// show, so that the reader learns what is wrong, else the error's own message.
func alertFor(err error, shown ...string) string {
	fields := kinerja.ErrorFields(err)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(shown, k) {
			return fields[k]
		}
	}
	return kinerja.ErrorMessage(err)
}

// today is the current date in WIB, by the store's clock.
func (h *Handler) today() kinerja.Date { return kinerja.Today(h.db.Now()) }
