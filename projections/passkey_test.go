package projections

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
)

// TestPasskeyProjections folds two passkeys, a sign-in, a refused
// counter, a rename, a TOTP enable and disable and both deletions through
// every projector: passkey things, passkey_count, and mfa_methods shared
// with two-factor.
func TestPasskeyProjections(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	const pid = "P0000000000000000000000000000001"
	ctx := context.Background()
	tx := memTx(t)
	pos := uint64(0)
	apply := func(evs ...domain.Event) {
		t.Helper()
		for _, ev := range evs {
			pos++
			rec := eventstore.Record{Type: ev.EventType(), Position: eventstore.Position{Lo: pos}}
			for _, p := range All() {
				if !p.Handles(rec.Type) {
					continue
				}
				if err := p.Apply(ctx, tx, rec, ev, domain.Metadata{Actor: pid}); err != nil {
					t.Fatalf("%s: %v", p.Name(), err)
				}
			}
		}
	}
	fact := func(key string) string {
		t.Helper()
		f, err := tx.GetFact(ctx, pid, key)
		if err != nil {
			return "missing"
		}
		return string(f.Value)
	}
	apply(person.SignedUp{PersonID: pid, Email: "a@example.com", Name: "A", Role: "user", At: at},
		authenticator.Registered{PersonID: pid, PasskeyID: "K1", Name: "laptop", CredentialID: "c1", PublicKey: "pk", SignCount: 1, At: at},
		authenticator.Registered{PersonID: pid, PasskeyID: "K2", CredentialID: "c2", PublicKey: "pk", At: at},
		authenticator.Used{PersonID: pid, PasskeyID: "K1", SignCount: 2, ChallengeID: "ch", SessionID: "S", At: at.Add(time.Second)},
		authenticator.SignCountRegressed{PersonID: pid, PasskeyID: "K1", Stored: 2, Presented: 1, ChallengeID: "ch2", At: at.Add(2 * time.Second)},
		authenticator.Renamed{PersonID: pid, PasskeyID: "K1", Name: "phone", At: at.Add(3 * time.Second)})
	th, err := tx.GetThing(ctx, "K1")
	if err != nil || th.Kind != KindPasskey || th.OwnerID != pid || th.Status != "active" {
		t.Fatalf("thing K1 = %+v, %v", th, err)
	}
	var d passkeyData
	if err := json.Unmarshal(th.Data, &d); err != nil || d.Name != "phone" || d.SignCount != 2 || d.LastUsedAt == "" {
		t.Errorf("K1 data = %s, %v", th.Data, err)
	}
	if got := fact(FactPasskeyCount) + fact(FactMFAMethods) + fact(FactLastSignInAt); got != `2["passkey"]"2026-11-27T09:00:01Z"` {
		t.Errorf("facts after two passkeys = %s", got)
	}
	apply(twofactor.EnrolmentStarted{PersonID: pid, Secret: "S", At: at}, twofactor.Enabled{PersonID: pid, Step: 1, At: at})
	if got := fact(FactMFAMethods); got != `["totp","backup_code","passkey"]` {
		t.Errorf("mfa_methods with TOTP and passkeys = %s", got)
	}
	apply(authenticator.Deleted{PersonID: pid, PasskeyID: "K1", At: at}, authenticator.Deleted{PersonID: pid, PasskeyID: "K2", At: at})
	if got := fact(FactPasskeyCount) + fact(FactMFAMethods); got != `0["totp","backup_code"]` {
		t.Errorf("facts after deleting both = %s", got)
	}
	if th, err := tx.GetThing(ctx, "K2"); err != nil || th.Status != "deleted" {
		t.Errorf("thing K2 = %+v, %v", th, err)
	}
	apply(authenticator.Registered{PersonID: pid, PasskeyID: "K3", CredentialID: "c3", PublicKey: "pk", At: at},
		twofactor.Disabled{PersonID: pid, At: at})
	if got := fact(FactMFAMethods); got != `["passkey"]` {
		t.Errorf("mfa_methods after 2FA disable with a passkey = %s", got)
	}
}
