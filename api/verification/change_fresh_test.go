package verification_test

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/api/verification"
)

// TestChangeEmailNeedsFreshSession: on a session signed in longer than
// the fresh age ago change-email is SESSION_NOT_FRESH, records and mails
// nothing (a fresh session may: the other change-email tests).
func TestChangeEmailNeedsFreshSession(t *testing.T) {
	f := newFixture(t, verification.Config{ChangeEmail: true})
	_, alice := f.signUp("alice@example.com")
	f.Clock.Advance(sessions.DefaultFreshAge + time.Minute)
	pos := f.Head(t)
	if err := f.change(alice, "new@example.com"); !errors.Is(err, sessions.ErrSessionNotFresh) {
		t.Fatalf("change-email on a stale session: %v, want SESSION_NOT_FRESH", err)
	}
	f.svc.Wait()
	if types := f.TypesSince(t, pos); len(types) != 0 || len(f.rec.Messages()) != 0 {
		t.Errorf("a refused change appended %v and mailed %d", types, len(f.rec.Messages()))
	}
}
