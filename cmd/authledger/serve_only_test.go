package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestOnlyServeBuildsAnHTTPServer: the one-shot commands call the use
// cases directly; no non-test file but serve.go builds the HTTP server
// (httpapi.New, imported as api).
func TestOnlyServeBuildsAnHTTPServer(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		alias := ""
		for _, imp := range f.Imports {
			if strings.Trim(imp.Path.Value, `"`) == "github.com/authledger/authledger/api/httpapi" {
				alias = "httpapi"
				if imp.Name != nil {
					alias = imp.Name.Name
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok || alias == "" || sel.Sel.Name != "New" {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == alias {
				found++
				if path != "serve.go" {
					t.Errorf("%s builds an HTTP server; only serve does", path)
				}
			}
			return true
		})
	}
	if found == 0 {
		t.Fatal("no httpapi.New found at all: the check sees nothing")
	}
}
