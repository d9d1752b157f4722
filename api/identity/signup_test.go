package identity_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/domain"
)

// TestSignUp drives SignUp directly: a refusal appends nothing; a sign-up
// appends the person, the credential account and the first session.
func TestSignUp(t *testing.T) {
	e := newEnv(t, nil, identity.Config{Fields: domain.FieldSchema{
		{Name: "plan", Type: domain.FieldString, Default: "free", Input: true},
		{Name: "score", Type: domain.FieldNumber},
	}})
	e.signUp("taken@example.com")
	cases := []struct {
		name string
		in   identity.SignUpInput
		code domain.Code
	}{
		{"bad email", identity.SignUpInput{Name: "A", Email: "not-an-email", Password: goodPW}, domain.CodeValidation},
		{"control character in name", identity.SignUpInput{Name: "A\x07", Email: "a@example.com", Password: goodPW}, domain.CodeValidation},
		{"name too long", identity.SignUpInput{Name: strings.Repeat("n", domain.MaxNameLen+1), Email: "a@example.com", Password: goodPW}, domain.CodeValidation},
		{"short password", identity.SignUpInput{Name: "A", Email: "a@example.com", Password: "short"}, domain.CodePasswordTooShort},
		{"common password", identity.SignUpInput{Name: "A", Email: "a@example.com", Password: "password123"}, domain.CodePasswordTooCommon},
		{"field not settable", identity.SignUpInput{Name: "A", Email: "a@example.com", Password: goodPW,
			Fields: map[string]any{"score": 3.0}}, domain.CodeFieldNotAllowed},
		{"role not settable", identity.SignUpInput{Name: "A", Email: "a@example.com", Password: goodPW,
			Fields: map[string]any{"role": "admin"}}, domain.CodeFieldNotAllowed},
		{"email taken (case and dots differ)", identity.SignUpInput{Name: "A", Email: "Taken@Example.com", Password: goodPW},
			domain.CodeUserAlreadyExists},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := e.Head(t)
			_, err := e.svc.SignUp(e.ctx, c.in)
			if got := codeOf(err); got != c.code {
				t.Fatalf("SignUp = %v (code %s), want code %s", err, got, c.code)
			}
			if got := e.TypesSince(t, before); len(got) != 0 {
				t.Errorf("a refused sign-up appended %v", got)
			}
		})
	}
	before := e.Head(t)
	res, err := e.svc.SignUp(e.ctx, identity.SignUpInput{Name: " Bea ", Email: "bea@example.com", Password: goodPW, RememberMe: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"person.signed_up", "account.created", "session.created"}
	if got := e.TypesSince(t, before); !slices.Equal(got, want) {
		t.Errorf("events %v, want %v", got, want)
	}
	a := e.authed(res.Token)
	if a.User.ID != res.PersonID || a.User.Name != "Bea" || a.User.Fields["plan"] != "free" || !res.Remember {
		t.Errorf("signed up %+v as %+v", res, a.User)
	}
}

// TestSignUpRaceOneEmail: of concurrent sign-ups for one email exactly one
// wins; the others are told the user exists.
func TestSignUpRaceOneEmail(t *testing.T) {
	e := newEnv(t, nil, identity.Config{})
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			_, err := e.svc.SignUp(e.ctx, identity.SignUpInput{Name: "R", Email: "race@example.com", Password: goodPW})
			errs <- err
		}()
	}
	won := 0
	for range 8 {
		switch err := <-errs; {
		case err == nil:
			won++
		case !errors.Is(err, domain.ErrUserAlreadyExists):
			t.Errorf("loser got %v", err)
		}
	}
	if won != 1 {
		t.Errorf("%d sign-ups won, want 1", won)
	}
}
