package httpapi

import (
	"testing"
)

// TestAsOf: the person's state at a position before a profile change has
// the old name; at the head the new one; before the sign-up none.
func TestAsOf(t *testing.T) {
	h := newHarness(t)
	c, r := h.signUp("alice@example.com", "correct horse 1", "Alice")
	id := r.json(t)["user"].(map[string]any)["id"].(string)
	p1 := r.header.Get("X-Consistency-Token")
	if u := h.post("/update-user", `{"name":"Alice Liddell"}`, withCookie(c)); u.status != 200 {
		t.Fatalf("update-user: %d %s", u.status, u.body)
	}
	tests := []struct {
		name, query string
		status      int
		wantName    string
	}{
		{"at the sign-up", "at=" + p1 + "&person=" + id, 200, "Alice"},
		{"at the head", "at=" + h.head().String() + "&person=" + id, 200, "Alice Liddell"},
		{"far future time", "at=2999-01-01T00:00:00Z&person=" + id, 200, "Alice Liddell"},
		{"before the log", "at=1999-01-01T00:00:00Z&person=" + id, 404, ""},
		{"unknown person", "at=" + p1 + "&person=P0000000000000000000000000000404", 404, ""},
		{"bad at", "at=yesterday&person=" + id, 400, ""},
		{"person and group", "at=" + p1 + "&person=" + id + "&group=" + id, 400, ""},
		{"neither", "at=" + p1, 400, ""},
	}
	for _, tt := range tests {
		got := auditGet(h, "/v1/audit/as-of?"+tt.query)
		if got.status != tt.status {
			t.Errorf("%s: status %d %s, want %d", tt.name, got.status, got.body, tt.status)
			continue
		}
		if tt.status == 200 {
			p := got.json(t)["person"].(map[string]any)
			if p["name"] != tt.wantName || p["email"] != "alice@example.com" {
				t.Errorf("%s: person %v", tt.name, p)
			}
		}
	}
}

// TestAsOfGroup: an organization as of its creation has its creator as
// the only member; the update that follows is not in it.
func TestAsOfGroup(t *testing.T) {
	h := newHarness(t)
	c, r := h.signUp("alice@example.com", "correct horse 1", "Alice")
	alice := r.json(t)["user"].(map[string]any)["id"].(string)
	created := h.post("/organization/create", `{"name":"Acme","slug":"acme"}`, withCookie(c))
	if created.status != 200 {
		t.Fatalf("create: %d %s", created.status, created.body)
	}
	gid := created.json(t)["id"].(string)
	p := created.header.Get("X-Consistency-Token")
	if u := h.post("/organization/update", `{"organizationId":"`+gid+`","data":{"name":"Acme Two"}}`, withCookie(c)); u.status != 200 {
		t.Fatalf("update: %d %s", u.status, u.body)
	}
	for _, tt := range []struct{ at, name string }{{p, "Acme"}, {h.head().String(), "Acme Two"}} {
		r := auditGet(h, "/v1/audit/as-of?at="+tt.at+"&group="+gid)
		if r.status != 200 {
			t.Fatalf("as-of %s: %d %s", tt.at, r.status, r.body)
		}
		g := r.json(t)["group"].(map[string]any)
		members := g["members"].([]any)
		if g["name"] != tt.name || len(members) != 1 || members[0].(map[string]any)["personId"] != alice {
			t.Errorf("as-of %s: %v", tt.at, g)
		}
	}
}
