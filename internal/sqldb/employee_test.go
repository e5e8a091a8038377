package sqldb_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func TestEmployeeValidationAgainstData(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		base := o.StafA.Input()
		tests := []struct {
			name  string
			edit  func(*kinerja.EmployeeInput)
			code  string
			field string
		}{
			{"duplicate NIP", func(in *kinerja.EmployeeInput) {}, kinerja.ECONFLICT, "nip"},
			{"unknown unit", func(in *kinerja.EmployeeInput) {
				in.NIP = "198005172005031099"
				in.BirthDate = kinerja.NewDate(1980, 5, 17)
				in.UnitID = 99999
			}, kinerja.EINVALID, "unit_id"},
			{"unknown supervisor", func(in *kinerja.EmployeeInput) {
				in.NIP = "198005172005031099"
				in.BirthDate = kinerja.NewDate(1980, 5, 17)
				bad := int64(99999)
				in.SupervisorID = &bad
			}, kinerja.EINVALID, "supervisor_id"},
		}
		for _, tt := range tests {
			in := base
			tt.edit(&in)
			_, err := db.CreateEmployee(o.Admin, in)
			if kinerja.ErrorCode(err) != tt.code || kinerja.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s: CreateEmployee = %v; want %s on %s", tt.name, err, tt.code, tt.field)
			}
		}

		// A loop: the Camat reporting to a staff member below him.
		in := o.Camat.Input()
		in.SupervisorID = &o.StafA.ID
		if _, err := db.UpdateEmployee(o.Admin, o.Camat.ID, in); kinerja.ErrorFields(err)["supervisor_id"] != kinerja.MsgSupervisorLoop {
			t.Errorf("supervisor loop: %v; want %q", err, kinerja.MsgSupervisorLoop)
		}
		// Deactivating a Kasi who still has staff.
		in = o.KasiA.Input()
		off := false
		in.Active, in.InactiveReason = &off, kinerja.ReasonMutasi
		if _, err := db.UpdateEmployee(o.Admin, o.KasiA.ID, in); kinerja.ErrorFields(err)["active"] == "" {
			t.Errorf("deactivating a supervisor: %v; want an error on active", err)
		}
		// Pegawai and atasan cannot write.
		if _, err := db.CreateEmployee(o.KasiACtx, base); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("atasan CreateEmployee: %v; want forbidden", err)
		}
	})
}

func TestEmployeeVisibility(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		other := sqldbtest.MustCreateOrg(t, db, "Kecamatan Lain")

		tests := []struct {
			name   string
			ctx    context.Context
			target *kinerja.Employee
			code   string
		}{
			{"kasi sees own staff", o.KasiACtx, o.StafA, ""},
			{"kasi sees self", o.KasiACtx, o.KasiA, ""},
			{"kasi not other section", o.KasiACtx, o.StafB, kinerja.EFORBIDDEN},
			{"kasi not the camat", o.KasiACtx, o.Camat, kinerja.EFORBIDDEN},
			{"camat sees indirect staff", o.CamatCtx, o.StafB, ""},
			{"staff not colleague", o.StafACtx, o.StafB, kinerja.EFORBIDDEN},
			{"admin sees all", o.Admin, o.StafB, ""},
			{"other org admin", other.Admin, o.StafA, kinerja.ENOTFOUND},
			{"other org camat", other.CamatCtx, o.Camat, kinerja.ENOTFOUND},
		}
		for _, tt := range tests {
			e, err := db.FindEmployeeByID(tt.ctx, tt.target.ID)
			if code := kinerja.ErrorCode(err); code != tt.code {
				t.Errorf("%s: FindEmployeeByID = %v; want code %q", tt.name, err, tt.code)
			} else if err == nil && e.NIP != tt.target.NIP {
				t.Errorf("%s: NIP = %q; want the full record", tt.name, e.NIP)
			}
		}

		// Lists: a Kasi sees the whole directory but personal data only of their own team.
		list, total, err := db.FindEmployees(o.KasiACtx, kinerja.EmployeeFilter{})
		if err != nil || total != 5 || len(list) != 5 {
			t.Fatalf("kasi list = %d of %d, %v; want all 5", len(list), total, err)
		}
		for _, e := range list {
			full := e.ID == o.KasiA.ID || e.ID == o.StafA.ID
			if (e.Access == kinerja.AccessFull) != full || (e.NIP != "") != full || (!e.BirthDate.IsZero()) != full || (e.Phone != "") != full {
				t.Errorf("kasi list entry %s: access %v, nip %q, birth %v, phone %q; want personal data only for own team",
					e.Name, e.Access, e.NIP, e.BirthDate, e.Phone)
			}
		}
		// Searching by NIP works only for those who see the whole organisation.
		if got, _, _ := db.FindEmployees(o.StafACtx, kinerja.EmployeeFilter{Query: o.StafB.NIP}); len(got) != 0 {
			t.Errorf("staff found a colleague by NIP: %v", got)
		}
		if got, _, _ := db.FindEmployees(o.Admin, kinerja.EmployeeFilter{Query: o.StafB.NIP}); len(got) != 1 {
			t.Errorf("admin search by NIP = %d results; want 1", len(got))
		}
		// Another organisation sees none of these people.
		theirs, _, _ := db.FindEmployees(other.Admin, kinerja.EmployeeFilter{})
		for _, e := range theirs {
			if e.OrgID != other.ID {
				t.Errorf("other organisation lists %s of organisation %d", e.Name, e.OrgID)
			}
		}
		if _, err := db.FindUnits(other.Admin, o.ID); kinerja.ErrorCode(err) != kinerja.ENOTFOUND {
			t.Errorf("other organisation FindUnits: %v; want not found", err)
		}
		// Filters: a unit includes its sub-units; supervisor gives direct reports.
		inA, _, _ := db.FindEmployees(o.Admin, kinerja.EmployeeFilter{UnitID: &o.SeksiA.ID})
		if len(inA) != 2 {
			t.Errorf("unit filter = %d; want 2", len(inA))
		}
		all, _, _ := db.FindEmployees(o.Admin, kinerja.EmployeeFilter{UnitID: &o.ID})
		direct, _, _ := db.FindEmployees(o.Admin, kinerja.EmployeeFilter{SupervisorID: &o.Camat.ID})
		if len(all) != 5 || len(direct) != 2 {
			t.Errorf("root unit filter = %d, camat's direct reports = %d; want 5 and 2", len(all), len(direct))
		}
	})
}

func TestDerivedRolesAndTeam(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		roles := func(ctx context.Context) []kinerja.Role { return kinerja.UserFromContext(ctx).Roles }
		if r := roles(o.CamatCtx); !slices.Contains(r, kinerja.RolePimpinan) || !slices.Contains(r, kinerja.RoleAtasan) {
			t.Errorf("camat roles = %v; want pimpinan and atasan", r)
		}
		if r := roles(o.KasiACtx); slices.Contains(r, kinerja.RolePimpinan) || !slices.Contains(r, kinerja.RoleAtasan) {
			t.Errorf("kasi roles = %v; want atasan, not pimpinan", r)
		}
		if r := roles(o.StafACtx); !slices.Equal(r, []kinerja.Role{kinerja.RolePegawai}) {
			t.Errorf("staff roles = %v; want pegawai", r)
		}
		team, err := db.FindTeam(o.CamatCtx, o.Camat.ID)
		var names []string
		for _, m := range team {
			names = append(names, m.Name)
		}
		want := []string{o.KasiB.Name, o.StafB.Name, o.KasiA.Name, o.StafA.Name}
		if err != nil || !slices.Equal(names, want) || team[0].Depth != 1 || team[1].Depth != 2 {
			t.Errorf("camat team = %v, %v; want %v depth-first", names, err, want)
		}
		if _, err := db.FindTeam(o.KasiACtx, o.KasiB.ID); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("kasi reading another team: %v; want forbidden", err)
		}
	})
}

func TestEmployeeHistory(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		in := o.StafA.Input()
		in.Phone = "0811-0000-0000"
		if _, err := db.UpdateEmployee(o.Admin, o.StafA.ID, in); err != nil {
			t.Fatal(err)
		}
		h, _ := db.FindEmployeeHistory(o.Admin, o.StafA.ID)
		if len(h) != 1 {
			t.Fatalf("history after a phone change = %d periods; want 1", len(h))
		}
		in.SupervisorID, in.UnitID = &o.KasiB.ID, o.SeksiB.ID
		next := kinerja.Today(time.Now()).AddDate(0, 1, 0)
		in.EffectiveDate = next
		if _, err := db.UpdateEmployee(o.Admin, o.StafA.ID, in); err != nil {
			t.Fatal(err)
		}
		h, err := db.FindEmployeeHistory(o.Admin, o.StafA.ID)
		if err != nil || len(h) != 2 || h[0].EffectiveDate != next || h[0].UnitName != o.SeksiB.Name ||
			h[1].SupervisorName != o.KasiA.Name {
			t.Fatalf("history = %+v, %v; want the move to Seksi B next month on top of the Seksi A period", h, err)
		}
		// Unchanged input writes nothing.
		if _, err := db.UpdateEmployee(o.Admin, o.StafA.ID, in); err != nil {
			t.Fatal(err)
		}
		entries, _, _ := db.FindAuditEntries(o.Admin, kinerja.AuditFilter{Entity: kinerja.EntityEmployee, EntityID: itoa(o.StafA.ID)})
		if len(entries) != 3 {
			t.Errorf("audit entries = %d; want create and two updates", len(entries))
		}
	})
}
