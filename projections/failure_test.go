package projections

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
	"github.com/google/go-cmp/cmp"
)

// appendBogusRefresh appends a refresh of a session that never existed,
// which things.v1 must refuse, and returns its position.
func appendBogusRefresh(t testing.TB, st eventstore.Store, codec *eventstore.Codec) eventstore.Position {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2025, 3, 8, 0, 0, 0, 0, time.UTC)
	ev := session.Refreshed{SessionID: "ghostSession00000000000000000001", PersonID: "alice000000000000000000000000001",
		ExpiresAt: at.Add(time.Hour), At: at}
	data, err := codec.Encode(ctx, ev, domain.Metadata{RequestID: "req-ghost", OccurredAt: at}, ev.PersonID)
	if err != nil {
		t.Fatal(err)
	}
	pos, err := st.Append(ctx, eventstore.AppendRequest{Stream: domain.SessionStream(ev.SessionID),
		Expected: eventstore.Any, Events: []eventstore.EventData{data}})
	if err != nil {
		t.Fatal(err)
	}
	return pos
}

// statusOf returns the status of the named projector.
func statusOf(t testing.TB, r *Runner, name string) ProjectorStatus {
	t.Helper()
	for _, s := range r.Status() {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no status for %s", name)
	return ProjectorStatus{}
}

// TestFailingProjectorStopsAlone: a refresh of an unknown session stops
// things.v1 just before it; every other projector reaches the head and
// its rows equal a replay of the clean log.
func TestFailingProjectorStopsAlone(t *testing.T) {
	for _, rs := range readStores() {
		t.Run(rs.name, func(t *testing.T) {
			clean, cleanCodec := newLog(t)
			loadFiles(t, clean, cleanCodec, "lifecycle")
			wantThings := replayFresh(t, rs, clean, cleanCodec)[ontology.Things]
			loadFiles(t, clean, cleanCodec, "security")
			want := replayFresh(t, rs, clean, cleanCodec)

			st, codec := newLog(t)
			before := loadFiles(t, st, codec, "lifecycle")
			bogus := appendBogusRefresh(t, st, codec)
			head := loadFiles(t, st, codec, "security")
			read := rs.open(t)
			var mu sync.Mutex
			var reported []error
			r := newRunner(t, st, codec, read, All(), Options{BatchSize: 4, OnError: func(err error) {
				mu.Lock()
				defer mu.Unlock()
				reported = append(reported, err)
			}})
			start(t, r)

			err := waitFor(r, head)
			mu.Lock()
			if len(reported) != 1 || !errors.Is(reported[0], ErrProjectorFailed) {
				t.Errorf("OnError got %v, want the one projector failure", reported)
			}
			mu.Unlock()
			if !errors.Is(err, ErrProjectorFailed) || !errors.Is(err, ErrMissingRow) {
				t.Fatalf("WaitFor = %v, want ErrProjectorFailed and ErrMissingRow", err)
			}
			for _, s := range r.Status() {
				if s.Name == ThingsName {
					continue
				}
				if s.Failed || s.Checkpoint != head || s.Lag != 0 {
					t.Errorf("%s: got %+v, want healthy at %s", s.Name, s, head)
				}
			}
			got := statusOf(t, r, ThingsName)
			if !got.Failed || got.FailedAt != bogus || got.FailedType != session.TypeRefreshed ||
				got.Checkpoint != before || got.Error == "" || got.Head != head || got.Lag == 0 {
				t.Errorf("things status = %+v, want failed at %s after %s", got, bogus, before)
			}
			rows := dumpAll(t, context.Background(), read)
			for _, dim := range []ontology.Dimension{ontology.People, ontology.Connections, ontology.Knowledge, ontology.Groups} {
				if diff := cmp.Diff(rows[dim], want[dim]); diff != "" {
					t.Errorf("%s (-got +want):\n%s", dim, diff)
				}
			}
			if diff := cmp.Diff(rows[ontology.Things], wantThings); diff != "" {
				t.Errorf("things stop before the failing event (-got +want):\n%s", diff)
			}
			if got, want := len(rows[ontology.Events].([]any)), len(want[ontology.Events].([]any))+1; got != want {
				t.Errorf("events rows = %d, want %d (the failing event is still audited)", got, want)
			}
		})
	}
}

// TestWaitFor covers read-your-writes, an unreachable position and an
// already reached one.
func TestWaitFor(t *testing.T) {
	for _, rs := range readStores() {
		t.Run(rs.name, func(t *testing.T) {
			st, codec := newLog(t)
			read := rs.open(t)
			r := newRunner(t, st, codec, read, All(), Options{})
			if err := r.WaitFor(context.Background(), eventstore.Position{}); err != nil {
				t.Fatalf("WaitFor(zero) = %v, want nil", err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
			defer cancel()
			if err := r.WaitFor(ctx, eventstore.Position{Lo: 1}); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("WaitFor without runner = %v, want DeadlineExceeded", err)
			}
			start(t, r)
			types := catalogTypes()
			for i, e := range loadStream(t, "testdata/lifecycle.events.json") {
				pos := appendStream(t, context.Background(), st, codec, []streamEntry{e})
				if err := waitFor(r, pos); err != nil {
					t.Fatalf("entry %d: %v", i, err)
				}
				ev, personID, err := decodeEntry(types, e)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := read.GetPerson(context.Background(), personID); err != nil {
					t.Errorf("entry %d (%s): person not readable after WaitFor: %v", i, ev.EventType(), err)
				}
				page, err := read.ListEvents(context.Background(), ontology.Query{Where: map[string]string{"stream": e.Stream}, Limit: 1000})
				if err != nil || len(page.Items) == 0 || page.Items[len(page.Items)-1].Position != pos.String() {
					t.Errorf("entry %d: events row of %s not readable after WaitFor (%v)", i, pos, err)
				}
			}
		})
	}
}

// TestNewRunnerRejectsDuplicateNames: two projectors cannot share a
// checkpoint.
func TestNewRunnerRejectsDuplicateNames(t *testing.T) {
	st, codec := newLog(t)
	_, err := NewRunner(st, codec, readStores()[0].open(t), []Projector{People(), People()}, Options{})
	if !errors.Is(err, ErrDuplicateProjector) {
		t.Fatalf("NewRunner = %v, want ErrDuplicateProjector", err)
	}
}
