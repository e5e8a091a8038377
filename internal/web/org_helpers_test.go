package web_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb/sqldbtest"
)

// orgFixture is a small kecamatan. The camat heads the organisation (so is pimpinan); the
// sekcam and the kasi report to the camat; staf1 reports to the kasi and staf2 to the sekcam.
// Each of camat, sekcam, kasi and staf1 has a login named after them (with the prefix),
// and admin is the organisation's HR admin.
type orgFixture struct {
	prefix                            string
	org, sekretariat, seksi           *kinerja.Unit
	camat, sekcam, kasi, staf1, staf2 *kinerja.Employee
	admin                             *kinerja.User
}

// nip builds an NIP from a birth date (YYYYMMDD), a TMT (YYYYMM), a gender digit and a
// sequence number.
func nip(birth, tmt string, gender, seq int) string {
	return fmt.Sprintf("%s%s%d%03d", birth, tmt, gender, seq)
}

// employeeInput returns a valid input; birth is YYYYMMDD and the TMT is 18+ years later.
func employeeInput(name, position string, kind kinerja.PositionKind, unit int64, supervisor *int64, birth string, g kinerja.Gender, seq int) kinerja.EmployeeInput {
	b, err := time.Parse("20060102", birth)
	if err != nil {
		panic(err)
	}
	digit := 1
	if g == kinerja.GenderFemale {
		digit = 2
	}
	tmt := fmt.Sprintf("%04d03", b.Year()+23)
	return kinerja.EmployeeInput{NIP: nip(birth, tmt, digit, seq), Name: name, Gender: g, BirthDate: kinerja.DateOf(b),
		Status: kinerja.StatusPNS, Grade: "III/b", Position: position, PositionKind: kind, UnitID: unit, SupervisorID: supervisor}
}

// mustCreateEmployee creates an employee as the installation admin.
func (s *testServer) mustCreateEmployee(t *testing.T, ctx context.Context, in kinerja.EmployeeInput) *kinerja.Employee {
	t.Helper()
	e, err := s.db.CreateEmployee(ctx, in)
	if err != nil {
		t.Fatalf("CreateEmployee(%s): %v", in.Name, err)
	}
	return e
}

// mustCreateUnit creates a unit as the installation admin.
func (s *testServer) mustCreateUnit(t *testing.T, ctx context.Context, name string, kind kinerja.UnitKind, parent *int64) *kinerja.Unit {
	t.Helper()
	u, err := s.db.CreateUnit(ctx, kinerja.NewUnit{Name: name, Kind: kind, ParentID: parent})
	if err != nil {
		t.Fatalf("CreateUnit(%s): %v", name, err)
	}
	return u
}

// orgUser creates a login of organisation org, linked to employee e when it is not nil.
func (s *testServer) orgUser(t *testing.T, ctx context.Context, org int64, username string, e *kinerja.Employee, roles ...kinerja.Role) *kinerja.User {
	t.Helper()
	n := kinerja.NewUser{OrgID: &org, Username: username, Password: sqldbtest.Password, Roles: roles}
	if e != nil {
		n.EmployeeID = &e.ID
		n.Name = e.Name
	}
	u, err := s.db.CreateUser(ctx, n)
	if err != nil {
		t.Fatalf("CreateUser(%s): %v", username, err)
	}
	return u
}

// newOrg creates an organisation named name. seq keeps the NIPs of several organisations in
// one database apart; prefix names its logins.
func (s *testServer) newOrg(t *testing.T, name, prefix string, seq int) *orgFixture {
	t.Helper()
	ctx := s.adminContext(t)
	f := &orgFixture{prefix: prefix}
	f.org = s.mustCreateUnit(t, ctx, name, kinerja.UnitKecamatan, nil)
	f.sekretariat = s.mustCreateUnit(t, ctx, "Sekretariat", kinerja.UnitSekretariat, &f.org.ID)
	f.seksi = s.mustCreateUnit(t, ctx, "Seksi Pemerintahan", kinerja.UnitSeksi, &f.org.ID)
	f.camat = s.mustCreateEmployee(t, ctx, employeeInput("Drs. Bambang Wijaya, M.Si.", "Camat", kinerja.PositionAdministrator,
		f.org.ID, nil, "19700115", kinerja.GenderMale, seq+1))
	f.sekcam = s.mustCreateEmployee(t, ctx, employeeInput("Sri Wahyuni, S.Sos.", "Sekretaris Kecamatan", kinerja.PositionAdministrator,
		f.sekretariat.ID, &f.camat.ID, "19750817", kinerja.GenderFemale, seq+2))
	f.kasi = s.mustCreateEmployee(t, ctx, employeeInput("Agus Salim, S.H.", "Kepala Seksi Pemerintahan", kinerja.PositionPengawas,
		f.seksi.ID, &f.camat.ID, "19800517", kinerja.GenderMale, seq+3))
	f.staf1 = s.mustCreateEmployee(t, ctx, employeeInput("Dewi Lestari", "Pengadministrasi Umum", kinerja.PositionPelaksana,
		f.seksi.ID, &f.kasi.ID, "19900202", kinerja.GenderFemale, seq+4))
	f.staf2 = s.mustCreateEmployee(t, ctx, employeeInput("Rudi Hartono", "Pengolah Data", kinerja.PositionPelaksana,
		f.sekretariat.ID, &f.sekcam.ID, "19921111", kinerja.GenderMale, seq+5))
	head := &f.camat.ID
	var err error
	if f.org, err = s.db.UpdateUnit(ctx, f.org.ID, kinerja.UnitUpdate{HeadID: &head}); err != nil {
		t.Fatalf("UpdateUnit(head): %v", err)
	}
	for _, u := range []struct {
		name string
		e    *kinerja.Employee
	}{{"camat", f.camat}, {"sekcam", f.sekcam}, {"kasi", f.kasi}, {"staf1", f.staf1}} {
		s.orgUser(t, ctx, f.org.ID, prefix+u.name, u.e, kinerja.RolePegawai)
	}
	f.admin = s.orgUser(t, ctx, f.org.ID, prefix+"admin", nil, kinerja.RoleAdmin)
	return f
}

// login returns a client logged in as the fixture's login name (without prefix).
func (f *orgFixture) login(t *testing.T, s *testServer, name string) *client {
	t.Helper()
	c := s.client(t)
	c.login(f.prefix+name, sqldbtest.Password)
	return c
}
