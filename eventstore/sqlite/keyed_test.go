package sqlite_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/eventstoretest"
	"github.com/authledger/authledger/eventstore/sqlite"
)

// TestAppendKeyed runs the keyed-append conformance cases.
func TestAppendKeyed(t *testing.T) { eventstoretest.RunKeyed(t, harness()) }

type personSignedUp struct {
	Email string `json:"email" pii:"true"`
}

func (personSignedUp) EventType() string { return "test.person_signed_up" }

// TestCommitKeyedSealsWithTheStoredKey: records sealed with a Fresh key
// and committed with it open after a restart (the stored key is the one
// that sealed them), and no longer after the subject is forgotten.
func TestCommitKeyedSealsWithTheStoredKey(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "events.db")
	kek := eventstore.DeriveKEK([]byte("test secret"))
	s := openAt(t, path, sqlite.Options{})
	codec, keys := newCodec(s, kek)
	key, err := keys.Fresh("person-1")
	if err != nil {
		t.Fatal(err)
	}
	p := &eventstore.Pipeline{Store: s, Codec: codec}
	change := eventstore.Change{Stream: "person-1", Expected: eventstore.NoStream,
		Events: []domain.Event{personSignedUp{Email: "ada@example.com"}}}
	if _, err := p.CommitKeyed(ctx, domain.Metadata{}, key, change); err != nil {
		t.Fatalf("CommitKeyed: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path, sqlite.Options{})
	defer s.Close()
	codec, keys = newCodec(s, kek)
	if got := decodeEmail(t, s, codec); got != "ada@example.com" {
		t.Errorf("email after reopen = %q, want ada@example.com", got)
	}
	if err := keys.Forget(ctx, "person-1"); err != nil {
		t.Fatal(err)
	}
	if got := decodeEmail(t, s, codec); got != "" {
		t.Errorf("email after Forget = %q, want it unreadable", got)
	}
}

func newCodec(s *sqlite.Store, kek []byte) (*eventstore.Codec, *eventstore.Keyring) {
	r := eventstore.NewRegistry()
	eventstore.Register[personSignedUp](r, 1)
	k := eventstore.NewKeyring(s.Keys(), kek)
	return eventstore.NewCodec(r, k), k
}

func decodeEmail(t *testing.T, s *sqlite.Store, c *eventstore.Codec) string {
	t.Helper()
	recs, err := s.ReadStream(context.Background(), "person-1", 0)
	if err != nil || len(recs) != 1 {
		t.Fatalf("ReadStream = %d records, %v", len(recs), err)
	}
	if bytes.Contains(recs[0].Data, []byte("ada@")) {
		t.Fatal("the email is stored in the clear")
	}
	ev, _, err := c.Decode(context.Background(), recs[0])
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return ev.(personSignedUp).Email
}
