// Package chaintest is the conformance suite every chain.Store adapter runs
// from its own tests: the store contract, a chain extended and verified
// end to end, and direct edits of the storage — a changed byte, a deleted
// record, two swapped records, a tail cut off after a checkpoint, rewritten
// links, a forged signature — each reported at the right position with the
// right reason.
package chaintest

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
)

// Tamperer edits an adapter's storage behind the store's back, as an
// attacker with access to the database file or server would: it disables
// or drops the immutability triggers and changes rows directly.
type Tamperer interface {
	// ChangeByte changes one byte of the stored Data of the record at pos.
	ChangeByte(t *testing.T, pos eventstore.Position)
	// DeleteRecord deletes the record at pos.
	DeleteRecord(t *testing.T, pos eventstore.Position)
	// SwapRecords swaps every stored column but the position between the
	// records at a and b.
	SwapRecords(t *testing.T, a, b eventstore.Position)
	// CutTail deletes every record and every link after pos.
	CutTail(t *testing.T, pos eventstore.Position)
	// SetLinkHash overwrites the stored hash of the link at pos.
	SetLinkHash(t *testing.T, pos eventstore.Position, h chain.Digest)
	// ForgeSignature changes one byte of the signature of the stored
	// checkpoint with the given Count.
	ForgeSignature(t *testing.T, count uint64)
}

// Subject is one fresh, empty event store with its chain store.
type Subject struct {
	Events eventstore.Store
	Chain  chain.Store
	Tamper Tamperer
}

// Harness opens subjects for the suite.
type Harness struct {
	// Open returns a fresh subject; the harness closes it (t.Cleanup).
	Open func(t *testing.T) Subject
}

// Run runs every case against subjects from h.
func Run(t *testing.T, h Harness) {
	t.Helper()
	cases := []struct {
		name string
		run  func(t *testing.T, h Harness)
	}{
		{"Contract", testContract},
		{"ChainAndVerify", testChainAndVerify},
		{"Range", testRange},
		{"ChangedByte", testChangedByte},
		{"DeletedRecord", testDeletedRecord},
		{"SwappedRecords", testSwappedRecords},
		{"CutTail", testCutTail},
		{"RewrittenLinks", testRewrittenLinks},
		{"ForgedSignature", testForgedSignature},
		{"ErasureKeepsChain", testErasureKeepsChain},
		{"RunFollows", testRunFollows},
		{"ConcurrentChainers", testConcurrentChainers},
		{"Anchors", testAnchors},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, h) })
	}
}

// ctxT returns a context that ends with the test.
func ctxT(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// newKey returns a fresh signing key.
func newKey(t *testing.T) ed25519.PrivateKey {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// fill appends n events over five streams, one Append each, and returns
// their records in global order.
func fill(t *testing.T, s eventstore.Store, n int) []eventstore.Record {
	t.Helper()
	ctx := ctxT(t)
	for i := range n {
		var id [16]byte
		_, _ = rand.Read(id[:])
		ev := eventstore.EventData{ID: hex.EncodeToString(id[:]), Type: "chaintest.happened", Schema: 1,
			Data:       json.RawMessage(fmt.Sprintf(`{"n":%d,"email":"sealed:v1:AAAA%02d"}`, i, i%7)),
			Meta:       json.RawMessage(`{"actor":"tester"}`),
			KeyRef:     fmt.Sprintf("person-%d", i%5),
			OccurredAt: time.Date(2026, 11, 27, 10, 0, i, 123456789, time.UTC)}
		req := eventstore.AppendRequest{Stream: fmt.Sprintf("chaintest-%d", i%5), Expected: eventstore.Any,
			Events: []eventstore.EventData{ev}}
		if _, err := s.Append(ctx, req); err != nil {
			t.Fatalf("Append %d: %v", i, err)
		}
	}
	return readAll(t, s)
}

// readAll returns the whole log.
func readAll(t *testing.T, s eventstore.Store) []eventstore.Record {
	t.Helper()
	var out []eventstore.Record
	var after eventstore.Position
	for {
		recs, err := s.ReadAll(ctxT(t), after, 100)
		if err != nil {
			t.Fatalf("ReadAll: %v", err)
		}
		if len(recs) == 0 {
			return out
		}
		out = append(out, recs...)
		after = recs[len(recs)-1].Position
	}
}

// chained opens a subject with n events, chained with a checkpoint every
// ten links (batches of five, so checkpoints fall at multiples of ten) and
// one at the head. It returns the subject, the key and the records.
func chained(t *testing.T, h Harness, n int) (Subject, ed25519.PrivateKey, []eventstore.Record) {
	t.Helper()
	sub := h.Open(t)
	recs := fill(t, sub.Events, n)
	key := newKey(t)
	c, err := chain.NewChainer(sub.Events, sub.Chain, key, chain.Options{Batch: 5, CheckpointEvery: 10, CheckpointInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	head, err := c.CatchUp(ctxT(t))
	if err != nil {
		t.Fatalf("CatchUp: %v", err)
	}
	if head.Seq != uint64(n) || head.Position != recs[n-1].Position {
		t.Fatalf("CatchUp head = %d at %s, want %d at %s", head.Seq, head.Position, n, recs[n-1].Position)
	}
	if _, err := c.Checkpoint(ctxT(t)); err != nil {
		t.Fatalf("Checkpoint: %v", err)
	}
	return sub, key, recs
}

// verify runs chain.Verify over the whole log or fails the test.
func verify(t *testing.T, sub Subject, key ed25519.PrivateKey) chain.Report {
	t.Helper()
	rep, err := chain.Verify(ctxT(t), sub.Events, sub.Chain, key.Public().(ed25519.PublicKey), eventstore.Position{}, eventstore.Position{})
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	return rep
}

// wantBroken fails the test unless rep reports why at pos.
func wantBroken(t *testing.T, rep chain.Report, pos eventstore.Position, why chain.Reason) {
	t.Helper()
	if rep.OK || rep.BrokenAt != pos || rep.Reason != why {
		t.Fatalf("Verify = ok %v, broken at %s (%s: %s), want broken at %s (%s)", rep.OK, rep.BrokenAt, rep.Reason, rep.Detail, pos, why)
	}
}
