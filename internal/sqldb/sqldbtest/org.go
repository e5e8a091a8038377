package sqldbtest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// OrgSpec declares an organisation for a test: its units, its people with their reporting
// lines, and their logins. Build creates it through the store, so every rule of the store
// holds for the data, and every package's fixtures are made the same way.
type OrgSpec struct {
	Name string           // the root unit
	Kind kinerja.UnitKind // of the root; default kecamatan
	// Admin is the username of the organisation's HR admin; default "kepegawaian-ORGID".
	Admin      string
	AdminRoles []kinerja.Role // default admin
	Units      []UnitSpec     // parents before their sub-units
	People     []PersonSpec   // supervisors before their staff
	// Seq is added to the sequence number of every NIP, for tests that compare NIPs of
	// several organisations.
	Seq int
}

// UnitSpec declares a unit below the root.
type UnitSpec struct {
	Key    string
	Name   string
	Kind   kinerja.UnitKind // default seksi
	Parent string           // key of the parent unit; "" for the root
}

// PersonSpec declares an employee and their login. Empty fields take defaults that pass
// validation: a PNS, laki-laki, pelaksana, grade III/a, with a phone and an e-mail, and an NIP
// that agrees with the birth date and gender.
type PersonSpec struct {
	Key        string // default the name
	Name       string
	Gender     kinerja.Gender
	Birth      kinerja.Date // default a date derived from the sequence number
	Grade      string
	Position   string // default "Pengadministrasi Umum"
	Kind       kinerja.PositionKind
	Unit       string // key of the unit; "" for the root
	Supervisor string // key of the supervisor; "" for none
	Head       bool   // heads their unit
	// Login is the username; default "uORGID-EMPLOYEEID". NoLogin makes none.
	Login   string
	NoLogin bool
	Roles   []kinerja.Role // granted roles of the login; default pegawai
}

// Fixture is an organisation made by Build. Lookups take the keys of the spec and panic on
// an unknown key, which is a mistake in the test itself.
type Fixture struct {
	DB        *sqldb.DB
	Root      *kinerja.Unit
	Install   context.Context // acting as the installation admin
	Admin     context.Context // acting as the organisation's HR admin
	AdminUser *kinerja.User

	mu      sync.Mutex
	seq     int
	units   map[string]*kinerja.Unit
	people  map[string]*kinerja.Employee
	users   map[string]*kinerja.User // by person key
	ctxs    map[string]context.Context
	byEmpID map[int64]string
}

// Build creates the organisation of spec in db, as the installation admin of AdminContext.
func Build(tb testing.TB, db *sqldb.DB, spec OrgSpec) *Fixture {
	tb.Helper()
	install, _ := AdminContext(tb, db)
	f := &Fixture{DB: db, Install: install, seq: spec.Seq, units: map[string]*kinerja.Unit{}, people: map[string]*kinerja.Employee{},
		users: map[string]*kinerja.User{}, ctxs: map[string]context.Context{}, byEmpID: map[int64]string{}}
	kind := spec.Kind
	if kind == "" {
		kind = kinerja.UnitKecamatan
	}
	var err error
	if f.Root, err = db.CreateUnit(install, kinerja.NewUnit{Name: spec.Name, Kind: kind}); err != nil {
		tb.Fatalf("create organisation %s: %v", spec.Name, err)
	}
	username, roles := spec.Admin, spec.AdminRoles
	if username == "" {
		username = fmt.Sprintf("kepegawaian-%d", f.Root.ID)
	}
	if len(roles) == 0 {
		roles = []kinerja.Role{kinerja.RoleAdmin}
	}
	f.AdminUser, err = db.CreateUser(install, kinerja.NewUser{OrgID: &f.Root.ID, Username: username, Password: Password, Roles: roles})
	if err != nil {
		tb.Fatalf("create organisation admin %s: %v", username, err)
	}
	f.Admin = kinerja.NewContextWithUser(context.Background(), f.AdminUser)
	for _, u := range spec.Units {
		f.AddUnit(tb, u)
	}
	// Logins come last so that the roles derived from the data (atasan, pimpinan) are
	// there when the contexts are made.
	for _, p := range spec.People {
		f.addEmployee(tb, p)
	}
	for _, p := range spec.People {
		if p.Head {
			f.setHead(tb, p)
		}
	}
	for _, p := range spec.People {
		if !p.NoLogin {
			f.AddLogin(tb, keyOf(p), p.Login, p.Roles...)
		}
	}
	return f
}

func keyOf(p PersonSpec) string {
	if p.Key != "" {
		return p.Key
	}
	return p.Name
}

// OrgID is the id of the organisation, its root unit.
func (f *Fixture) OrgID() int64 { return f.Root.ID }

// Unit returns the unit of key; "" is the root.
func (f *Fixture) Unit(key string) *kinerja.Unit {
	if key == "" {
		return f.Root
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	u, ok := f.units[key]
	if !ok {
		panic(fmt.Sprintf("sqldbtest: no unit %q in the fixture", key))
	}
	return u
}

// Employee returns the employee of key.
func (f *Fixture) Employee(key string) *kinerja.Employee {
	f.mu.Lock()
	defer f.mu.Unlock()
	e, ok := f.people[key]
	if !ok {
		panic(fmt.Sprintf("sqldbtest: no person %q in the fixture", key))
	}
	return e
}

// User returns the login of the person of key.
func (f *Fixture) User(key string) *kinerja.User {
	f.mu.Lock()
	defer f.mu.Unlock()
	u, ok := f.users[key]
	if !ok {
		panic(fmt.Sprintf("sqldbtest: person %q has no login in the fixture", key))
	}
	return u
}

// As returns a context acting as the login of the person of key, with the roles the data
// gave it when the login was made.
func (f *Fixture) As(key string) context.Context {
	f.User(key)
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.ctxs[key]
}

// Username returns the username of the login of employee e.
func (f *Fixture) Username(e *kinerja.Employee) string {
	f.mu.Lock()
	key, ok := f.byEmpID[e.ID]
	f.mu.Unlock()
	if !ok {
		panic(fmt.Sprintf("sqldbtest: employee %d is not in the fixture", e.ID))
	}
	return f.User(key).Username
}

// Input returns a valid input for p with the next NIP of the fixture, without creating it.
func (f *Fixture) Input(p PersonSpec) kinerja.EmployeeInput {
	f.mu.Lock()
	f.seq++
	seq := f.seq
	f.mu.Unlock()
	if p.Gender == "" {
		p.Gender = kinerja.GenderMale
	}
	if p.Birth.IsZero() {
		p.Birth = kinerja.NewDate(1975, 1, 1).AddDate(0, 0, seq*29)
	}
	if p.Grade == "" {
		p.Grade = "III/a"
	}
	if p.Position == "" {
		p.Position = "Pengadministrasi Umum"
	}
	if p.Kind == "" {
		p.Kind = kinerja.PositionPelaksana
	}
	in := kinerja.EmployeeInput{NIP: NIP(p.Birth, p.Birth.Year()+23, 3, p.Gender, (seq-1)%999+1), Name: p.Name, Gender: p.Gender,
		BirthDate: p.Birth, Status: kinerja.StatusPNS, Grade: p.Grade, Position: p.Position, PositionKind: p.Kind,
		UnitID: f.Unit(p.Unit).ID, Phone: "0812-3456-7890", Email: fmt.Sprintf("pegawai%d@example.go.id", seq)}
	if p.Supervisor != "" {
		in.SupervisorID = &f.Employee(p.Supervisor).ID
	}
	return in
}

// AddUnit creates a unit as the organisation's admin.
func (f *Fixture) AddUnit(tb testing.TB, u UnitSpec) *kinerja.Unit {
	tb.Helper()
	kind := u.Kind
	if kind == "" {
		kind = kinerja.UnitSeksi
	}
	unit, err := f.DB.CreateUnit(f.Admin, kinerja.NewUnit{Name: u.Name, Kind: kind, ParentID: &f.Unit(u.Parent).ID})
	if err != nil {
		tb.Fatalf("create unit %s: %v", u.Name, err)
	}
	f.mu.Lock()
	f.units[u.Key] = unit
	f.mu.Unlock()
	return unit
}

// AddPerson creates an employee as the organisation's admin, makes them head of their unit
// when p says so, and gives them a login unless p.NoLogin.
func (f *Fixture) AddPerson(tb testing.TB, p PersonSpec) *kinerja.Employee {
	tb.Helper()
	e := f.addEmployee(tb, p)
	if p.Head {
		f.setHead(tb, p)
	}
	if !p.NoLogin {
		f.AddLogin(tb, keyOf(p), p.Login, p.Roles...)
	}
	return e
}

func (f *Fixture) addEmployee(tb testing.TB, p PersonSpec) *kinerja.Employee {
	tb.Helper()
	e, err := f.DB.CreateEmployee(f.Admin, f.Input(p))
	if err != nil {
		tb.Fatalf("create employee %s: %v", p.Name, err)
	}
	f.mu.Lock()
	f.people[keyOf(p)] = e
	f.byEmpID[e.ID] = keyOf(p)
	f.mu.Unlock()
	return e
}

func (f *Fixture) setHead(tb testing.TB, p PersonSpec) {
	tb.Helper()
	head := &f.Employee(keyOf(p)).ID
	u, err := f.DB.UpdateUnit(f.Admin, f.Unit(p.Unit).ID, kinerja.UnitUpdate{HeadID: &head})
	if err != nil {
		tb.Fatalf("make %s head of %s: %v", p.Name, f.Unit(p.Unit).Name, err)
	}
	f.mu.Lock()
	if p.Unit == "" {
		f.Root = u
	} else {
		f.units[p.Unit] = u
	}
	f.mu.Unlock()
}

// AddLogin gives the person of key a login (username "" for "uORGID-EMPLOYEEID", no roles for
// pegawai) and returns a context acting as it.
func (f *Fixture) AddLogin(tb testing.TB, key, username string, roles ...kinerja.Role) context.Context {
	tb.Helper()
	e := f.Employee(key)
	if username == "" {
		username = fmt.Sprintf("u%d-%d", f.Root.ID, e.ID)
	}
	if len(roles) == 0 {
		roles = []kinerja.Role{kinerja.RolePegawai}
	}
	u, err := f.DB.CreateUser(f.Admin, kinerja.NewUser{OrgID: &f.Root.ID, Username: username, Name: e.Name, Password: Password,
		Roles: roles, EmployeeID: &e.ID})
	if err != nil {
		tb.Fatalf("create login %s: %v", username, err)
	}
	// Read back so that the roles derived from the data are present.
	if u, err = f.DB.FindUserByID(f.Install, u.ID); err != nil {
		tb.Fatalf("read login %s: %v", username, err)
	}
	ctx := kinerja.NewContextWithUser(context.Background(), u)
	f.mu.Lock()
	f.users[key], f.ctxs[key] = u, ctx
	f.mu.Unlock()
	return ctx
}

// AddUser creates a login of the organisation that is no employee.
func (f *Fixture) AddUser(tb testing.TB, username string, roles ...kinerja.Role) *kinerja.User {
	tb.Helper()
	u, err := f.DB.CreateUser(f.Admin, kinerja.NewUser{OrgID: &f.Root.ID, Username: username, Password: Password, Roles: roles})
	if err != nil {
		tb.Fatalf("create user %s: %v", username, err)
	}
	return u
}

// NIP builds a valid NIP for a birth date, TMT year and month, gender and sequence.
func NIP(birth kinerja.Date, tmtYear, tmtMonth int, g kinerja.Gender, seq int) string {
	gd := 1
	if g == kinerja.GenderFemale {
		gd = 2
	}
	return fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", birth.Year(), birth.Month(), birth.Day(), tmtYear, tmtMonth, gd, seq)
}

// Org is the standard small organisation: a kecamatan headed by the Camat, with two seksi,
// each with a Kasi reporting to the Camat and one staff member reporting to the Kasi. Every
// employee but Staf B has a login; keys are camat, kasi.a, staf.a, kasi.b, staf.b and units
// seksi.a, seksi.b.
type Org struct {
	*Fixture
	ID                                     int64
	SeksiA, SeksiB                         *kinerja.Unit
	Camat, KasiA, StafA, KasiB, StafB      *kinerja.Employee
	CamatCtx, KasiACtx, StafACtx, KasiBCtx context.Context
}

// StandardOrg is the spec of Org.
func StandardOrg(name string) OrgSpec {
	return OrgSpec{Name: name, AdminRoles: []kinerja.Role{kinerja.RoleAdmin, kinerja.RolePegawai},
		Units: []UnitSpec{{Key: "seksi.a", Name: "Seksi Pemerintahan"}, {Key: "seksi.b", Name: "Seksi Kesejahteraan Rakyat"}},
		People: []PersonSpec{
			{Key: "camat", Name: "Drs. Bambang Sutrisno", Position: "Camat", Kind: kinerja.PositionAdministrator, Grade: "III/c", Head: true},
			{Key: "kasi.a", Name: "Siti Aminah, S.Sos.", Position: "Kepala Seksi Pemerintahan", Kind: kinerja.PositionPengawas, Grade: "III/c",
				Unit: "seksi.a", Supervisor: "camat"},
			{Key: "staf.a", Name: "Agus Salim", Grade: "III/c", Unit: "seksi.a", Supervisor: "kasi.a"},
			{Key: "kasi.b", Name: "Dewi Lestari, S.E.", Position: "Kepala Seksi Kesejahteraan Rakyat", Kind: kinerja.PositionPengawas, Grade: "III/c",
				Unit: "seksi.b", Supervisor: "camat"},
			{Key: "staf.b", Name: "Rudi Hartono", Grade: "III/c", Unit: "seksi.b", Supervisor: "kasi.b", NoLogin: true},
		}}
}

// MustCreateOrg creates an Org named name.
func MustCreateOrg(tb testing.TB, db *sqldb.DB, name string) *Org {
	tb.Helper()
	f := Build(tb, db, StandardOrg(name))
	return &Org{Fixture: f, ID: f.OrgID(), SeksiA: f.Unit("seksi.a"), SeksiB: f.Unit("seksi.b"),
		Camat: f.Employee("camat"), KasiA: f.Employee("kasi.a"), StafA: f.Employee("staf.a"), KasiB: f.Employee("kasi.b"), StafB: f.Employee("staf.b"),
		CamatCtx: f.As("camat"), KasiACtx: f.As("kasi.a"), StafACtx: f.As("staf.a"), KasiBCtx: f.As("kasi.b")}
}

// SettleReportingLines makes every reporting line in db look recorded a year ago, for tests of
// rules that count how long someone has been in a team (kinerja.MinUpwardTenureDays) on people
// the test has just created.
func SettleReportingLines(tb testing.TB, db *sqldb.DB) {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx)
	if err != nil {
		tb.Fatalf("settle reporting lines: %v", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE employee_history SET recorded_at = $1`, db.Now().AddDate(-1, 0, 0).UTC()); err != nil {
		tb.Fatalf("settle reporting lines: %v", err)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatalf("settle reporting lines: %v", err)
	}
}
