package sessions_test

import (
	"context"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

var caller = app.Caller{RequestID: "req1", IP: "192.0.2.7", UserAgent: "test-agent"}

// signedUp appends a person and returns their id (sessions need a person
// in the index to resolve).
func signedUp(t *testing.T, env *apptest.Env) string {
	t.Helper()
	ids, _ := env.App.NewIDs(2)
	pid := ids[0]
	if err := env.App.Keys.Ensure(context.Background(), pid); err != nil {
		t.Fatal(err)
	}
	now := env.App.Now()
	evs, err := person.Decide(person.State{}, person.SignUp{PersonID: pid, Email: pid + "@example.com", Name: "Ann",
		CredentialAccountID: ids[1], At: now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Commit(context.Background(), caller.Meta(pid, now), pid,
		eventstore.Change{Stream: domain.PersonStream(pid), Expected: eventstore.NoStream, Events: evs}); err != nil {
		t.Fatal(err)
	}
	return pid
}

// open opens and appends a session for pid.
func open(t *testing.T, env *apptest.Env, svc *sessions.Service, pid string, remember bool) sessions.Opened {
	t.Helper()
	o, err := svc.Open(caller, pid, remember, env.App.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Commit(context.Background(), caller.Meta(pid, env.App.Now()), pid, o.Change); err != nil {
		t.Fatal(err)
	}
	return o
}

func TestOpenLookupAndLifetimes(t *testing.T) {
	tests := []struct {
		name     string
		remember bool
		want     time.Duration
	}{
		{"remember me", true, 7 * 24 * time.Hour},
		{"do not remember", false, sessions.DontRememberLifetime},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := apptest.New(t)
			svc := sessions.New(env.App, sessions.Config{})
			pid := signedUp(t, env)
			o := open(t, env, svc, pid, tt.remember)
			a, found, expired := svc.Lookup(o.Token)
			if !found || expired || a.User.ID != pid || a.Session.ID != o.ID {
				t.Fatalf("Lookup = %+v found=%v expired=%v", a, found, expired)
			}
			if got := a.Session.ExpiresAt.Sub(a.Session.CreatedAt); got != tt.want {
				t.Errorf("lifetime %v, want %v", got, tt.want)
			}
			if a.Session.IP != caller.IP || a.Session.UserAgent != caller.UserAgent {
				t.Errorf("session recorded %q %q, want the caller's", a.Session.IP, a.Session.UserAgent)
			}
			env.Clock.Advance(tt.want)
			if _, found, expired := svc.Lookup(o.Token); !found || !expired {
				t.Errorf("after its lifetime: found=%v expired=%v, want an expired session", found, expired)
			}
			if _, found, _ := svc.Lookup("not-a-token"); found {
				t.Error("an unknown token resolved")
			}
		})
	}
}

func TestRevokeReissueAndOthers(t *testing.T) {
	env := apptest.New(t)
	svc := sessions.New(env.App, sessions.Config{})
	ctx := context.Background()
	pid := signedUp(t, env)
	s1, s2, s3 := open(t, env, svc, pid, true), open(t, env, svc, pid, true), open(t, env, svc, pid, true)
	a1, _, _ := svc.Lookup(s1.Token)
	if got := len(svc.Others(a1)); got != 2 {
		t.Fatalf("Others = %d sessions, want 2", got)
	}
	if found, ok := svc.FindOwn(pid, s2.ID); !ok || found.ID != s2.ID {
		t.Fatalf("FindOwn by handle = %v %v", found, ok)
	}
	if found, ok := svc.FindOwn(pid, s3.Token); !ok || found.ID != s3.ID {
		t.Fatalf("FindOwn by token = %v %v", found, ok)
	}
	if err := svc.Revoke(ctx, caller, pid, pid, session.ReasonRevoked, svc.Others(a1)...); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := svc.Lookup(s2.Token); found {
		t.Error("a revoked session still resolves")
	}
	changes, fresh, err := svc.Reissue(ctx, caller, pid, session.ReasonPasswordChanged, svc.All(pid), true, env.App.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Commit(ctx, caller.Meta(pid, env.App.Now()), pid, changes...); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := svc.Lookup(s1.Token); found {
		t.Error("the reissue left the old session alive")
	}
	if a, found, _ := svc.Lookup(fresh.Token); !found || len(svc.Live(pid)) != 1 || a.Session.ID != fresh.ID {
		t.Errorf("after reissue: fresh found=%v, live=%d", found, len(svc.Live(pid)))
	}
}

func TestRefreshSlidesAndExpireRecords(t *testing.T) {
	env := apptest.New(t)
	svc := sessions.New(env.App, sessions.Config{})
	ctx := context.Background()
	pid := signedUp(t, env)
	o := open(t, env, svc, pid, true)
	a, _, _ := svc.Lookup(o.Token)
	env.Clock.Advance(48 * time.Hour)
	if err := svc.Refresh(ctx, caller, a); err != nil {
		t.Fatal(err)
	}
	b, _, _ := svc.Lookup(o.Token)
	if !b.Session.ExpiresAt.After(a.Session.ExpiresAt) {
		t.Fatalf("refresh kept the expiry at %v (was %v)", b.Session.ExpiresAt, a.Session.ExpiresAt)
	}
	env.Clock.Advance(8 * 24 * time.Hour)
	svc.Expire(ctx, caller, b)
	types := env.Types(t)
	if types[len(types)-1] != session.TypeExpired || types[len(types)-2] != session.TypeRefreshed {
		t.Fatalf("log ends %v, want refreshed then expired", types[len(types)-2:])
	}
}
