package kinerja

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// UnitKind is the kind of an organisational unit.
type UnitKind string

// Unit kinds of CONTRACT.md.
const (
	UnitPemkot      UnitKind = "pemkot"
	UnitKecamatan   UnitKind = "kecamatan"
	UnitKelurahan   UnitKind = "kelurahan"
	UnitSekretariat UnitKind = "sekretariat"
	UnitSeksi       UnitKind = "seksi"
	UnitSubbagian   UnitKind = "subbagian"
	UnitOther       UnitKind = "other"
)

// UnitKinds lists every unit kind.
var UnitKinds = []UnitKind{UnitPemkot, UnitKecamatan, UnitKelurahan, UnitSekretariat, UnitSeksi, UnitSubbagian, UnitOther}

// Valid reports whether k is a known kind.
func (k UnitKind) Valid() bool { return slices.Contains(UnitKinds, k) }

// Unit is a node of an organisation's tree. The root of each tree is an organisation (tenant):
// its OrgID is its own ID, and everything in the tree carries that OrgID.
type Unit struct {
	ID       int64    `json:"id"`
	OrgID    int64    `json:"org_id"`
	ParentID *int64   `json:"parent_id"`
	Name     string   `json:"name"`
	Kind     UnitKind `json:"kind"`
	HeadID   *int64   `json:"head_id"` // the employee who heads the unit
	// Independent marks an independent work unit (unit kerja mandiri): its head writes the SKP
	// of the JPT and pimpinan unit kerja mandiri form (FormFor).
	Independent bool      `json:"independent"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`

	// Filled by tree queries.
	Depth     int    `json:"depth"`
	Path      string `json:"path"` // names from below the root down to this unit, joined by " / "
	Employees int    `json:"employees"`
}

// IsOrganisation reports whether u is the root of a tree.
func (u *Unit) IsOrganisation() bool { return u.ParentID == nil }

// UnitPathSeparator joins unit names into a path that tells same-named units apart.
const UnitPathSeparator = " / "

// Unit messages.
const (
	MsgUnitNameRequired = "Nama unit wajib diisi."
	MsgUnitNameTooLong  = "Nama unit paling banyak 200 karakter."
	MsgUnitKindUnknown  = "Jenis unit tidak dikenal."
	MsgUnitNameTaken    = "Sudah ada unit dengan nama ini di bawah induk yang sama."
	MsgUnitParentLoop   = "Induk unit tidak boleh unit itu sendiri atau unit di bawahnya."
	MsgUnitParentOther  = "Induk unit harus berada di organisasi yang sama."
	MsgUnitNotFound     = "Unit tidak ditemukan."
	MsgUnitHeadOther    = "Kepala unit harus pegawai aktif di organisasi yang sama."
	MsgUnitHasChildren  = "Unit masih memiliki sub-unit atau pegawai."
	MsgOrgRequired      = "Pilih organisasi."
)

// NewUnit is the input to create a unit; without ParentID it creates an organisation.
type NewUnit struct {
	Name     string   `json:"name"`
	Kind     UnitKind `json:"kind"`
	ParentID *int64   `json:"parent_id"`
	HeadID   *int64   `json:"head_id"`
	// Independent defaults to true for organisations, kecamatan and kelurahan.
	Independent *bool `json:"independent"`
}

// Validate normalises and checks n.
func (n *NewUnit) Validate() error {
	n.Name = strings.Join(strings.Fields(n.Name), " ")
	var v Validation
	validateUnitName(&v, n.Name)
	if !n.Kind.Valid() {
		v.Add("kind", MsgUnitKindUnknown)
	}
	if n.Independent == nil {
		ind := n.ParentID == nil || IndependentKind(n.Kind)
		n.Independent = &ind
	}
	return v.Err()
}

func validateUnitName(v *Validation, name string) {
	switch {
	case name == "":
		v.Add("name", MsgUnitNameRequired)
	case utf8.RuneCountInString(name) > 200:
		v.Add("name", MsgUnitNameTooLong)
	case strings.Contains(name, strings.TrimSpace(UnitPathSeparator)):
		v.Add("name", "Nama unit tidak boleh memuat tanda '/'.")
	}
}

// UnitUpdate holds the fields of a unit to change; nil leaves a field as it is.
type UnitUpdate struct {
	Name        *string
	Kind        *UnitKind
	ParentID    *int64  // moving a unit; an organisation root cannot be moved
	HeadID      **int64 // set or clear the head
	Independent *bool
}

// Validate normalises and checks u.
func (u *UnitUpdate) Validate() error {
	var v Validation
	if u.Name != nil {
		s := strings.Join(strings.Fields(*u.Name), " ")
		u.Name = &s
		validateUnitName(&v, s)
	}
	if u.Kind != nil && !u.Kind.Valid() {
		v.Add("kind", MsgUnitKindUnknown)
	}
	return v.Err()
}

// IndependentKind reports whether units of kind k are independent work units unless an admin
// says otherwise: a city government, a kecamatan, a kelurahan.
func IndependentKind(k UnitKind) bool {
	return k == UnitPemkot || k == UnitKecamatan || k == UnitKelurahan
}
