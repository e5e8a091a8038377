package kinerja

import "fmt"

// Action names something a user does to an object: submit an SKP, object to an assessment,
// choose an employee's peers. The values are stable: templates name them.
type Action string

// Permitted is the set of actions a user may take on one object now. Each entity builds it by
// running its check function on every action it knows, so that a page offers exactly what the
// store accepts. Templates ask {{if .Can.Has "submit"}}.
type Permitted map[Action]bool

// Has reports whether a is permitted.
func (p Permitted) Has(a Action) bool { return p[a] }

// permitted runs check on each action and keeps those it lets through.
func permitted(check func(Action) error, actions []Action) Permitted {
	p := Permitted{}
	for _, a := range actions {
		if check(a) == nil {
			p[a] = true
		}
	}
	return p
}

// unknownAction is the error of a check asked about an action its entity does not have: a
// mistake in the program, never permitted.
func unknownAction(entity string, a Action) error {
	return &Error{Code: EINTERNAL, Message: MsgInternal, Err: fmt.Errorf("%s: unknown action %q", entity, a)}
}

// Shorthands for the refusals of the check functions.
func forbidden(msg string) error { return Errorf(EFORBIDDEN, "%s", msg) }
func conflict(msg string) error  { return Errorf(ECONFLICT, "%s", msg) }
