package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// apiDoc is openapi.json with a router over its operations.
type apiDoc struct {
	*openapi3.T
	router routers.Router
}

// openAPI loads and checks openapi.json once for the whole test binary.
var openAPI = sync.OnceValues(func() (*apiDoc, error) {
	data, err := os.ReadFile("openapi.json")
	if err != nil {
		return nil, err
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("load openapi.json: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi.json is not a valid document: %w", err)
	}
	if doc.Components == nil || doc.Components.Schemas["Error"] == nil {
		return nil, errors.New("openapi.json has no components.schemas.Error")
	}
	// The document's server is "/"; the test servers listen on other hosts.
	doc.Servers = nil
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, err
	}
	return &apiDoc{T: doc, router: router}, nil
})

// validating is an http.RoundTripper that checks every response of the API against
// openapi.json: its route and status must be documented, a JSON body must match the schema of
// that status, any other body must have a documented content type, and a response documented
// without a body must have none.
type validating struct{ t *testing.T }

func (v validating) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err := checkResponse(req, resp, body); err != nil {
		v.t.Errorf("%s %s → %d does not match openapi.json: %v\n%s", req.Method, req.URL.RequestURI(), resp.StatusCode, err, excerpt(body))
	}
	return resp, nil
}

func checkResponse(req *http.Request, resp *http.Response, body []byte) error {
	doc, err := openAPI()
	if err != nil {
		return err
	}
	route, params, err := doc.router.FindRoute(req)
	switch {
	case err != nil && err.Error() == routers.ErrPathNotFound.Error() && resp.StatusCode == http.StatusNotFound,
		err != nil && err.Error() == routers.ErrMethodNotAllowed.Error() && resp.StatusCode == http.StatusMethodNotAllowed:
		// A request the API does not route still gets the documented error shape.
		return validateJSON(doc.Components.Schemas["Error"].Value, resp, body)
	case err != nil:
		return fmt.Errorf("no documented route: %w", err)
	}
	ref := route.Operation.Responses.Status(resp.StatusCode)
	if ref == nil || ref.Value == nil {
		return fmt.Errorf("status %d is not documented (documented: %v)", resp.StatusCode, slices.Sorted(maps.Keys(route.Operation.Responses.Map())))
	}
	content := ref.Value.Content
	mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch {
	case len(content) == 0 && len(body) > 0:
		return fmt.Errorf("a body of %q is sent where none is documented", mediaType)
	case len(content) == 0:
		return nil
	case content.Get(mediaType) == nil:
		return fmt.Errorf("content type %q is not documented (documented: %v)", mediaType, slices.Sorted(maps.Keys(content)))
	case mediaType != "application/json":
		// Files (PDF, XLSX, evidence) are checked for their content type only.
		return nil
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(req.Context(), in); err != nil {
		return err
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return err
	}
	if extra := undeclared(content.Get(mediaType).Schema.Value, v, ""); len(extra) > 0 {
		return fmt.Errorf("the body has properties its schema does not declare: %s", strings.Join(extra, ", "))
	}
	return nil
}

// undeclared returns the paths of the properties of v that schema does not declare, so that the
// document names every field the API sends. An object schema with additionalProperties is a
// map; allOf parts add up; of oneOf and anyOf, the branches v matches count.
func undeclared(schema *openapi3.Schema, v any, path string) []string {
	if schema == nil {
		return nil
	}
	switch v := v.(type) {
	case []any:
		var out []string
		for i, it := range v {
			if schema.Items != nil {
				out = append(out, undeclared(schema.Items.Value, it, fmt.Sprintf("%s/%d", path, i))...)
			}
		}
		return out
	case map[string]any:
		props := map[string]*openapi3.Schema{}
		var mapOf *openapi3.Schema
		isMap := false
		var collect func(s *openapi3.Schema)
		collect = func(s *openapi3.Schema) {
			for name, p := range s.Properties {
				props[name] = p.Value
			}
			if s.AdditionalProperties.Schema != nil {
				isMap, mapOf = true, s.AdditionalProperties.Schema.Value
			} else if s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has {
				isMap = true
			}
			for _, part := range s.AllOf {
				collect(part.Value)
			}
			for _, alts := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
				for _, alt := range alts {
					if alt.Value.VisitJSON(v) == nil {
						collect(alt.Value)
					}
				}
			}
		}
		collect(schema)
		var out []string
		for _, name := range slices.Sorted(maps.Keys(v)) {
			p, ok := props[name]
			switch {
			case ok:
				out = append(out, undeclared(p, v[name], path+"/"+name)...)
			case isMap:
				out = append(out, undeclared(mapOf, v[name], path+"/"+name)...)
			default:
				out = append(out, path+"/"+name)
			}
		}
		return out
	}
	return nil
}

func validateJSON(schema *openapi3.Schema, resp *http.Response, body []byte) error {
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "application/json" {
		return fmt.Errorf("content type %q; want application/json", mt)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return err
	}
	return schema.VisitJSON(v, openapi3.MultiErrors())
}

// excerpt shortens a body for a failure message.
func excerpt(body []byte) string {
	s := string(body)
	if !strings.HasPrefix(strings.TrimSpace(s), "{") {
		return fmt.Sprintf("(%d bytes)", len(body))
	}
	if len(s) > 2000 {
		s = s[:2000] + "…"
	}
	return s
}

// TestOpenAPI_EveryOperation calls every documented operation without a token and, as the
// organisation's admin, on ids that do not exist, so that every route's error answers are
// checked against the document even where no other test reaches it.
func TestOpenAPI_EveryOperation(t *testing.T) {
	t.Parallel()
	doc, err := openAPI()
	if err != nil {
		t.Fatal(err)
	}
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newOrgFixture(t, db)
		admin := f.as("admin.asemrowo")
		for _, path := range doc.Paths.InMatchingOrder() {
			for method, op := range doc.Paths.Value(path).Operations() {
				url := strings.NewReplacer("{id}", "999999", "{result_id}", "999999", "{indicator_id}", "999999", "{date}", "2026-02-30").Replace(path)
				call := func(c *client) int {
					var body io.Reader
					if method != http.MethodGet && method != http.MethodDelete {
						body = strings.NewReader("{}")
					}
					req, err := http.NewRequest(method, c.base+url, body)
					if err != nil {
						t.Fatal(err)
					}
					req.Header.Set("Content-Type", "application/json")
					resp, _ := c.send(req)
					return resp.StatusCode
				}
				if op.Security == nil || len(*op.Security) > 0 {
					if status := call(f.c); status != http.StatusUnauthorized {
						t.Errorf("%s %s without a token: status %d; want 401", method, url, status)
					}
				}
				as := admin
				if path == "/api/v1/auth/logout" {
					as = f.as("admin.asemrowo") // keep admin's token for the other calls
				}
				if status := call(as); status >= 500 {
					t.Errorf("%s %s: status %d", method, url, status)
				}
			}
		}
	})
}
