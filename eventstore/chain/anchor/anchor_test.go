package anchor_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/authledger/authledger/eventstore/chain/anchor"
	"github.com/authledger/authledger/eventstore/chain/anchor/anchortest"
)

// signed returns n checkpoints signed with key, an hour apart ending 90
// minutes ago (past the default grace), over hashes derived from salt.
func signed(t *testing.T, key ed25519.PrivateKey, n int, salt string) []chain.Checkpoint {
	t.Helper()
	base := time.Now().Add(-time.Duration(n)*time.Hour - 30*time.Minute)
	var out []chain.Checkpoint
	for i := 1; i <= n; i++ {
		l := chain.Link{Seq: uint64(i * 10), Position: eventstore.Position{Lo: uint64(i * 10)},
			Hash: chain.Digest(sha256.Sum256([]byte(salt + string(rune('a'+i)))))}
		cp, err := chain.Sign(key, l, base.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, cp)
	}
	return out
}

// anchored stores cps in a MemStore and stamps them all with tsa.
func anchored(t *testing.T, tsa *anchortest.TSA, cps []chain.Checkpoint) *chain.MemStore {
	t.Helper()
	ms := chain.NewMemStore()
	ctx := context.Background()
	for _, cp := range cps {
		if err := ms.PutCheckpoint(ctx, cp); err != nil {
			t.Fatal(err)
		}
	}
	a := anchor.Anchorer{Client: anchor.Client{URL: tsa.URL}, Checkpoints: ms, Anchors: ms}
	if n, err := a.Pass(ctx); err != nil || n != len(cps) {
		t.Fatalf("Pass = %d, %v; want %d stamped", n, err, len(cps))
	}
	return ms
}

func tokens(t *testing.T, ms *chain.MemStore) map[uint64][]byte {
	t.Helper()
	m, err := ms.Anchors(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestAnchorsAgainstARealTSA: checkpoints stamped by openssl's TSA verify;
// every kind of tampering fails with its reason.
func TestAnchorsAgainstARealTSA(t *testing.T) {
	tsa := anchortest.Start(t)
	_, key, _ := ed25519.GenerateKey(nil)
	honest := signed(t, key, 3, "honest")
	ms := anchored(t, tsa, honest)
	toks := tokens(t, ms)
	otherRoots := anchortest.NewCA(t, t.TempDir(), "another root")
	rewritten := signed(t, key, 3, "rewritten") // re-chained and re-signed with the same key
	withoutMiddle := map[uint64][]byte{honest[0].Count: toks[honest[0].Count], honest[2].Count: toks[honest[2].Count]}
	future := honest[0]
	future.Time = time.Now().Add(time.Hour)
	future, _ = chain.Sign(key, chain.Link{Seq: future.Count, Position: future.Position, Hash: future.Hash}, future.Time)
	futureToks := tokens(t, anchored(t, tsa, []chain.Checkpoint{future}))

	tests := []struct {
		name   string
		cps    []chain.Checkpoint
		toks   map[uint64][]byte
		roots  *x509.CertPool
		want   anchor.Reason
		broken uint64
	}{
		{"honest log", honest, toks, tsa.Roots, "", 0},
		{"rewritten and re-signed, old tokens", rewritten, toks, tsa.Roots, anchor.ReasonMismatch, rewritten[0].Count},
		{"tokens removed", honest, nil, tsa.Roots, anchor.ReasonMissing, honest[0].Count},
		{"one token removed", honest, withoutMiddle, tsa.Roots, anchor.ReasonMissing, honest[1].Count},
		{"untrusted TSA", honest, toks, otherRoots, anchor.ReasonUntrusted, honest[0].Count},
		{"token moved to another checkpoint", honest[1:2], map[uint64][]byte{honest[1].Count: toks[honest[0].Count]}, tsa.Roots, anchor.ReasonMismatch, honest[1].Count},
		{"garbage token", honest[:1], map[uint64][]byte{honest[0].Count: []byte("not DER")}, tsa.Roots, anchor.ReasonInvalid, honest[0].Count},
		{"checkpoint dated after its stamp", []chain.Checkpoint{future}, futureToks, tsa.Roots, anchor.ReasonTime, future.Count},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := anchor.Verify(tc.cps, tc.toks, anchor.Policy{Roots: tc.roots})
			if tc.want == "" {
				if !rep.OK || rep.Anchored != len(tc.cps) || rep.LastTime == nil {
					t.Fatalf("Verify = %+v; want every checkpoint anchored", rep)
				}
				return
			}
			if rep.OK || rep.Reason != tc.want || rep.BrokenAt != tc.broken {
				t.Fatalf("Verify = %+v; want %s at %d", rep, tc.want, tc.broken)
			}
		})
	}
}

// TestAnchorsPendingAndOrder: a recent checkpoint may wait for its token,
// checkpoints signed before anchoring began are counted as unanchored,
// and stamps out of checkpoint order fail.
func TestAnchorsPendingAndOrder(t *testing.T) {
	tsa := anchortest.Start(t)
	_, key, _ := ed25519.GenerateKey(nil)
	cps := signed(t, key, 3, "order")
	recent, _ := chain.Sign(key, chain.Link{Seq: 99, Position: eventstore.Position{Lo: 99}, Hash: cps[2].Hash}, time.Now())
	ms := anchored(t, tsa, cps[1:])
	toks := tokens(t, ms)
	rep := anchor.Verify(append(append([]chain.Checkpoint{}, cps...), recent), toks, anchor.Policy{Roots: tsa.Roots})
	if !rep.OK || rep.Unanchored != 1 || rep.Anchored != 2 || rep.Pending != 1 {
		t.Fatalf("Verify = %+v; want 1 unanchored, 2 anchored, 1 pending", rep)
	}

	late := anchored(t, tsa, cps[2:]) // the later checkpoint stamped first
	time.Sleep(1100 * time.Millisecond)
	early := anchored(t, tsa, cps[:1])
	swapped := map[uint64][]byte{cps[0].Count: tokens(t, early)[cps[0].Count], cps[2].Count: tokens(t, late)[cps[2].Count]}
	rep = anchor.Verify([]chain.Checkpoint{cps[0], cps[2]}, swapped, anchor.Policy{Roots: tsa.Roots, Skew: time.Millisecond})
	if rep.OK || rep.Reason != anchor.ReasonTime || rep.BrokenAt != cps[2].Count {
		t.Fatalf("Verify of stamps out of order = %+v; want timestamp_time at %d", rep, cps[2].Count)
	}
}

// TestAnchorerRetries: a TSA that refuses leaves the checkpoints without
// tokens (and the pass reports the failure); the next pass stamps them.
func TestAnchorerRetries(t *testing.T) {
	tsa := anchortest.Start(t)
	_, key, _ := ed25519.GenerateKey(nil)
	ms := chain.NewMemStore()
	ctx := context.Background()
	for _, cp := range signed(t, key, 2, "retry") {
		_ = ms.PutCheckpoint(ctx, cp)
	}
	a := anchor.Anchorer{Client: anchor.Client{URL: tsa.URL}, Checkpoints: ms, Anchors: ms}
	tsa.SetDown(true)
	if n, err := a.Pass(ctx); err == nil || n != 0 || len(tokens(t, ms)) != 0 {
		t.Fatalf("Pass against a refusing TSA = %d, %v, %d tokens; want an error and nothing stored", n, err, len(tokens(t, ms)))
	}
	tsa.SetDown(false)
	if n, err := a.Pass(ctx); err != nil || n != 2 {
		t.Fatalf("Pass after the TSA came back = %d, %v; want 2", n, err)
	}
	if n, err := a.Pass(ctx); err != nil || n != 0 {
		t.Fatalf("a third Pass = %d, %v; want nothing left to stamp", n, err)
	}
}
