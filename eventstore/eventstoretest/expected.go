package eventstoretest

import (
	"errors"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

// testExpectedVersion checks every expected-version rule: a passing check
// appends, a failing one returns ErrWrongExpectedVersion and writes nothing.
func testExpectedVersion(t *testing.T, h Harness) {
	tests := []struct {
		name     string
		existing int // events already in the stream
		expected eventstore.ExpectedVersion
		wantErr  error
	}{
		{"any on empty", 0, eventstore.Any, nil},
		{"any on existing", 2, eventstore.Any, nil},
		{"no stream on empty", 0, eventstore.NoStream, nil},
		{"no stream on existing", 2, eventstore.NoStream, eventstore.ErrWrongExpectedVersion},
		{"stream exists on empty", 0, eventstore.StreamExists, eventstore.ErrWrongExpectedVersion},
		{"stream exists on existing", 2, eventstore.StreamExists, nil},
		{"exact match", 2, eventstore.Exactly(2), nil},
		{"exact behind", 2, eventstore.Exactly(1), eventstore.ErrWrongExpectedVersion},
		{"exact ahead", 2, eventstore.Exactly(3), eventstore.ErrWrongExpectedVersion},
		{"exact on empty", 0, eventstore.Exactly(1), eventstore.ErrWrongExpectedVersion},
	}
	s := open(t, h)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stream := "ev-" + string(rune('a'+i))
			if tt.existing > 0 {
				mustAppend(t, s, eventstore.AppendRequest{Stream: stream, Expected: eventstore.NoStream, Events: events(tt.existing)})
			}
			before := head(t, s)
			_, err := s.Append(ctxT(t), eventstore.AppendRequest{Stream: stream, Expected: tt.expected, Events: events(1)})
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("Append = %v, want %v", err, tt.wantErr)
			}
			wantLen := tt.existing + 1
			if tt.wantErr != nil {
				wantLen = tt.existing
				if got := head(t, s); got != before {
					t.Errorf("Head moved from %s to %s after a failed append", before, got)
				}
			}
			if got := readStream(t, s, stream, 0); len(got) != wantLen {
				t.Errorf("stream has %d events, want %d", len(got), wantLen)
			}
		})
	}
}

// testInvalidAppend: malformed requests return ErrInvalidAppend and write
// nothing.
func testInvalidAppend(t *testing.T, h Harness) {
	ok := eventstore.AppendRequest{Stream: "inv", Expected: eventstore.Any, Events: events(1)}
	noID := events(1)
	noID[0].ID = ""
	badJSON := events(1)
	badJSON[0].Data = []byte("{not json")
	tests := []struct {
		name string
		reqs []eventstore.AppendRequest
	}{
		{"no requests", nil},
		{"empty stream", []eventstore.AppendRequest{{Expected: eventstore.Any, Events: events(1)}}},
		{"nothing to append", []eventstore.AppendRequest{{Stream: "inv", Expected: eventstore.Any}}},
		{"bad expected version", []eventstore.AppendRequest{{Stream: "inv", Expected: -3, Events: events(1)}}},
		{"event without id", []eventstore.AppendRequest{{Stream: "inv", Expected: eventstore.Any, Events: noID}}},
		{"data not json", []eventstore.AppendRequest{{Stream: "inv", Expected: eventstore.Any, Events: badJSON}}},
		{"claim without key", []eventstore.AppendRequest{{Stream: "inv", Expected: eventstore.Any,
			Claims: []eventstore.Claim{{Kind: "email", Owner: "inv"}}}}},
		{"one bad among good", []eventstore.AppendRequest{ok, {Stream: "", Expected: eventstore.Any, Events: events(1)}}},
	}
	s := open(t, h)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Append(ctxT(t), tt.reqs...)
			if !errors.Is(err, eventstore.ErrInvalidAppend) {
				t.Fatalf("Append = %v, want ErrInvalidAppend", err)
			}
			if got := head(t, s); !got.IsZero() {
				t.Errorf("Head = %s after invalid appends, want zero", got)
			}
		})
	}
}

// testAtomicMulti: requests in one Append commit together or not at all,
// and later requests see the versions of earlier ones.
func testAtomicMulti(t *testing.T, h Harness) {
	s := open(t, h)
	mustAppend(t, s, eventstore.AppendRequest{Stream: "m-b", Expected: eventstore.NoStream, Events: events(1)})
	mustAppend(t, s, eventstore.AppendRequest{Stream: "m-owner", Expected: eventstore.Any, Events: events(1),
		Claims: []eventstore.Claim{{Kind: "email", Key: "k-taken", Owner: "m-owner"}}})
	before := head(t, s)

	failures := []struct {
		name    string
		second  eventstore.AppendRequest
		wantErr error
	}{
		{"version conflict", eventstore.AppendRequest{Stream: "m-b", Expected: eventstore.NoStream, Events: events(1)},
			eventstore.ErrWrongExpectedVersion},
		{"claim conflict", eventstore.AppendRequest{Stream: "m-c", Expected: eventstore.Any, Events: events(1),
			Claims: []eventstore.Claim{{Kind: "email", Key: "k-taken", Owner: "m-c"}}}, eventstore.ErrClaimTaken},
	}
	for _, f := range failures {
		first := eventstore.AppendRequest{Stream: "m-a", Expected: eventstore.NoStream, Events: events(2),
			Claims: []eventstore.Claim{{Kind: "email", Key: "k-a", Owner: "m-a"}}}
		_, err := s.Append(ctxT(t), first, f.second)
		if !errors.Is(err, f.wantErr) {
			t.Fatalf("%s: Append = %v, want %v", f.name, err, f.wantErr)
		}
		if got := head(t, s); got != before {
			t.Errorf("%s: Head moved from %s to %s", f.name, before, got)
		}
		if got := readStream(t, s, "m-a", 0); len(got) != 0 {
			t.Errorf("%s: first request wrote %d events, want 0", f.name, len(got))
		}
		if _, err := s.LookupClaim(ctxT(t), "email", "k-a"); !errors.Is(err, eventstore.ErrClaimNotFound) {
			t.Errorf("%s: first request's claim: LookupClaim = %v, want ErrClaimNotFound", f.name, err)
		}
	}
}

// testMultiSameStream: a later request of one Append sees the version the
// earlier one produced, and Append returns the last record's position.
func testMultiSameStream(t *testing.T, h Harness) {
	s := open(t, h)
	pos := mustAppend(t, s,
		eventstore.AppendRequest{Stream: "m-a", Expected: eventstore.NoStream, Events: events(1)},
		eventstore.AppendRequest{Stream: "m-a", Expected: eventstore.Exactly(1), Events: events(2)},
		eventstore.AppendRequest{Stream: "m-d", Expected: eventstore.NoStream, Events: events(1)},
	)
	got := readStream(t, s, "m-a", 0)
	if len(got) != 3 || got[2].Version != 3 {
		t.Fatalf("m-a has %d events after a same-stream multi append, want versions 1..3", len(got))
	}
	if d := readStream(t, s, "m-d", 0); len(d) != 1 || d[0].Position != pos {
		t.Errorf("Append returned %s, want the position of the last record (m-d v1)", pos)
	}
}
