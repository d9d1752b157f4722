package api

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

// TestImportsFollowArchitecture enforces ARCHITECTURE.md's table for api/:
// the domain, the event store and ontology contracts (with the audit
// chain's contract, eventstore/chain; never an adapter, never projections
// or cmd), Echo, and api's own helper packages. Test files may also use
// adapters and the projection runner.
func TestImportsFollowArchitecture(t *testing.T) {
	allowed := []string{module + "/domain", module + "/api/", "github.com/labstack/echo/v4",
		"golang.org/x/", "github.com/google/uuid"}
	exact := []string{module + "/eventstore", module + "/eventstore/registry", module + "/eventstore/chain", module + "/ontology"}
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasSuffix(d.Name(), "test")) {
			return filepath.SkipDir // test data and test-support packages (apptest) may wire adapters
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, spec := range f.Imports {
			imp, _ := strconv.Unquote(spec.Path.Value)
			if !strings.Contains(strings.Split(imp, "/")[0], ".") {
				continue // standard library
			}
			if !permitted(imp, allowed, exact) {
				t.Errorf("%s imports %s, which api/ may not", path, imp)
			}
		}
		return nil
	})
	if err != nil || checked == 0 {
		t.Fatalf("walk: %v (%d files)", err, checked)
	}
}

func permitted(imp string, prefixes, exact []string) bool {
	for _, e := range exact {
		if imp == e {
			return true
		}
	}
	for _, p := range prefixes {
		if imp == strings.TrimSuffix(p, "/") || strings.HasPrefix(imp, strings.TrimSuffix(p, "/")+"/") {
			return true
		}
	}
	return false
}
