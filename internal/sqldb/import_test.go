package sqldb_test

import (
	"fmt"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// row builds an import row; later values override the defaults of a valid staff member.
func row(n int, kv ...string) kinerja.ImportRow {
	birth := kinerja.NewDate(1985, 1, 1).AddDate(0, 0, n)
	v := map[string]string{
		"nip": sqldbtest.NIP(birth, 2010, 3, kinerja.GenderFemale, n%999+1), "nama": fmt.Sprintf("Pegawai %d", n), "jenis_kelamin": "P",
		"tanggal_lahir": birth.String(), "status": "pns", "golongan": "II/c", "jabatan": "Pengadministrasi Umum",
		"jenis_jabatan": "pelaksana", "unit": "Seksi Pemerintahan",
	}
	for i := 0; i+1 < len(kv); i += 2 {
		v[kv[i]] = kv[i+1]
	}
	return kinerja.ImportRow{Row: n + 1, Values: v}
}

func TestImportEmployees(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		boss := row(1, "nama", "Kepala Baru", "jenis_jabatan", "pengawas", "nip_atasan", o.Camat.NIP)
		rows := []kinerja.ImportRow{
			row(2, "nip_atasan", boss.Get("nip")), // names a supervisor further down the file
			boss,
			row(3, "unit", "seksi pemerintahan", "nip_atasan", boss.Get("nip")),
			row(4, "nip", o.StafA.NIP, "nama", "Agus Salim, S.Kom.", "jenis_kelamin", "L", "tanggal_lahir", o.StafA.BirthDate.String(),
				"golongan", "III/a", "nip_atasan", o.KasiA.NIP),
		}
		rep, err := db.ImportEmployees(o.Admin, 0, rows, true)
		if err != nil || rep.Created != 3 || rep.Updated != 1 || !rep.DryRun {
			t.Fatalf("dry run = %+v, %v; want 3 created, 1 updated", rep, err)
		}
		if _, total, _ := db.FindEmployees(o.Admin, kinerja.EmployeeFilter{}); total != 5 {
			t.Fatalf("after the dry run %d employees; want the 5 of before", total)
		}
		rep, err = db.ImportEmployees(o.Admin, 0, rows, false)
		if err != nil || rep.Created != 3 || rep.Updated != 1 {
			t.Fatalf("import = %+v, %v; want 3 created, 1 updated", rep, err)
		}
		staff, _, _ := db.FindEmployees(o.Admin, kinerja.EmployeeFilter{Query: "Pegawai 2"})
		if len(staff) != 1 || staff[0].SupervisorID == nil {
			t.Fatalf("Pegawai 2 = %+v; want one with a supervisor", staff)
		}
		bossEmp, err := db.FindEmployeeByID(o.Admin, *staff[0].SupervisorID)
		if err != nil || bossEmp.Name != "Kepala Baru" || *bossEmp.SupervisorID != o.Camat.ID {
			t.Errorf("Pegawai 2's supervisor = %+v, %v; want Kepala Baru under the Camat", bossEmp, err)
		}
		agus, _ := db.FindEmployeeByID(o.Admin, o.StafA.ID)
		if agus.Name != "Agus Salim, S.Kom." || agus.Grade != "III/a" || agus.Phone != o.StafA.Phone {
			t.Errorf("updated employee = %+v; want new name and grade, phone kept", agus)
		}

		// The same file again changes nothing and writes nothing.
		before, _, _ := db.FindAuditEntries(o.Admin, kinerja.AuditFilter{Entity: kinerja.EntityEmployee})
		rep, err = db.ImportEmployees(o.Admin, 0, rows, false)
		if err != nil || rep.Created != 0 || rep.Updated != 0 || rep.Unchanged != 4 {
			t.Errorf("re-import = %+v, %v; want 4 unchanged", rep, err)
		}
		after, _, _ := db.FindAuditEntries(o.Admin, kinerja.AuditFilter{Entity: kinerja.EntityEmployee})
		if len(after) != len(before) {
			t.Errorf("re-import wrote %d audit entries; want none", len(after)-len(before))
		}
	})
}

func TestImportEmployees_BadRowsWriteNothing(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		var rows []kinerja.ImportRow
		for i := 1; i <= 10; i++ {
			rows = append(rows, row(i))
		}
		rows[2].Values["nip"] = "12345"                     // row 4: 5 digits
		rows[5].Values["unit"] = "Seksi Tidak Ada"          // row 7
		rows[8].Values["nip_atasan"] = "199901012020011001" // row 10: unknown supervisor
		rep, err := db.ImportEmployees(o.Admin, 0, rows, false)
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			t.Fatalf("import with bad rows: %v; want invalid", err)
		}
		want := []kinerja.ImportError{{Row: 4, Field: "nip"}, {Row: 7, Field: "unit"}, {Row: 10, Field: "nip_atasan"}}
		if len(rep.Errors) != len(want) {
			t.Fatalf("errors = %+v; want exactly %v", rep.Errors, want)
		}
		for i, w := range want {
			if got := rep.Errors[i]; got.Row != w.Row || got.Field != w.Field || got.Message == "" {
				t.Errorf("error %d = %+v; want row %d field %s with a message", i, got, w.Row, w.Field)
			}
		}
		if _, total, _ := db.FindEmployees(o.Admin, kinerja.EmployeeFilter{}); total != 5 {
			t.Errorf("after a failed import %d employees; want the 5 of before", total)
		}

		// Loops within the file, duplicates and ambiguous units are caught too.
		a, b := row(20), row(21)
		a.Values["nip_atasan"], b.Values["nip_atasan"] = b.Get("nip"), a.Get("nip")
		dup := row(22, "nip", a.Get("nip"), "tanggal_lahir", a.Get("tanggal_lahir"))
		rep, _ = db.ImportEmployees(o.Admin, 0, []kinerja.ImportRow{a, b, dup}, true)
		fields := map[int]string{}
		for _, e := range rep.Errors {
			fields[e.Row] += e.Field + " "
		}
		if fields[21] != "nip_atasan " || fields[22] != "nip_atasan " || fields[23] != "nip " {
			t.Errorf("loop and duplicate errors = %+v", rep.Errors)
		}
	})
}

func TestImportEmployees_Permissions(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Uji")
		if _, err := db.ImportEmployees(o.CamatCtx, 0, []kinerja.ImportRow{row(1)}, true); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("camat import: %v; want forbidden", err)
		}
		if _, err := db.ExportEmployees(o.KasiACtx, 0); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("kasi export: %v; want forbidden", err)
		}
		all, err := db.ExportEmployees(o.Admin, 0)
		if err != nil || len(all) != 5 || all[0].NIP == "" {
			t.Errorf("admin export = %d, %v; want 5 full records", len(all), err)
		}
	})
}

// BenchmarkImportEmployees5000 imports a 5,000-row file into a fresh SQLite organisation; the
// target is under 5 s per import.
func BenchmarkImportEmployees5000(b *testing.B) {
	rows := make([]kinerja.ImportRow, 5000)
	for i := range rows {
		birth := kinerja.NewDate(1965, 1, 1).AddDate(0, 0, i)
		rows[i] = kinerja.ImportRow{Row: i + 2, Values: map[string]string{
			"nip": sqldbtest.NIP(birth, 2000, 1+i%12, kinerja.GenderMale, i%999+1), "nama": fmt.Sprintf("Pegawai %04d", i),
			"jenis_kelamin": "L", "tanggal_lahir": birth.String(), "status": "pns", "golongan": "III/a",
			"jabatan": "Pengadministrasi Umum", "jenis_jabatan": "pelaksana", "unit": "Seksi Pemerintahan",
		}}
		if i >= 50 { // 50 heads, everyone else reports to one of them
			rows[i].Values["nip_atasan"] = rows[i%50].Values["nip"]
		}
	}
	for b.Loop() {
		b.StopTimer()
		db := sqldbtest.MustOpenDB(b, sqldb.SQLite)
		o := sqldbtest.MustCreateOrg(b, db, "Kecamatan Uji")
		b.StartTimer()
		rep, err := db.ImportEmployees(o.Admin, 0, rows, false)
		if err != nil || rep.Created != 5000 {
			b.Fatalf("import: created %d, %d errors (first %v), %v", rep.Created, len(rep.Errors), rep.Errors[:min(1, len(rep.Errors))], err)
		}
	}
}
