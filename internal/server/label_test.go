package server

import "testing"

func TestRouteLabel(t *testing.T) {
	t.Parallel()
	tests := []struct{ pattern, want string }{
		{"", "unmatched"},
		{"/", "/"},
		{"GET /upward", "GET /upward"},
		{"GET /upward/give", "GET /upward/give"},
		{"GET /api/v1/upward-feedback/summary", "GET /api/v1/upward-feedback/summary"},
		{"GET /peer-tasks/{id}", "GET /peer-tasks/{id}"},
		{"POST /upward/give", feedbackWrites},
		{"POST /upward/replies", feedbackWrites},
		{"POST /api/v1/upward-feedback", feedbackWrites},
		{"POST /api/v1/upward-feedback/replies", feedbackWrites},
		{"POST /peer-tasks/{id}", feedbackWrites},
		{"POST /api/v1/peer-tasks/{id}/answer", feedbackWrites},
		{"POST /employees/{id}/feedback", feedbackWrites},
		{"POST /employees/{id}/peers", feedbackWrites},
		{"POST /api/v1/feedback", feedbackWrites},
		{"POST /api/v1/periods/{id}/peers", feedbackWrites},
		{"PUT /api/v1/upward-feedback/{id}", feedbackWrites},
		{"POST /api/v1/auth/login", "POST /api/v1/auth/login"},
		{"POST /skp/{id}/submit", "POST /skp/{id}/submit"},
	}
	for _, tt := range tests {
		if got := routeLabel(tt.pattern); got != tt.want {
			t.Errorf("routeLabel(%q) = %q; want %q", tt.pattern, got, tt.want)
		}
	}
}
