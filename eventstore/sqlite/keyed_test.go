package sqlite_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/sqlite"
)

// TestAppendKeyed: the new keys and the records commit together or not at
// all, and a subject holding another key is refused.
func TestAppendKeyed(t *testing.T) {
	k1 := eventstore.NewKey{Subject: "person-1", Wrapped: []byte("wrapped one")}
	cases := []struct {
		name    string
		before  func(t *testing.T, s *sqlite.Store) // state before the call
		keys    []eventstore.NewKey
		req     eventstore.AppendRequest
		wantErr error
		wantKey []byte // stored afterwards; nil: none
		wantRec int    // records of the request's stream afterwards
	}{
		{name: "key and records", keys: []eventstore.NewKey{k1}, req: oneEvent("a"), wantKey: k1.Wrapped, wantRec: 1},
		{name: "same key again", before: putKey(k1.Subject, k1.Wrapped), keys: []eventstore.NewKey{k1},
			req: oneEvent("b"), wantKey: k1.Wrapped, wantRec: 1},
		{name: "another key held", before: putKey(k1.Subject, []byte("older")), keys: []eventstore.NewKey{k1},
			req: oneEvent("c"), wantErr: eventstore.ErrKeyExists, wantKey: []byte("older")},
		{name: "claim taken", before: takeClaim("owner-x"), keys: []eventstore.NewKey{k1},
			req: withClaim(oneEvent("d"), "s-d"), wantErr: eventstore.ErrClaimTaken},
		{name: "wrong version", keys: []eventstore.NewKey{k1},
			req:     eventstore.AppendRequest{Stream: "s-e", Expected: eventstore.ExpectedVersion(3), Events: oneEvent("e").Events},
			wantErr: eventstore.ErrWrongExpectedVersion},
		{name: "empty key", keys: []eventstore.NewKey{{Subject: k1.Subject}}, req: oneEvent("f"),
			wantErr: eventstore.ErrInvalidAppend},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := openAt(t, filepath.Join(t.TempDir(), "events.db"), sqlite.Options{})
			defer s.Close()
			if tc.before != nil {
				tc.before(t, s)
			}
			_, err := s.AppendKeyed(ctx, tc.keys, tc.req)
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
}

func putKey(subject string, wrapped []byte) func(t *testing.T, s *sqlite.Store) {
	return func(t *testing.T, s *sqlite.Store) {
		if _, err := s.Keys().PutKey(context.Background(), subject, wrapped); err != nil {
			t.Fatal(err)
		}
	}
}

func takeClaim(owner string) func(t *testing.T, s *sqlite.Store) {
	return func(t *testing.T, s *sqlite.Store) {
		if _, err := s.Append(context.Background(), withClaim(oneEvent("owner"), owner)); err != nil {
			t.Fatal(err)
		}
	}
}

func withClaim(r eventstore.AppendRequest, owner string) eventstore.AppendRequest {
	r.Claims = []eventstore.Claim{{Kind: "email", Key: "k", Owner: owner}}
	return r
}

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
