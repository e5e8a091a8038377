package api_test

import "testing"

// The JSON bodies of the assessment: ratings, finalize and objection, on the assessments of
// Staf A by Kasi A that the fuzz fixture prepares.

func FuzzAPIUpdateAssessment(f *testing.F) {
	fuzzBody(f, "kasia", "PATCH", "/api/v1/assessments/{assessment.01}", false,
		validRatings(),
		map[string]any{"result_rating": "di_atas", "behavior_rating": "di_bawah", "result_reason": "Melampaui target", "behavior_reason": "Sering terlambat"},
		map[string]any{"result_rating": "istimewa", "behavior_rating": "", "result_reason": "", "behavior_reason": nil},
		`{"result_rating":"sesuai"}`, `{"behavior_rating":1,"result_reason":["a"]}`)
}

func FuzzAPIFinalizeAssessment(f *testing.F) {
	fuzzBody(f, "kasia", "POST", "/api/v1/assessments/{assessment.02}/finalize", false,
		`{}`, `{"justification":"Capaian melampaui target kota."}`, `{"justification":""}`, `{"justification":12}`)
}

func FuzzAPIObjectAssessment(f *testing.F) {
	fuzzBody(f, "stafa", "POST", "/api/v1/assessments/{assessment.03}/object", false,
		`{"reason":"Bukti dukung laporan Maret belum dipertimbangkan."}`, `{"reason":""}`, `{"reason":"   "}`, `{"reason":null}`)
}
