package chaintest

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
)

// testContract checks the chain.Store methods directly.
func testContract(t *testing.T, h Harness) {
	sub := h.Open(t)
	cs, ctx := sub.Chain, ctxT(t)
	head, err := cs.ChainHead(ctx)
	if err != nil || head != (chain.Link{}) {
		t.Fatalf("ChainHead of an empty chain = %+v, %v; want the zero link", head, err)
	}
	recs := fill(t, sub.Events, 6)
	links := make([]chain.Link, len(recs))
	var prev chain.Link
	for i, r := range recs {
		prev = chain.Link{Seq: prev.Seq + 1, Position: r.Position, Hash: chain.NextLink(prev.Hash, r)}
		links[i] = prev
	}
	if err := cs.AppendLinks(ctx, links[1:3]); !errors.Is(err, chain.ErrConflict) {
		t.Fatalf("AppendLinks starting at seq 2 on an empty chain = %v, want ErrConflict", err)
	}
	if err := cs.AppendLinks(ctx, links[:4]); err != nil {
		t.Fatalf("AppendLinks: %v", err)
	}
	if err := cs.AppendLinks(ctx, links[2:5]); !errors.Is(err, chain.ErrConflict) {
		t.Fatalf("AppendLinks overlapping the head = %v, want ErrConflict", err)
	}
	if err := cs.AppendLinks(ctx, links[4:]); err != nil {
		t.Fatalf("AppendLinks: %v", err)
	}
	checkLinks(t, cs, links)
	checkCheckpoints(t, cs, links)
}

func checkLinks(t *testing.T, cs chain.Store, links []chain.Link) {
	t.Helper()
	ctx := ctxT(t)
	if head, err := cs.ChainHead(ctx); err != nil || head != links[len(links)-1] {
		t.Errorf("ChainHead = %+v, %v; want %+v", head, err, links[len(links)-1])
	}
	if l, err := cs.LinkAt(ctx, links[2].Position); err != nil || l != links[2] {
		t.Errorf("LinkAt(%s) = %+v, %v; want %+v", links[2].Position, l, err, links[2])
	}
	if _, err := cs.LinkAt(ctx, eventstore.Position{Hi: 1 << 62}); !errors.Is(err, chain.ErrNoLink) {
		t.Errorf("LinkAt(missing) = %v, want ErrNoLink", err)
	}
	var got []chain.Link
	var after eventstore.Position
	for {
		page, err := cs.ReadLinks(ctx, after, 4)
		if err != nil {
			t.Fatalf("ReadLinks: %v", err)
		}
		if len(page) == 0 {
			break
		}
		got = append(got, page...)
		after = page[len(page)-1].Position
	}
	if !slices.Equal(got, links) {
		t.Errorf("ReadLinks pages = %+v, want %+v", got, links)
	}
}

func checkCheckpoints(t *testing.T, cs chain.Store, links []chain.Link) {
	t.Helper()
	ctx := ctxT(t)
	key := newKey(t)
	at := time.Date(2026, 11, 27, 11, 0, 0, 123456789, time.UTC)
	var want []chain.Checkpoint
	for _, l := range []chain.Link{links[1], links[4]} {
		cp, err := chain.Sign(key, l, at)
		if err != nil {
			t.Fatal(err)
		}
		if err := cs.PutCheckpoint(ctx, cp); err != nil {
			t.Fatalf("PutCheckpoint: %v", err)
		}
		want = append(want, cp)
	}
	again, _ := chain.Sign(key, links[4], at.Add(time.Hour))
	if err := cs.PutCheckpoint(ctx, again); err != nil {
		t.Fatalf("PutCheckpoint of a stored count: %v", err)
	}
	got, err := cs.Checkpoints(ctx)
	if err != nil {
		t.Fatalf("Checkpoints: %v", err)
	}
	if !slices.EqualFunc(got, want, sameCheckpoint) {
		t.Errorf("Checkpoints = %+v, want %+v", got, want)
	}
	for _, cp := range got {
		if !cp.Valid(key.Public().(ed25519.PublicKey)) {
			t.Errorf("stored checkpoint %d no longer verifies", cp.Count)
		}
	}
}

// sameCheckpoint compares every field, times with Equal.
func sameCheckpoint(a, b chain.Checkpoint) bool {
	return a.Count == b.Count && a.Position == b.Position && a.Hash == b.Hash && a.Time.Equal(b.Time) &&
		bytes.Equal(a.Signature, b.Signature)
}
