package chain_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/authledger/authledger/eventstore/memory"
)

func genKey(t *testing.T) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub, key
}

func TestCheckpointSignature(t *testing.T) {
	pub, key := genKey(t)
	otherPub, _ := genKey(t)
	head := chain.Link{Seq: 9, Position: eventstore.Position{Lo: 12}, Hash: chain.NextLink(chain.Digest{}, sampleRecord())}
	cp, err := chain.Sign(key, head, time.Date(2026, 11, 27, 11, 0, 0, 1, time.FixedZone("X", 60)))
	if err != nil {
		t.Fatal(err)
	}
	if !cp.Valid(pub) {
		t.Fatal("a fresh checkpoint does not verify")
	}
	tests := []struct {
		name string
		edit func(cp *chain.Checkpoint)
		pub  ed25519.PublicKey
	}{
		{"other key", func(*chain.Checkpoint) {}, otherPub},
		{"no key", func(*chain.Checkpoint) {}, nil},
		{"count", func(cp *chain.Checkpoint) { cp.Count++ }, pub},
		{"position", func(cp *chain.Checkpoint) { cp.Position.Lo++ }, pub},
		{"hash", func(cp *chain.Checkpoint) { cp.Hash[31] ^= 1 }, pub},
		{"time", func(cp *chain.Checkpoint) { cp.Time = cp.Time.Add(time.Nanosecond) }, pub},
		{"signature", func(cp *chain.Checkpoint) { cp.Signature = append([]byte{}, cp.Signature[1:]...) }, pub},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cp
			c.Signature = append([]byte{}, cp.Signature...)
			tt.edit(&c)
			if c.Valid(tt.pub) {
				t.Errorf("checkpoint with a changed %s still verifies", tt.name)
			}
		})
	}
	if _, err := chain.Sign(key[:10], head, time.Now()); !errors.Is(err, chain.ErrNoKey) {
		t.Errorf("Sign with a short key = %v, want ErrNoKey", err)
	}
}

func TestNewChainerRejectsBadInput(t *testing.T) {
	_, key := genKey(t)
	es, cs := memory.New(), chain.NewMemStore()
	if _, err := chain.NewChainer(es, cs, key[:31], chain.Options{}); !errors.Is(err, chain.ErrNoKey) {
		t.Errorf("NewChainer with a short key = %v, want ErrNoKey", err)
	}
	if _, err := chain.NewChainer(nil, cs, key, chain.Options{}); err == nil {
		t.Error("NewChainer without an event store = nil error")
	}
	if _, err := chain.Verify(context.Background(), es, cs, nil, eventstore.Position{}, eventstore.Position{}); !errors.Is(err, chain.ErrNoKey) {
		t.Errorf("Verify without a public key = %v, want ErrNoKey", err)
	}
}

// appendN appends n events to es.
func appendN(t *testing.T, es eventstore.Store, n int) {
	t.Helper()
	for i := range n {
		id := make([]byte, 16)
		_, _ = rand.Read(id)
		_, err := es.Append(context.Background(), eventstore.AppendRequest{Stream: "s-1", Expected: eventstore.Any,
			Events: []eventstore.EventData{{ID: hex.EncodeToString(id), Type: "t.x", Schema: 1, Data: []byte(fmt.Sprintf(`{"n":%d}`, i))}}})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckpointByTime(t *testing.T) {
	pub, key := genKey(t)
	es, cs := memory.New(), chain.NewMemStore()
	now := time.Date(2026, 11, 27, 11, 0, 0, 0, time.UTC)
	c, err := chain.NewChainer(es, cs, key, chain.Options{CheckpointEvery: 1000, CheckpointInterval: time.Minute,
		Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cp, err := c.Checkpoint(ctx)
	if err != nil || cp.Count != 0 {
		t.Fatalf("Checkpoint of an empty chain = %+v, %v; want none", cp, err)
	}
	appendN(t, es, 3)
	if _, err := c.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if cps, _ := cs.Checkpoints(ctx); len(cps) != 0 {
		t.Fatalf("CatchUp of 3 links signed %d checkpoints, want 0 (every 1000)", len(cps))
	}
	cp, err = c.Checkpoint(ctx)
	if err != nil || cp.Count != 3 || !cp.Valid(pub) || !cp.Time.Equal(now) {
		t.Fatalf("Checkpoint = %+v, %v; want a valid one at 3 signed at %s", cp, err, now)
	}
	again, err := c.Checkpoint(ctx)
	if err != nil || again.Count != 3 || !again.Time.Equal(now) {
		t.Fatalf("second Checkpoint = %+v, %v; want the same", again, err)
	}
	if cps, _ := cs.Checkpoints(ctx); len(cps) != 1 {
		t.Fatalf("stored %d checkpoints, want 1", len(cps))
	}
}

// TestExportedCheckpointsCatchRewrite: an attacker changes a record,
// recomputes every later link and deletes the stored checkpoints. The
// stored chain then verifies; a checkpoint exported earlier catches it.
func TestExportedCheckpointsCatchRewrite(t *testing.T) {
	pub, key := genKey(t)
	es := &tamperedLog{Store: memory.New(), edits: map[eventstore.Position]*eventstore.Record{}}
	cs := chain.NewMemStore()
	appendN(t, es, 20)
	c, _ := chain.NewChainer(es, cs, key, chain.Options{CheckpointEvery: 5, Batch: 5})
	ctx := context.Background()
	if _, err := c.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	exported, _ := cs.Checkpoints(ctx)
	memTamper{es, cs}.ChangeByte(t, eventstore.Position{Lo: 7})
	recs, _ := es.ReadAll(ctx, eventstore.Position{}, 100)
	chain.EditMem(cs, func(links []chain.Link, _ []chain.Checkpoint) ([]chain.Link, []chain.Checkpoint) {
		for i := 6; i < len(links); i++ {
			links[i].Hash = chain.NextLink(links[i-1].Hash, recs[i])
		}
		return links, nil
	})
	rep, err := chain.Verify(ctx, es, cs, pub, eventstore.Position{}, eventstore.Position{})
	if err != nil || !rep.OK {
		t.Fatalf("Verify of the rewritten chain without checkpoints = %+v, %v; want OK (undetectable)", rep, err)
	}
	rep, err = chain.Verify(ctx, es, cs, pub, eventstore.Position{}, eventstore.Position{}, exported...)
	if err != nil || rep.OK || rep.Reason != chain.ReasonCheckpoint || rep.BrokenAt != (eventstore.Position{Lo: 10}) {
		t.Fatalf("Verify with exported checkpoints = %+v, %v; want checkpoint_mismatch at 0.10", rep, err)
	}
}
