package chain_test

import (
	"context"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/authledger/authledger/eventstore/memory"
)

// TestVerifyRetired: checkpoints signed with a key that was later
// replaced verify through the retired public key only when they were
// signed no later than its retirement; a key never configured verifies
// nothing.
func TestVerifyRetired(t *testing.T) {
	oldPub, oldKey := genKey(t)
	newPub, newKey := genKey(t)
	strangerPub, _ := genKey(t)
	es, cs := memory.New(), chain.NewMemStore()
	ctx := context.Background()
	t0 := time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC)
	sign := func(key []byte, at time.Time, n int) {
		t.Helper()
		appendN(t, es, n)
		c, err := chain.NewChainer(es, cs, key, chain.Options{CheckpointEvery: 1000, Now: func() time.Time { return at }})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
	}
	sign(oldKey, t0, 3)                // signed with the old key at t0
	sign(newKey, t0.Add(time.Hour), 2) // the new key after the rotation at t0+1m
	tests := []struct {
		name    string
		retired []chain.RetiredKey
		ok      bool
	}{
		{"retired key kept", []chain.RetiredKey{{Public: oldPub, Until: t0.Add(time.Minute)}}, true},
		{"retired exactly when it signed", []chain.RetiredKey{{Public: oldPub, Until: t0}}, true},
		{"no retired key", nil, false},
		{"retired before it signed", []chain.RetiredKey{{Public: oldPub, Until: t0.Add(-time.Second)}}, false},
		{"someone else's key", []chain.RetiredKey{{Public: strangerPub, Until: t0.Add(time.Minute)}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := chain.VerifyRetired(ctx, es, cs, newPub, tt.retired, eventstore.Position{}, eventstore.Position{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK != tt.ok || (tt.ok && rep.Checkpoints != 2) || (!tt.ok && rep.Reason != chain.ReasonBadSignature) {
				t.Errorf("VerifyRetired = %+v; want ok %v", rep, tt.ok)
			}
		})
	}
	// a checkpoint signed by the old key after its retirement is refused
	sign(oldKey, t0.Add(2*time.Hour), 1)
	rep, err := chain.VerifyRetired(ctx, es, cs, newPub, tests[0].retired, eventstore.Position{}, eventstore.Position{})
	if err != nil || rep.OK || rep.Reason != chain.ReasonBadSignature {
		t.Errorf("a retired key's late checkpoint: %+v, %v; want bad signature", rep, err)
	}
}
