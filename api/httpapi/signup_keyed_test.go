package httpapi

import (
	"context"
	"testing"
)

// TestSignUpStoresTheKeyWithTheRecords: on a store that keeps new data
// keys in the append's transaction (SQLite), a sign-up answers as on any
// other store: its key is stored, what it sealed opens, and a duplicate
// is refused.
func TestSignUpStoresTheKeyWithTheRecords(t *testing.T) {
	cases := []struct {
		name  string
		store func(t *testing.T) *harness
	}{
		{"sqlite (key in the append)", func(t *testing.T) *harness { return sqliteHarness(t) }},
		{"memory (key first)", func(t *testing.T) *harness { return newHarness(t) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.store(t)
			cookie, r := h.signUp("ada@example.com", "correct horse 1", "Ada")
			if r.status != 200 {
				t.Fatalf("sign-up: %d %s", r.status, r.body)
			}
			var body struct{ User struct{ ID, Email string } }
			if err := jsonUnmarshal(r.body, &body); err != nil {
				t.Fatal(err)
			}
			if _, err := h.store.Keys().GetKey(context.Background(), body.User.ID); err != nil {
				t.Errorf("the new person's key: %v", err)
			}
			s := h.get("/get-session", withCookie(cookie))
			var got struct{ User struct{ Email string } }
			if err := jsonUnmarshal(s.body, &got); err != nil || got.User.Email != "ada@example.com" {
				t.Errorf("get-session email = %q (%v), want the sealed email opened", got.User.Email, err)
			}
			dup := h.post("/sign-up/email", `{"email":"ada@example.com","password":"correct horse 1","name":"Ada"}`, nil)
			if dup.status != 422 {
				t.Errorf("duplicate sign-up: %d %s, want 422", dup.status, dup.body)
			}
		})
	}
}
