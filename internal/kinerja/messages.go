package kinerja

// Messages shown to users. They are written in Bahasa Indonesia, the default locale; the web
// catalogue translates them for other locales, keyed by the sentence itself.
const (
	MsgInternal          = "Terjadi kesalahan pada server. Silakan coba lagi."
	MsgInvalidInput      = "Periksa kembali isian yang ditandai."
	MsgLoginFailed       = "Nama pengguna atau kata sandi salah."
	MsgLoginThrottled    = "Terlalu banyak percobaan masuk. Tunggu sebentar, lalu coba lagi."
	MsgUnauthorized      = "Silakan masuk terlebih dahulu."
	MsgSessionExpired    = "Sesi Anda telah berakhir. Silakan masuk kembali."
	MsgForbidden         = "Anda tidak berwenang melakukan tindakan ini."
	MsgNotFound          = "Data tidak ditemukan."
	MsgUserNotFound      = "Pengguna tidak ditemukan."
	MsgUsernameTaken     = "Nama pengguna sudah dipakai."
	MsgUsernameRequired  = "Nama pengguna wajib diisi."
	MsgUsernameFormat    = "Nama pengguna 3–64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung."
	MsgNameTooLong       = "Nama paling banyak 200 karakter."
	MsgPasswordTooShort  = "Kata sandi minimal 10 karakter."
	MsgPasswordTooLong   = "Kata sandi paling banyak 72 byte."
	MsgPasswordSame      = "Kata sandi baru harus berbeda dari kata sandi lama."
	MsgPasswordMismatch  = "Konfirmasi kata sandi tidak sama."
	MsgPasswordWrong     = "Kata sandi saat ini salah."
	MsgPasswordChange    = "Kata sandi Anda diatur oleh admin dan harus diganti terlebih dahulu sebelum Anda dapat melanjutkan."
	MsgRolesRequired     = "Pilih minimal satu peran."
	MsgRoleUnknown       = "Peran tidak dikenal."
	MsgLocaleUnknown     = "Bahasa tidak dikenal."
	MsgSelfDeactivate    = "Anda tidak dapat menonaktifkan akun Anda sendiri."
	MsgSelfDemote        = "Anda tidak dapat mencabut peran admin dari akun Anda sendiri."
	MsgEmployeeIDInvalid = "ID pegawai tidak valid."
	MsgBadCursor         = "Penanda halaman (cursor) tidak valid."
	MsgBadLimit          = "Batas (limit) harus bilangan 1–500."
	MsgBadDate           = "Tanggal harus berformat YYYY-MM-DD."
	MsgBadDateRange      = "Tanggal awal harus sebelum tanggal akhir."
	MsgBadJSON           = "Isi permintaan bukan JSON yang valid."
	MsgBodyTooLarge      = "Isi permintaan terlalu besar."
	MsgCrossOrigin       = "Permintaan lintas situs ditolak demi keamanan."
	MsgMethodNotAllowed  = "Metode HTTP tidak didukung untuk alamat ini."
)

// Messages about accounts made for employees and their activation codes.
const (
	MsgActivationCodeRequired = "Kode aktivasi wajib diisi."
	MsgActivationFailed       = "Nama pengguna atau kode aktivasi salah, sudah dipakai, atau kedaluwarsa."
	MsgAccountEmployeeTaken   = "Pegawai ini sudah memiliki akun."
	MsgAccountOrgRequired     = "Pilih organisasi yang akun pegawainya akan dibuat."
)

// Messages about uploaded files that are refused for what they hold.
const (
	MsgImportTooLarge       = "Berkas lebih dari 10 MB."
	MsgImportArchive        = "Berkas .xlsx ini tidak wajar: isinya setelah diekstrak lebih dari 50 MB, bagiannya lebih dari 1.000, atau pemampatannya berlebihan. Simpan ulang dari aplikasi lembar kerja, lalu unggah lagi."
	MsgImportTooManyColumns = "Berkas CSV berisi baris dengan lebih dari 1.000 kolom."
	MsgEvidenceArchive      = "Berkas Office ini tidak wajar: isinya setelah diekstrak terlalu besar, bagiannya lebih dari 1.000, atau pemampatannya berlebihan. Simpan sebagai PDF, lalu unggah lagi."
	MsgEvidenceActive       = "Berkas Office berisi makro, kontrol ActiveX, objek tertanam, atau tautan ke berkas di luar dokumen, sehingga tidak diterima sebagai bukti dukung. Simpan sebagai PDF atau sebagai .xlsx/.docx biasa, lalu unggah lagi."
	MsgThumbNone            = "Bukti dukung ini bukan foto sehingga tidak memiliki pratinjau; unduh berkasnya."
	MsgThumbTooLarge        = "Foto terlalu besar untuk dibuatkan pratinjau; unduh berkas aslinya."
)

// Messages about the Catatan/Rekomendasi of an assessment.
const (
	MsgRecommendationLong = "Catatan/rekomendasi paling banyak 4.000 karakter."
)
