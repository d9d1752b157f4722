package eventstore_test

import (
	"context"
	"errors"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// emailsDecider folds signedUp events into the list of emails seen.
func emailsDecider() domain.Decider[[]string, struct{}] {
	return domain.Decider[[]string, struct{}]{
		Evolve: func(s []string, ev domain.Event) []string { return append(s, ev.(signedUp).Email) },
	}
}

func TestLoadFoldsTheStream(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for i, email := range []string{"a@example.com", "b@example.com"} {
		d, err := f.codec.Encode(ctx, signedUp{Email: email}, domain.Metadata{}, "person-l")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.Append(ctx, eventstore.AppendRequest{Stream: "person-l", Expected: eventstore.Exactly(uint64(i)),
			Events: []eventstore.EventData{d}}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		stream      string
		wantEmails  []string
		wantVersion uint64
	}{
		{"person-l", []string{"a@example.com", "b@example.com"}, 2},
		{"person-unknown", nil, 0},
	}
	for _, tt := range tests {
		state, version, err := eventstore.Load(ctx, f.store, f.codec, emailsDecider(), tt.stream)
		if err != nil {
			t.Fatalf("Load(%s): %v", tt.stream, err)
		}
		if version != tt.wantVersion || len(state) != len(tt.wantEmails) {
			t.Fatalf("Load(%s) = %v at v%d, want %v at v%d", tt.stream, state, version, tt.wantEmails, tt.wantVersion)
		}
		for i := range state {
			if state[i] != tt.wantEmails[i] {
				t.Errorf("Load(%s) state[%d] = %q, want %q", tt.stream, i, state[i], tt.wantEmails[i])
			}
		}
	}
}

func TestLoadFailsOnUndecodableRecord(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.store.Append(ctx, eventstore.AppendRequest{Stream: "person-x", Expected: eventstore.NoStream,
		Events: []eventstore.EventData{{ID: "1", Type: "test.unregistered", Schema: 1, Data: []byte(`{}`)}}})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = eventstore.Load(ctx, f.store, f.codec, emailsDecider(), "person-x")
	if !errors.Is(err, eventstore.ErrUnknownEventType) {
		t.Errorf("Load = %v, want ErrUnknownEventType", err)
	}
}
