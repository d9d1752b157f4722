package mailer_test

import (
	"testing"

	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/api/mailer/mailertest"
	"github.com/authledger/authledger/api/sessions"
)

// mailEnv is a test kernel whose mailer records what it sends, with the
// sessions and identity use cases to create people.
type mailEnv struct {
	*apptest.Env
	rec  *mailertest.Recorder
	sess *sessions.Service
	ids  *identity.Service
}

func newMailEnv(t *testing.T) mailEnv {
	t.Helper()
	env := apptest.New(t)
	rec := &mailertest.Recorder{}
	rec.Bind(env.App, mailer.Config{BaseURL: base})
	sess := sessions.New(env.App, sessions.Config{})
	ids, err := identity.New(env.App, sess, nil, identity.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return mailEnv{Env: env, rec: rec, sess: sess, ids: ids}
}

// signUp signs a person up with a password and returns the sign-up.
func (e mailEnv) signUp(t *testing.T, name, email string) identity.SignedIn {
	t.Helper()
	res, err := e.ids.SignUp(t.Context(), identity.SignUpInput{Caller: caller, Name: name, Email: email,
		Password: "correct horse 1", RememberMe: true})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
