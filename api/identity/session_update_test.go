package identity_test

import (
	"testing"

	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/domain"
)

// TestUpdateSession checks update-session with no additional session
// fields: a server-set field is refused, anything else leaves nothing to
// update, and nothing is appended either way.
func TestUpdateSession(t *testing.T) {
	cases := []struct {
		name   string
		fields map[string]any
		code   domain.Code
	}{
		{"empty", map[string]any{}, identity.CodeNoFieldsToUpdate},
		{"unknown field", map[string]any{"theme": "dark"}, identity.CodeNoFieldsToUpdate},
		{"server field set", map[string]any{"activeOrganizationId": "org1"}, domain.CodeFieldNotAllowed},
		{"server field true", map[string]any{"activeOrganizationId": true}, domain.CodeFieldNotAllowed},
		{"server field null", map[string]any{"activeOrganizationId": nil}, identity.CodeNoFieldsToUpdate},
		{"server field empty", map[string]any{"activeOrganizationId": ""}, identity.CodeNoFieldsToUpdate},
		{"server field zero", map[string]any{"activeOrganizationId": 0.0}, identity.CodeNoFieldsToUpdate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, nil, identity.Config{})
			a := e.signUp("ann@example.com")
			before := e.Head(t)
			err := e.svc.UpdateSession(e.ctx, identity.UpdateSessionInput{SessionInput: identity.SessionInput{Session: a}, Fields: c.fields})
			if got := codeOf(err); got != c.code {
				t.Fatalf("error %v (code %q), want %q", err, got, c.code)
			}
			if got := e.TypesSince(t, before); len(got) != 0 {
				t.Errorf("appended %v", got)
			}
		})
	}
}
