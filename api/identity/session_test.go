package identity_test

import (
	"slices"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/identity"
)

func noCaller() app.Caller { return app.Caller{RequestID: "test"} }

// TestGetSession drives GetSession: a fresh session is answered without an
// append; after UpdateAge it is refreshed (unless refresh is disabled or
// the session is not remembered); past its expiry it is recorded as
// expired and not found.
func TestGetSession(t *testing.T) {
	cases := []struct {
		name      string
		advance   time.Duration
		in        identity.GetSessionInput
		found     bool
		refreshed bool
		events    []string
	}{
		{"fresh", time.Hour, identity.GetSessionInput{}, true, false, []string{}},
		{"due for refresh", 25 * time.Hour, identity.GetSessionInput{}, true, true, []string{"session.refreshed"}},
		{"refresh disabled", 25 * time.Hour, identity.GetSessionInput{DisableRefresh: true}, true, false, []string{}},
		{"not remembered", 25 * time.Hour, identity.GetSessionInput{DontRemember: true}, true, false, []string{}},
		{"expired", 8 * 24 * time.Hour, identity.GetSessionInput{}, false, false, []string{"session.expired"}},
		{"unknown token", 0, identity.GetSessionInput{Token: "unknown"}, false, false, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, nil, identity.Config{})
			a := e.signUp("s@example.com")
			e.Clock.Advance(c.advance)
			if c.in.Token == "" {
				c.in.Token = a.Token
			}
			before := e.Head(t)
			got, err := e.svc.GetSession(e.ctx, c.in, noCaller)
			if err != nil {
				t.Fatal(err)
			}
			if got.Found != c.found || got.Refreshed != c.refreshed {
				t.Errorf("found %v refreshed %v, want %v %v", got.Found, got.Refreshed, c.found, c.refreshed)
			}
			if c.found && got.Session.ID != a.Session.ID {
				t.Errorf("session %q, want %q", got.Session.ID, a.Session.ID)
			}
			if c.refreshed && !got.Session.ExpiresAt.After(a.Session.ExpiresAt) {
				t.Errorf("refresh did not slide the expiry: %v", got.Session.ExpiresAt)
			}
			if ev := e.TypesSince(t, before); !slices.Equal(ev, c.events) {
				t.Errorf("events %v, want %v", ev, c.events)
			}
		})
	}
}

// TestListDeviceSessions keeps one live session per person, in order.
func TestListDeviceSessions(t *testing.T) {
	e := newEnv(t, nil, identity.Config{})
	ann, bob := e.signUp("ann@example.com"), e.signUp("bob@example.com")
	res, err := e.svc.SignIn(e.ctx, identity.SignInInput{Email: "ann@example.com", Password: goodPW})
	if err != nil {
		t.Fatal(err)
	}
	got := e.svc.ListDeviceSessions(e.ctx, []string{bob.Token, "forged", ann.Token, res.Token})
	if len(got) != 2 || got[0].User.ID != bob.User.ID || got[1].Session.ID != ann.Session.ID {
		t.Errorf("device sessions %+v", got)
	}
	if n := len(e.svc.ListSessions(e.ctx, ann)); n != 2 {
		t.Errorf("ann has %d live sessions, want 2", n)
	}
}
