package recovery_test

import (
	"context"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mailer/mailertest"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/domain/signin"
)

// TestResetClearsSignInBackoff: a password reset clears the sign-in
// backoff of the person's address in the same append (signin.cleared on
// the address's throttle stream), so the owner can sign in with the new
// password at once. Today a reset leaves sign-in locked.
func TestResetClearsSignInBackoff(t *testing.T) {
	ctx := context.Background()
	rec := &mailertest.Recorder{}
	f := newFixture(recovery.Config{Mailer: rec})
	defer f.Close()
	f.signUp("alice@example.com", "correct horse 1")
	hash := f.App.Claim(signin.KeyKind, "alice@example.com", "").Key
	stream := signin.Stream(hash)
	for range 8 { // someone tried eight passwords: a backoff runs
		_, err := app.Run(ctx, f.App, signin.NewDecider(), stream, caller.Meta("", f.App.Now()), "",
			func(signin.State) signin.Command { return signin.Fail{AddressHash: hash, At: f.App.Now()} })
		must(err)
	}
	if st, _, _ := app.Load(ctx, f.App, signin.NewDecider(), stream); signin.DefaultBackoff().Wait(st, f.App.Now()) == 0 {
		t.Fatalf("no backoff after 8 failures: %+v", st)
	}
	token := f.requestToken(rec, "alice@example.com")
	before := f.Head(t)
	if err := f.svc.ResetPassword(ctx, recovery.ResetInput{Caller: caller, Token: token, NewPassword: "correct horse 3"}); err != nil {
		t.Fatalf("ResetPassword: %v", err)
	}
	if got := f.CountsSince(t, before)[signin.TypeCleared]; got != 1 {
		t.Errorf("appended %v, want one %s", f.CountsSince(t, before), signin.TypeCleared)
	}
	st, _, err := app.Load(ctx, f.App, signin.NewDecider(), stream)
	if err != nil || st.Failures != 0 || signin.DefaultBackoff().Wait(st, f.App.Now()) != 0 {
		t.Errorf("after the reset: %+v, %v; want no failures and no wait", st, err)
	}
}
