package httpapi

import (
	"context"
	"net/http"
	"testing"

	"github.com/authledger/authledger/ontology"
)

// TestBanEndsSessions: banning a person makes all of
// their sessions fail on the next request, and sign-in is refused.
func TestBanEndsSessions(t *testing.T) {
	h := newHarness(t)
	c1, r := h.signUp("alice@example.com", "correct horse 1", "Alice")
	id := r.json(t)["user"].(map[string]any)["id"].(string)
	c2 := cookieHeader(h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil))
	bob, _ := h.signUp("bob@example.com", "bob password 1", "Bob")

	admin := map[string]string{"Authorization": "Bearer " + adminKey, "Content-Type": "application/json"}
	if r := h.do(req{method: http.MethodPost, path: "/v1/people/" + id + "/ban", body: `{"reason":"abuse"}`,
		headers: map[string]string{"Authorization": "Bearer wrong"}}); r.status != 401 {
		t.Errorf("ban with a wrong admin key: %d", r.status)
	}
	if r := h.do(req{method: http.MethodPost, path: "/v1/people/" + id + "/ban", body: `{"reason":"abuse"}`, headers: admin}); r.status != 200 {
		t.Fatalf("ban: %d %s", r.status, r.body)
	}
	for _, c := range []string{c1, c2} {
		if r := h.get("/list-sessions", withCookie(c)); r.status != 401 {
			t.Errorf("banned person's session: %d", r.status)
		}
	}
	if r := h.get("/get-session", withCookie(bob)); string(r.body) == "null" {
		t.Error("another person's session ended too")
	}
	r = h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil)
	if r.status != 403 || r.json(t)["code"] != "BANNED_USER" {
		t.Errorf("banned sign-in: %d %s", r.status, r.body)
	}
	h.projected()
	p, err := h.read.GetPerson(context.Background(), id)
	if err != nil || p.Status != "banned" {
		t.Errorf("people row: %+v %v", p, err)
	}
	things, _ := h.read.ListThings(context.Background(), ontology.Query{Where: map[string]string{"owner_id": id, "status": "active"}})
	if len(things.Items) != 0 {
		t.Errorf("%d sessions still active in things", len(things.Items))
	}
	if r := h.do(req{method: http.MethodPost, path: "/v1/people/" + id + "/unban", headers: admin}); r.status != 200 {
		t.Fatalf("unban: %d %s", r.status, r.body)
	}
	if r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil); r.status != 200 {
		t.Errorf("sign-in after unban: %d %s", r.status, r.body)
	}
}

// TestOntologyAPI reads the projections through /v1 with the admin key.
func TestOntologyAPI(t *testing.T) {
	h := newHarness(t)
	_, r := h.signUp("alice@example.com", "correct horse 1", "Alice")
	tok := r.header.Get("X-Consistency-Token")
	h.post("/sign-in/email", `{"email":"alice@example.com","password":"bad password"}`, nil)
	admin := map[string]string{"Authorization": "Bearer " + adminKey, "X-Consistency-Token": tok}
	if r := h.do(req{method: "GET", path: "/v1/ontology/people"}); r.status != 401 {
		t.Errorf("no admin key: %d", r.status)
	}
	r = h.do(req{method: "GET", path: "/v1/ontology/people?email=alice@example.com", headers: admin})
	items, _ := r.json(t)["items"].([]any)
	if r.status != 200 || len(items) != 1 {
		t.Fatalf("people: %d %s", r.status, r.body)
	}
	r = h.do(req{method: "GET", path: "/v1/ontology/events?outcome=failure", headers: admin})
	items, _ = r.json(t)["items"].([]any)
	if r.status != 200 || len(items) != 2 || items[0].(map[string]any)["type"] != "account.sign_in_failed" ||
		items[1].(map[string]any)["type"] != "signin.failed" {
		t.Errorf("failure events: %d %s", r.status, r.body)
	}
	for _, dim := range []string{"groups", "things", "connections", "knowledge"} {
		if r := h.do(req{method: "GET", path: "/v1/ontology/" + dim, headers: admin}); r.status != 200 {
			t.Errorf("%s: %d %s", dim, r.status, r.body)
		}
	}
	if r := h.do(req{method: "GET", path: "/v1/ontology/people?password=x", headers: admin}); r.status != 400 {
		t.Errorf("unknown filter: %d %s", r.status, r.body)
	}
	if r := h.do(req{method: "GET", path: "/v1/ontology/people?cursor=not-a-cursor!", headers: admin}); r.status != 400 {
		t.Errorf("bad cursor: %d %s", r.status, r.body)
	}
	if r := h.do(req{method: "GET", path: "/v1/ontology/people?cursor=%%%", headers: admin}); r.status != 400 {
		t.Errorf("malformed query: %d %s", r.status, r.body)
	}
	if r := h.do(req{method: "GET", path: "/v1/ontology/people", headers: map[string]string{"Authorization": "Bearer " + adminKey, "X-Consistency-Token": "garbage"}}); r.status != 400 {
		t.Errorf("bad token: %d", r.status)
	}
}
