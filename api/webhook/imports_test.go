package webhook_test

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

// TestImportsFollowArchitecture: webhook is an adapter (outbound HTTP). It
// may use the standard library, its own sub-packages and the port it
// implements (api/hooks); sign is standard library only.
func TestImportsFollowArchitecture(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		for _, spec := range f.Imports {
			imp, _ := strconv.Unquote(spec.Path.Value)
			if problem := importProblem(dir, imp); problem != "" {
				t.Errorf("%s imports %s: %s", path, imp, problem)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// importProblem explains why a file in dir may not import imp, or "".
func importProblem(dir, imp string) string {
	std := !strings.Contains(strings.Split(imp, "/")[0], ".")
	switch {
	case std:
		return ""
	case dir == "sign":
		return "sign uses the standard library only"
	case imp == module+"/api/hooks" || strings.HasPrefix(imp, module+"/api/webhook/"):
		return ""
	}
	return "webhook depends only on the standard library, its sub-packages and the port it implements"
}

func TestImportProblem(t *testing.T) {
	tests := []struct {
		dir, imp string
		ok       bool
	}{
		{".", "net/http", true},
		{".", module + "/api/hooks", true},
		{".", module + "/api/webhook/sign", true},
		{".", module + "/api/identity", false},
		{".", "github.com/labstack/echo/v4", false},
		{"sign", module + "/api/hooks", false},
		{"sign", "crypto/hmac", true},
	}
	for _, tt := range tests {
		if got := importProblem(tt.dir, tt.imp) == ""; got != tt.ok {
			t.Errorf("importProblem(%s, %s) allowed = %v, want %v", tt.dir, tt.imp, got, tt.ok)
		}
	}
}
