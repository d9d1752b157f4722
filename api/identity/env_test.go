package identity_test

import (
	"context"
	"testing"

	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
)

const goodPW = "correct horse 1"

// env is the identity use cases on the memory adapters, with the session
// index following the log (as a server's does).
type env struct {
	*apptest.Env
	t    testing.TB
	ctx  context.Context
	sess *sessions.Service
	svc  *identity.Service
}

func newEnv(t testing.TB, second identity.SecondFactor, cfg identity.Config) *env {
	t.Helper()
	e := apptest.New(t, apptest.WithoutProjections())
	sess := sessions.New(e.App, sessions.Config{})
	svc, err := identity.New(e.App, sess, second, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &env{Env: e, t: t, ctx: context.Background(), sess: sess, svc: svc}
}

// signUp creates a person and returns their first session.
func (e *env) signUp(addr string) sessions.Authed {
	e.t.Helper()
	res, err := e.svc.SignUp(e.ctx, identity.SignUpInput{Name: "Ann Example", Email: addr, Password: goodPW, RememberMe: true})
	if err != nil {
		e.t.Fatalf("sign-up %s: %v", addr, err)
	}
	return e.authed(res.Token)
}

// authed resolves a token that must be live.
func (e *env) authed(token string) sessions.Authed {
	e.t.Helper()
	a, found, expired := e.sess.Lookup(token)
	if !found || expired {
		e.t.Fatalf("token not live (found %v, expired %v)", found, expired)
	}
	return a
}

// codeOf is the error's code, "" for none.
func codeOf(err error) domain.Code {
	if err == nil {
		return ""
	}
	return domain.CodeOf(err)
}
