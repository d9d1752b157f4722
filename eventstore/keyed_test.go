package eventstore_test

import (
	"context"
	"errors"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// TestKeyringFresh: a fresh key is cached for sealing without touching the
// key store, a subject with a key in use is refused, and Discard drops it.
func TestKeyringFresh(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	key, err := f.keys.Fresh("person-1")
	if err != nil {
		t.Fatalf("Fresh: %v", err)
	}
	if got, want := len(key.Wrapped), 12+32+16; key.Subject != "person-1" || got != want {
		t.Errorf("Fresh = %q with %d bytes, want person-1 with %d (nonce, key, tag)", key.Subject, got, want)
	}
	if _, err := f.store.Keys().GetKey(ctx, "person-1"); !errors.Is(err, eventstore.ErrKeyNotFound) {
		t.Errorf("GetKey after Fresh = %v, want ErrKeyNotFound (stored only with the append)", err)
	}
	if _, err := f.keys.Fresh("person-1"); !errors.Is(err, eventstore.ErrKeyExists) {
		t.Errorf("second Fresh = %v, want ErrKeyExists", err)
	}
	if _, err := f.keys.Fresh(""); err == nil {
		t.Error("Fresh of the empty subject succeeded")
	}
	f.keys.Discard("person-1")
	if _, err := f.keys.Fresh("person-1"); err != nil {
		t.Errorf("Fresh after Discard: %v", err)
	}
}

// TestCommitKeyedNeedsAKeyedAppender: a store that cannot store keys with
// an append is told so before anything is sealed or written.
func TestCommitKeyedNeedsAKeyedAppender(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	key, err := f.keys.Fresh("person-1")
	if err != nil {
		t.Fatal(err)
	}
	p := &eventstore.Pipeline{Store: f.store, Codec: f.codec}
	change := eventstore.Change{Stream: "person-1", Expected: eventstore.NoStream, Events: []domain.Event{sampleEvent()}}
	if _, err := p.CommitKeyed(ctx, domain.Metadata{}, key, change); !errors.Is(err, eventstore.ErrKeyedUnsupported) {
		t.Fatalf("CommitKeyed on the memory store = %v, want ErrKeyedUnsupported", err)
	}
	if recs, _ := f.store.ReadStream(ctx, "person-1", 0); len(recs) != 0 {
		t.Errorf("%d records written, want none", len(recs))
	}
}
