package httpapi

import (
	"strings"
	"testing"

	"github.com/authledger/authledger/domain/operatorkey"
)

// TestAccessReviewRoute: GET /v1/audit/access-review answers the review
// at a position (before and after an organization was created), as JSON,
// NDJSON or CSV; bad input and an organization unknown at that point are
// a 400 with a code, and a key without audit:pii a 403.
func TestAccessReviewRoute(t *testing.T) {
	h := newHarness(t)
	c, r := h.signUp("alice@example.com", "correct horse 1", "Alice")
	alice := r.json(t)["user"].(map[string]any)["id"].(string)
	before := r.header.Get("X-Consistency-Token")
	created := h.post("/organization/create", `{"name":"Acme","slug":"acme"}`, withCookie(c))
	if created.status != 200 {
		t.Fatalf("create: %d %s", created.status, created.body)
	}
	gid := created.json(t)["id"].(string)
	after := created.header.Get("X-Consistency-Token")

	rowsAt := func(q string) []any {
		t.Helper()
		got := auditGet(h, "/v1/audit/access-review?"+q)
		if got.status != 200 {
			t.Fatalf("%s: %d %s", q, got.status, got.body)
		}
		return got.json(t)["rows"].([]any)
	}
	if rows := rowsAt("as_of=" + before); len(rows) != 1 || rows[0].(map[string]any)["organizationId"] != nil ||
		rows[0].(map[string]any)["email"] != "alice@example.com" || rows[0].(map[string]any)["canSignIn"] != true {
		t.Errorf("review before the organization: %v", rows)
	}
	rows := rowsAt("as_of=" + after + "&organization=acme")
	if len(rows) != 1 {
		t.Fatalf("review of acme: %v", rows)
	}
	if row := rows[0].(map[string]any); row["organizationId"] != gid || row["role"] != "owner" || row["grantedBy"] != alice {
		t.Errorf("acme's owner row: %v", row)
	}
	if got := auditGet(h, "/v1/audit/access-review?as_of="+after+"&format=ndjson"); got.status != 200 || strings.Count(string(got.body), "\n") != 1 {
		t.Errorf("ndjson: %d %s", got.status, got.body)
	}
	csv := auditGet(h, "/v1/audit/access-review?as_of="+after, "Accept", "text/csv")
	if csv.status != 200 || !strings.HasPrefix(string(csv.body), `"personId","erased","email"`) || !strings.Contains(string(csv.body), `"owner"`) {
		t.Errorf("csv: %d %s", csv.status, csv.body)
	}
	for _, tt := range []struct{ q, code string }{
		{"", "VALIDATION_ERROR"}, {"as_of=yesterday", "VALIDATION_ERROR"}, {"as_of=" + after + "&as_of=" + before, "VALIDATION_ERROR"},
		{"as_of=" + after + "&format=xml", "VALIDATION_ERROR"}, {"as_of=" + after + "&person=x", "VALIDATION_ERROR"},
		{"as_of=" + after + "&organization=Not%20A%20Slug!", "VALIDATION_ERROR"},
	} {
		wantCode(t, auditGet(h, "/v1/audit/access-review?"+tt.q), 400, tt.code)
	}
	wantCode(t, auditGet(h, "/v1/audit/access-review?as_of="+before+"&organization=acme"), 400, "ORGANIZATION_NOT_FOUND")
	_, reader := h.newKey("auditor", operatorkey.ScopeAuditRead)
	wantKeyCode(t, "audit:read only", h.operator("GET", "/v1/audit/access-review?as_of="+after, "", reader), 403, "INSUFFICIENT_SCOPE")
}
