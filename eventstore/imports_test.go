package eventstore_test

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

// allowedImports is the project's dependency table for eventstore/,
// keyed by directory relative to eventstore/. Each entry lists import path
// prefixes allowed besides the standard library. Adapters may import only
// the root package, domain and their driver, so never each other.
func allowedImports() map[string][]string {
	adapter := func(driver ...string) []string {
		return append([]string{module + "/eventstore", module + "/eventstore/chain", module + "/domain"}, driver...)
	}
	return map[string][]string{
		// go-json-experiment's v1 package: encoding/json's behaviour on the
		// faster v2 decoder, for Decode (half the allocations per record).
		".":               {module + "/domain", "golang.org/x/crypto/", "github.com/google/uuid", "github.com/go-json-experiment/json/v1"},
		"memory":          adapter(),
		"sqlite":          adapter("modernc.org/sqlite"),
		"postgres":        adapter("github.com/jackc/pgx/v5"),
		"kurrentdb":       adapter("github.com/EventStore/EventStore-Client-Go/v4/", "github.com/kurrent-io/"),
		"eventstoretest":  {module + "/eventstore"},
		"chain":           {module + "/eventstore"},
		"chain/chaintest": {module + "/eventstore", module + "/eventstore/chain"},
		// RFC 3161 requests, replies and token signatures: digitorus/timestamp
		// and its PKCS #7 package (what sigstore's timestamp-authority uses).
		"chain/anchor":            {module + "/eventstore", module + "/eventstore/chain", "github.com/digitorus/"},
		"chain/anchor/anchortest": {module + "/domain/tooltest"}, // a test TSA: skips, or fails under CI, without openssl
		"registry":                {module + "/eventstore", module + "/domain/catalog"},
	}
}

// forbidden lists what eventstore/ may never import, whatever the table says.
func forbidden() []string {
	return []string{module + "/cmd", module + "/api", module + "/projections", module + "/ontology"}
}

func TestImportsFollowArchitecture(t *testing.T) {
	allowed := allowedImports()
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		rules, ok := allowed[dir]
		if !ok {
			t.Errorf("%s: package eventstore/%s is not in the dependency table; add it to allowedImports", path, dir)
			return nil
		}
		checked++
		for _, imp := range fileImports(t, path) {
			if reason := importProblem(imp, rules); reason != "" {
				t.Errorf("%s imports %s: %s", path, imp, reason)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no files checked")
	}
}

func fileImports(t *testing.T, path string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	var out []string
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			t.Fatalf("%s: bad import %s", path, spec.Path.Value)
		}
		out = append(out, p)
	}
	return out
}

// importProblem explains why imp breaks the rules, or returns "".
func importProblem(imp string, rules []string) string {
	for _, f := range forbidden() {
		if imp == f || strings.HasPrefix(imp, f+"/") {
			return "nothing in eventstore/ may import " + f
		}
	}
	if first, _, _ := strings.Cut(imp, "/"); !strings.Contains(first, ".") {
		return "" // standard library
	}
	for _, r := range rules {
		if imp == r || imp == strings.TrimSuffix(r, "/") || (strings.HasSuffix(r, "/") && strings.HasPrefix(imp, r)) ||
			(!strings.HasPrefix(r, module) && strings.HasPrefix(imp, r+"/")) {
			return ""
		}
	}
	return "not allowed by the dependency table (adapters never import each other; eventstore/ never imports api, cmd, projections or ontology)"
}

func TestImportProblem(t *testing.T) {
	tests := []struct {
		imp   string
		rules []string
		ok    bool
	}{
		{"fmt", nil, true},
		{module + "/domain", allowedImports()["."], true},
		{module + "/domain/person", allowedImports()["."], false},
		{"golang.org/x/crypto/hkdf", allowedImports()["."], true},
		{"golang.org/x/net/html", allowedImports()["."], false},
		{module + "/eventstore/memory", allowedImports()["sqlite"], false},
		{"modernc.org/sqlite/lib", allowedImports()["sqlite"], true},
		{"modernc.org/sqlite", allowedImports()["memory"], false},
		{module + "/ontology", allowedImports()["memory"], false},
		{module + "/api", []string{module + "/api"}, false},
	}
	for _, tt := range tests {
		if got := importProblem(tt.imp, tt.rules) == ""; got != tt.ok {
			t.Errorf("importProblem(%s) ok = %v, want %v", tt.imp, got, tt.ok)
		}
	}
}
