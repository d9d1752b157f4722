package deletion_test

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/deletion"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/api/mailer/mailertest"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

var caller = app.Caller{RequestID: "req-1", IP: "192.0.2.1", UserAgent: "test"}

const goodPW = "correct horse 1"

type fixture struct {
	*apptest.Env
	t    *testing.T
	rec  *mailertest.Recorder
	sess *sessions.Service
	ids  *identity.Service
	svc  *deletion.Service
}

func newFixture(t *testing.T, cfg deletion.Config) *fixture {
	env := apptest.New(t)
	sess := sessions.New(env.App, sessions.Config{FreshAge: 24 * time.Hour})
	ids, err := identity.New(env.App, sess, nil, identity.Config{})
	if err != nil {
		t.Fatal(err)
	}
	rec := &mailertest.Recorder{}
	cfg.Mailer, cfg.BaseURL = rec, "http://127.0.0.1:8080"
	svc := deletion.New(env.App, sess, ids.Passwords(), compliance.New(env.App, compliance.Deps{}), cfg)
	rec.Bind(env.App, mailer.Config{BaseURL: cfg.BaseURL})
	return &fixture{Env: env, t: t, rec: rec, sess: sess, ids: ids, svc: svc}
}

func (f *fixture) signUp(addr string) sessions.Authed {
	f.t.Helper()
	res, err := f.ids.SignUp(context.Background(), identity.SignUpInput{Caller: caller, Name: "Ann", Email: addr, Password: goodPW, RememberMe: true})
	if err != nil {
		f.t.Fatal(err)
	}
	a, _, _ := f.sess.Lookup(res.Token)
	return a
}

// gone checks the person was erased: the erasure appended, the email is
// free and the session is dead.
func (f *fixture) gone(a sessions.Authed, pos eventstore.Position) {
	f.t.Helper()
	if types := f.TypesSince(f.t, pos); !slices.Contains(types, person.TypeErased) {
		f.t.Errorf("appended %v, want person.erased", types)
	}
	if _, err := f.App.Owner(context.Background(), "email", a.User.Email); err == nil {
		f.t.Error("email still claimed")
	}
	if _, ok, _ := f.sess.Lookup(a.Token); ok {
		f.t.Error("session still live")
	}
}

func TestDeleteWithPasswordOrFreshSession(t *testing.T) {
	f := newFixture(t, deletion.Config{Enabled: true})
	ann := f.signUp("ann@example.com")
	pos := f.Head(t)
	_, err := f.svc.Delete(context.Background(), deletion.DeleteInput{Caller: caller, Authed: ann, Password: "wrong horse 1"})
	if !errors.Is(err, domain.ErrInvalidPassword) || len(f.TypesSince(t, pos)) != 0 {
		t.Fatalf("wrong password: %v, appended %v", err, f.TypesSince(t, pos))
	}
	res, err := f.svc.Delete(context.Background(), deletion.DeleteInput{Caller: caller, Authed: ann, Password: goodPW})
	if err != nil || !res.Deleted {
		t.Fatalf("Delete = %+v, %v", res, err)
	}
	f.gone(ann, pos)

	bob := f.signUp("bob@example.com")
	f.Clock.Advance(25 * time.Hour)
	pos = f.Head(t)
	if _, err := f.svc.Delete(context.Background(), deletion.DeleteInput{Caller: caller, Authed: bob}); !errors.Is(err, sessions.ErrSessionNotFresh) {
		t.Errorf("stale session: %v, want SESSION_NOT_FRESH", err)
	}
	if n := len(f.TypesSince(t, pos)); n != 0 {
		t.Errorf("refusal appended %d events", n)
	}
	carol := f.signUp("carol@example.com")
	pos = f.Head(t)
	if _, err := f.svc.Delete(context.Background(), deletion.DeleteInput{Caller: caller, Authed: carol}); err != nil {
		t.Fatalf("fresh session: %v", err)
	}
	f.gone(carol, pos)
}

var linkRE = regexp.MustCompile(`/api/auth/delete-user/callback\?token=([A-Za-z0-9_-]+)&callbackURL=`)

func TestDeleteByEmail(t *testing.T) {
	f := newFixture(t, deletion.Config{Enabled: true, ByEmail: true})
	ann, bob := f.signUp("ann@example.com"), f.signUp("bob@example.com")
	res, err := f.svc.Delete(context.Background(), deletion.DeleteInput{Caller: caller, Authed: ann, CallbackURL: "/bye"})
	if err != nil || !res.Mailed || res.Deleted {
		t.Fatalf("Delete = %+v, %v; want a mailed link", res, err)
	}
	msgs := f.rec.Messages()
	m := linkRE.FindStringSubmatch(msgs[len(msgs)-1].Text)
	if len(msgs) != 1 || msgs[0].To != "ann@example.com" || m == nil {
		t.Fatalf("mails %+v", msgs)
	}
	pos := f.Head(t)
	for _, tt := range []struct {
		name   string
		authed *sessions.Authed
		token  string
		want   error
	}{
		{"no session", nil, m[1], deletion.ErrFailedToGetUserInfo},
		{"another person's session", &bob, m[1], person.ErrInvalidToken},
		{"made-up token", &ann, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", person.ErrInvalidToken},
	} {
		if err := f.svc.Callback(context.Background(), deletion.CallbackInput{Caller: caller, Authed: tt.authed, Token: tt.token}); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	if n := len(f.TypesSince(t, pos)); n != 0 {
		t.Errorf("refusals appended %d events", n)
	}
	if err := f.svc.Callback(context.Background(), deletion.CallbackInput{Caller: caller, Authed: &ann, Token: m[1]}); err != nil {
		t.Fatalf("Callback: %v", err)
	}
	f.gone(ann, pos)
}

func TestDeleteDisabled(t *testing.T) {
	f := newFixture(t, deletion.Config{})
	ann := f.signUp("ann@example.com")
	if _, err := f.svc.Delete(context.Background(), deletion.DeleteInput{Caller: caller, Authed: ann, Password: goodPW}); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("disabled: %v, want NOT_FOUND", err)
	}
}
