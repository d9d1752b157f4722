package identity_test

import (
	"slices"
	"testing"
	"time"

	"github.com/authledger/authledger/api/identity"
)

// TestSetActiveDeviceSession resolves a live device session without
// appending; an expired one is recorded and refused, an unknown one
// refused.
func TestSetActiveDeviceSession(t *testing.T) {
	e := newEnv(t, nil, identity.Config{})
	ann, bob := e.signUp("ann@example.com"), e.signUp("bob@example.com")
	before := e.Head(t)
	got, err := e.svc.SetActiveDeviceSession(e.ctx, bob.Token, noCaller)
	if err != nil || got.User.ID != bob.User.ID || got.Token != bob.Token {
		t.Fatalf("set active: %+v %v", got, err)
	}
	if evs := e.TypesSince(t, before); len(evs) != 0 {
		t.Errorf("switching appended %v", evs)
	}
	if _, err := e.svc.SetActiveDeviceSession(e.ctx, "unknownunknownunknownunknown1234", noCaller); codeOf(err) != identity.CodeInvalidSessionToken {
		t.Errorf("unknown token: %v", err)
	}
	e.Clock.Advance(8 * 24 * time.Hour)
	if _, err := e.svc.SetActiveDeviceSession(e.ctx, ann.Token, noCaller); codeOf(err) != identity.CodeInvalidSessionToken {
		t.Errorf("expired token: %v", err)
	}
	if evs := e.TypesSince(t, before); !slices.Equal(evs, []string{"session.expired"}) {
		t.Errorf("events %v, want session.expired", evs)
	}
}

// TestRevokeDeviceSession revokes another person's session held by the
// device, then the caller's own, which hands over to the next live one,
// then the last, which leaves none.
func TestRevokeDeviceSession(t *testing.T) {
	e := newEnv(t, nil, identity.Config{})
	ann, bob, cat := e.signUp("ann@example.com"), e.signUp("bob@example.com"), e.signUp("cat@example.com")
	device := []string{ann.Token, bob.Token, cat.Token}
	revoke := func(caller, target string) identity.DeviceRevoked {
		t.Helper()
		res, err := e.svc.RevokeDeviceSession(e.ctx, identity.RevokeDeviceSessionInput{
			SessionInput: identity.SessionInput{Session: e.authed(caller)}, Target: target, Device: device})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	before := e.Head(t)
	if res := revoke(ann.Token, cat.Token); res.WasActive {
		t.Errorf("revoking another session changed the active one: %+v", res)
	}
	if _, found, _ := e.sess.Lookup(cat.Token); found {
		t.Error("cat's session survived")
	}
	res := revoke(ann.Token, ann.Token)
	if !res.WasActive || !res.Found || res.Next.Token != bob.Token {
		t.Errorf("revoking the active session: %+v, want bob's next", res)
	}
	if res := revoke(bob.Token, bob.Token); !res.WasActive || res.Found {
		t.Errorf("revoking the last session: %+v, want none next", res)
	}
	if evs := e.TypesSince(t, before); !slices.Equal(evs, []string{"session.revoked", "session.revoked", "session.revoked"}) {
		t.Errorf("events %v", evs)
	}
}
