package web_test

import (
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb/sqldbtest"
)

// orgFixture is a small kecamatan. The camat heads the organisation (so is pimpinan); the
// sekcam and the kasi report to the camat; staf1 reports to the kasi and staf2 to the sekcam.
// Each of camat, sekcam, kasi and staf1 has a login named after them (with the prefix),
// and admin is the organisation's HR admin. The fixture's keys are those names and the units
// sekretariat and seksi.
type orgFixture struct {
	*sqldbtest.Fixture
	prefix                            string
	org, sekretariat, seksi           *kinerja.Unit
	camat, sekcam, kasi, staf1, staf2 *kinerja.Employee
	admin                             *kinerja.User
}

// kecamatan is the spec of orgFixture; prefix names its logins.
func kecamatan(name, prefix string, seq int) sqldbtest.OrgSpec {
	person := func(key, name, position string, kind kinerja.PositionKind, g kinerja.Gender, birth kinerja.Date, unit, sup string) sqldbtest.PersonSpec {
		return sqldbtest.PersonSpec{Key: key, Login: prefix + key, Name: name, Position: position, Kind: kind, Gender: g, Birth: birth,
			Grade: "III/b", Unit: unit, Supervisor: sup}
	}
	camat := person("camat", "Drs. Bambang Wijaya, M.Si.", "Camat", kinerja.PositionAdministrator, kinerja.GenderMale, kinerja.NewDate(1970, 1, 15), "", "")
	camat.Head = true
	staf2 := person("staf2", "Rudi Hartono", "Pengolah Data", kinerja.PositionPelaksana, kinerja.GenderMale, kinerja.NewDate(1992, 11, 11), "sekretariat", "sekcam")
	staf2.NoLogin = true
	return sqldbtest.OrgSpec{Name: name, Admin: prefix + "admin", Seq: seq,
		Units: []sqldbtest.UnitSpec{{Key: "sekretariat", Name: "Sekretariat", Kind: kinerja.UnitSekretariat}, {Key: "seksi", Name: "Seksi Pemerintahan"}},
		People: []sqldbtest.PersonSpec{camat,
			person("sekcam", "Sri Wahyuni, S.Sos.", "Sekretaris Kecamatan", kinerja.PositionAdministrator, kinerja.GenderFemale, kinerja.NewDate(1975, 8, 17), "sekretariat", "camat"),
			person("kasi", "Agus Salim, S.H.", "Kepala Seksi Pemerintahan", kinerja.PositionPengawas, kinerja.GenderMale, kinerja.NewDate(1980, 5, 17), "seksi", "camat"),
			person("staf1", "Dewi Lestari", "Pengadministrasi Umum", kinerja.PositionPelaksana, kinerja.GenderFemale, kinerja.NewDate(1990, 2, 2), "seksi", "kasi"),
			staf2,
		}}
}

// newOrg creates an organisation named name. seq keeps the NIPs of several organisations in
// one database apart; prefix names its logins.
func (s *testServer) newOrg(t *testing.T, name, prefix string, seq int) *orgFixture {
	t.Helper()
	fx := sqldbtest.Build(t, s.db, kecamatan(name, prefix, seq))
	return &orgFixture{Fixture: fx, prefix: prefix, org: fx.Root, sekretariat: fx.Unit("sekretariat"), seksi: fx.Unit("seksi"),
		camat: fx.Employee("camat"), sekcam: fx.Employee("sekcam"), kasi: fx.Employee("kasi"), staf1: fx.Employee("staf1"), staf2: fx.Employee("staf2"),
		admin: fx.AdminUser}
}

// login returns a client logged in as the fixture's login name (without prefix).
func (f *orgFixture) login(t *testing.T, s *testServer, name string) *client {
	t.Helper()
	c := s.client(t)
	c.login(f.prefix+name, sqldbtest.Password)
	return c
}
