package identity_test

import (
	"testing"

	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/domain"
)

// TestSignInCacheSeesLaterWrites: sign-in folds the account through a
// cache, yet a password changed by another use case (which folds the
// stream without the cache) takes effect at the next sign-in: the old
// password fails, the new one works. After DropCachedStates (an erasure)
// sign-in folds from the log again and still answers right.
func TestSignInCacheSeesLaterWrites(t *testing.T) {
	e := newEnv(t, nil, identity.Config{})
	authed := e.signUp("ann@example.com")
	signIn := func(pw string) error {
		_, err := e.svc.SignIn(e.ctx, identity.SignInInput{Email: "ann@example.com", Password: pw})
		return err
	}
	for range 3 { // the account's stream grows with each sign-in; the cache follows it
		if err := signIn(goodPW); err != nil {
			t.Fatalf("sign-in: %v", err)
		}
	}
	const newPW = "battery staple 2"
	if _, err := e.svc.ChangePassword(e.ctx, identity.ChangePasswordInput{SessionInput: identity.SessionInput{Session: authed},
		Current: goodPW, New: newPW}); err != nil {
		t.Fatalf("change password: %v", err)
	}
	if err := signIn(goodPW); codeOf(err) != domain.CodeInvalidCredentials {
		t.Fatalf("old password after the change: %v, want %s", err, domain.CodeInvalidCredentials)
	}
	if err := signIn(newPW); err != nil {
		t.Fatalf("new password: %v", err)
	}
	e.svc.DropCachedStates()
	if err := signIn(goodPW); codeOf(err) != domain.CodeInvalidCredentials {
		t.Fatalf("old password after dropping the cache: %v", err)
	}
	if err := signIn(newPW); err != nil {
		t.Fatalf("new password after dropping the cache: %v", err)
	}
}
