package kinerja

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestEventKindsRegistered reads event.go and checks that every EventKind constant is in the
// registry, so that no kind escapes the catalogue test.
func TestEventKindsRegistered(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "event.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var consts int
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || vs.Type == nil || vs.Type.(*ast.Ident).Name != "EventKind" {
			return true
		}
		for _, v := range vs.Values {
			consts++
			kind, _ := strconv.Unquote(v.(*ast.BasicLit).Value)
			if _, ok := EventKinds[EventKind(kind)]; !ok {
				t.Errorf("event kind %q is not in EventKinds", kind)
			}
		}
		return true
	})
	if consts != len(EventKinds) {
		t.Errorf("event.go declares %d kinds; EventKinds has %d", consts, len(EventKinds))
	}
}

func TestEventValidate(t *testing.T) {
	t.Parallel()
	ok := Event{Kind: EventSKPSubmitted, OrgID: 1, Entity: EntitySKP, EntityID: 7, To: ToEmployee(3)}
	tests := []struct {
		name string
		edit func(e *Event)
		want string // part of the error; "" for none
	}{
		{"valid", func(e *Event) {}, ""},
		{"to the admins", func(e *Event) { e.To = ToAdmins() }, ""},
		{"to a team", func(e *Event) { e.Kind, e.Entity, e.To = EventUpwardReply, EntityUpwardReply, ToTeamOf(3) }, ""},
		{"unknown kind", func(e *Event) { e.Kind = "skp_lost" }, "unknown kind"},
		{"wrong entity", func(e *Event) { e.Entity = EntityAssessment }, `want "skp"`},
		{"no object", func(e *Event) { e.EntityID = 0 }, "no skp id"},
		{"no organisation", func(e *Event) { e.OrgID = 0 }, "no organisation"},
		{"no recipient", func(e *Event) { e.To = Recipient{} }, "unknown recipient"},
		{"employee without id", func(e *Event) { e.To = ToEmployee(0) }, "without an employee"},
		{"admins with an employee", func(e *Event) { e.To = Recipient{Kind: RecipientAdmins, EmployeeID: 3} }, "admins with"},
	}
	for _, tt := range tests {
		e := ok
		tt.edit(&e)
		err := e.Validate()
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%s: Validate() = %v; want %q", tt.name, err, tt.want)
		}
	}
}
