package identity_test

import (
	"errors"
	"sync"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/domain/person"
	"github.com/google/go-cmp/cmp"
)

// fakeVerifier records the links sign-up and sign-in ask for.
type fakeVerifier struct {
	required, onSignUp bool
	mu                 sync.Mutex
	sent               []string // person id + " " + callback
}

func (f *fakeVerifier) Required() bool      { return f.required }
func (f *fakeVerifier) SendsOnSignUp() bool { return f.onSignUp }
func (f *fakeVerifier) SendInBackground(_ app.Caller, personID, cb string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, personID+" "+cb)
}

func TestSignUpWithVerification(t *testing.T) {
	for _, tt := range []struct {
		name     string
		required bool
		onSignUp bool
		session  bool
		mailed   bool
		appended []string
	}{
		{"off", false, false, true, false, []string{"person.signed_up", "account.created", "session.created"}},
		{"send on sign-up", false, true, true, true, []string{"person.signed_up", "account.created", "session.created"}},
		{"required", true, true, false, true, []string{"person.signed_up", "account.created"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := &fakeVerifier{required: tt.required, onSignUp: tt.onSignUp}
			e := newEnv(t, nil, identity.Config{Verification: v})
			pos := e.Head(t)
			res, err := e.svc.SignUp(e.ctx, identity.SignUpInput{Name: "Ann", Email: "ann@example.com", Password: goodPW, CallbackURL: "/hi"})
			if err != nil || (res.Token != "") != tt.session {
				t.Fatalf("SignUp = %+v, %v; want a session: %v", res, err, tt.session)
			}
			if diff := cmp.Diff(e.TypesSince(t, pos), tt.appended); diff != "" {
				t.Error(diff)
			}
			if got := len(v.sent) == 1 && v.sent[0] == res.PersonID+" /hi"; got != tt.mailed {
				t.Errorf("links asked = %v, want mailed %v", v.sent, tt.mailed)
			}
		})
	}
}

func TestSignInRequiresAProvenAddress(t *testing.T) {
	v := &fakeVerifier{}
	e := newEnv(t, nil, identity.Config{Verification: v})
	e.signUp("ann@example.com")
	v.required = true
	pos := e.Head(t)
	_, err := e.svc.SignIn(e.ctx, identity.SignInInput{Email: "ann@example.com", Password: "wrong horse 1"})
	if codeOf(err) != "INVALID_EMAIL_OR_PASSWORD" || len(v.sent) != 0 {
		t.Fatalf("wrong password: %v, links %v; want the usual refusal and no link", err, v.sent)
	}
	pos = e.Head(t)
	_, err = e.svc.SignIn(e.ctx, identity.SignInInput{Email: "ann@example.com", Password: goodPW, CallbackURL: "/cb"})
	if !errors.Is(err, person.ErrEmailNotVerified) {
		t.Fatalf("err = %v, want EMAIL_NOT_VERIFIED", err)
	}
	if got := e.TypesSince(t, pos); len(got) != 0 {
		t.Errorf("refusal appended %v", got)
	}
	if len(v.sent) != 1 {
		t.Errorf("links asked = %v, want one fresh link", v.sent)
	}
}

// TestSignUpDuplicateWhenVerificationIsRequired: an address someone has
// gets Better Auth's generic answer (a made-up user, no session, nothing
// appended, no link); without required verification it is
// USER_ALREADY_EXISTS.
func TestSignUpDuplicateWhenVerificationIsRequired(t *testing.T) {
	v := &fakeVerifier{onSignUp: true}
	e := newEnv(t, nil, identity.Config{Verification: v})
	first := e.signUp("ann@example.com")
	in := identity.SignUpInput{Name: " Ann ", Email: "ANN@example.com", Password: goodPW}
	if _, err := e.svc.SignUp(e.ctx, in); codeOf(err) != "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" {
		t.Fatalf("not required: %v", err)
	}
	v.required = true
	sent, pos := len(v.sent), e.Head(t)
	res, err := e.svc.SignUp(e.ctx, in)
	if err != nil || res.Token != "" || res.Synthetic == nil {
		t.Fatalf("SignUp = %+v, %v; want a made-up user", res, err)
	}
	u := res.Synthetic
	if u.ID == first.User.ID || u.Email != "ann@example.com" || u.Name != "Ann" || u.EmailVerified {
		t.Errorf("made-up user %+v", u)
	}
	if got := e.TypesSince(t, pos); len(got) != 0 || len(v.sent) != sent {
		t.Errorf("appended %v, links %v", got, v.sent)
	}
}
