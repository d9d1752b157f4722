package httpapi

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// TestForgetRoute: erasure ends sessions, frees the email, drops the
// people row, destroys the key (the sign-up now decodes without PII) and
// a second call appends nothing; unknown ids are 404, a wrong key 401.
func TestForgetRoute(t *testing.T) {
	h := newHarness(t)
	c, r := h.signUp("alice@example.com", "correct horse 1", "Alice")
	id := r.json(t)["user"].(map[string]any)["id"].(string)
	admin := map[string]string{"Authorization": "Bearer " + adminKey}
	tests := []struct {
		name, path string
		headers    map[string]string
		want       int
	}{
		{"wrong admin key", "/v1/people/" + id + "/forget", map[string]string{"Authorization": "Bearer wrong"}, 401},
		{"unknown person", "/v1/people/P0000000000000000000000000000404/forget", admin, 404},
		{"malformed id", "/v1/people/x/forget", admin, 404},
		{"erase", "/v1/people/" + id + "/forget", admin, 200},
		{"erase again", "/v1/people/" + id + "/forget", admin, 200},
	}
	for _, tt := range tests {
		if got := h.do(req{method: http.MethodPost, path: tt.path, headers: tt.headers}); got.status != tt.want {
			t.Errorf("%s: status %d %s, want %d", tt.name, got.status, got.body, tt.want)
		}
	}
	if r := h.get("/get-session", withCookie(c)); string(r.body) != "null" {
		t.Errorf("erased person's session: %d %s", r.status, r.body)
	}
	h.projected()
	if _, err := h.read.GetPerson(context.Background(), id); !errors.Is(err, ontology.ErrNotFound) {
		t.Errorf("people row after erasure: %v", err)
	}
	erased := 0
	for _, ev := range h.events() {
		switch e := ev.(type) {
		case person.SignedUp:
			if e.PersonID == id && (e.Email != "" || e.Name != "") {
				t.Errorf("sign-up still readable: %+v", e)
			}
		case person.Erased:
			erased++
		}
	}
	if erased != 1 {
		t.Errorf("%d person.erased events, want 1", erased)
	}
	if _, err := h.store.Keys().GetKey(context.Background(), id); !errors.Is(err, eventstore.ErrKeyNotFound) {
		t.Errorf("data key after erasure: %v", err)
	}
	if _, r := h.signUp("alice@example.com", "another passphrase 2", "Alice Two"); r.status != 200 {
		t.Errorf("sign-up with the freed email: %d %s", r.status, r.body)
	}
}
