package kinerja

import (
	"strings"
)

// ImportColumns are the columns of an employee file (CONTRACT.md), in template order.
var ImportColumns = []string{"nip", "nama", "jenis_kelamin", "tanggal_lahir", "status", "golongan", "jabatan",
	"jenis_jabatan", "unit", "nip_atasan", "email", "telepon"}

// RequiredImportColumns must be present in the header row.
var RequiredImportColumns = []string{"nip", "nama", "jenis_kelamin", "tanggal_lahir", "status", "golongan", "jabatan", "jenis_jabatan", "unit"}

// ImportRow is one data row of an employee file, as text, keyed by column name.
type ImportRow struct {
	Row    int // the row number in the file, the header being row 1
	Values map[string]string
}

// Has reports whether the file has the column at all: an absent column keeps stored values,
// while an empty cell of a present column clears them.
func (r ImportRow) Has(col string) bool {
	_, ok := r.Values[col]
	return ok
}

// Get returns the trimmed value of a column.
func (r ImportRow) Get(col string) string { return strings.TrimSpace(r.Values[col]) }

// ImportError is a problem with one cell (or one row, with an empty field) of a file.
type ImportError struct {
	Row     int    `json:"row"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ImportReport tells what an import did, or would do in a dry run. With errors nothing is written.
type ImportReport struct {
	Created   int           `json:"created"`
	Updated   int           `json:"updated"`
	Unchanged int           `json:"unchanged"`
	DryRun    bool          `json:"dry_run"`
	Errors    []ImportError `json:"errors"`
}

// Import messages.
const (
	MsgImportEmpty         = "Berkas tidak berisi baris data."
	MsgImportMissingColumn = "Kolom wajib tidak ada di baris judul."
	MsgImportDuplicateNIP  = "NIP ini sudah muncul di baris sebelumnya."
	MsgImportUnitUnknown   = "Unit tidak ditemukan. Tulis nama unit persis seperti di daftar unit kerja."
	MsgImportUnitAmbiguous = "Nama unit ini dipakai lebih dari satu unit; tulis jalurnya, misalnya \"Kelurahan Asemrowo / Seksi Pemerintahan dan Pelayanan Publik\"."
	MsgImportSupervisor    = "NIP atasan tidak ditemukan di berkas maupun di data pegawai aktif."
	MsgImportGender        = "Jenis kelamin harus L atau P."
	MsgImportFormat        = "Format berkas tidak dikenali; gunakan .csv atau .xlsx."
	MsgImportTooManyRows   = "Berkas berisi terlalu banyak baris (paling banyak 20.000)."
	MsgImportHasErrors     = "Berkas berisi kesalahan; tidak ada data yang disimpan. Perbaiki baris yang disebut lalu unggah lagi."
)

// MaxImportRows bounds one import.
const MaxImportRows = 20000

// importField maps EmployeeInput field names to file columns, for error reports.
var importField = map[string]string{
	"nip": "nip", "name": "nama", "gender": "jenis_kelamin", "birth_date": "tanggal_lahir", "status": "status",
	"grade": "golongan", "position": "jabatan", "position_kind": "jenis_jabatan", "unit_id": "unit",
	"supervisor_id": "nip_atasan", "email": "email", "phone": "telepon",
}

// ImportColumn returns the file column of an employee field.
func ImportColumn(field string) string {
	if c, ok := importField[field]; ok {
		return c
	}
	return field
}

// ParseImportRow turns the text of a row into employee input, except the unit and the
// supervisor, which need the database. It returns the errors of the cells it could not read.
func ParseImportRow(r ImportRow) (EmployeeInput, []ImportError) {
	var errs []ImportError
	in := EmployeeInput{
		NIP:          r.Get("nip"),
		Name:         r.Get("nama"),
		Status:       EmploymentStatus(strings.ToLower(r.Get("status"))),
		Grade:        r.Get("golongan"),
		Position:     r.Get("jabatan"),
		PositionKind: PositionKind(strings.ToLower(r.Get("jenis_jabatan"))),
		Email:        r.Get("email"),
		Phone:        r.Get("telepon"),
	}
	switch strings.ToUpper(r.Get("jenis_kelamin")) {
	case "L", "LAKI-LAKI", "LAKI_LAKI":
		in.Gender = GenderMale
	case "P", "PEREMPUAN":
		in.Gender = GenderFemale
	default:
		errs = append(errs, ImportError{r.Row, "jenis_kelamin", MsgImportGender})
	}
	if s := r.Get("tanggal_lahir"); s != "" {
		d, err := ParseDate(s)
		if err != nil {
			errs = append(errs, ImportError{r.Row, "tanggal_lahir", MsgBadDate})
		}
		in.BirthDate = d
	}
	return in, errs
}
