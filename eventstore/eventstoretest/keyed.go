package eventstoretest

import (
	"bytes"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

// RunKeyed runs the cases of eventstore.KeyedAppender against stores from
// h, which must implement it: the new keys and the records commit together
// or not at all, a subject holding another key is refused, and concurrent
// keyed appends (committed in groups by adapters that group) each succeed
// or fail on their own.
func RunKeyed(t *testing.T, h Harness) {
	t.Helper()
	k1 := eventstore.NewKey{Subject: "person-1", Wrapped: []byte("wrapped one")}
	cases := []struct {
		name    string
		before  func(t *testing.T, s eventstore.Store) // state before the call
		keys    []eventstore.NewKey
		req     eventstore.AppendRequest
		wantErr error
		wantKey []byte // stored afterwards; nil: none
		wantRec int    // records of the request's stream afterwards
	}{
		{name: "key and records", keys: []eventstore.NewKey{k1}, req: keyedEvent("a"), wantKey: k1.Wrapped, wantRec: 1},
		{name: "same key again", before: storeKey(k1.Subject, k1.Wrapped), keys: []eventstore.NewKey{k1},
			req: keyedEvent("b"), wantKey: k1.Wrapped, wantRec: 1},
		{name: "another key held", before: storeKey(k1.Subject, []byte("older")), keys: []eventstore.NewKey{k1},
			req: keyedEvent("c"), wantErr: eventstore.ErrKeyExists, wantKey: []byte("older")},
		{name: "claim taken", before: claimTaken("owner-x"), keys: []eventstore.NewKey{k1},
			req: withKeyedClaim(keyedEvent("d"), "s-d"), wantErr: eventstore.ErrClaimTaken},
		{name: "wrong version", keys: []eventstore.NewKey{k1},
			req:     eventstore.AppendRequest{Stream: "s-e", Expected: eventstore.ExpectedVersion(3), Events: keyedEvent("e").Events},
			wantErr: eventstore.ErrWrongExpectedVersion},
		{name: "empty key", keys: []eventstore.NewKey{{Subject: k1.Subject}}, req: keyedEvent("f"),
			wantErr: eventstore.ErrInvalidAppend},
		{name: "empty subject", keys: []eventstore.NewKey{{Wrapped: k1.Wrapped}}, req: keyedEvent("g"),
			wantErr: eventstore.ErrInvalidAppend},
		{name: "one key twice", keys: []eventstore.NewKey{k1, k1}, req: keyedEvent("h"), wantKey: k1.Wrapped, wantRec: 1},
		{name: "two keys for one subject", keys: []eventstore.NewKey{k1, {Subject: k1.Subject, Wrapped: []byte("other")}},
			req: keyedEvent("i"), wantErr: eventstore.ErrKeyExists},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := ctxT(t)
			s := keyed(t, h)
			if tc.before != nil {
				tc.before(t, s)
			}
			_, err := s.(eventstore.KeyedAppender).AppendKeyed(ctx, tc.keys, tc.req)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Fatalf("AppendKeyed = %v, want %v", err, tc.wantErr)
			}
			stored, err := s.Keys().GetKey(ctx, k1.Subject)
			switch {
			case tc.wantKey == nil && !errors.Is(err, eventstore.ErrKeyNotFound):
				t.Errorf("key afterwards = %q, %v; want none", stored, err)
			case tc.wantKey != nil && !bytes.Equal(stored, tc.wantKey):
				t.Errorf("key afterwards = %q, %v; want %q", stored, err, tc.wantKey)
			}
			recs, err := s.ReadStream(ctx, tc.req.Stream, 0)
			if err != nil || len(recs) != tc.wantRec {
				t.Errorf("records afterwards = %d, %v; want %d", len(recs), err, tc.wantRec)
			}
		})
	}
	t.Run("concurrent", func(t *testing.T) { testKeyedConcurrent(t, h) })
}

// testKeyedConcurrent: keyed appends sent at once (a group commit takes
// several together) each store their key and records, and the one whose
// subject holds another key fails alone, writing nothing.
func testKeyedConcurrent(t *testing.T, h Harness) {
	ctx := ctxT(t)
	s := keyed(t, h)
	storeKey("taken", []byte("older"))(t, s)
	const n = 16
	errs := make([]error, n+1)
	var wg sync.WaitGroup
	for i := range n + 1 {
		wg.Go(func() {
			subject, id := fmt.Sprintf("p-%d", i), fmt.Sprintf("c%d", i)
			if i == n {
				subject = "taken"
			}
			key := eventstore.NewKey{Subject: subject, Wrapped: []byte("key of " + subject)}
			_, errs[i] = s.(eventstore.KeyedAppender).AppendKeyed(ctx, []eventstore.NewKey{key}, keyedEvent(id))
		})
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Errorf("append %d: %v", i, errs[i])
			continue
		}
		got, err := s.Keys().GetKey(ctx, fmt.Sprintf("p-%d", i))
		if err != nil || string(got) != fmt.Sprintf("key of p-%d", i) {
			t.Errorf("key of p-%d = %q, %v", i, got, err)
		}
		if recs, err := s.ReadStream(ctx, fmt.Sprintf("s-c%d", i), 0); err != nil || len(recs) != 1 {
			t.Errorf("records of append %d = %d, %v; want 1", i, len(recs), err)
		}
	}
	if !errors.Is(errs[n], eventstore.ErrKeyExists) {
		t.Errorf("append with another key held = %v, want ErrKeyExists", errs[n])
	}
	if recs, err := s.ReadStream(ctx, fmt.Sprintf("s-c%d", n), 0); err != nil || len(recs) != 0 {
		t.Errorf("the refused append wrote %d records (%v)", len(recs), err)
	}
}

// keyed opens a fresh store that must be a KeyedAppender.
func keyed(t *testing.T, h Harness) eventstore.Store {
	t.Helper()
	s := open(t, h)
	if _, ok := s.(eventstore.KeyedAppender); !ok {
		t.Fatalf("%T does not implement eventstore.KeyedAppender", s)
	}
	return s
}

// keyedEvent is one event of a new stream "s-<id>".
func keyedEvent(id string) eventstore.AppendRequest {
	return eventstore.AppendRequest{Stream: "s-" + id, Expected: eventstore.NoStream, Events: []eventstore.EventData{newEvent(1)}}
}

func storeKey(subject string, wrapped []byte) func(t *testing.T, s eventstore.Store) {
	return func(t *testing.T, s eventstore.Store) {
		t.Helper()
		if _, err := s.Keys().PutKey(ctxT(t), subject, wrapped); err != nil {
			t.Fatal(err)
		}
	}
}

func claimTaken(owner string) func(t *testing.T, s eventstore.Store) {
	return func(t *testing.T, s eventstore.Store) {
		t.Helper()
		if _, err := s.Append(ctxT(t), withKeyedClaim(keyedEvent("owner"), owner)); err != nil {
			t.Fatal(err)
		}
	}
}

func withKeyedClaim(r eventstore.AppendRequest, owner string) eventstore.AppendRequest {
	r.Claims = []eventstore.Claim{{Kind: "email", Key: "k", Owner: owner}}
	return r
}
