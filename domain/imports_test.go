package domain_test

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

// capabilityLibs lists, per capability package under domain/, the library
// import prefixes it may use besides the standard library and domain.
func capabilityLibs() map[string][]string {
	return map[string][]string{
		"password": {"golang.org/x/crypto/", "golang.org/x/sys/cpu", "github.com/trustelem/zxcvbn"},
		"email":    {"golang.org/x/text/", "golang.org/x/net/"},
		"totp":     {"github.com/pquerna/otp", "golang.org/x/crypto/"},
		"passkey":  {"github.com/go-webauthn/", "golang.org/x/crypto/"},
	}
}

// allowedFor returns the exact imports and import prefixes (beyond the
// standard library) that the package in dir (relative to domain/) may use:
// the root nothing; a capability domain and its libraries; catalog, the one
// package that lists every aggregate's events, domain and its
// sub-packages; every other package (an aggregate) domain only. A
// capability's own sub-packages (password/argon2id) are part of it.
func allowedFor(dir string) (exact, prefixes []string) {
	if dir == "." {
		return nil, nil
	}
	top := strings.Split(filepath.ToSlash(dir), "/")[0]
	if libs, ok := capabilityLibs()[top]; ok {
		return []string{module + "/domain"}, append(libs, module+"/domain/"+top+"/")
	}
	if top == "catalog" {
		return []string{module + "/domain"}, []string{module + "/domain/"}
	}
	return []string{module + "/domain"}, nil
}

// TestImportsFollowArchitecture walks domain/ so new packages are covered
// automatically, and checks every non-test file's imports.
func TestImportsFollowArchitecture(t *testing.T) {
	checked := map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.Dir(path)
		checked[dir] = true
		exact, prefixes := allowedFor(dir)
		for _, spec := range f.Imports {
			imp, _ := strconv.Unquote(spec.Path.Value)
			if !permitted(imp, exact, prefixes) {
				t.Errorf("%s imports %s, which domain/%s may not (domain packages use the standard library, domain and their own library only)", path, imp, dir)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{".", "password", "email"} {
		if !checked[want] {
			t.Errorf("package domain/%s was not checked; walked %v", want, checked)
		}
	}
}

func permitted(imp string, exact, prefixes []string) bool {
	if !strings.Contains(strings.Split(imp, "/")[0], ".") {
		return true // standard library
	}
	for _, e := range exact {
		if imp == e {
			return true
		}
	}
	for _, p := range prefixes {
		if imp == strings.TrimSuffix(p, "/") || strings.HasPrefix(imp, p) {
			return true
		}
	}
	return false
}

func TestPermitted(t *testing.T) {
	tests := []struct {
		dir, imp string
		want     bool
	}{
		{".", "strings", true},
		{".", "golang.org/x/text/unicode/norm", false},
		{".", module + "/eventstore", false},
		{"person", module + "/domain", true},
		{"person", module + "/domain/session", false},
		{"person", "golang.org/x/crypto/argon2", false},
		{"person/internal", module + "/domain/account", false},
		{"password", "golang.org/x/crypto/argon2", true},
		{"password", module + "/domain/password/argon2id", true},
		{"password/argon2id", "golang.org/x/sys/cpu", true},
		{"email", module + "/domain/password/argon2id", false},
		{"email", "golang.org/x/sys/cpu", false},
		{"password", "golang.org/x/text/unicode/norm", false},
		{"password", module + "/domain/email", false},
		{"email", "golang.org/x/net/idna", true},
		{"email", "golang.org/x/crypto/argon2", false},
		{"totp", "github.com/pquerna/otp/totp", true},
		{"passkey", "github.com/go-webauthn/webauthn/webauthn", true},
		{"catalog", module + "/domain/person", true},
		{"catalog", module + "/ontology", false},
	}
	for _, tt := range tests {
		exact, prefixes := allowedFor(tt.dir)
		if got := permitted(tt.imp, exact, prefixes); got != tt.want {
			t.Errorf("domain/%s importing %s: permitted = %v, want %v", tt.dir, tt.imp, got, tt.want)
		}
	}
}
