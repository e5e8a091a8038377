package kinerja

import "slices"

// MsgDistributionForbidden refuses the distribution of predikat of a unit to someone who does
// not lead it.
const MsgDistributionForbidden = "Sebaran predikat unit hanya dapat dilihat oleh kepala unit, pimpinan di atasnya, dan admin."

// UnitFacts are what the rules on a unit need besides the unit and the actor.
type UnitFacts struct {
	Heads     []int64 // the employees heading the unit and each unit above it
	AboveHead bool    // the unit's head reports to the actor, directly or not
}

// CheckUnitDistribution decides whether actor may read the distribution of predikat of unit u
// and its sub-units (and what is built on it, such as the distribution sheet of the recap):
// the unit's head, those above (the heads of the units above it and the head's superiors in
// the reporting lines), the organisation's pimpinan and admins. Everyone else in the
// organisation is refused with EFORBIDDEN, whatever the unit's size: the counts of a small
// unit tell its members' predikat. Outside the organisation the unit does not exist.
func CheckUnitDistribution(actor *User, u *Unit, f UnitFacts) error {
	switch {
	case actor == nil || !actor.InOrg(u.OrgID):
		return Errorf(ENOTFOUND, "%s", MsgUnitNotFound)
	case actor.SeesWholeOrg(u.OrgID):
		return nil
	case actor.EmployeeID != nil && (f.AboveHead || slices.Contains(f.Heads, *actor.EmployeeID)):
		return nil
	}
	return forbidden(MsgDistributionForbidden)
}
