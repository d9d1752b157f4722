package httpapi

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/domain"
)

// declaredCodes parses every non-test Go file of the module's domain/ and
// api/ trees and returns each error code declared there: constants of type
// domain.Code (Code inside package domain) and domain.Code("...")
// conversions, with where each was found.
func declaredCodes(t *testing.T) map[domain.Code]string {
	t.Helper()
	out := map[domain.Code]string{}
	for _, root := range []string{"../../domain", "../../api"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				collectCode(n, f.Name.Name, path, out)
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// collectCode records the codes one AST node declares.
func collectCode(n ast.Node, pkg, path string, out map[domain.Code]string) {
	switch n := n.(type) {
	case *ast.ValueSpec:
		if !isCodeType(n.Type, pkg) {
			return
		}
		for _, v := range n.Values {
			if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, _ := strconv.Unquote(lit.Value)
				out[domain.Code(s)] = path
			}
		}
	case *ast.CallExpr:
		if len(n.Args) == 1 && isCodeType(n.Fun, pkg) {
			if lit, ok := n.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, _ := strconv.Unquote(lit.Value)
				out[domain.Code(s)] = path
			}
		}
	}
}

func isCodeType(e ast.Expr, pkg string) bool {
	switch e := e.(type) {
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		return ok && x.Name == "domain" && e.Sel.Name == "Code"
	case *ast.Ident:
		return pkg == "domain" && e.Name == "Code"
	}
	return false
}

// TestEveryErrorCodeHasAStatus fails when any error code declared in the
// domain or the application has no row in the merged status table, so an
// unmapped code can never become a 500. Only INTERNAL_SERVER_ERROR maps to
// nothing on purpose.
func TestEveryErrorCodeHasAStatus(t *testing.T) {
	h := newHarness(t)
	codes := declaredCodes(t)
	if len(codes) < 50 {
		t.Fatalf("found only %d declared codes; the scan is not seeing the code base", len(codes))
	}
	for code, where := range codes {
		if code == domain.CodeInternal {
			continue
		}
		st, ok := h.srv.statuses[code]
		if !ok {
			t.Errorf("%s (declared in %s) has no HTTP status in any feature's table", code, where)
			continue
		}
		if st < 400 || st > 599 || st == http.StatusInternalServerError {
			t.Errorf("%s maps to %d; an error code must map to a 4xx, or 503", code, st)
		}
	}
}

// TestStatusTablesAgree: the merged table refuses two features that map
// one code to different statuses.
func TestStatusTablesAgree(t *testing.T) {
	if _, err := mergeStatuses(nil); err != nil {
		t.Fatalf("the server's own tables disagree: %v", err)
	}
}

// conflicting is a feature whose table maps a core code differently.
type conflicting struct{}

func (conflicting) AuthRoutes() []route  { return nil }
func (conflicting) AdminRoutes() []route { return nil }
func (conflicting) Statuses() wire.Statuses {
	return wire.Statuses{domain.CodeUnauthorized: http.StatusForbidden}
}

func TestMergeStatusesRefusesAConflict(t *testing.T) {
	if _, err := mergeStatuses([]wire.Feature{conflicting{}}); err == nil ||
		!strings.Contains(err.Error(), string(domain.CodeUnauthorized)) {
		t.Fatalf("mergeStatuses with a conflicting feature = %v, want an error naming the code", err)
	}
}
