package eventstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// TestDecideCheckedCached checks that a decision through the cache sees
// what another writer appended after the cached version (only the tail is
// read), and that its change expects the stream's true version, so a
// stale cache can never win an append.
func TestDecideCheckedCached(t *testing.T) {
	f := newPipeline(t)
	ctx := context.Background()
	cache := eventstore.NewFoldCache[[]string](8)
	decide := func(email string) ([]string, eventstore.Change) {
		t.Helper()
		st, ch, err := eventstore.DecideCheckedCached(ctx, f.p, listDecider(), "list-1", cache,
			func([]string) (string, error) { return email, nil })
		if err != nil {
			t.Fatalf("decide %q: %v", email, err)
		}
		return st, ch
	}
	if _, err := eventstore.Handle(ctx, f.p, f.add("a@example.com")); err != nil {
		t.Fatal(err)
	}
	_, ch := decide("x@example.com") // folds [a] into the cache at version 1
	if _, err := f.p.Commit(ctx, domain.Metadata{}, "k", ch); err != nil {
		t.Fatal(err)
	}
	if _, err := eventstore.Handle(ctx, f.p, f.add("b@example.com")); err != nil { // another writer, no cache
		t.Fatal(err)
	}
	cs := &countingStore{Store: f.store}
	f.p.Store = cs
	st, ch := decide("c@example.com")
	if fmt.Sprint(st) != "[a@example.com x@example.com b@example.com]" {
		t.Fatalf("state = %v, want every earlier sign-up", st)
	}
	if cs.read != 2 {
		t.Fatalf("read %d records, want only the two after the cached version", cs.read)
	}
	if ch.Expected != eventstore.Exactly(3) {
		t.Fatalf("change expects %v, want exactly version 3", ch.Expected)
	}
	if _, err := eventstore.Handle(ctx, f.p, f.add("d@example.com")); err != nil { // moves the stream past ch
		t.Fatal(err)
	}
	if _, err := f.p.Commit(ctx, domain.Metadata{}, "k", ch); err == nil {
		t.Fatal("a change decided on a state the stream has moved past was appended")
	}
}
