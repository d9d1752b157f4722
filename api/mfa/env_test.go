package mfa_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/api/mailer/mailertest"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/totp"
)

const goodPW = "correct horse 3"

// env is the two-factor use cases (with the identity core they sign in
// through) on the memory adapters, the session index following the log.
type env struct {
	*apptest.Env
	t    testing.TB
	ctx  context.Context
	sess *sessions.Service
	mfa  *mfa.Service
	ids  *identity.Service
}

func newEnv(t testing.TB, cfg mfa.Config) *env {
	t.Helper()
	e := apptest.New(t, apptest.WithoutProjections())
	sess := sessions.New(e.App, sessions.Config{})
	m := mfa.New(e.App, sess, identity.NewPasswords(e.App, password.DefaultPolicy()), cfg)
	if rec, ok := cfg.Mailer.(*mailertest.Recorder); ok {
		rec.Bind(e.App, mailer.Config{OTPSubject: cfg.OTPSubject})
	}
	ids, err := identity.New(e.App, sess, m, identity.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return &env{Env: e, t: t, ctx: context.Background(), sess: sess, mfa: m, ids: ids}
}

func (e *env) authed(token string) sessions.Authed {
	e.t.Helper()
	a, found, expired := e.sess.Lookup(token)
	if !found || expired {
		e.t.Fatalf("token not live (found %v, expired %v)", found, expired)
	}
	return a
}

// signUp creates a person and returns their session.
func (e *env) signUp(addr string) sessions.Authed {
	e.t.Helper()
	res, err := e.ids.SignUp(e.ctx, identity.SignUpInput{Name: "Alice A.", Email: addr, Password: goodPW, RememberMe: true})
	if err != nil {
		e.t.Fatal(err)
	}
	return e.authed(res.Token)
}

// pw is a password-protected action by a.
func pw(a sessions.Authed, password string) mfa.PasswordInput {
	return mfa.PasswordInput{Session: a, Password: password}
}

// enrolled signs a person up and turns TOTP on; it returns the session
// after enrolment, the secret and the backup codes.
func (e *env) enrolled(addr string) (sessions.Authed, string, []string) {
	e.t.Helper()
	a := e.signUp(addr)
	en, err := e.mfa.Enable(e.ctx, mfa.EnableInput{PasswordInput: pw(a, goodPW)})
	if err != nil {
		e.t.Fatal(err)
	}
	secret := secretOf(e.t, en.TOTPURI)
	v, err := e.mfa.Verify(e.ctx, mfa.VerifyInput{Method: "totp", Code: e.code(secret), Token: a.Token})
	if err != nil {
		e.t.Fatal(err)
	}
	e.Clock.Advance(30 * time.Second) // the enrolment's time step is spent
	return e.authed(v.Token), secret, en.BackupCodes
}

// code is the TOTP code of secret now.
func (e *env) code(secret string) string {
	e.t.Helper()
	key, err := totp.DecodeSecret(secret)
	if err != nil {
		e.t.Fatal(err)
	}
	return totp.Code(key, totp.Step(e.Clock.Now()))
}

func secretOf(t testing.TB, uri string) string {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "otpauth" {
		t.Fatalf("totpURI %q: %v", uri, err)
	}
	return u.Query().Get("secret")
}

func codeOf(err error) domain.Code {
	if err == nil {
		return ""
	}
	return domain.CodeOf(err)
}
