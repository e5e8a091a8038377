package api_test

import (
	"testing"

	"kinerja/internal/sqldb/sqldbtest"
)

// The JSON bodies of the organisation's write endpoints: logins, users, units and employees.

func FuzzAPILogin(f *testing.F) {
	fuzzBody(f, "", "POST", "/api/v1/auth/login", false,
		`{"username":"u{org}-{stafa}","password":"`+sqldbtest.Password+`"}`,
		`{"username":"U{org}-{stafa} ","password":"`+sqldbtest.Password+`"}`,
		`{"username":"u{org}-{stafa}","password":"salah-sekali"}`,
		`{"username":"","password":""}`, `{"username":1,"password":true}`, `{"username":"admin"}`)
}

func FuzzAPICreateUser(f *testing.F) {
	fuzzBody(f, "admin", "POST", "/api/v1/users", true,
		`{"username":"pengguna.baru","password":"kata-sandi-kuat","roles":["pegawai"]}`,
		`{"username":"pegawai.b","password":"kata-sandi-kuat","roles":["pegawai","atasan"],"employee_id":{stafb}}`,
		`{"username":"lain","password":"kata-sandi-kuat","roles":["admin"],"org_id":{org}}`,
		`{"username":"x","password":"pendek","roles":["raja"]}`,
		`{"username":"u{org}-{stafa}","password":"kata-sandi-kuat","roles":["pegawai"]}`,
		`{"username":"y","password":"kata-sandi-kuat","roles":null,"employee_id":-1,"org_id":0}`)
}

func FuzzAPICreateUnit(f *testing.F) {
	fuzzBody(f, "admin", "POST", "/api/v1/units", true,
		`{"name":"Seksi Ketenteraman","kind":"seksi","parent_id":{org}}`,
		`{"name":"Kelurahan Genting","kind":"kelurahan","parent_id":{org},"head_id":{kasib}}`,
		`{"name":"","kind":"kerajaan","parent_id":{seksi.a}}`,
		`{"name":"Pemkot Lain","kind":"pemkot"}`, `{"name":"Seksi","kind":"seksi","parent_id":999999}`)
}

func FuzzAPICreateEmployee(f *testing.F) {
	fuzzBody(f, "admin", "POST", "/api/v1/employees", true,
		`{"nip":"199001012015032002","name":"Sari Dewi","gender":"perempuan","birth_date":"1990-01-01","status":"pns","grade":"II/c",
			"position":"Pengadministrasi Umum","position_kind":"pelaksana","unit_id":{seksi.a},"supervisor_id":{kasia},"email":"sari@example.go.id","phone":"0812-1111-2222"}`,
		`{"nip":"199001012022211001","name":"Budi","gender":"laki_laki","birth_date":"1990-01-01","status":"pppk","grade":"IX",
			"position":"Penata Layanan","position_kind":"fungsional","unit_id":{seksi.b}}`,
		`{"nip":"1990","name":"","gender":"x","birth_date":"1990-02-30","status":"honorer","grade":"Z","position_kind":"raja","unit_id":-1,"supervisor_id":"a"}`,
		`{"nip":"199001012015032002","birth_date":"0000-01-01","effective_date":"kemarin","appraiser_id":null,"active":false,"inactive_reason":"pensiun"}`)
}

func FuzzAPIUpdateEmployee(f *testing.F) {
	fuzzBody(f, "admin", "PATCH", "/api/v1/employees/{stafb}", false,
		`{"name":"Rudi Hartono, S.E.","grade":"III/a","effective_date":"2026-07-01"}`,
		`{"supervisor_id":null}`, `{"supervisor_id":{kasia},"unit_id":{seksi.a}}`, `{"supervisor_id":{stafb}}`,
		`{"appraiser_id":{camat}}`, `{"active":false,"inactive_reason":"mutasi"}`, `{"active":true}`,
		`{"nip":"bukan nip","birth_date":"2026-02-29","email":"bukan email","phone":"telp"}`, `{"unit_id":{org},"position_kind":"jpt"}`)
}
