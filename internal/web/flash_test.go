package web_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestFlashes checks the one list of confirmations: every flash constant has its text in both
// catalogues, every flash text of the catalogues has its constant, and no handler writes an
// ?ok= value of its own instead of using withFlash.
func TestFlashes(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "flash.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "flash" {
				continue
			}
			for _, v := range vs.Values {
				s, err := strconv.Unquote(v.(*ast.BasicLit).Value)
				if err != nil {
					t.Fatal(err)
				}
				declared[s] = true
			}
		}
	}
	if len(declared) < 40 {
		t.Fatalf("found %d flash constants in flash.go; the parser missed some", len(declared))
	}
	id, en := readCatalogue(t, "id"), readCatalogue(t, "en")
	for name := range declared {
		for catalogue, c := range map[string]map[string]string{"id.json": id, "en.json": en} {
			if _, ok := c["flash."+name]; !ok {
				t.Errorf("%s lacks the text of flash %q", catalogue, name)
			}
		}
	}
	for k := range id {
		if name, ok := strings.CutPrefix(k, "flash."); ok && !declared[name] {
			t.Errorf("id.json has %q, but flash.go declares no flash %q", k, name)
		}
	}

	sources, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`[?&]ok=`)
	for _, name := range sources {
		if strings.HasSuffix(name, "_test.go") || name == "flash.go" {
			continue
		}
		buf, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if loc := literal.FindIndex(buf); loc != nil {
			t.Errorf("%s writes an ?ok= value itself (%q); use withFlash with a flash constant", name, buf[loc[0]:min(len(buf), loc[1]+20)])
		}
	}
}
