package kinerja_test

import (
	"regexp"
	"testing"

	"kinerja/internal/kinerja"
)

func TestUsernameFromName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, want string }{
		{"Budi Santoso", "budi.santoso"},
		{"Drs. H. Ahmad Fauzi, M.Si.", "ahmad.fauzi"},
		{"Siti Nur Aminah, S.E., M.M.", "siti.aminah"},
		{"dr. Ratna", "ratna"},
		{"Ir. Joko", "joko"},
		{"RENÉ O'Neil", "rene.oneil"},
		{"Ani", "ani"},
		{"Al", "pegawai"},
		{"", "pegawai"},
		{"H.", "pegawai"},
	} {
		got := kinerja.UsernameFromName(tc.name)
		if got != tc.want {
			t.Errorf("UsernameFromName(%q) = %q; want %q", tc.name, got, tc.want)
		}
		u := kinerja.NewUser{Username: got, Password: "kata-sandi-panjang", Roles: []kinerja.Role{kinerja.RolePegawai}}
		if err := u.Validate(); err != nil {
			t.Errorf("UsernameFromName(%q) = %q, which is no valid username: %v", tc.name, got, err)
		}
	}
}

func TestUniqueUsername(t *testing.T) {
	t.Parallel()
	taken := map[string]bool{"budi.santoso": true, "budi.santoso2": true, "ani": true}
	for _, tc := range []struct{ base, want string }{
		{"budi.santoso", "budi.santoso3"},
		{"ani", "ani2"},
		{"siti", "siti"},
	} {
		if got := kinerja.UniqueUsername(tc.base, func(s string) bool { return taken[s] }); got != tc.want {
			t.Errorf("UniqueUsername(%q) = %q; want %q", tc.base, got, tc.want)
		}
	}
}

func TestActivationCode(t *testing.T) {
	t.Parallel()
	format := regexp.MustCompile(`^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$`)
	seen := map[string]bool{}
	for range 200 {
		c := kinerja.NewActivationCode()
		if !format.MatchString(c) {
			t.Fatalf("NewActivationCode() = %q; want XXXX-XXXX-XXXX of the unambiguous alphabet", c)
		}
		if seen[c] {
			t.Fatalf("NewActivationCode() repeated %q", c)
		}
		seen[c] = true
	}
	for _, tc := range []struct {
		typed string
		same  bool
	}{
		{"ABCD-EFGH-JKMN", true},
		{"abcd efgh jkmn", true},
		{" abcdefghjkmn ", true},
		{"ABCD-EFGH-JKMP", false},
	} {
		same := kinerja.HashActivationCode(7, tc.typed) == kinerja.HashActivationCode(7, "ABCD-EFGH-JKMN")
		if same != tc.same {
			t.Errorf("code %q matches ABCD-EFGH-JKMN: %v; want %v", tc.typed, same, tc.same)
		}
	}
	if kinerja.HashActivationCode(7, "ABCD-EFGH-JKMN") == kinerja.HashActivationCode(8, "ABCD-EFGH-JKMN") {
		t.Error("a code hashes the same for two accounts")
	}
}
