package projections

import (
	"context"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/social"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

// TestLastSignInMethod: each kind of sign-in sets last_sign_in_at and
// last_sign_in_method together; the second step of a password sign-in is
// a password sign-in; a link-social flow and a code that completes no
// sign-in change neither.
func TestLastSignInMethod(t *testing.T) {
	const pid = "P0000000000000000000000000000001"
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	ctx := context.Background()
	tx, err := ontmemory.New().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	k := Knowledge()
	for i, c := range []struct {
		ev         domain.Event
		wantAt     time.Time
		wantMethod string
	}{
		{account.SignInSucceeded{PersonID: pid, SessionID: "S1", At: at}, at, `"password"`},
		{authenticator.Used{PersonID: pid, PasskeyID: "K1", SessionID: "S2", At: at.Add(time.Minute)}, at.Add(time.Minute), `"passkey"`},
		{social.Succeeded{ProviderID: "google", PersonID: pid, SessionID: "S3", At: at.Add(2 * time.Minute)}, at.Add(2 * time.Minute), `"social"`},
		{social.Succeeded{ProviderID: "github", PersonID: pid, Linked: true, At: at.Add(3 * time.Minute)}, at.Add(2 * time.Minute), `"social"`},
		{twofactor.CodeAccepted{PersonID: pid, Method: "totp", At: at.Add(4 * time.Minute)}, at.Add(2 * time.Minute), `"social"`},
		{twofactor.CodeAccepted{PersonID: pid, Method: "totp", ChallengeID: "C1", SessionID: "S4", At: at.Add(5 * time.Minute)},
			at.Add(5 * time.Minute), `"password"`},
	} {
		rec := eventstore.Record{Type: c.ev.EventType(), Position: eventstore.Position{Lo: uint64(i + 1)}}
		if err := k.Apply(ctx, tx, rec, c.ev, domain.Metadata{Actor: pid}); err != nil {
			t.Fatal(err)
		}
		when, err := tx.GetFact(ctx, pid, FactLastSignInAt)
		if err != nil {
			t.Fatal(err)
		}
		how, err := tx.GetFact(ctx, pid, FactLastSignInMethod)
		if err != nil {
			t.Fatal(err)
		}
		if string(when.Value) != `"`+timeValue(c.wantAt)+`"` || string(how.Value) != c.wantMethod {
			t.Errorf("after %s #%d: last sign-in %s by %s, want %s by %s", rec.Type, i, when.Value, how.Value,
				timeValue(c.wantAt), c.wantMethod)
		}
	}
}

// TestPeopleLastSignInAt: the people row's last_sign_in_at follows the
// completed sign-ins, leaves updated_at alone, and ignores a link-social
// flow and a code that completes no sign-in.
func TestPeopleLastSignInAt(t *testing.T) {
	const pid = "P0000000000000000000000000000001"
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	ctx := context.Background()
	tx, err := ontmemory.New().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	p := People()
	for i, c := range []struct {
		ev     domain.Event
		wantAt time.Time // zero: none yet
	}{
		{person.SignedUp{PersonID: pid, Email: "a@example.com", Name: "A", Role: "user", At: at}, time.Time{}},
		{account.SignInSucceeded{PersonID: pid, SessionID: "S1", At: at.Add(time.Minute)}, at.Add(time.Minute)},
		{authenticator.Used{PersonID: pid, PasskeyID: "K1", SessionID: "S2", At: at.Add(2 * time.Minute)}, at.Add(2 * time.Minute)},
		{social.Succeeded{ProviderID: "github", PersonID: pid, Linked: true, At: at.Add(3 * time.Minute)}, at.Add(2 * time.Minute)},
		{social.Succeeded{ProviderID: "google", PersonID: pid, SessionID: "S3", At: at.Add(4 * time.Minute)}, at.Add(4 * time.Minute)},
		{twofactor.CodeAccepted{PersonID: pid, Method: "totp", At: at.Add(5 * time.Minute)}, at.Add(4 * time.Minute)},
		{twofactor.CodeAccepted{PersonID: pid, Method: "totp", ChallengeID: "C1", SessionID: "S4", At: at.Add(6 * time.Minute)},
			at.Add(6 * time.Minute)},
	} {
		rec := eventstore.Record{Type: c.ev.EventType(), Position: eventstore.Position{Lo: uint64(i + 1)}}
		if err := p.Apply(ctx, tx, rec, c.ev, domain.Metadata{Actor: pid}); err != nil {
			t.Fatal(err)
		}
		row, err := tx.GetPerson(ctx, pid)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case c.wantAt.IsZero() && row.LastSignInAt != nil:
			t.Errorf("after %s: last sign-in %v, want none", rec.Type, row.LastSignInAt)
		case !c.wantAt.IsZero() && (row.LastSignInAt == nil || !row.LastSignInAt.Equal(c.wantAt)):
			t.Errorf("after %s: last sign-in %v, want %v", rec.Type, row.LastSignInAt, c.wantAt)
		}
		if !row.UpdatedAt.Equal(at) {
			t.Errorf("after %s: updated_at %v, want the sign-up's", rec.Type, row.UpdatedAt)
		}
	}
}
