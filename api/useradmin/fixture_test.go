package useradmin_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/api/useradmin"
	"github.com/authledger/authledger/domain"
)

// caller is the request every fixture action comes from.
var caller = app.Caller{RequestID: "R1", IP: "203.0.113.9", UserAgent: "fixture/1.0"}

// pw is every fixture user's password.
const pw = "quietly orange paddle"

// fixture is the admin use cases on the memory adapters, with a followed
// session index and the real projections.
type fixture struct {
	*apptest.Env
	t        testing.TB
	sessions *sessions.Service
	identity *identity.Service
	svc      *useradmin.Service
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	env := apptest.New(t)
	s := sessions.New(env.App, sessions.Config{})
	id, err := identity.New(env.App, s, nil, identity.Config{})
	if err != nil {
		t.Fatal(err)
	}
	svc := useradmin.New(env.App, s, id, compliance.New(env.App, compliance.Deps{}), useradmin.Config{})
	return &fixture{Env: env, t: t, sessions: s, identity: id, svc: svc}
}

// signUp signs a person up and returns them as a caller of the admin use
// cases (their session, whatever their role).
func (f *fixture) signUp(email, name string) useradmin.Admin {
	f.t.Helper()
	out, err := f.identity.SignUp(context.Background(), identity.SignUpInput{Caller: caller, Name: name, Email: email,
		Password: pw, RememberMe: true})
	if err != nil {
		f.t.Fatal(err)
	}
	return f.as(out.Token)
}

// as resolves a session token into a caller.
func (f *fixture) as(token string) useradmin.Admin {
	f.t.Helper()
	a, found, expired := f.sessions.Lookup(token)
	if !found || expired {
		f.t.Fatalf("session %s… not live", token[:4])
	}
	return useradmin.Admin{Session: a, Caller: caller}
}

// grant sets a role as the operator does and returns the caller refreshed.
func (f *fixture) grant(a useradmin.Admin, role string) useradmin.Admin {
	f.t.Helper()
	if _, err := f.svc.OperatorSetRole(context.Background(), useradmin.OperatorSetRoleInput{Caller: caller,
		Actor: "admin-cli", IDOrKey: a.Session.User.ID, Role: role}); err != nil {
		f.t.Fatal(err)
	}
	return f.as(a.Session.Token)
}

// metaOf returns the metadata of every record of the given type.
func (f *fixture) metaOf(typ string) []domain.Metadata {
	f.t.Helper()
	var out []domain.Metadata
	for _, r := range f.Records(f.t) {
		if r.Type != typ {
			continue
		}
		_, m, err := f.App.Codec.Decode(context.Background(), r)
		if err != nil {
			f.t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// wantCode checks err carries code ("" = no error).
func wantCode(t *testing.T, err error, code domain.Code) {
	t.Helper()
	if code == "" {
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != code {
		t.Fatalf("err = %v, want code %s", err, code)
	}
}

// jsonOf renders v for failure messages.
func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }

// identityUpdate is update-user (the user's own) renaming the caller.
func identityUpdate(a useradmin.Admin, name string) identity.UpdateUserInput {
	return identity.UpdateUserInput{SessionInput: identity.SessionInput{Caller: a.Caller, Session: a.Session}, Name: &name}
}
