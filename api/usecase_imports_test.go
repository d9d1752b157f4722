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

// transportPackages are the directories of api/ that belong to the
// transport: the Echo layer and its HTTP helpers. Every other package is
// a use-case (or kernel) package and stays transport-free.
var transportPackages = map[string]bool{"httpapi": true, "cookies": true, "origin": true, "ratelimit": true, "web": true}

// forbiddenInUseCases are the imports a use-case package may never have:
// Echo, net/http, the HTTP layer and its helpers.
var forbiddenInUseCases = []string{"github.com/labstack/echo", "net/http", module + "/api/httpapi",
	module + "/api/cookies", module + "/api/origin", module + "/api/ratelimit", module + "/api/web"}

// TestUseCasesAreTransportFree: no non-test file of a use-case package
// (api/compliance, api/admin, api/sessions, ...) imports Echo, net/http or
// the HTTP layer, so the CLI and Go programs can call them directly.
func TestUseCasesAreTransportFree(t *testing.T) {
	dirs, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, d := range dirs {
		if !d.IsDir() || transportPackages[d.Name()] {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(d.Name(), "*.go"))
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			checked++
			checkTransportFree(t, path)
		}
	}
	if checked < 10 {
		t.Fatalf("checked only %d files", checked)
	}
}

func checkTransportFree(t *testing.T, path string) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, spec := range f.Imports {
		imp, _ := strconv.Unquote(spec.Path.Value)
		for _, bad := range forbiddenInUseCases {
			if imp == bad || strings.HasPrefix(imp, bad+"/") {
				t.Errorf("%s imports %s: use cases stay transport-free", path, imp)
			}
		}
	}
}
