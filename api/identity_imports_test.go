package api

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestUseCasesStayTransportFree enforces the use-case rule of
// ARCHITECTURE.md for the identity and two-factor packages: no Echo, no
// net/http, nothing of the HTTP layer or its helpers (cookies, origins,
// rate limits), no adapter, no projections, no cmd.
func TestUseCasesStayTransportFree(t *testing.T) {
	forbidden := []string{"github.com/labstack/echo", "net/http", module + "/api/httpapi", module + "/api/cookies",
		module + "/api/origin", module + "/api/ratelimit", module + "/eventstore/memory", module + "/eventstore/sqlite",
		module + "/eventstore/postgres", module + "/eventstore/kurrentdb", module + "/ontology/memory",
		module + "/ontology/sqlite", module + "/ontology/postgres", module + "/projections", module + "/cmd"}
	for _, dir := range []string{"identity", "mfa"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			checkImports(t, path, forbidden)
		}
	}
}

func checkImports(t *testing.T, path string, forbidden []string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, spec := range f.Imports {
		imp, _ := strconv.Unquote(spec.Path.Value)
		for _, bad := range forbidden {
			if imp == bad || strings.HasPrefix(imp, bad+"/") {
				t.Errorf("%s imports %s: a use case must not", path, imp)
			}
		}
	}
}
