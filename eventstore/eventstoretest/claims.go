package eventstoretest

import (
	"bytes"
	"errors"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

// claimReq is a request that only takes (or releases) claims for owner.
func claimReq(owner string, take, release []eventstore.Claim) eventstore.AppendRequest {
	return eventstore.AppendRequest{Stream: owner, Expected: eventstore.Any, Claims: take, Releases: release}
}

// testClaims walks a claim through take, conflict, re-take, release by a
// non-owner (no-op), release by the owner, and lookup.
func testClaims(t *testing.T, h Harness) {
	s := open(t, h)
	alice := eventstore.Claim{Kind: "email", Key: "aa11", Owner: "person-alice"}
	bob := eventstore.Claim{Kind: "email", Key: "aa11", Owner: "person-bob"}
	otherKind := eventstore.Claim{Kind: "slug", Key: "aa11", Owner: "group-x"}
	steps := []struct {
		name      string
		req       eventstore.AppendRequest
		wantErr   error
		wantOwner string // owner of email/aa11 afterwards ("" = none)
	}{
		{"lookup before any claim", eventstore.AppendRequest{}, nil, ""},
		{"take", claimReq("person-alice", []eventstore.Claim{alice}, nil), nil, "person-alice"},
		{"conflict", claimReq("person-bob", []eventstore.Claim{bob}, nil), eventstore.ErrClaimTaken, "person-alice"},
		{"same owner re-takes", claimReq("person-alice", []eventstore.Claim{alice}, nil), nil, "person-alice"},
		{"same key, other kind", claimReq("group-x", []eventstore.Claim{otherKind}, nil), nil, "person-alice"},
		{"release by non-owner is a no-op", claimReq("person-bob", nil, []eventstore.Claim{bob}), nil, "person-alice"},
		{"release by owner", claimReq("person-alice", nil, []eventstore.Claim{alice}), nil, ""},
		{"release again is a no-op", claimReq("person-alice", nil, []eventstore.Claim{alice}), nil, ""},
		{"another owner takes it", claimReq("person-bob", []eventstore.Claim{bob}, nil), nil, "person-bob"},
		{"transfer: release and take in one append", eventstore.AppendRequest{Stream: "person-bob", Expected: eventstore.Any,
			Releases: []eventstore.Claim{bob}, Claims: []eventstore.Claim{{Kind: "email", Key: "aa11", Owner: "person-carol"}}},
			nil, "person-carol"},
	}
	for _, st := range steps {
		if st.req.Stream != "" {
			_, err := s.Append(ctxT(t), st.req)
			if !errors.Is(err, st.wantErr) || (err == nil) != (st.wantErr == nil) {
				t.Fatalf("%s: Append = %v, want %v", st.name, err, st.wantErr)
			}
		}
		owner, err := s.LookupClaim(ctxT(t), "email", "aa11")
		switch {
		case st.wantOwner == "" && !errors.Is(err, eventstore.ErrClaimNotFound):
			t.Fatalf("%s: LookupClaim = %q, %v; want ErrClaimNotFound", st.name, owner, err)
		case st.wantOwner != "" && (err != nil || owner != st.wantOwner):
			t.Fatalf("%s: LookupClaim = %q, %v; want %q", st.name, owner, err, st.wantOwner)
		}
	}
	if owner, err := s.LookupClaim(ctxT(t), "slug", "aa11"); err != nil || owner != "group-x" {
		t.Errorf("LookupClaim(slug) = %q, %v; want group-x", owner, err)
	}
	if h := head(t, s); !h.IsZero() {
		t.Errorf("claim-only appends wrote records: Head = %s", h)
	}
}

// testClaimConflictWritesNothing: the events of a request whose claim
// conflicts are not written, nor its other claims.
func testClaimConflictWritesNothing(t *testing.T, h Harness) {
	s := open(t, h)
	mustAppend(t, s, eventstore.AppendRequest{Stream: "person-a", Expected: eventstore.NoStream, Events: events(1),
		Claims: []eventstore.Claim{{Kind: "email", Key: "k1", Owner: "person-a"}}})
	before := head(t, s)
	_, err := s.Append(ctxT(t), eventstore.AppendRequest{Stream: "person-b", Expected: eventstore.NoStream, Events: events(2),
		Claims: []eventstore.Claim{{Kind: "account", Key: "k2", Owner: "person-b"}, {Kind: "email", Key: "k1", Owner: "person-b"}}})
	if !errors.Is(err, eventstore.ErrClaimTaken) {
		t.Fatalf("Append = %v, want ErrClaimTaken", err)
	}
	if got := head(t, s); got != before {
		t.Errorf("Head moved from %s to %s", before, got)
	}
	if got := readStream(t, s, "person-b", 0); len(got) != 0 {
		t.Errorf("person-b has %d events, want 0", len(got))
	}
	if _, err := s.LookupClaim(ctxT(t), "account", "k2"); !errors.Is(err, eventstore.ErrClaimNotFound) {
		t.Errorf("LookupClaim(account) = %v, want ErrClaimNotFound", err)
	}
}

// testKeyStore: put, get, existing wins, destroy (idempotent), re-create.
func testKeyStore(t *testing.T, h Harness) {
	s := open(t, h)
	ks := s.Keys()
	ctx := ctxT(t)
	if _, err := ks.GetKey(ctx, "person-k"); !errors.Is(err, eventstore.ErrKeyNotFound) {
		t.Fatalf("GetKey(missing) = %v, want ErrKeyNotFound", err)
	}
	first, second := []byte("wrapped-one"), []byte("wrapped-two")
	steps := []struct {
		name string
		put  []byte
		want []byte
	}{{"first put stores", first, first}, {"second put keeps the first", second, first}}
	for _, st := range steps {
		got, err := ks.PutKey(ctx, "person-k", st.put)
		if err != nil || !bytes.Equal(got, st.want) {
			t.Fatalf("%s: PutKey = %q, %v; want %q", st.name, got, err, st.want)
		}
		if got, err := ks.GetKey(ctx, "person-k"); err != nil || !bytes.Equal(got, st.want) {
			t.Fatalf("%s: GetKey = %q, %v; want %q", st.name, got, err, st.want)
		}
	}
	for range 2 {
		if err := ks.DestroyKey(ctx, "person-k"); err != nil {
			t.Fatalf("DestroyKey: %v", err)
		}
	}
	if _, err := ks.GetKey(ctx, "person-k"); !errors.Is(err, eventstore.ErrKeyNotFound) {
		t.Fatalf("GetKey after destroy = %v, want ErrKeyNotFound", err)
	}
	if got, err := ks.PutKey(ctx, "person-k", second); err != nil || !bytes.Equal(got, second) {
		t.Fatalf("PutKey after destroy = %q, %v; want %q", got, err, second)
	}
}
