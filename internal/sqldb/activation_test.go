package sqldb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// activationOrg is an organisation of five employees: two with an account, two without (of
// the same name, so that their usernames collide), and one without who has left.
func activationOrg(t *testing.T, db *sqldb.DB) *sqldbtest.Fixture {
	f := sqldbtest.Build(t, db, sqldbtest.OrgSpec{Name: "Kecamatan Aktivasi", Units: []sqldbtest.UnitSpec{{Key: "pem", Name: "Seksi Pemerintahan"}},
		People: []sqldbtest.PersonSpec{
			{Key: "camat", Name: "Drs. Bambang Wijaya, M.Si.", Kind: kinerja.PositionJPT, Head: true},
			{Key: "kasi", Name: "Siti Aminah", Unit: "pem", Supervisor: "camat", Head: true},
			{Key: "budi1", Name: "Budi Santoso, S.Kom.", Unit: "pem", Supervisor: "kasi", NoLogin: true},
			{Key: "budi2", Name: "H. Budi Santoso", Unit: "pem", Supervisor: "kasi", NoLogin: true},
			{Key: "pensiun", Name: "Sri Lestari", Unit: "pem", Supervisor: "kasi", NoLogin: true},
		}})
	e := f.Employee("pensiun")
	in := e.Input()
	inactive := false
	in.Active, in.InactiveReason = &inactive, kinerja.ReasonPensiun
	if _, err := db.UpdateEmployee(f.Admin, e.ID, in); err != nil {
		t.Fatal(err)
	}
	return f
}

func activate(db *sqldb.DB, username, code, password string) error {
	_, err := db.Activate(context.Background(), kinerja.Activation{Username: username, Code: code, Password: password, Address: "203.0.113.9"})
	return err
}

// TestCreateEmployeeAccounts makes accounts for exactly the active employees without one,
// with collision-safe usernames and codes stored only hashed and never audited.
func TestCreateEmployeeAccounts(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := activationOrg(t, db)
		ctx := context.Background()
		cands, err := db.FindAccountCandidates(f.Admin, 0)
		if err != nil || len(cands) != 2 {
			t.Fatalf("FindAccountCandidates = %v, %v; want the two Budis", cands, err)
		}
		if _, err := db.CreateEmployeeAccounts(f.As("kasi"), 0); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("CreateEmployeeAccounts as staff: %v; want forbidden", err)
		}
		issued, err := db.CreateEmployeeAccounts(f.Admin, 0)
		if err != nil {
			t.Fatal(err)
		}
		got := map[int64]string{}
		for _, a := range issued {
			got[a.EmployeeID] = a.Username
			if a.Code == "" || a.NIP == "" || a.UnitName != "Seksi Pemerintahan" || !a.ExpiresAt.After(time.Now().Add(13*24*time.Hour)) {
				t.Errorf("issued %+v; want a code, the NIP, the unit and 14 days", a)
			}
		}
		want := map[int64]string{f.Employee("budi1").ID: "budi.santoso", f.Employee("budi2").ID: "budi.santoso2"}
		if len(got) != len(want) || got[f.Employee("budi1").ID] != want[f.Employee("budi1").ID] || got[f.Employee("budi2").ID] != want[f.Employee("budi2").ID] {
			t.Errorf("accounts made %v; want %v", got, want)
		}
		hashes, err := db.ActivationHashes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range issued {
			h := hashes[a.UserID]
			if h == "" || strings.Contains(h, a.Code) || strings.Contains(h, kinerja.NormalizeActivationCode(a.Code)) {
				t.Errorf("stored code of %s = %q; want a hash of the code", a.Username, h)
			}
			if found, err := db.AuditMentions(ctx, kinerja.NormalizeActivationCode(a.Code)[:8]); err != nil || found {
				t.Errorf("audit log mentions the code of %s: %v, %v", a.Username, found, err)
			}
			u, err := db.FindUserByID(f.Admin, a.UserID)
			if err != nil || u.EmployeeID == nil || *u.EmployeeID != a.EmployeeID || !u.HasRole(kinerja.RolePegawai) || u.Name != a.Name {
				t.Errorf("account %s = %+v, %v; want linked to employee %d with role pegawai", a.Username, u, err, a.EmployeeID)
			}
			// No password opens the account before it is activated.
			if err := loginFrom(db, a.Username, "!", "203.0.113.1"); kinerja.ErrorCode(err) != kinerja.EUNAUTHORIZED {
				t.Errorf("login before activation: %v; want unauthorized", err)
			}
		}
		again, err := db.CreateEmployeeAccounts(f.Admin, 0)
		if err != nil || len(again) != 0 {
			t.Errorf("second CreateEmployeeAccounts = %d accounts, %v; want none", len(again), err)
		}
		// The installation admin names the organisation.
		if _, err := db.CreateEmployeeAccounts(f.Install, 0); kinerja.ErrorCode(err) != kinerja.EINVALID {
			t.Errorf("CreateEmployeeAccounts by the installation admin without an organisation: %v; want invalid", err)
		}
	})
}

// TestActivate checks that a code works once, for its own account, before it expires, and
// that guessing is throttled like login.
func TestActivate(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		clock := newThrottleClock(db)
		f := activationOrg(t, db)
		issued, err := db.CreateEmployeeAccounts(f.Admin, 0)
		if err != nil || len(issued) != 2 {
			t.Fatalf("CreateEmployeeAccounts = %v, %v", issued, err)
		}
		one, two := issued[0], issued[1]
		const pw = "kata-sandi-baru-1"
		for _, tc := range []struct {
			name, username, code string
		}{
			{"wrong code", one.Username, "ABCD-EFGH-JKMN"},
			{"another's code", one.Username, two.Code},
			{"unknown username", "tidak.ada", one.Code},
		} {
			if err := activate(db, tc.username, tc.code, pw); kinerja.ErrorCode(err) != kinerja.EUNAUTHORIZED {
				t.Errorf("%s: Activate = %v; want unauthorized", tc.name, err)
			}
		}
		if err := activate(db, one.Username, one.Code, "pendek"); kinerja.ErrorCode(err) != kinerja.EINVALID {
			t.Errorf("short password: Activate = %v; want invalid", err)
		}
		// Typed in lower case, without dashes.
		typed := strings.ToLower(strings.ReplaceAll(one.Code, "-", " "))
		if err := activate(db, strings.ToUpper(one.Username), typed, pw); err != nil {
			t.Fatalf("Activate with the right code: %v", err)
		}
		if err := loginFrom(db, one.Username, pw, "203.0.113.1"); err != nil {
			t.Errorf("login after activation: %v", err)
		}
		if err := activate(db, one.Username, one.Code, "kata-sandi-lain-22"); kinerja.ErrorCode(err) != kinerja.EUNAUTHORIZED {
			t.Errorf("second use of a code: %v; want unauthorized", err)
		}
		if err := loginFrom(db, one.Username, pw, "203.0.113.1"); err != nil {
			t.Errorf("the second use changed the password: %v", err)
		}

		clock.Add(kinerja.ActivationTTL + time.Minute)
		if err := activate(db, two.Username, two.Code, pw); kinerja.ErrorCode(err) != kinerja.EUNAUTHORIZED {
			t.Errorf("expired code: Activate = %v; want unauthorized", err)
		}

		// Guessing a code is throttled like guessing a password.
		var limited bool
		for i := range 12 {
			err := activate(db, two.Username, "ZZZZ-ZZZZ-ZZZ"+string(rune('A'+i)), pw)
			if kinerja.ErrorCode(err) == kinerja.ERATELIMITED {
				limited = true
				break
			}
		}
		if !limited {
			t.Error("12 wrong codes in a row were all checked; want rate_limited")
		}
	})
}
