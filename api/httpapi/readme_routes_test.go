package httpapi

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestReadmeListsEveryRoute: the README's table of Better Auth endpoints
// names every route registered under /api/auth (with every optional
// feature on) and no route that is not.
func TestReadmeListsEveryRoute(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "## Better Auth endpoints and plugins")
	if start < 0 {
		t.Fatal("README has no section on the Better Auth endpoints")
	}
	end := start + 1 + strings.Index(text[start+1:], "\n## ")
	var documented []string
	for _, m := range regexp.MustCompile("`(GET|POST) (/[^` ]+)`").FindAllStringSubmatch(text[start:end], -1) {
		documented = append(documented, m[1]+" "+m[2])
	}
	h := everyRouteHarness(t, nil)
	var registered []string
	for _, r := range h.srv.allAuthRoutes() {
		registered = append(registered, r.Method+" "+r.Path)
	}
	for _, r := range registered {
		if !slices.Contains(documented, r) {
			t.Errorf("README does not list %s", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(registered, d) {
			t.Errorf("README lists %s, which is not a route", d)
		}
	}
}
