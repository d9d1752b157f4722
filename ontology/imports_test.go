package ontology_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/authledger/authledger"

// drivers lists the third-party import prefixes each adapter may use.
var drivers = map[string][]string{
	"memory":   nil,
	"sqlite":   {"modernc.org/sqlite"},
	"postgres": {"github.com/jackc/pgx/v5"},
}

// forbidden are the packages nothing under ontology/ may import.
var forbidden = []string{"/cmd", "/api", "/projections", "/eventstore"}

// TestImports enforces the project's dependency table for
// ontology/ and its sub-packages.
func TestImports(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(path))
		for _, spec := range f.Imports {
			imp, _ := strconv.Unquote(spec.Path.Value)
			if why := importProblem(pkg, imp, strings.HasSuffix(path, "_test.go")); why != "" {
				t.Errorf("%s imports %s: %s", path, imp, why)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// importProblem explains why package dir pkg (relative to ontology/) may not
// import imp, or returns "".
func importProblem(pkg, imp string, test bool) string {
	for _, f := range forbidden {
		if imp == module+f || strings.HasPrefix(imp, module+f+"/") {
			return "ontology must not depend on" + f
		}
	}
	switch {
	case isStd(imp), imp == module+"/domain", imp == module+"/ontology":
		return ""
	case pkg == ".":
		return "the ontology root imports only std and domain"
	case test && imp == module+"/ontology/ontologytest",
		test && imp == module+"/ontology/"+pkg,
		test && imp == module+"/domain/tooltest": // what a test does without PostgreSQL
		return ""
	}
	if strings.HasPrefix(imp, module+"/") {
		return "adapters and the suite import only ontology and domain from this module, never each other"
	}
	if pkg == "ontologytest" {
		return "the conformance suite imports only std, domain and ontology"
	}
	for _, d := range drivers[strings.SplitN(pkg, "/", 2)[0]] {
		if imp == d || strings.HasPrefix(imp, d+"/") {
			return ""
		}
	}
	return "not this adapter's driver"
}

// isStd reports whether imp is a standard library path (no dot in its
// first element).
func isStd(imp string) bool {
	first, _, _ := strings.Cut(imp, "/")
	return !strings.Contains(first, ".")
}

func TestImportRules(t *testing.T) {
	tests := []struct {
		pkg, imp string
		test     bool
		ok       bool
	}{
		{".", "context", false, true},
		{".", module + "/domain", false, true},
		{".", module + "/eventstore", false, false},
		{".", "modernc.org/sqlite", false, false},
		{"sqlite", "modernc.org/sqlite", false, true},
		{"memory", "modernc.org/sqlite", false, false},
		{"sqlite", module + "/ontology/memory", false, false},
		{"sqlite", module + "/ontology/ontologytest", true, true},
		{"sqlite", module + "/ontology/ontologytest", false, false},
		{"ontologytest", "github.com/google/go-cmp/cmp", false, false},
		{"memory", module + "/projections", true, false},
		{"memory", module + "/api/x", false, false},
	}
	for _, tt := range tests {
		if got := importProblem(tt.pkg, tt.imp, tt.test) == ""; got != tt.ok {
			t.Errorf("importProblem(%q, %q, test=%v) allowed = %v, want %v", tt.pkg, tt.imp, tt.test, got, tt.ok)
		}
	}
}
