package sqldb_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb/sqldbtest"
)

// oldSchemaOrg writes, in SQL only, a small organisation into a database migrated to an old
// schema version, where today's store cannot write (it names columns added later): a
// kecamatan with a seksi, Kasi A heading Staf A and Staf B, a login for Staf A and a 2026
// period. It returns the organisation as sqldbtest.Org (ID, KasiA, StafA, StafB, StafACtx)
// and the period's id.
func oldSchemaOrg(t *testing.T, raw *sql.DB, name string) (*sqldbtest.Org, int64) {
	t.Helper()
	at := time.Date(2026, 1, 5, 3, 0, 0, 0, time.UTC)
	id := func(q string, args ...any) int64 {
		t.Helper()
		var n int64
		if err := raw.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatalf("old schema org: %s: %v", q, err)
		}
		return n
	}
	org := id(`INSERT INTO units (name, kind, created_at, updated_at) VALUES ($1, 'kecamatan', $2, $2) RETURNING id`, name, at)
	if _, err := raw.Exec(`UPDATE units SET org_id = id WHERE id = $1`, org); err != nil {
		t.Fatal(err)
	}
	seksi := id(`INSERT INTO units (org_id, parent_id, name, kind, created_at, updated_at) VALUES ($1, $1, 'Seksi Pemerintahan', 'seksi', $2, $2) RETURNING id`, org, at)
	emp := func(nip, name string, sup *int64) *kinerja.Employee {
		e := &kinerja.Employee{Name: name}
		e.ID = id(`INSERT INTO employees (org_id, nip, name, gender, birth_date, status, grade, position, position_kind, unit_id, supervisor_id,
				appraiser_id, created_at, updated_at)
			VALUES ($1, $2, $3, 'laki_laki', '1980-01-01', 'pns', 'III/a', 'Pengadministrasi Umum', 'pelaksana', $4, $5, $5, $6, $6) RETURNING id`,
			org, nip, name, seksi, sup, at)
		return e
	}
	kasi := emp("198001012005031001", "Siti Aminah, S.Sos.", nil)
	stafA := emp("198001012005031002", "Agus Salim", &kasi.ID)
	stafB := emp("198001012005031003", "Rudi Hartono", &kasi.ID)
	user := id(`INSERT INTO users (username, name, password_hash, employee_id, org_id, created_at, updated_at)
		VALUES ('staf.lama', 'Agus Salim', 'x', $1, $2, $3, $3) RETURNING id`, stafA.ID, org, at)
	if _, err := raw.Exec(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'pegawai')`, user); err != nil {
		t.Fatal(err)
	}
	period := id(`INSERT INTO periods (org_id, year, start_date, end_date, cadence, closed, created_at, updated_at)
		VALUES ($1, 2026, '2026-01-01', '2026-12-31', 'quarterly', FALSE, $2, $2) RETURNING id`, org, at)
	u := &kinerja.User{ID: user, Username: "staf.lama", OrgID: &org, EmployeeID: &stafA.ID, Roles: []kinerja.Role{kinerja.RolePegawai}}
	return &sqldbtest.Org{ID: org, KasiA: kasi, StafA: stafA, StafB: stafB,
		StafACtx: kinerja.NewContextWithUser(context.Background(), u)}, period
}
