package demo

import "kinerja/internal/kinerja"

// OrgName is the name of the demo organisation.
const OrgName = "Kecamatan Asemrowo"

// unitDef is a unit of the demo tree, by its path below the organisation.
type unitDef struct {
	path string
	kind kinerja.UnitKind
}

// kelurahan are the three kelurahan of Kecamatan Asemrowo (DOMAIN.md §8).
var kelurahan = []string{"Kelurahan Asemrowo", "Kelurahan Genting Kalianak", "Kelurahan Tambak Sarioso"}

// kelurahanUnits are the units inside each kelurahan, typical for Surabaya.
var kelurahanUnits = []unitDef{
	{"Sekretariat Kelurahan", kinerja.UnitSekretariat},
	{"Seksi Pemerintahan dan Pelayanan Publik", kinerja.UnitSeksi},
	{"Seksi Kesejahteraan Rakyat dan Perekonomian", kinerja.UnitSeksi},
	{"Seksi Ketenteraman, Ketertiban dan Pembangunan", kinerja.UnitSeksi},
}

func units() []unitDef {
	out := []unitDef{
		{"Sekretariat Kecamatan", kinerja.UnitSekretariat},
		{"Sekretariat Kecamatan / Subbagian Umum dan Kepegawaian", kinerja.UnitSubbagian},
		{"Sekretariat Kecamatan / Subbagian Keuangan dan Perencanaan", kinerja.UnitSubbagian},
		{"Seksi Pemerintahan dan Pelayanan Publik", kinerja.UnitSeksi},
		{"Seksi Ketenteraman dan Ketertiban Umum", kinerja.UnitSeksi},
		{"Seksi Kesejahteraan Rakyat", kinerja.UnitSeksi},
		{"Seksi Perekonomian dan Pembangunan", kinerja.UnitSeksi},
	}
	for _, k := range kelurahan {
		out = append(out, unitDef{k, kinerja.UnitKelurahan})
		for _, u := range kelurahanUnits {
			out = append(out, unitDef{k + kinerja.UnitPathSeparator + u.path, u.kind})
		}
	}
	return out
}

// person is a demo employee. key names them for supervisors, heads and logins.
type person struct {
	key, name string
	gender    kinerja.Gender
	status    kinerja.EmploymentStatus
	grade     string
	position  string
	kind      kinerja.PositionKind
	unit      string // path below the organisation; "" is the organisation itself
	sup       string // key of the direct supervisor
	head      bool   // heads their unit
}

const (
	m = kinerja.GenderMale
	f = kinerja.GenderFemale
)

// staffNames give the staff of the demo plausible Surabaya names, in order of use.
var staffNames = []struct {
	name   string
	gender kinerja.Gender
}{
	{"Agus Setiawan", m}, {"Dwi Rahmawati", f}, {"Moch. Fauzi", m}, {"Nur Hidayati", f}, {"Bagus Prasetyo", m},
	{"Siti Khoiriyah", f}, {"Rudi Hartono", m}, {"Lilik Suryani", f}, {"Achmad Rizal", m}, {"Endang Pujiastuti", f},
	{"Yudi Kurniawan", m}, {"Fitri Handayani", f}, {"Abdul Rohman", m}, {"Retno Wulandari", f}, {"Heri Susanto", m},
	{"Ani Mardiyah", f}, {"Slamet Riyadi", m}, {"Ratna Sari Dewi", f}, {"Imam Syafi'i", m}, {"Wahyu Ningsih", f},
	{"Teguh Santoso", m}, {"Yuliana Pratiwi", f}, {"Fajar Nugroho", m}, {"Maya Anggraini", f}, {"Sugeng Wibowo", m},
	{"Novi Kartika", f}, {"Hasan Basri", m}, {"Umi Kulsum", f}, {"Arif Budiman", m}, {"Sri Wahyuni", f},
	{"Dedi Irawan", m}, {"Evi Susanti", f}, {"Khoirul Anam", m}, {"Puji Lestari", f}, {"Samsul Arifin", m},
	{"Rina Oktaviani", f}, {"Eko Purnomo", m}, {"Ika Yuliastuti", f}, {"Mulyadi", m}, {"Kurniasih", f},
}

// leaders are the heads, with their titles. The Seksi of the kecamatan report to the Camat
// through the Sekretaris Kecamatan, who coordinates and evaluates the units: the Sekcam is
// their pejabat penilai and the Camat the atasan pejabat penilai.
var leaders = []person{
	{key: "camat", name: "Drs. Bambang Hariyanto, M.Si.", gender: m, grade: "IV/b", position: "Camat Asemrowo", kind: kinerja.PositionAdministrator, head: true},
	{key: "sekcam", name: "Dra. Sri Endah Wahyuni, M.M.", gender: f, grade: "IV/a", position: "Sekretaris Kecamatan", kind: kinerja.PositionAdministrator, unit: "Sekretariat Kecamatan", sup: "camat", head: true},
	{key: "kasubbag.umum", name: "Hendro Wibisono, S.Sos.", gender: m, grade: "III/d", position: "Kepala Subbagian Umum dan Kepegawaian", kind: kinerja.PositionPengawas, unit: "Sekretariat Kecamatan / Subbagian Umum dan Kepegawaian", sup: "sekcam", head: true},
	{key: "kasubbag.keuangan", name: "Rini Astuti, S.E.", gender: f, grade: "III/d", position: "Kepala Subbagian Keuangan dan Perencanaan", kind: kinerja.PositionPengawas, unit: "Sekretariat Kecamatan / Subbagian Keuangan dan Perencanaan", sup: "sekcam", head: true},
	{key: "kasi.pemerintahan", name: "Moch. Arif Rahman, S.STP.", gender: m, grade: "III/d", position: "Kepala Seksi Pemerintahan dan Pelayanan Publik", kind: kinerja.PositionPengawas, unit: "Seksi Pemerintahan dan Pelayanan Publik", sup: "sekcam", head: true},
	{key: "kasi.trantib", name: "Joko Santoso, S.H.", gender: m, grade: "III/d", position: "Kepala Seksi Ketenteraman dan Ketertiban Umum", kind: kinerja.PositionPengawas, unit: "Seksi Ketenteraman dan Ketertiban Umum", sup: "sekcam", head: true},
	{key: "kasi.kesra", name: "Nurul Hidayah, S.Sos.", gender: f, grade: "III/d", position: "Kepala Seksi Kesejahteraan Rakyat", kind: kinerja.PositionPengawas, unit: "Seksi Kesejahteraan Rakyat", sup: "sekcam", head: true},
	{key: "kasi.ekbang", name: "Ir. Suharto Wijaya", gender: m, grade: "III/d", position: "Kepala Seksi Perekonomian dan Pembangunan", kind: kinerja.PositionPengawas, unit: "Seksi Perekonomian dan Pembangunan", sup: "sekcam", head: true},
	{key: "analis", name: "Dian Permatasari, S.AP., M.AP.", gender: f, grade: "III/c", position: "Analis Kebijakan Ahli Muda", kind: kinerja.PositionFungsional, sup: "camat"},
	{key: "prakom", name: "Yoga Aditya Pratama, S.Kom.", gender: m, grade: "III/b", position: "Pranata Komputer Ahli Pertama", kind: kinerja.PositionFungsional, sup: "sekcam"},
}

// kelurahanLeaders name the Lurah, Sekretaris Kelurahan and Kasi of each kelurahan.
var kelurahanLeaders = [][5]struct {
	name   string
	gender kinerja.Gender
}{
	{{"Sutrisno, S.Sos.", m}, {"Lina Marlina, S.E.", f}, {"Agung Pribadi, S.H.", m}, {"Siti Fatimah, S.Sos.", f}, {"Didik Hermanto, S.T.", m}},
	{{"Erna Kusumawati, S.STP.", f}, {"Muhammad Ilham, S.Kom.", m}, {"Titik Rahayu, S.Sos.", f}, {"Budi Santoso, S.E.", m}, {"Wiwik Sulistyowati, S.Pd.", f}},
	{{"Rahmat Hidayat, S.IP.", m}, {"Indah Purwaningsih, S.Sos.", f}, {"Zainal Abidin, S.H.", m}, {"Ernawati, S.AP.", f}, {"Hari Sulistiyono, S.T.", m}},
}

// staffPositions are typical pelaksana positions, by unit kind.
var staffPositions = []string{"Pengadministrasi Perkantoran", "Pengelola Layanan Operasional", "Penata Layanan Operasional"}
