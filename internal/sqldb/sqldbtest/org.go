package sqldbtest

import (
	"context"
	"fmt"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// Org is a small organisation for tests: a kecamatan headed by the Camat, with two seksi, each
// with a Kasi reporting to the Camat and one staff member reporting to the Kasi. Every
// employee has a login (password Password) named after the field: camat, kasia, stafa, kasib, stafb.
type Org struct {
	ID                                     int64
	Root, SeksiA, SeksiB                   *kinerja.Unit
	Camat, KasiA, StafA, KasiB, StafB      *kinerja.Employee
	Admin                                  context.Context // the organisation's admin (login "kepegawaian")
	CamatCtx, KasiACtx, StafACtx, KasiBCtx context.Context
}

// NIP builds a valid NIP for a birth date, TMT year and month, gender and sequence.
func NIP(birth kinerja.Date, tmtYear, tmtMonth int, g kinerja.Gender, seq int) string {
	gd := 1
	if g == kinerja.GenderFemale {
		gd = 2
	}
	return fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", birth.Year(), birth.Month(), birth.Day(), tmtYear, tmtMonth, gd, seq)
}

// MustCreateOrg creates an Org named name. The installation admin from AdminContext makes it.
func MustCreateOrg(tb testing.TB, db *sqldb.DB, name string) *Org {
	tb.Helper()
	root, _ := AdminContext(tb, db)
	o := &Org{}
	var err error
	if o.Root, err = db.CreateUnit(root, kinerja.NewUnit{Name: name, Kind: kinerja.UnitKecamatan}); err != nil {
		tb.Fatalf("create organisation: %v", err)
	}
	o.ID = o.Root.ID
	admin, err := db.CreateUser(root, kinerja.NewUser{OrgID: &o.ID, Username: "kepegawaian-" + fmt.Sprint(o.ID), Password: Password,
		Roles: []kinerja.Role{kinerja.RoleAdmin, kinerja.RolePegawai}})
	if err != nil {
		tb.Fatalf("create org admin: %v", err)
	}
	o.Admin = kinerja.NewContextWithUser(context.Background(), admin)
	unit := func(n string) *kinerja.Unit {
		u, err := db.CreateUnit(o.Admin, kinerja.NewUnit{Name: n, Kind: kinerja.UnitSeksi, ParentID: &o.ID})
		if err != nil {
			tb.Fatalf("create unit %s: %v", n, err)
		}
		return u
	}
	o.SeksiA, o.SeksiB = unit("Seksi Pemerintahan"), unit("Seksi Kesejahteraan Rakyat")
	seq := 0
	emp := func(name, pos string, kind kinerja.PositionKind, u *kinerja.Unit, sup *kinerja.Employee) *kinerja.Employee {
		seq++
		birth := kinerja.NewDate(1970+seq, 3, seq)
		in := kinerja.EmployeeInput{NIP: NIP(birth, 1998+seq, 3, kinerja.GenderMale, seq), Name: name, Gender: kinerja.GenderMale,
			BirthDate: birth, Status: kinerja.StatusPNS, Grade: "III/c", Position: pos, PositionKind: kind, UnitID: u.ID,
			Phone: "0812-3456-78" + fmt.Sprintf("%02d", seq), Email: fmt.Sprintf("pegawai%d@example.go.id", seq)}
		if sup != nil {
			in.SupervisorID = &sup.ID
		}
		e, err := db.CreateEmployee(o.Admin, in)
		if err != nil {
			tb.Fatalf("create employee %s: %v", name, err)
		}
		return e
	}
	o.Camat = emp("Drs. Bambang Sutrisno", "Camat", kinerja.PositionAdministrator, o.Root, nil)
	o.KasiA = emp("Siti Aminah, S.Sos.", "Kepala Seksi Pemerintahan", kinerja.PositionPengawas, o.SeksiA, o.Camat)
	o.StafA = emp("Agus Salim", "Pengadministrasi Umum", kinerja.PositionPelaksana, o.SeksiA, o.KasiA)
	o.KasiB = emp("Dewi Lestari, S.E.", "Kepala Seksi Kesejahteraan Rakyat", kinerja.PositionPengawas, o.SeksiB, o.Camat)
	o.StafB = emp("Rudi Hartono", "Pengadministrasi Umum", kinerja.PositionPelaksana, o.SeksiB, o.KasiB)
	head := &o.Camat.ID
	if _, err := db.UpdateUnit(o.Admin, o.ID, kinerja.UnitUpdate{HeadID: &head}); err != nil {
		tb.Fatalf("set head: %v", err)
	}
	login := func(e *kinerja.Employee) context.Context {
		u, err := db.CreateUser(o.Admin, kinerja.NewUser{Username: fmt.Sprintf("u%d-%d", o.ID, e.ID), Password: Password,
			Roles: []kinerja.Role{kinerja.RolePegawai}, EmployeeID: &e.ID})
		if err != nil {
			tb.Fatalf("create login for %s: %v", e.Name, err)
		}
		// Read back through the store so that derived roles are present.
		_, full, err := db.Login(context.Background(), kinerja.Credentials{Username: u.Username, Password: Password}, kinerja.SessionAPI, 3600e9)
		if err != nil {
			tb.Fatalf("login %s: %v", u.Username, err)
		}
		return kinerja.NewContextWithUser(context.Background(), full)
	}
	o.CamatCtx, o.KasiACtx, o.StafACtx, o.KasiBCtx = login(o.Camat), login(o.KasiA), login(o.StafA), login(o.KasiB)
	return o
}
