package kinerja

// Access is how much of an employee's record a user may see.
type Access int

// Access levels, least first.
const (
	AccessNone      Access = iota // another organisation: nothing, not even that the record exists
	AccessDirectory               // same organisation: name, position, unit
	AccessFull                    // own record, own subtree, or admin/pimpinan of the organisation
)

// String names the level for logs and templates.
func (a Access) String() string {
	switch a {
	case AccessDirectory:
		return "directory"
	case AccessFull:
		return "full"
	}
	return "none"
}

// IsInstallationAdmin reports whether u administers the whole installation: an admin who
// belongs to no organisation. Such an admin creates organisations and their first accounts.
func (u *User) IsInstallationAdmin() bool { return u != nil && u.OrgID == nil && u.IsAdmin() }

// InOrg reports whether u acts inside organisation org: an installation admin acts in every one.
func (u *User) InOrg(org int64) bool {
	if u == nil {
		return false
	}
	if u.OrgID == nil {
		return u.IsAdmin()
	}
	return *u.OrgID == org
}

// SeesWholeOrg reports whether u sees every full record of organisation org: its admins and
// pimpinan do.
func (u *User) SeesWholeOrg(org int64) bool {
	return u.InOrg(org) && (u.IsAdmin() || u.HasRole(RolePimpinan))
}

// EmployeeAccess decides how much of employee e actor may see. inSubtree tells whether e
// reports, directly or not, to the actor's own employee record.
func EmployeeAccess(actor *User, e *Employee, inSubtree bool) Access {
	switch {
	case actor == nil || !actor.InOrg(e.OrgID):
		return AccessNone
	case actor.SeesWholeOrg(e.OrgID):
		return AccessFull
	case actor.EmployeeID != nil && *actor.EmployeeID == e.ID:
		return AccessFull
	case inSubtree:
		return AccessFull
	}
	return AccessDirectory
}

// CanManageEmployees reports whether actor may create and change employees and units of org.
func CanManageEmployees(actor *User, org int64) bool { return actor.IsAdmin() && actor.InOrg(org) }

// CanCreateOrganisation reports whether actor may create a new organisation (a root unit).
func CanCreateOrganisation(actor *User) bool { return actor.IsInstallationAdmin() }
