package projections

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/social"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

// TestSocialProjections folds a social sign-up, a sign-in, a link-social
// flow, a refused flow and an unlink through every projector: the
// person's last sign-in names the provider, each provider's counters
// count its outcomes, and the external account is a linked_account edge
// (the credential account a has_account one) removed by the unlink.
func TestSocialProjections(t *testing.T) {
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	const pid, cred, ext, ext2 = "P0000000000000000000000000000001", "A0000000000000000000000000000001",
		"A0000000000000000000000000000002", "A0000000000000000000000000000003"
	ctx := context.Background()
	tx, err := ontmemory.New().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	pos := uint64(0)
	apply := func(evs ...domain.Event) {
		t.Helper()
		for _, ev := range evs {
			pos++
			rec := eventstore.Record{Type: ev.EventType(), Position: eventstore.Position{Lo: pos}}
			for _, p := range All() {
				if p.Handles(rec.Type) {
					if err := p.Apply(ctx, tx, rec, ev, domain.Metadata{Actor: pid}); err != nil {
						t.Fatalf("%s: %v", p.Name(), err)
					}
				}
			}
		}
	}
	apply(person.SignedUp{PersonID: pid, Email: "a@example.com", Name: "A", Role: "user", At: at},
		account.Created{AccountID: cred, PersonID: pid, ProviderID: account.ProviderCredential, At: at},
		account.Created{AccountID: ext, PersonID: pid, ProviderID: "google", Subject: "g-1", At: at},
		social.Succeeded{FlowID: "F1", ProviderID: "google", PersonID: pid, AccountID: ext, SessionID: "S1", NewUser: true, At: at},
		social.Succeeded{FlowID: "F2", ProviderID: "google", PersonID: pid, AccountID: ext, SessionID: "S2", At: at.Add(time.Minute)},
		account.Created{AccountID: ext2, PersonID: pid, ProviderID: "github", Subject: "42", Linked: true, At: at},
		social.Succeeded{FlowID: "F3", ProviderID: "github", PersonID: pid, AccountID: ext2, Linked: true, At: at.Add(2 * time.Minute)},
		social.Failed{FlowID: "F4", ProviderID: "github", Reason: "state_mismatch", At: at.Add(3 * time.Minute)},
		social.Failed{FlowID: "F5", ProviderID: "github", Reason: "access_denied", At: at.Add(4 * time.Minute)})
	fact := func(subject, key string) string {
		t.Helper()
		f, err := tx.GetFact(ctx, subject, key)
		if err != nil {
			return "missing"
		}
		return string(f.Value)
	}
	for _, c := range []struct{ subject, key, want string }{
		{pid, FactLastSignInAt, `"2026-12-07T09:01:00Z"`}, // the link flow is no sign-in
		{pid, FactLastSignInProvider, `"google"`},
		{ProviderSubject("google"), FactSignIns, "2"},
		{ProviderSubject("google"), FactSignUps, "1"},
		{ProviderSubject("google"), FactLinks, "missing"},
		{ProviderSubject("google"), FactRefusedSignIns, "missing"},
		{ProviderSubject("github"), FactSignIns, "missing"},
		{ProviderSubject("github"), FactLinks, "1"},
		{ProviderSubject("github"), FactRefusedSignIns, "2"},
	} {
		if got := fact(c.subject, c.key); got != c.want {
			t.Errorf("%s %s = %s, want %s", c.subject, c.key, got, c.want)
		}
	}
	edge := func(rel, acc string) bool {
		_, err := tx.GetConnection(ctx, ConnectionID(pid, rel, acc))
		return err == nil
	}
	if !edge(RelationHasAccount, cred) || !edge(RelationLinkedAccount, ext) || edge(RelationHasAccount, ext) {
		t.Errorf("edges: credential has_account %v, google linked_account %v (has_account %v)",
			edge(RelationHasAccount, cred), edge(RelationLinkedAccount, ext), edge(RelationHasAccount, ext))
	}
	apply(account.Unlinked{AccountID: ext, PersonID: pid, ProviderID: "google", At: at.Add(5 * time.Minute)})
	if _, err := tx.GetConnection(ctx, ConnectionID(pid, RelationLinkedAccount, ext)); !errors.Is(err, ontology.ErrNotFound) {
		t.Errorf("the unlinked account's edge: %v, want not found", err)
	}
	if !edge(RelationLinkedAccount, ext2) {
		t.Error("unlinking one account removed the other's edge")
	}
}
