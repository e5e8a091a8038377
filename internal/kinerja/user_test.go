package kinerja

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestValidatePassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string
	}{
		{"", MsgPasswordTooShort},
		{"123456789", MsgPasswordTooShort},
		{"1234567890", ""},
		{"kata sandi panjang", ""},
		{strings.Repeat("é", 36), ""},                 // 72 bytes
		{strings.Repeat("é", 37), MsgPasswordTooLong}, // 74 bytes: bcrypt would cut it
	}
	for _, tt := range tests {
		if got := ErrorMessage(ValidatePassword(tt.in)); got != tt.want {
			t.Errorf("ValidatePassword(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestNewUserValidate(t *testing.T) {
	t.Parallel()
	ok := NewUser{Username: " Budi_01 ", Password: "kata-sandi-kuat", Roles: []Role{RolePegawai}}
	if err := ok.Validate(); err != nil || ok.Username != "budi_01" {
		t.Fatalf("Validate(valid) = %v, username %q", err, ok.Username)
	}
	tests := []struct {
		name  string
		in    NewUser
		field string
	}{
		{"short username", NewUser{Username: "ab", Password: "kata-sandi-kuat", Roles: []Role{RolePegawai}}, "username"},
		{"username with space", NewUser{Username: "a b c", Password: "kata-sandi-kuat", Roles: []Role{RolePegawai}}, "username"},
		{"username starting with dot", NewUser{Username: ".abc", Password: "kata-sandi-kuat", Roles: []Role{RolePegawai}}, "username"},
		{"no roles", NewUser{Username: "abc", Password: "kata-sandi-kuat"}, "roles"},
		{"bad role", NewUser{Username: "abc", Password: "kata-sandi-kuat", Roles: []Role{"camat"}}, "roles"},
		{"bad locale", NewUser{Username: "abc", Password: "kata-sandi-kuat", Roles: []Role{RolePegawai}, Locale: "jv"}, "locale"},
		{"long name", NewUser{Username: "abc", Name: strings.Repeat("a", 201), Password: "kata-sandi-kuat", Roles: []Role{RolePegawai}}, "name"},
	}
	for _, tt := range tests {
		err := tt.in.Validate()
		if ErrorCode(err) != EINVALID || ErrorFields(err)[tt.field] == "" {
			t.Errorf("%s: Validate() = %v; want invalid on %s", tt.name, err, tt.field)
		}
	}
}

func TestNormalizeRoles(t *testing.T) {
	t.Parallel()
	got := NormalizeRoles([]Role{RolePegawai, RoleAdmin, RolePegawai})
	if want := []Role{RoleAdmin, RolePegawai}; !slices.Equal(got, want) {
		t.Errorf("NormalizeRoles = %v; want %v", got, want)
	}
}

func TestErrorCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err     error
		code    string
		message string
	}{
		{nil, "", ""},
		{errors.New("boom"), EINTERNAL, MsgInternal},
		{Errorf(ENOTFOUND, MsgUserNotFound), ENOTFOUND, MsgUserNotFound},
		{fmt.Errorf("wrapped: %w", Errorf(ECONFLICT, MsgUsernameTaken)), ECONFLICT, MsgUsernameTaken},
	}
	for _, tt := range tests {
		if got := ErrorCode(tt.err); got != tt.code {
			t.Errorf("ErrorCode(%v) = %q; want %q", tt.err, got, tt.code)
		}
		if got := ErrorMessage(tt.err); got != tt.message {
			t.Errorf("ErrorMessage(%v) = %q; want %q", tt.err, got, tt.message)
		}
	}
}

func TestCanViewUser(t *testing.T) {
	t.Parallel()
	org1, org2 := int64(1), int64(2)
	root := &User{ID: 9, Roles: []Role{RoleAdmin}}
	admin := &User{ID: 1, OrgID: &org1, Roles: []Role{RoleAdmin}}
	peg := &User{ID: 2, OrgID: &org1, Roles: []Role{RolePegawai, RoleAtasan}}
	other := &User{ID: 3, OrgID: &org2, Roles: []Role{RolePegawai}}
	tests := []struct {
		actor, u *User
		want     bool
	}{
		{admin, peg, true}, {peg, peg, true}, {peg, admin, false}, {nil, admin, false},
		{admin, other, false}, {root, other, true},
	}
	for _, tt := range tests {
		if got := CanViewUser(tt.actor, tt.u); got != tt.want {
			t.Errorf("CanViewUser(%v, %v) = %v; want %v", tt.actor, tt.u, got, tt.want)
		}
	}
}

func TestAuditChanges(t *testing.T) {
	t.Parallel()
	e := AuditEntry{Before: []byte(`{"name":"A","active":true,"roles":["pegawai"]}`), After: []byte(`{"name":"B","active":true,"roles":["admin"]}`)}
	var fields []string
	for _, c := range e.Changes() {
		fields = append(fields, c.Field)
	}
	if want := []string{"name", "roles"}; !slices.Equal(fields, want) {
		t.Errorf("Changes fields = %v; want %v", fields, want)
	}
	created := AuditEntry{After: []byte(`{"name":"B"}`)}
	if c := created.Changes(); len(c) != 1 || c[0].Before != "" || c[0].After != `"B"` {
		t.Errorf("Changes of a creation = %+v", c)
	}
}
