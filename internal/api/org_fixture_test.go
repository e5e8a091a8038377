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
// named like the employee. units and emp hold the ids by key.
type orgFixture struct {
	*sqldbtest.Fixture
	c     *client // no token: log in from it
	admin *client // the installation admin
	db    *sqldb.DB
	ctx   context.Context // acting as the installation admin
	org   int64
	units map[string]int64
	emp   map[string]int64
}

// asemrowo is the organisation of orgFixture.
var asemrowo = sqldbtest.OrgSpec{Name: "Kecamatan Asemrowo", Admin: "admin.asemrowo",
	Units: []sqldbtest.UnitSpec{{Key: "seksi.pem", Name: "Seksi Pemerintahan"}, {Key: "seksi.eko", Name: "Seksi Ekonomi"}},
	People: []sqldbtest.PersonSpec{
		{Key: "camat", Login: "camat", Name: "Drs. Bambang Sutrisno, M.Si.", Position: "Camat Asemrowo", Kind: kinerja.PositionAdministrator},
		{Key: "kasi.pem", Login: "kasi.pem", Name: "Siti Rahmawati, S.Sos.", Gender: kinerja.GenderFemale, Position: "Kepala Seksi Pemerintahan",
			Kind: kinerja.PositionPengawas, Unit: "seksi.pem", Supervisor: "camat"},
		{Key: "staf.pem", Login: "staf.pem", Name: "Agus Salim", Position: "Pengadministrasi Pemerintahan", Unit: "seksi.pem", Supervisor: "kasi.pem"},
		{Key: "staf.pem2", Login: "staf.pem2", Name: "Dewi Lestari", Gender: kinerja.GenderFemale, Position: "Pengolah Data", Unit: "seksi.pem",
			Supervisor: "kasi.pem"},
		{Key: "kasi.eko", Login: "kasi.eko", Name: "Hendra Wijaya, S.E.", Position: "Kepala Seksi Ekonomi", Kind: kinerja.PositionPengawas,
			Unit: "seksi.eko", Supervisor: "camat"},
		{Key: "staf.eko", Login: "staf.eko", Name: "Nur Aini", Gender: kinerja.GenderFemale, Position: "Pengadministrasi Perekonomian",
			Unit: "seksi.eko", Supervisor: "kasi.eko"},
	}}

func newOrgFixture(t *testing.T, db *sqldb.DB) *orgFixture {
	t.Helper()
	c := newServer(t, db)
	fx := sqldbtest.Build(t, db, asemrowo)
	f := &orgFixture{Fixture: fx, c: c, admin: c.login("admin", adminPassword), db: db, ctx: fx.Install, org: fx.OrgID(),
		units: map[string]int64{}, emp: map[string]int64{}}
	for _, u := range asemrowo.Units {
		f.units[u.Key] = fx.Unit(u.Key).ID
	}
	for _, p := range asemrowo.People {
		f.emp[p.Key] = fx.Employee(p.Key).ID
	}
	return f
}

// addPerson creates p, with a login named like its key unless p.NoLogin, and returns its id.
func (f *orgFixture) addPerson(t *testing.T, p sqldbtest.PersonSpec) int64 {
	t.Helper()
	p.Login = p.Key
	id := f.AddPerson(t, p).ID
	f.emp[p.Key] = id
	return id
}

// as returns a client logged in as username of the fixture.
func (f *orgFixture) as(username string) *client { return f.c.login(username, sqldbtest.Password) }

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
