package api_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// orgFixture is a small Kecamatan Asemrowo built through the store:
//
//	Kecamatan Asemrowo (camat)
//	├── Seksi Ekonomi (kasi.eko → staf.eko)
//	└── Seksi Pemerintahan (kasi.pem → staf.pem, staf.pem2)
//
// with users admin.asemrowo (admin of the organisation) and one pegawai login per employee,
// named like the employee.
type orgFixture struct {
	c     *client // no token: log in from it
	admin *client // the installation admin
	db    *sqldb.DB
	ctx   context.Context // acting as the installation admin
	org   int64
	units map[string]int64
	emp   map[string]int64
	seq   int
}

func newOrgFixture(t *testing.T, db *sqldb.DB) *orgFixture {
	t.Helper()
	c := newServer(t, db)
	ctx, _ := sqldbtest.AdminContext(t, db)
	f := &orgFixture{c: c, admin: c.login("admin", adminPassword), db: db, ctx: ctx, units: map[string]int64{}, emp: map[string]int64{}}
	f.org = f.mustUnit(t, "Kecamatan Asemrowo", kinerja.UnitKecamatan, nil)
	f.units["seksi.pem"] = f.mustUnit(t, "Seksi Pemerintahan", kinerja.UnitSeksi, &f.org)
	f.units["seksi.eko"] = f.mustUnit(t, "Seksi Ekonomi", kinerja.UnitSeksi, &f.org)

	f.emp["camat"] = f.mustEmployee(t, "Drs. Bambang Sutrisno, M.Si.", kinerja.GenderMale, "Camat Asemrowo", kinerja.PositionAdministrator, f.org, nil)
	f.emp["kasi.pem"] = f.mustEmployee(t, "Siti Rahmawati, S.Sos.", kinerja.GenderFemale, "Kepala Seksi Pemerintahan", kinerja.PositionPengawas, f.units["seksi.pem"], f.ref("camat"))
	f.emp["staf.pem"] = f.mustEmployee(t, "Agus Salim", kinerja.GenderMale, "Pengadministrasi Pemerintahan", kinerja.PositionPelaksana, f.units["seksi.pem"], f.ref("kasi.pem"))
	f.emp["staf.pem2"] = f.mustEmployee(t, "Dewi Lestari", kinerja.GenderFemale, "Pengolah Data", kinerja.PositionPelaksana, f.units["seksi.pem"], f.ref("kasi.pem"))
	f.emp["kasi.eko"] = f.mustEmployee(t, "Hendra Wijaya, S.E.", kinerja.GenderMale, "Kepala Seksi Ekonomi", kinerja.PositionPengawas, f.units["seksi.eko"], f.ref("camat"))
	f.emp["staf.eko"] = f.mustEmployee(t, "Nur Aini", kinerja.GenderFemale, "Pengadministrasi Perekonomian", kinerja.PositionPelaksana, f.units["seksi.eko"], f.ref("kasi.eko"))

	f.mustUser(t, "admin.asemrowo", f.org, nil, kinerja.RoleAdmin)
	for name, id := range f.emp {
		f.mustUser(t, name, f.org, &id, kinerja.RolePegawai)
	}
	return f
}

func (f *orgFixture) ref(name string) *int64 {
	id := f.emp[name]
	return &id
}

func (f *orgFixture) mustUnit(t *testing.T, name string, kind kinerja.UnitKind, parent *int64) int64 {
	t.Helper()
	u, err := f.db.CreateUnit(f.ctx, kinerja.NewUnit{Name: name, Kind: kind, ParentID: parent})
	if err != nil {
		t.Fatalf("create unit %s: %v", name, err)
	}
	return u.ID
}

// input returns a valid employee with the next sequence number; its NIP agrees with its
// birth date and gender.
func (f *orgFixture) input(name string, g kinerja.Gender, position string, kind kinerja.PositionKind, unit int64, supervisor *int64) kinerja.EmployeeInput {
	f.seq++
	birth := kinerja.NewDate(1970, 1, 1).AddDate(0, 0, f.seq*29)
	return kinerja.EmployeeInput{NIP: testNIP(birth, g, f.seq), Name: name, Gender: g, BirthDate: birth, Status: kinerja.StatusPNS,
		Grade: "III/a", Position: position, PositionKind: kind, UnitID: unit, SupervisorID: supervisor,
		Phone: "0812-3456-7890", Email: fmt.Sprintf("pegawai%d@surabaya.go.id", f.seq)}
}

func (f *orgFixture) mustEmployee(t *testing.T, name string, g kinerja.Gender, position string, kind kinerja.PositionKind, unit int64, supervisor *int64) int64 {
	t.Helper()
	e, err := f.db.CreateEmployee(f.ctx, f.input(name, g, position, kind, unit, supervisor))
	if err != nil {
		t.Fatalf("create employee %s: %v", name, err)
	}
	return e.ID
}

func (f *orgFixture) mustUser(t *testing.T, username string, org int64, employee *int64, roles ...kinerja.Role) {
	t.Helper()
	_, err := f.db.CreateUser(f.ctx, kinerja.NewUser{OrgID: &org, EmployeeID: employee, Username: username, Password: sqldbtest.Password, Roles: roles})
	if err != nil {
		t.Fatalf("create user %s: %v", username, err)
	}
}

// as returns a client logged in as username of the fixture.
func (f *orgFixture) as(username string) *client { return f.c.login(username, sqldbtest.Password) }

// testNIP builds an NIP from a birth date, a TMT CPNS 25 years later in March, the gender and a
// sequence number.
func testNIP(birth kinerja.Date, g kinerja.Gender, seq int) string {
	digit := "1"
	if g == kinerja.GenderFemale {
		digit = "2"
	}
	return fmt.Sprintf("%s%04d03%s%03d", birth.Time().Format("20060102"), birth.Year()+25, digit, seq%1000)
}

// ids returns the ids of the items of a list answer.
func ids(t *testing.T, body map[string]any) []int64 {
	t.Helper()
	items, ok := body["items"].([]any)
	if !ok {
		t.Fatalf("body %v has no items list", body)
	}
	if _, ok := body["next_cursor"].(string); !ok {
		t.Errorf("body %v has no next_cursor string", body)
	}
	var out []int64
	for _, it := range items {
		out = append(out, int64(it.(map[string]any)["id"].(float64)))
	}
	return out
}

func bodyID(body map[string]any) int64 {
	n, _ := body["id"].(float64)
	return int64(n)
}

func pathOf(prefix string, id int64) string { return fmt.Sprintf("%s/%d", prefix, id) }

// keys returns the sorted keys of an object.
func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
