package identity_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
)

// TestVerifyPassword drives VerifyPassword: a right password is recorded,
// a wrong one is INVALID_PASSWORD and counted, an over-long one is refused
// before hashing and appends nothing.
func TestVerifyPassword(t *testing.T) {
	cases := []struct {
		name   string
		pw     string
		code   domain.Code
		events []string
	}{
		{"right", goodPW, "", []string{"account.password_verified"}},
		{"wrong", "wrong horse 1", domain.CodeInvalidPassword, []string{"account.password_verify_failed"}},
		{"empty", "", domain.CodeInvalidPassword, []string{"account.password_verify_failed"}},
		{"over-long", strings.Repeat("x", 2000), domain.CodeInvalidPassword, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, nil, identity.Config{})
			a := e.signUp("ann@example.com")
			before := e.Head(t)
			err := e.svc.VerifyPassword(e.ctx, identity.VerifyPasswordInput{SessionInput: identity.SessionInput{Session: a}, Password: c.pw})
			if got := codeOf(err); got != c.code {
				t.Fatalf("error %v (code %q), want %q", err, got, c.code)
			}
			if got := e.TypesSince(t, before); !slices.Equal(got, c.events) {
				t.Errorf("events %v, want %v", got, c.events)
			}
		})
	}
}

// TestVerifyPasswordLockout checks wrong verifications lock further
// verifications until the cooldown, and never lock sign-in (which only
// the per-address backoff throttles).
func TestVerifyPasswordLockout(t *testing.T) {
	e := newEnv(t, nil, identity.Config{Lockout: account.Lockout{Threshold: 3, Cooldown: 60e9}})
	a := e.signUp("ann@example.com")
	in := identity.VerifyPasswordInput{SessionInput: identity.SessionInput{Session: a}, Password: "wrong horse 1"}
	for i := 0; i < 3; i++ {
		if err := e.svc.VerifyPassword(e.ctx, in); codeOf(err) != domain.CodeInvalidPassword {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	in.Password = goodPW
	if err := e.svc.VerifyPassword(e.ctx, in); codeOf(err) != domain.CodeAccountLocked {
		t.Fatalf("verify while locked: %v, want locked", err)
	}
	if _, err := e.svc.SignIn(e.ctx, identity.SignInInput{Email: "ann@example.com", Password: goodPW}); err != nil {
		t.Fatalf("sign-in after 3 wrong verifications: %v, want a session", err)
	}
	e.Clock.Advance(61e9)
	if err := e.svc.VerifyPassword(e.ctx, in); err != nil {
		t.Fatalf("verify after cooldown: %v", err)
	}
}
