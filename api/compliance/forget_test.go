package compliance_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// countingScrubber records how often an erasure asked for a scrub.
type countingScrubber struct{ n int }

func (s *countingScrubber) Scrub(context.Context) error { s.n++; return nil }

// TestForget: an erasure revokes every live session (found in the index
// of a server, or in the log by a one-shot process), releases the email,
// appends person.erased, destroys the key and scrubs; a second erasure
// appends nothing; unknown and malformed ids are not found and append
// nothing.
func TestForget(t *testing.T) {
	for _, withIndex := range []bool{true, false} {
		scrub := &countingScrubber{}
		f := newFixture(t, compliance.Deps{Scrubber: scrub}, withIndex)
		alice, s1 := f.signUp("alice@example.com", "Alice")
		o, err := f.sessions.Open(caller, alice, true, f.App.Now())
		if err == nil {
			_, err = f.App.Commit(context.Background(), caller.Meta(alice, f.App.Now()), alice, o.Change)
		}
		if err != nil {
			t.Fatal(err)
		}
		bob, _ := f.signUp("bob@example.com", "Bob")
		if err := f.App.Settle(context.Background(), f.Head(t)); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name, id  string
			wantErr   error
			wantTypes []string
			already   bool
		}{
			{"unknown person", "P0000000000000000000000000000404", domain.ErrNotFound, nil, false},
			{"malformed id", "x", domain.ErrNotFound, nil, false},
			{"erase", alice, nil, []string{"session.revoked", "session.revoked", "person.erased"}, false},
			{"erase again", alice, nil, nil, true},
		}
		for _, tt := range tests {
			before := f.Head(t)
			res, err := f.svc.Forget(context.Background(), compliance.ForgetInput{Caller: caller, Actor: "admin", PersonID: tt.id})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("index %v, %s: err %v, want %v", withIndex, tt.name, err, tt.wantErr)
			}
			got := f.TypesSince(t, before)
			if strings.Join(got, ",") != strings.Join(tt.wantTypes, ",") || res.AlreadyErased != tt.already {
				t.Errorf("index %v, %s: appended %v (already %v), want %v", withIndex, tt.name, got, res.AlreadyErased, tt.wantTypes)
			}
		}
		checkErased(t, f, alice, []string{s1, o.ID})
		if scrub.n != 2 {
			t.Errorf("index %v: %d scrubs, want one per erasure call", withIndex, scrub.n)
		}
		if _, err := f.Read.GetPerson(context.Background(), bob); err != nil {
			t.Errorf("index %v: bob's row after alice's erasure: %v", withIndex, err)
		}
	}
}

// checkErased: the key is gone, the sign-up decodes without PII, the
// email is free, the people row is dropped and every session revoked.
func checkErased(t *testing.T, f *fixture, id string, sessionIDs []string) {
	t.Helper()
	ctx := context.Background()
	if _, err := f.Store.Keys().GetKey(ctx, id); !errors.Is(err, eventstore.ErrKeyNotFound) {
		t.Errorf("data key after erasure: %v", err)
	}
	if _, err := f.App.Owner(ctx, "email", "alice@example.com"); !errors.Is(err, eventstore.ErrClaimNotFound) {
		t.Errorf("email claim after erasure: %v", err)
	}
	if _, err := f.Read.GetPerson(ctx, id); !errors.Is(err, ontology.ErrNotFound) {
		t.Errorf("people row after erasure: %v", err)
	}
	var revoked []string
	for _, rec := range f.Records(t) {
		ev, meta, err := f.App.Codec.Decode(ctx, rec)
		if err != nil {
			t.Fatal(err)
		}
		if su, ok := ev.(person.SignedUp); ok && su.PersonID == id && (su.Email != "" || su.Name != "" || meta.IP != "") {
			t.Errorf("sign-up still readable: %+v %+v", su, meta)
		}
		if rec.Type == "session.revoked" {
			revoked = append(revoked, strings.TrimPrefix(rec.Stream, "session-"))
		}
	}
	slices.Sort(revoked)
	slices.Sort(sessionIDs)
	if !slices.Equal(revoked, sessionIDs) {
		t.Errorf("revoked sessions %v, want %v", revoked, sessionIDs)
	}
}

// TestForgetReleasesExternalAccounts: the (provider, subject) claims of a
// person's external accounts are released with the erasure (another
// person's stay), so the provider account can sign up again afterwards.
func TestForgetReleasesExternalAccounts(t *testing.T) {
	f := newFixture(t, compliance.Deps{}, true)
	ctx := context.Background()
	alice, _ := f.signUp("alice@example.com", "Alice")
	bob, _ := f.signUp("bob@example.com", "Bob")
	external := func(personID, subject string) eventstore.Claim {
		ids, _ := f.App.NewIDs(1)
		evs, err := account.Decide(account.State{}, account.Create{AccountID: ids[0], PersonID: personID,
			ProviderID: "corp", Subject: subject, At: f.App.Now()})
		if err != nil {
			t.Fatal(err)
		}
		stream := account.Stream(ids[0])
		c := f.App.Claim("account", account.ExternalKey("corp", subject), stream)
		_, linked, err := app.Decide(ctx, f.App, person.NewDecider(), domain.PersonStream(personID),
			func(person.State) person.Command {
				return person.LinkAccount{AccountID: ids[0], ProviderID: "corp", Subject: subject, At: f.App.Now()}
			})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.App.Commit(ctx, caller.Meta(personID, f.App.Now()), personID, linked, eventstore.Change{Stream: stream,
			Expected: eventstore.NoStream, Events: evs, Claims: []eventstore.Claim{c}}); err != nil {
			t.Fatal(err)
		}
		return c
	}
	aliceClaim, bobClaim := external(alice, "corp-alice"), external(bob, "corp-bob")
	if _, err := f.svc.Forget(ctx, compliance.ForgetInput{Caller: caller, Actor: "admin", PersonID: alice}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Store.LookupClaim(ctx, aliceClaim.Kind, aliceClaim.Key); !errors.Is(err, eventstore.ErrClaimNotFound) {
		t.Errorf("alice's external account is still claimed (%v)", err)
	}
	if owner, err := f.Store.LookupClaim(ctx, bobClaim.Kind, bobClaim.Key); err != nil || owner != bobClaim.Owner {
		t.Errorf("bob's external account claim = %q, %v; want it kept", owner, err)
	}
}
