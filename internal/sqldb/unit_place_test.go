package sqldb_test

import (
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestFindUnitByID_AsInTheTree: one unit read alone has the depth, path and employee count it
// has in the organisation's whole tree, at every depth.
func TestFindUnitByID_AsInTheTree(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := sqldbtest.Build(t, db, sqldbtest.OrgSpec{Name: "Kecamatan Pohon",
			Units: []sqldbtest.UnitSpec{
				{Key: "kel", Name: "Kelurahan Tambak", Kind: kinerja.UnitKelurahan},
				{Key: "seksi", Name: "Seksi Pelayanan", Parent: "kel"},
				{Key: "sub", Name: "Subbagian Umum", Kind: kinerja.UnitSubbagian},
			},
			People: []sqldbtest.PersonSpec{
				{Key: "lurah", Name: "Lurah Tambak", Unit: "kel", Kind: kinerja.PositionPengawas, Head: true},
				{Key: "a", Name: "Staf A", Unit: "seksi", Supervisor: "lurah"},
				{Key: "b", Name: "Staf B", Unit: "seksi", Supervisor: "lurah"},
			}})
		tree, err := db.FindUnits(f.Admin, f.OrgID())
		if err != nil || len(tree) != 4 {
			t.Fatalf("FindUnits = %d units, %v; want 4", len(tree), err)
		}
		for _, want := range tree {
			got, err := db.FindUnitByID(f.Admin, want.ID)
			if err != nil {
				t.Fatalf("FindUnitByID(%s): %v", want.Name, err)
			}
			if got.Depth != want.Depth || got.Path != want.Path || got.Employees != want.Employees || got.Name != want.Name {
				t.Errorf("FindUnitByID(%s) = depth %d, path %q, %d employees; want %d, %q, %d", want.Name,
					got.Depth, got.Path, got.Employees, want.Depth, want.Path, want.Employees)
			}
		}
	})
}
