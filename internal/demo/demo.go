// Package demo loads the demo organisation Kecamatan Asemrowo (DOMAIN.md §8): its units,
// 64 employees with valid NIPs and reporting lines, and a login for each role.
package demo

import (
	"context"
	"fmt"
	"strings"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// Password is the password of every demo login (README lists them).
const Password = "asemrowo-2026"

// Login is a demo account for one role.
type Login struct {
	Username, Role, Employee string // Employee is the person's key
	Roles                    []kinerja.Role
}

// Logins are the demo accounts: one per role of CONTRACT.md, linked to employees so that the
// atasan and pimpinan roles follow from the reporting lines.
var Logins = []Login{
	{"admin.asemrowo", "admin kepegawaian", "pengelola.kepegawaian", []kinerja.Role{kinerja.RoleAdmin, kinerja.RolePegawai}},
	{"camat", "pimpinan (Camat)", "camat", []kinerja.Role{kinerja.RolePegawai}},
	{"sekcam", "atasan (Sekretaris Kecamatan)", "sekcam", []kinerja.Role{kinerja.RolePegawai}},
	{"kasi.pemerintahan", "atasan (Kepala Seksi)", "kasi.pemerintahan", []kinerja.Role{kinerja.RolePegawai}},
	{"kasi.trantib", "atasan (Kepala Seksi, pejabat penilai staf.trantib)", "kasi.trantib", []kinerja.Role{kinerja.RolePegawai}},
	{"kasubbag.umum", "atasan (Kepala Subbagian, pejabat penilai admin.asemrowo)", "kasubbag.umum", []kinerja.Role{kinerja.RolePegawai}},
	{"lurah.asemrowo", "atasan (Lurah)", "lurah.1", []kinerja.Role{kinerja.RolePegawai}},
	{"staf.pemerintahan", "pegawai (staf pelaksana)", "staf.pemerintahan.1", []kinerja.Role{kinerja.RolePegawai}},
	{"staf.trantib", "pegawai (staf pelaksana, SKP disetujui)", "staf.trantib.1", []kinerja.Role{kinerja.RolePegawai}},
}

// people returns every demo employee, leaders before their staff.
func people() []person {
	out := append([]person(nil), leaders...)
	next := 0
	staff := func(key, unit, sup string, n int, first string) {
		for i := 1; i <= n; i++ {
			s := staffNames[next]
			next++
			pos := staffPositions[(next+i)%len(staffPositions)]
			if i == 1 && first != "" {
				pos = first
			}
			out = append(out, person{key: fmt.Sprintf("%s.%d", key, i), name: s.name, gender: s.gender, grade: "II/c",
				position: pos, kind: kinerja.PositionPelaksana, unit: unit, sup: sup})
		}
	}
	staff("staf.umum", "Sekretariat Kecamatan / Subbagian Umum dan Kepegawaian", "kasubbag.umum", 3, "Pengelola Kepegawaian")
	out[len(out)-3].key = "pengelola.kepegawaian"
	staff("staf.keuangan", "Sekretariat Kecamatan / Subbagian Keuangan dan Perencanaan", "kasubbag.keuangan", 3, "Bendahara Pengeluaran")
	staff("staf.pemerintahan", "Seksi Pemerintahan dan Pelayanan Publik", "kasi.pemerintahan", 3, "Pengadministrasi Kependudukan")
	staff("staf.trantib", "Seksi Ketenteraman dan Ketertiban Umum", "kasi.trantib", 3, "Pengelola Ketenteraman dan Ketertiban")
	staff("staf.kesra", "Seksi Kesejahteraan Rakyat", "kasi.kesra", 3, "Pengelola Data Kesejahteraan Sosial")
	staff("staf.ekbang", "Seksi Perekonomian dan Pembangunan", "kasi.ekbang", 3, "Pengelola Data Pembangunan")
	for k, kel := range kelurahan {
		n := kelurahanLeaders[k]
		short := strings.TrimPrefix(kel, "Kelurahan ")
		lurah, seklur := fmt.Sprintf("lurah.%d", k+1), fmt.Sprintf("seklur.%d", k+1)
		out = append(out,
			person{key: lurah, name: n[0].name, gender: n[0].gender, grade: "III/d", position: "Lurah " + short, kind: kinerja.PositionPengawas, unit: kel, sup: "camat", head: true},
			person{key: seklur, name: n[1].name, gender: n[1].gender, grade: "III/c", position: "Sekretaris Kelurahan " + short, kind: kinerja.PositionPengawas,
				unit: kel + " / Sekretariat Kelurahan", sup: lurah, head: true})
		staff(fmt.Sprintf("staf.seklur.%d", k+1), kel+" / Sekretariat Kelurahan", seklur, 1, "Pengadministrasi Umum")
		for s, u := range kelurahanUnits[1:] {
			kasi := fmt.Sprintf("kasi.%d.%d", k+1, s+1)
			l := n[2+s]
			out = append(out, person{key: kasi, name: l.name, gender: l.gender, grade: "III/c",
				position: "Kepala " + u.path + " Kelurahan " + short, kind: kinerja.PositionPengawas, unit: kel + " / " + u.path, sup: lurah, head: true})
			staff(fmt.Sprintf("staf.%d.%d", k+1, s+1), kel+" / "+u.path, kasi, 2, "")
		}
	}
	// A realistic mix: some PPPK and some CPNS among the staff.
	for i := range out {
		p := &out[i]
		p.status = kinerja.StatusPNS
		if p.kind != kinerja.PositionPelaksana {
			continue
		}
		switch {
		case i%5 == 0:
			p.status, p.grade = kinerja.StatusPPPK, "VII"
		case i%9 == 0:
			p.status, p.grade = kinerja.StatusCPNS, "II/a"
		case i%3 == 0:
			p.grade = "III/a"
		}
	}
	return out
}

// birthDate and nip give each person a fixed, valid identity: leaders are older than staff.
func birthDate(i int, p person) kinerja.Date {
	if p.kind == kinerja.PositionPelaksana {
		return kinerja.NewDate(1976, 2, 3).AddDate(0, 0, i*131)
	}
	return kinerja.NewDate(1967, 4, 12).AddDate(0, 0, i*97)
}

func nip(i int, p person, birth kinerja.Date) string {
	g := 1
	if p.gender == kinerja.GenderFemale {
		g = 2
	}
	seq := 1 + (i*37)%400
	b := fmt.Sprintf("%04d%02d%02d", birth.Year(), birth.Month(), birth.Day())
	switch p.status {
	case kinerja.StatusPPPK:
		return fmt.Sprintf("%s%04d21%d%03d", b, 2022+i%2, g, seq)
	case kinerja.StatusCPNS:
		return fmt.Sprintf("%s202501%d%03d", b, g, seq)
	}
	return fmt.Sprintf("%s%04d%02d%d%03d", b, birth.Year()+23+i%4, 1+(i*5)%12, g, seq)
}

// Summary tells what Load found and did.
type Summary struct {
	OrgID                     int64
	Units, Employees          int
	UnitsCreated              int
	EmployeesCreated, Updated int
	HeadsSet, LoginsCreated   int
	SKPCreated, Revisions     int
	Activities                int
	Assessments               int
}

// Load creates the demo organisation, or brings it back to the demo state; running it twice
// leaves the same data. ctx must act as the installation admin.
func Load(ctx context.Context, db *sqldb.DB) (*Summary, error) { return load(ctx, db, true) }

// LoadOrganisation loads only the people of the demo: its units, employees with their reporting
// lines, unit heads and logins, without any performance data. Like Load, it is idempotent.
func LoadOrganisation(ctx context.Context, db *sqldb.DB) (*Summary, error) {
	return load(ctx, db, false)
}

func load(ctx context.Context, db *sqldb.DB, performance bool) (*Summary, error) {
	sum := &Summary{}
	org, err := ensureOrg(ctx, db, sum)
	if err != nil {
		return nil, err
	}
	sum.OrgID = org
	if err := ensureUnits(ctx, db, org, sum); err != nil {
		return nil, err
	}
	ps := people()
	rows := make([]kinerja.ImportRow, len(ps))
	nips := map[string]string{}
	for i, p := range ps {
		birth := birthDate(i, p)
		nips[p.key] = nip(i, p, birth)
	}
	for i, p := range ps {
		birth := birthDate(i, p)
		gender := "L"
		if p.gender == kinerja.GenderFemale {
			gender = "P"
		}
		unit := p.unit
		if unit == "" {
			unit = OrgName
		}
		first := strings.ToLower(strings.Fields(strings.NewReplacer("Drs. ", "", "Dra. ", "", "Ir. ", "", "Moch. ", "moch.").Replace(p.name))[0])
		rows[i] = kinerja.ImportRow{Row: i + 2, Values: map[string]string{
			"nip": nips[p.key], "nama": p.name, "jenis_kelamin": gender, "tanggal_lahir": birth.String(), "status": string(p.status),
			"golongan": p.grade, "jabatan": p.position, "jenis_jabatan": string(p.kind), "unit": unit, "nip_atasan": nips[p.sup],
			"email":   strings.Trim(strings.ToLower(first), ".,'") + fmt.Sprintf(".%02d@asemrowo.kinerja.test", i+1),
			"telepon": fmt.Sprintf("0812-3%03d-%04d", 100+i*7, 1000+i*53),
		}}
	}
	// The organisation stands since well before today: people who answer about their leaders
	// must have been in the team for a while (kinerja.MinUpwardTenureDays), counted by the
	// time their reporting lines were recorded.
	restore := at(db, kinerja.Today(db.Now()).AddDate(0, 0, -(kinerja.MinUpwardTenureDays+60)))
	rep, err := db.ImportEmployees(ctx, org, rows, false)
	restore()
	if err != nil {
		if rep != nil && len(rep.Errors) > 0 {
			e := rep.Errors[0]
			return nil, fmt.Errorf("demo employees: row %d %s: %s (%w)", e.Row, e.Field, e.Message, err)
		}
		return nil, fmt.Errorf("demo employees: %w", err)
	}
	sum.EmployeesCreated, sum.Updated, sum.Employees = rep.Created, rep.Updated, len(rows)

	all, err := db.ExportEmployees(ctx, org)
	if err != nil {
		return nil, err
	}
	idByNIP := map[string]int64{}
	for _, e := range all {
		idByNIP[e.NIP] = e.ID
	}
	if err := ensureHeads(ctx, db, org, ps, nips, idByNIP, sum); err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, p := range ps {
		names[p.key] = p.name
	}
	if err := ensureLogins(ctx, db, org, nips, names, idByNIP, sum); err != nil {
		return nil, err
	}
	if !performance {
		return sum, nil
	}
	if err := loadSKP(ctx, db, org, ps, nips, idByNIP, sum); err != nil {
		return nil, err
	}
	if err := ensureHolidays(ctx, db, org, kinerja.Today(db.Now()).Year()); err != nil {
		return nil, err
	}
	if err := loadActivities(ctx, db, org, ps, nips, idByNIP, sum); err != nil {
		return nil, err
	}
	if err := loadFeedback(ctx, db, org, nips, idByNIP); err != nil {
		return nil, err
	}
	if err := loadAssessments(ctx, db, org, ps, nips, idByNIP, sum); err != nil {
		return nil, err
	}
	if err := loadRevisions(ctx, db, org, ps, nips, idByNIP, sum); err != nil {
		return nil, err
	}
	if err := loadHistory(ctx, db, org, ps, nips, idByNIP, sum); err != nil {
		return nil, err
	}
	return sum, nil
}

func ensureOrg(ctx context.Context, db *sqldb.DB, sum *Summary) (int64, error) {
	orgs, err := db.FindOrganisations(ctx)
	if err != nil {
		return 0, err
	}
	for _, o := range orgs {
		if o.Name == OrgName {
			return o.ID, nil
		}
	}
	u, err := db.CreateUnit(ctx, kinerja.NewUnit{Name: OrgName, Kind: kinerja.UnitKecamatan})
	if err != nil {
		return 0, fmt.Errorf("demo organisation: %w", err)
	}
	sum.UnitsCreated++
	return u.ID, nil
}

func ensureUnits(ctx context.Context, db *sqldb.DB, org int64, sum *Summary) error {
	existing, err := db.FindUnits(ctx, org)
	if err != nil {
		return err
	}
	byPath := map[string]int64{}
	for _, u := range existing {
		if u.Depth > 0 {
			byPath[u.Path] = u.ID
		}
	}
	for _, d := range units() {
		if _, ok := byPath[d.path]; ok {
			continue
		}
		parent := org
		name := d.path
		if i := strings.LastIndex(d.path, kinerja.UnitPathSeparator); i >= 0 {
			parent, name = byPath[d.path[:i]], d.path[i+len(kinerja.UnitPathSeparator):]
		}
		u, err := db.CreateUnit(ctx, kinerja.NewUnit{Name: name, Kind: d.kind, ParentID: &parent})
		if err != nil {
			return fmt.Errorf("demo unit %s: %w", d.path, err)
		}
		byPath[d.path] = u.ID
		sum.UnitsCreated++
	}
	sum.Units = len(byPath) + 1
	return nil
}

func ensureHeads(ctx context.Context, db *sqldb.DB, org int64, ps []person, nips map[string]string, ids map[string]int64, sum *Summary) error {
	units, err := db.FindUnits(ctx, org)
	if err != nil {
		return err
	}
	byPath := map[string]*kinerja.Unit{}
	for _, u := range units {
		if u.Depth == 0 {
			byPath[""] = u
		} else {
			byPath[u.Path] = u
		}
	}
	for _, p := range ps {
		if !p.head {
			continue
		}
		u := byPath[p.unit]
		id := ids[nips[p.key]]
		if u == nil || u.HeadID != nil && *u.HeadID == id {
			continue
		}
		head := &id
		if _, err := db.UpdateUnit(ctx, u.ID, kinerja.UnitUpdate{HeadID: &head}); err != nil {
			return fmt.Errorf("demo head of %s: %w", u.Name, err)
		}
		sum.HeadsSet++
	}
	return nil
}

func ensureLogins(ctx context.Context, db *sqldb.DB, org int64, nips, names map[string]string, ids map[string]int64, sum *Summary) error {
	for _, l := range Logins {
		if _, err := db.FindUserByUsername(ctx, l.Username); err == nil {
			continue
		} else if kinerja.ErrorCode(err) != kinerja.ENOTFOUND {
			return err
		}
		emp := ids[nips[l.Employee]]
		if emp == 0 {
			return fmt.Errorf("demo login %s: no employee %q", l.Username, l.Employee)
		}
		if _, err := db.CreateUser(ctx, kinerja.NewUser{OrgID: &org, Username: l.Username, Name: names[l.Employee], Password: Password,
			Roles: l.Roles, EmployeeID: &emp}); err != nil {
			return fmt.Errorf("demo login %s: %w", l.Username, err)
		}
		sum.LoginsCreated++
	}
	return nil
}
