package web_test

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb/sqldbtest"
)

// skpFixture is a sqldbtest.Org with a period for this year: the Camat's SKP with one RHK,
// Kasi A's SKP with one RHK intervening it, and an empty draft SKP for Staf A. Kasi B and
// Staf B have no SKP.
type skpFixture struct {
	*sqldbtest.Org
	srv              *testServer
	period           *kinerja.Period
	camatSKP         *kinerja.SKP
	kasiSKP, stafSKP *kinerja.SKP
	camatRHK         *kinerja.Result
	kasiRHK          *kinerja.Result
}

// Texts of the fixture's RHK.
const (
	camatRHKText = "Meningkatnya kualitas pelayanan publik di kecamatan"
	kasiRHKText  = "Terlaksananya pelayanan administrasi kependudukan yang cepat dan tepat"
)

// quantInput is a kuantitatif RHK with its three required indicators.
func quantInput(text string, parent *int64) kinerja.ResultInput {
	return kinerja.ResultInput{Kind: kinerja.ResultMain, Text: text, ParentResultID: parent, Indicators: []kinerja.IndicatorInput{
		{Aspect: kinerja.AspectQuantity, Text: "Jumlah dokumen kependudukan yang diproses", Target: "1200", Unit: "dokumen"},
		{Aspect: kinerja.AspectQuality, Text: "Persentase layanan tanpa pengaduan", Target: "95", Unit: "%"},
		{Aspect: kinerja.AspectTime, Text: "Layanan tersedia sepanjang tahun", Target: "12", Unit: "bulan"},
	}}
}

func mustCreateSKP(t *testing.T, ctx context.Context, srv *testServer, employee, period int64, a kinerja.Approach) *kinerja.SKP {
	t.Helper()
	s, err := srv.db.CreateSKP(ctx, employee, period, a)
	if err != nil {
		t.Fatalf("CreateSKP(%d): %v", employee, err)
	}
	return s
}

func mustAddResult(t *testing.T, ctx context.Context, srv *testServer, skp int64, in kinerja.ResultInput) *kinerja.Result {
	t.Helper()
	r, err := srv.db.AddResult(ctx, skp, in)
	if err != nil {
		t.Fatalf("AddResult(%s): %v", in.Text, err)
	}
	return r
}

// newSKPFixture creates an skpFixture in organisation name.
func (s *testServer) newSKPFixture(t *testing.T, name string) *skpFixture {
	t.Helper()
	f := &skpFixture{Org: sqldbtest.MustCreateOrg(t, s.db, name), srv: s}
	var err error
	if f.period, err = s.db.CreatePeriod(f.Admin, kinerja.NewPeriod{Year: time.Now().Year()}); err != nil {
		t.Fatalf("CreatePeriod: %v", err)
	}
	f.camatSKP = mustCreateSKP(t, f.CamatCtx, s, f.Camat.ID, f.period.ID, kinerja.ApproachQuantitative)
	f.camatRHK = mustAddResult(t, f.CamatCtx, s, f.camatSKP.ID, quantInput(camatRHKText, nil))
	f.kasiSKP = mustCreateSKP(t, f.KasiACtx, s, f.KasiA.ID, f.period.ID, kinerja.ApproachQuantitative)
	f.kasiRHK = mustAddResult(t, f.KasiACtx, s, f.kasiSKP.ID, quantInput(kasiRHKText, &f.camatRHK.ID))
	f.stafSKP = mustCreateSKP(t, f.StafACtx, s, f.StafA.ID, f.period.ID, kinerja.ApproachQuantitative)
	return f
}

// login returns a client logged in as employee e of the fixture.
func (f *skpFixture) login(t *testing.T, e *kinerja.Employee) *client {
	t.Helper()
	c := f.srv.client(t)
	c.login(f.Username(e), sqldbtest.Password)
	return c
}

// loginAdmin returns a client logged in as the organisation's admin.
func (f *skpFixture) loginAdmin(t *testing.T) *client {
	t.Helper()
	c := f.srv.client(t)
	c.login(f.AdminUser.Username, sqldbtest.Password)
	return c
}

// addEmployee adds a staff member with a login, keyed by name; unit and supervisor are keys
// of sqldbtest.Org.
func (f *skpFixture) addEmployee(t *testing.T, name, unit, supervisor string) *kinerja.Employee {
	t.Helper()
	return f.AddPerson(t, sqldbtest.PersonSpec{Name: name, Grade: "II/c", Unit: unit, Supervisor: supervisor})
}

// resultForm is the RHK form: kind, text, parent and indicator rows of text, target, unit.
// A kuantitatif form names each row's aspect in order (kuantitas, kualitas, waktu, biaya).
func resultForm(quantitative bool, kind, text, parent string, rows ...[3]string) url.Values {
	v := url.Values{"kind": {kind}, "text": {text}, "parent_result_id": {parent}}
	for i, r := range rows {
		p := "indicators." + strconv.Itoa(i) + "."
		if quantitative {
			v.Set(p+"aspect", string(kinerja.Aspects[i]))
		}
		v.Set(p+"text", r[0])
		v.Set(p+"target", r[1])
		if quantitative {
			v.Set(p+"unit", r[2])
		}
	}
	return v
}

// quantRows are valid kuantitatif rows with an empty biaya row.
func quantRows() [][3]string {
	return [][3]string{
		{"Jumlah KTP-el yang diproses", "600", "dokumen"},
		{"Persentase berkas lengkap", "90", "%"},
		{"Layanan tersedia sepanjang tahun", "12", "bulan"},
		{"", "", ""},
	}
}

// skpPath is the page of SKP s, plus suffix.
func skpPath(s *kinerja.SKP, suffix string) string { return "/skp/" + itoa(s.ID) + suffix }
