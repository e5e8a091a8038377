package api_test

import "testing"

// The JSON bodies of feedback: continuous feedback, anonymous upward feedback and
// performance dialogs.

func FuzzAPICreateFeedback(f *testing.F) {
	fuzzBody(f, "kasia", "POST", "/api/v1/feedback", true,
		`{"about_employee_id":{stafa},"result_id":{rhk.stafa},"value":"akuntabel","text":"Laporan sudah rapi; pertahankan."}`,
		`{"about_employee_id":{stafa},"text":"Terima kasih."}`, `{"request":true,"text":"Mohon masukan."}`,
		`{"about_employee_id":{stafb},"text":"Bukan tim saya."}`,
		`{"about_employee_id":{stafa},"value":"malas","text":"","parent_id":-1,"evidence_id":999999,"result_id":{rhk.kasib}}`)
}

func FuzzAPIUpwardFeedback(f *testing.F) {
	fuzzBody(f, "stafa", "POST", "/api/v1/upward-feedback", false,
		`{"leader_id":{kasia},"year":2026,"clarity":3,"support":4,"openness":4,"fairness":3,"text":"Arahan jelas."}`,
		`{"leader_id":{camat},"year":2026,"clarity":1,"support":1,"openness":1,"fairness":1}`,
		`{"leader_id":{stafb},"year":2026,"clarity":5,"support":0,"openness":-1,"fairness":3}`,
		`{"leader_id":{kasia},"year":1,"clarity":3,"support":3,"openness":3,"fairness":3}`)
}

func FuzzAPICreateDialog(f *testing.F) {
	fuzzBody(f, "kasia", "POST", "/api/v1/dialogs", true,
		`{"employee_id":{stafa},"date":"2026-07-06","topics":"Capaian semester I.","actions":[{"text":"Lengkapi bukti dukung","owner_id":{stafa},"due_date":"2026-07-31"},{"text":"Usulkan pelatihan","owner_id":{kasia}}]}`,
		`{"employee_id":{stafa},"date":"2026-07-06","topics":"Tanpa tindak lanjut."}`,
		`{"employee_id":{stafb},"date":"2026-07-06","topics":"Tim lain."}`,
		`{"employee_id":{stafa},"date":"0001-01-01","topics":"","actions":[{"text":"","owner_id":-1,"due_date":"kemarin"},null]}`)
}
