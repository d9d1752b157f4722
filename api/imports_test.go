package api

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/authledger/authledger"

// transport lists the api/ helper packages that speak HTTP (cookies,
// origins, rate limits, strict JSON, the hosted pages, and webhook's
// outbound HTTP to hooks); with httpapi/... they form the Echo layer. Every other package under api/ is a use-case
// package (or the kernel app, sessionindex, token, mail that use cases
// share) and must not depend on a transport.
var transport = []string{"httpapi", "cookies", "origin", "ratelimit", "strictjson", "web", "webhook"}

// adapters are the store implementations only cmd/ (and tests) may pick.
var adapters = []string{"/eventstore/memory", "/eventstore/sqlite", "/eventstore/postgres", "/eventstore/kurrentdb",
	"/ontology/memory", "/ontology/sqlite", "/ontology/postgres"}

// goFiles calls fn with each non-test Go file under api/, its directory
// relative to api/ and its parsed syntax.
func goFiles(t *testing.T, fn func(path, dir string, f *ast.File)) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules" || strings.HasSuffix(d.Name(), "test")) {
			return filepath.SkipDir // test data and test-support packages (apptest) may wire adapters
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		n++
		fn(path, filepath.ToSlash(filepath.Dir(path)), f)
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("walk: %v (%d files)", err, n)
	}
}

// isTransport reports whether dir (relative to api/) is in the Echo layer.
func isTransport(dir string) bool {
	first, _, _ := strings.Cut(dir, "/")
	for _, p := range transport {
		if first == p {
			return true
		}
	}
	return false
}

// TestImportsFollowArchitecture enforces the project's layering for api/:
// both layers may use the domain, the event store and ontology contracts
// (never an adapter, never projections or cmd); only the Echo layer may
// import Echo, net/http or the transport helpers.
func TestImportsFollowArchitecture(t *testing.T) {
	goFiles(t, func(path, dir string, f *ast.File) {
		for _, spec := range f.Imports {
			imp, _ := strconv.Unquote(spec.Path.Value)
			if reason := importProblem(dir, imp); reason != "" {
				t.Errorf("%s imports %s: %s", path, imp, reason)
			}
		}
	})
}

// importProblem explains why a file in dir may not import imp, or "".
func importProblem(dir, imp string) string {
	for _, a := range adapters {
		if imp == module+a {
			return "only cmd/ picks an adapter"
		}
	}
	if imp == module+"/projections" || strings.HasPrefix(imp, module+"/cmd") {
		return "api/ never imports projections or cmd"
	}
	if isTransport(dir) {
		return ""
	}
	switch {
	case imp == "net/http" || strings.HasPrefix(imp, "net/http/") || strings.HasPrefix(imp, "github.com/labstack/"):
		return "a use-case package never depends on HTTP or Echo"
	case strings.HasPrefix(imp, module+"/api/"):
		rest := strings.TrimPrefix(imp, module+"/api/")
		if isTransport(rest) {
			return "a use-case package never depends on the Echo layer"
		}
	}
	return ""
}

func TestImportProblem(t *testing.T) {
	tests := []struct {
		dir, imp string
		ok       bool
	}{
		{"identity", module + "/domain/person", true},
		{"identity", module + "/eventstore", true},
		{"identity", module + "/api/sessions", true},
		{"identity", "net/http", false},
		{"identity", "github.com/labstack/echo/v4", false},
		{"identity", module + "/api/cookies", false},
		{"identity", module + "/api/httpapi/wire", false},
		{"identity", module + "/eventstore/sqlite", false},
		{"httpapi/authhttp", "github.com/labstack/echo/v4", true},
		{"httpapi", module + "/api/identity", true},
		{"httpapi", module + "/ontology/memory", false},
		{"httpapi", module + "/projections", false},
		{"app", module + "/cmd/authledger", false},
	}
	for _, tt := range tests {
		if got := importProblem(tt.dir, tt.imp) == ""; got != tt.ok {
			t.Errorf("importProblem(%s, %s) allowed = %v, want %v", tt.dir, tt.imp, got, tt.ok)
		}
	}
}

// forbiddenCalls are what the Echo layer never calls: the pipeline and
// the deciders belong to the use cases.
var forbiddenCalls = map[string]bool{"Load": true, "LoadCached": true, "Handle": true, "Decide": true,
	"Run": true, "Append": true, "AppendSealed": true, "Commit": true}

// TestEchoLayerDoesNotDecide fails when a non-test file of the Echo layer
// calls eventstore.Load/Handle/Decide, app.Run/Handle/Decide/Load, a
// store's Append, a pipeline's Commit, or any domain package's Decide.
func TestEchoLayerDoesNotDecide(t *testing.T) {
	goFiles(t, func(path, dir string, f *ast.File) {
		if !strings.HasPrefix(dir, "httpapi") {
			return
		}
		domainPkgs := map[string]bool{}
		for _, spec := range f.Imports {
			imp, _ := strconv.Unquote(spec.Path.Value)
			if strings.HasPrefix(imp, module+"/domain/") {
				name := imp[strings.LastIndex(imp, "/")+1:]
				if spec.Name != nil {
					name = spec.Name.Name
				}
				domainPkgs[name] = true
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fun := call.Fun
			if ix, ok := fun.(*ast.IndexExpr); ok {
				fun = ix.X
			}
			sel, ok := fun.(*ast.SelectorExpr)
			if !ok || !forbiddenCalls[sel.Sel.Name] {
				return true
			}
			x, _ := sel.X.(*ast.Ident)
			switch {
			case x != nil && (x.Name == "eventstore" || x.Name == "app"):
				t.Errorf("%s calls %s.%s: the pipeline belongs to the use cases", path, x.Name, sel.Sel.Name)
			case x != nil && domainPkgs[x.Name] && sel.Sel.Name == "Decide":
				t.Errorf("%s calls %s.Decide: deciders belong to the use cases", path, x.Name)
			case sel.Sel.Name == "Append" || sel.Sel.Name == "AppendSealed" || sel.Sel.Name == "Commit":
				t.Errorf("%s calls .%s: appends belong to the use cases", path, sel.Sel.Name)
			}
			return true
		})
	})
}
