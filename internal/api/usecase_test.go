package api_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestUnitRecap_EveryEmployee downloads the recap of a unit of 1,200 employees: it has 1,200
// rows, like the page's, not the 500 of one page of the employee list.
func TestUnitRecap_EveryEmployee(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		admin := f.as("admin.asemrowo")
		mustDo(t, admin, "POST", "/api/v1/periods", map[string]any{"year": 2026}, 201)
		unit := f.AddUnit(t, sqldbtest.UnitSpec{Key: "upt", Name: "Unit Pelayanan Terpadu", Kind: kinerja.UnitOther}).ID
		const n = 1200
		rows := make([]kinerja.ImportRow, n)
		for i := range rows {
			birth := kinerja.NewDate(1965, 1, 1).AddDate(0, 0, i)
			rows[i] = kinerja.ImportRow{Row: i + 2, Values: map[string]string{
				"nip": sqldbtest.NIP(birth, 2000, 1+i%12, kinerja.GenderFemale, i%999+1), "nama": fmt.Sprintf("Pegawai %04d", i),
				"jenis_kelamin": "P", "tanggal_lahir": birth.String(), "status": "pns", "golongan": "II/c",
				"jabatan": "Pengadministrasi Umum", "jenis_jabatan": "pelaksana", "unit": "Unit Pelayanan Terpadu",
			}}
		}
		if rep, err := db.ImportEmployees(f.ctx, f.org, rows, false); err != nil || rep.Created != n {
			t.Fatalf("import %d employees: %+v, %v", n, rep, err)
		}

		resp, body := admin.raw("GET", fmt.Sprintf("/api/v1/units/%d/recap.xlsx?period=2026-Q1", unit))
		if resp.StatusCode != 200 {
			t.Fatalf("recap: status %d: %s", resp.StatusCode, body)
		}
		x, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("open recap: %v", err)
		}
		sheet, err := x.GetRows("Rekap")
		if err != nil {
			t.Fatal(err)
		}
		var people int
		for _, r := range sheet {
			if len(r) > 2 && strings.HasPrefix(r[2], "Pegawai ") {
				people++
			}
		}
		if people != n {
			t.Errorf("recap of %d employees has %d rows of them", n, people)
		}

		resp, body = admin.raw("GET", fmt.Sprintf("/api/v1/units/%d/recap.xlsx?period=1999-Q1", unit))
		if resp.StatusCode != 422 || !strings.Contains(string(body), `"period"`) {
			t.Errorf("recap of a year without a period: status %d, %.200q; want 422 naming period", resp.StatusCode, body)
		}
	})
}

// TestDocuments_StoreClock dates documents by the store's clock, the one every write uses: an
// export made "today" is named after the store's day, not the machine's.
func TestDocuments_StoreClock(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		day := time.Date(2026, 3, 11, 3, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return day }
		resp, _ := f.as("admin.asemrowo").raw("GET", "/api/v1/employees/export.xlsx")
		want := `attachment; filename="pegawai-kecamatan-asemrowo-2026-03-11.xlsx"`
		if got := resp.Header.Get("Content-Disposition"); resp.StatusCode != 200 || got != want {
			t.Errorf("export: status %d, Content-Disposition %q; want 200 and %q", resp.StatusCode, got, want)
		}
	})
}

// TestPatch_NoLostUpdate has two clients change different fields of one employee and of one
// activity at the same time, many times: the stored record keeps both last changes, because
// each PATCH merges into the stored values inside the transaction that writes.
func TestPatch_NoLostUpdate(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		a, b := f.as("admin.asemrowo"), f.as("admin.asemrowo")
		path := pathOf("/api/v1/employees", f.emp["staf.pem"])
		const rounds = 25
		var wg sync.WaitGroup
		patch := func(c *client, field func(i int) map[string]any) {
			defer wg.Done()
			for i := range rounds {
				if status, body := c.do("PATCH", path, field(i)); status != 200 {
					t.Errorf("PATCH %v: status %d, %v", field(i), status, body)
					return
				}
			}
		}
		wg.Add(2)
		go patch(a, func(i int) map[string]any { return map[string]any{"phone": fmt.Sprintf("0812-0000-%04d", i)} })
		go patch(b, func(i int) map[string]any { return map[string]any{"email": fmt.Sprintf("staf%d@surabaya.go.id", i)} })
		wg.Wait()
		got := mustDo(t, a, "GET", path, nil, 200)
		if got["phone"] != fmt.Sprintf("0812-0000-%04d", rounds-1) || got["email"] != fmt.Sprintf("staf%d@surabaya.go.id", rounds-1) {
			t.Errorf("after concurrent PATCHes phone %v, email %v; want both last values", got["phone"], got["email"])
		}
	})
}
