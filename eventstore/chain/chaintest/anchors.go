package chaintest

import (
	"bytes"
	"testing"

	"github.com/authledger/authledger/eventstore/chain"
)

// testAnchors: a chain store that keeps time-stamp tokens stores one per
// checkpoint count, keeps the first when stored twice, and returns them
// all. Stores without anchors skip.
func testAnchors(t *testing.T, h Harness) {
	sub := h.Open(t)
	as, ok := sub.Chain.(chain.AnchorStore)
	if !ok {
		t.Skip("this chain store keeps no anchors")
	}
	ctx := ctxT(t)
	if m, err := as.Anchors(ctx); err != nil || len(m) != 0 {
		t.Fatalf("Anchors of an empty store = %v, %v", m, err)
	}
	for _, put := range []struct {
		count uint64
		tok   string
	}{{1, "first"}, {7, "seventh"}, {1, "replacement"}} {
		if err := as.PutAnchor(ctx, put.count, []byte(put.tok)); err != nil {
			t.Fatalf("PutAnchor(%d): %v", put.count, err)
		}
	}
	m, err := as.Anchors(ctx)
	if err != nil || len(m) != 2 || !bytes.Equal(m[1], []byte("first")) || !bytes.Equal(m[7], []byte("seventh")) {
		t.Fatalf("Anchors = %v, %v; want 1: first, 7: seventh", m, err)
	}
	if err := as.PutAnchor(ctx, 0, []byte("x")); err == nil {
		t.Errorf("PutAnchor(0) accepted")
	}
}
