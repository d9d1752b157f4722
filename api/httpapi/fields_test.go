package httpapi

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/authledger/authledger/domain"
)

// TestAdditionalUserFields covers Better Auth's user.additionalFields:
// accepted on sign-up and update-user, validated, returned in the user
// object, projected into people; the platform role is never client-set.
func TestAdditionalUserFields(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.Fields = domain.FieldSchema{
			{Name: "plan", Type: domain.FieldString, Default: "free", Input: true},
			{Name: "age", Type: domain.FieldNumber, Input: true},
			{Name: "newsletter", Type: domain.FieldBoolean, Required: true, Input: true},
			{Name: "internalScore", Type: domain.FieldNumber, Default: float64(0)},
		}
	})
	r := h.post("/sign-up/email", `{"email":"f@example.com","password":"correct horse 1","name":"F","age":41,"newsletter":true}`, nil)
	if r.status != 200 {
		t.Fatalf("sign-up: %d %s", r.status, r.body)
	}
	u := r.json(t)["user"].(map[string]any)
	if u["plan"] != "free" || u["age"] != float64(41) || u["newsletter"] != true || u["internalScore"] != float64(0) {
		t.Errorf("user object %v", u)
	}
	if _, ok := u["role"]; ok {
		t.Error("the platform role is not part of the client's user object")
	}
	cookie := cookieHeader(r)
	bad := []struct{ name, path, body string }{
		{"wrong type", "/update-user", `{"age":"old"}`},
		{"not settable", "/update-user", `{"internalScore":99}`},
		{"role", "/update-user", `{"role":"admin"}`},
		{"unknown", "/update-user", `{"shoeSize":44}`},
		{"missing required on sign-up", "/sign-up/email", `{"email":"g@example.com","password":"correct horse 1","name":"G"}`},
	}
	for _, b := range bad {
		before := h.head()
		if r := h.post(b.path, b.body, withCookie(cookie)); r.status != 400 || h.head() != before {
			t.Errorf("%s: %d %s", b.name, r.status, r.body)
		}
	}
	if r := h.post("/update-user", `{"plan":"pro"}`, withCookie(cookie)); r.status != 200 {
		t.Fatalf("update-user: %d %s", r.status, r.body)
	}
	u = h.get("/get-session", withCookie(cookie)).json(t)["user"].(map[string]any)
	if u["plan"] != "pro" || u["age"] != float64(41) {
		t.Errorf("after update %v", u)
	}
	h.projected()
	p, err := h.read.GetPerson(context.Background(), u["id"].(string))
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(p.Fields, &fields); err != nil || fields["plan"] != "pro" || p.Role != "user" {
		t.Errorf("people row fields %s role %q: %v", p.Fields, p.Role, err)
	}
}
