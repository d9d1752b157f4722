package social_test

import (
	"context"
	"testing"

	"github.com/authledger/authledger/api/hooks"
	"github.com/authledger/authledger/api/social"
)

// policy is a before-hook (the operator's code) that refuses the kinds
// listed and records what it was asked.
type policy struct {
	refuse map[hooks.Kind]bool
	asked  []hooks.Request
}

func (p *policy) Check(_ context.Context, req hooks.Request) (hooks.Decision, error) {
	p.asked = append(p.asked, req)
	if p.refuse[req.Kind] {
		return hooks.Decision{Code: "NOT_HERE", Message: "no"}, nil
	}
	return hooks.Decision{Allow: true}, nil
}

// withHook rebuilds e's social service with the before-hook p.
func withHook(e *env, p *policy) {
	e.svc = social.New(e.App, e.sess, social.Config{BaseURL: "http://auth.test",
		Hooks: hooks.New(e.App, hooks.Config{Before: p}),
		Providers: []social.Provider{{ID: "op", Issuer: e.op.srv.URL, ClientID: "client-1", ClientSecret: "s1",
			Scopes: []string{"email"}, Trusted: true}}})
}

// TestBeforeHookSocialSignUp: a refused first social sign-in creates no
// person and ends the flow with unable_to_create_user, recorded.
func TestBeforeHookSocialSignUp(t *testing.T) {
	e := newEnv(t)
	p := &policy{refuse: map[hooks.Kind]bool{hooks.SignUp: true}}
	withHook(e, p)
	head := e.Head(t)
	res := e.round("op", ada("sub-1", true))
	if res.Error != "unable_to_create_user" || res.Token != "" || res.ErrorURL != "/oops" {
		t.Fatalf("refused social sign-up = %+v", res)
	}
	got := e.CountsSince(t, head)
	if got["person.signed_up"] != 0 || got["session.created"] != 0 || got["hook.refused"] != 1 || got["social.sign_in_failed"] != 1 {
		t.Fatalf("events after a refused social sign-up: %v", got)
	}
	if len(p.asked) != 1 || p.asked[0].Email != "ada@example.com" || p.asked[0].Provider != "op" || p.asked[0].UserID != "" {
		t.Fatalf("the hook was asked %+v", p.asked)
	}
}

// TestBeforeHookSocialSignIn: an existing person's social sign-in is
// asked as a sign-in; refused, it opens no session.
func TestBeforeHookSocialSignIn(t *testing.T) {
	e := newEnv(t)
	first := e.round("op", ada("sub-1", true))
	p := &policy{refuse: map[hooks.Kind]bool{hooks.SignIn: true}}
	withHook(e, p)
	head := e.Head(t)
	res := e.round("op", ada("sub-1", true))
	if res.Error != "unable_to_create_session" || res.Token != "" {
		t.Fatalf("refused social sign-in = %+v", res)
	}
	if got := e.CountsSince(t, head); got["session.created"] != 0 || got["hook.refused"] != 1 {
		t.Fatalf("events after a refused social sign-in: %v", got)
	}
	if len(p.asked) != 1 || p.asked[0].Kind != hooks.SignIn || p.asked[0].UserID != first.PersonID {
		t.Fatalf("the hook was asked %+v", p.asked)
	}
	p.refuse = nil
	if ok := e.round("op", ada("sub-1", true)); ok.Error != "" || ok.Token == "" {
		t.Fatalf("allowed social sign-in = %+v", ok)
	}
}
