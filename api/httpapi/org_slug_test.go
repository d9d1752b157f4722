package httpapi

import (
	"net/http"
	"strings"
	"testing"
)

// TestOrganizationSlugSyntaxAndMetadataBound: slugs outside the syntax
// ("../../admin") are refused on create, update and check-slug; "ORGB-x"
// and "orgb-x" are one slug (the claim is on the canonical, lower-case
// form, which is what is stored and answered); metadata over 16 KiB is
// refused. Nothing is appended by a refusal.
func TestOrganizationSlugSyntaxAndMetadataBound(t *testing.T) {
	h := newHarness(t)
	alice, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	a := withCookie(alice)
	refused := func(what string, r resp, before any) {
		t.Helper()
		if r.status != http.StatusBadRequest {
			t.Errorf("%s: %d %.200s, want 400", what, r.status, r.body)
		}
		if h.head() != before {
			t.Errorf("%s: appended events", what)
		}
	}
	for _, slug := range []string{"../../admin", "a/b", "a.b", "has space", "%2e%2e", "-x", strings.Repeat("s", 65)} {
		before := h.head()
		refused("create "+slug, h.post("/organization/create", `{"name":"Org","slug":"`+slug+`"}`, a), before)
		refused("check-slug "+slug, h.post("/organization/check-slug", `{"slug":"`+slug+`"}`, a), before)
	}
	created := object(t, h.post("/organization/create", `{"name":"Org B","slug":"ORGB-x"}`, a), 200)
	if created["slug"] != "orgb-x" {
		t.Errorf("stored slug %v, want the canonical orgb-x", created["slug"])
	}
	before := h.head()
	if r := h.post("/organization/create", `{"name":"Org B 2","slug":"orgb-x"}`, a); r.status == 200 || h.head() != before {
		t.Errorf("orgb-x beside ORGB-x: %d %s", r.status, r.body)
	}
	for _, slug := range []string{"orgb-x", "ORGB-X", "Orgb-X"} {
		if r := h.post("/organization/check-slug", `{"slug":"`+slug+`"}`, a); r.status == 200 {
			t.Errorf("check-slug %s: %d %s, want taken", slug, r.status, r.body)
		}
	}
	if r := h.post("/organization/set-active", `{"organizationSlug":"ORGB-X"}`, a); r.status != 200 ||
		!strings.Contains(string(r.body), `"slug":"orgb-x"`) {
		t.Errorf("set-active by ORGB-X: %d %s", r.status, r.body)
	}
	id := created["id"].(string)
	refused("update to ../../admin", h.post("/organization/update", `{"organizationId":"`+id+`","data":{"slug":"../../admin"}}`, a), h.head())
	for _, n := range []int{17 << 10, 900 << 10} {
		meta := `{"blob":"` + strings.Repeat("m", n) + `"}`
		before := h.head()
		refused("create with metadata", h.post("/organization/create", `{"name":"Org","slug":"meta","metadata":`+meta+`}`, a), before)
		refused("update with metadata", h.post("/organization/update", `{"organizationId":"`+id+`","data":{"metadata":`+meta+`}}`, a), before)
	}
	if r := h.post("/organization/update", `{"organizationId":"`+id+`","data":{"metadata":{"plan":"pro"}}}`, a); r.status != 200 {
		t.Errorf("small metadata: %d %s", r.status, r.body)
	}
}
