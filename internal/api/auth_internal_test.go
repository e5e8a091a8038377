package api

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestOpenAPI_AuthResponses: every call behind a token may answer 401 (no valid token) and
// 403 (not permitted, or the password must be changed first), so openapi.json must say so;
// and the calls left open before a password change are routes.
func TestOpenAPI_AuthResponses(t *testing.T) {
	t.Parallel()
	var doc struct {
		Paths map[string]map[string]struct {
			Security  []any                      `json:"security"`
			Responses map[string]json.RawMessage `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	routed := map[string]bool{}
	for _, rt := range New(Config{}).routes {
		routed[rt.method+" "+rt.path] = true
		if rt.public {
			continue
		}
		op := doc.Paths[rt.path][strings.ToLower(rt.method)]
		for _, status := range []string{"401", "403"} {
			if _, ok := op.Responses[status]; !ok {
				t.Errorf("%s %s does not document %s", rt.method, rt.path, status)
			}
		}
	}
	for r := range passwordChangeRoutes {
		if !routed[r] {
			t.Errorf("passwordChangeRoutes names %s, which is not routed", r)
		}
	}
}
