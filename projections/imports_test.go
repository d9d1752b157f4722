package projections_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/authledger/authledger"

// importProblem checks one import of a projections file against
// the project's dependency rules: the standard library, domain/..., and the eventstore
// and ontology contracts (root packages only). Test files may also use
// the adapters, to run on real stores, go-cmp, the package itself and its
// own subpackages (benchload, the benchmark workload).
func importProblem(imp string, test bool) string {
	first, _, _ := strings.Cut(imp, "/")
	switch {
	case !strings.Contains(first, "."):
		return "" // standard library
	case imp == module+"/domain" || strings.HasPrefix(imp, module+"/domain/"):
		return ""
	case imp == module+"/eventstore" || imp == module+"/ontology":
		return ""
	case test && (strings.HasPrefix(imp, module+"/eventstore/") || strings.HasPrefix(imp, module+"/ontology/")):
		return ""
	case test && (imp == module+"/projections" || strings.HasPrefix(imp, module+"/projections/") ||
		strings.HasPrefix(imp, "github.com/google/go-cmp/")):
		return ""
	case strings.HasPrefix(imp, module+"/eventstore/") || strings.HasPrefix(imp, module+"/ontology/"):
		return "adapters are chosen by cmd/, never imported by projections"
	default:
		return "not allowed for projections/"
	}
}

func TestImportsFollowArchitecture(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no files: %v", err)
	}
	for _, path := range files {
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatalf("parse %s: %v", path, err)
		}
		for _, spec := range f.Imports {
			imp, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				t.Fatal(err)
			}
			if reason := importProblem(imp, strings.HasSuffix(path, "_test.go")); reason != "" {
				t.Errorf("%s imports %s: %s", path, imp, reason)
			}
		}
	}
}

func TestImportRules(t *testing.T) {
	tests := []struct {
		imp  string
		test bool
		ok   bool
	}{
		{"context", false, true},
		{module + "/domain/person", false, true},
		{module + "/eventstore", false, true},
		{module + "/ontology", false, true},
		{module + "/eventstore/sqlite", false, false},
		{module + "/ontology/memory", false, false},
		{module + "/ontology/memory", true, true},
		{module + "/api", false, false},
		{module + "/cmd/authledger", true, false},
		{"github.com/labstack/echo/v4", false, false},
	}
	for _, tt := range tests {
		if got := importProblem(tt.imp, tt.test) == ""; got != tt.ok {
			t.Errorf("importProblem(%q, test=%v) ok = %v, want %v", tt.imp, tt.test, got, tt.ok)
		}
	}
}
