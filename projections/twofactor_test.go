package projections

import (
	"context"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

// TestTwoFactorProjections folds an enrolment, a refused and an accepted
// code, then a disable, through every projector in one transaction.
func TestTwoFactorProjections(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	const pid = "P0000000000000000000000000000001"
	evs := []domain.Event{
		person.SignedUp{PersonID: pid, Email: "a@example.com", Name: "A", Role: "user", At: at},
		twofactor.EnrolmentStarted{PersonID: pid, Secret: "S", BackupCodes: "h1", At: at},
		twofactor.Enabled{PersonID: pid, Step: 1, At: at.Add(time.Second)},
		twofactor.CodeRejected{PersonID: pid, Method: twofactor.MethodTOTP, Reason: twofactor.ReasonReplayed, Failures: 1, At: at.Add(2 * time.Second)},
	}
	ctx := context.Background()
	tx, err := ontmemory.New().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	apply := func(evs ...domain.Event) {
		t.Helper()
		for i, ev := range evs {
			rec := eventstore.Record{Type: ev.EventType(), Position: eventstore.Position{Lo: uint64(i + 1)}}
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
	apply(evs...)
	check := func(when string, enabled bool, status, methods, failed string) {
		t.Helper()
		p, err := tx.GetPerson(ctx, pid)
		if err != nil || p.TwoFactorEnabled != enabled {
			t.Errorf("%s: people.two_factor_enabled = %v, %v; want %v", when, p.TwoFactorEnabled, err, enabled)
		}
		th, err := tx.GetThing(ctx, TOTPFactorID(pid))
		if err != nil || th.Kind != KindTOTPFactor || th.Status != status || th.OwnerID != pid {
			t.Errorf("%s: thing %+v, %v; want kind %s status %s", when, th, err, KindTOTPFactor, status)
		}
		for key, want := range map[string]string{FactMFAMethods: methods, FactFailedTwoFactorCodes: failed} {
			f, err := tx.GetFact(ctx, pid, key)
			if err != nil || string(f.Value) != want {
				t.Errorf("%s: fact %s = %s, %v; want %s", when, key, f.Value, err, want)
			}
		}
	}
	check("enabled", true, "active", `["totp","backup_code"]`, "1")
	apply(twofactor.CodeAccepted{PersonID: pid, Method: twofactor.MethodTOTP, Step: 2, ChallengeID: "C", At: at.Add(3 * time.Second)},
		twofactor.Disabled{PersonID: pid, At: at.Add(4 * time.Second)})
	check("disabled", false, "disabled", `[]`, "0")
	if f, err := tx.GetFact(ctx, pid, FactLastSignInAt); err != nil || string(f.Value) != `"2026-11-27T09:00:03Z"` {
		t.Errorf("last_sign_in_at after a 2FA sign-in = %s, %v", f.Value, err)
	}
}
