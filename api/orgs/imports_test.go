package orgs_test

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestUseCasesStayBelowHTTP: the package imports no transport (Echo,
// net/http, the HTTP layer, cookies, origins, rate limits), no adapter, no
// projection runner and no cmd — the rule of ARCHITECTURE.md for use cases.
func TestUseCasesStayBelowHTTP(t *testing.T) {
	const module = "github.com/authledger/authledger/"
	banned := []string{"net/http", "github.com/labstack/echo", module + "api/httpapi", module + "api/cookies",
		module + "api/origin", module + "api/ratelimit", module + "eventstore/memory", module + "eventstore/sqlite",
		module + "eventstore/postgres", module + "eventstore/kurrentdb", module + "ontology/memory",
		module + "ontology/sqlite", module + "ontology/postgres", module + "projections", module + "cmd"}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, spec := range f.Imports {
			imp, _ := strconv.Unquote(spec.Path.Value)
			for _, b := range banned {
				if imp == b || strings.HasPrefix(imp, b+"/") {
					t.Errorf("%s imports %s", e.Name(), imp)
				}
			}
		}
	}
	if checked < 10 {
		t.Fatalf("checked only %d files", checked)
	}
}
