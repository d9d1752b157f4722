package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/sqlite"
)

// outageStore is a real SQLite event store that can be taken down (every
// call fails as an unreachable database's would) or have its log reads
// stalled (the session index follower sees nothing new).
type outageStore struct {
	eventstore.Store
	down, stalled atomic.Bool
}

var errDown = fmt.Errorf("database unreachable: %w", eventstore.ErrUnavailable)

func (s *outageStore) Head(ctx context.Context) (eventstore.Position, error) {
	if s.down.Load() {
		return eventstore.Position{}, errDown
	}
	return s.Store.Head(ctx)
}

func (s *outageStore) ReadAll(ctx context.Context, after eventstore.Position, limit int) ([]eventstore.Record, error) {
	if s.down.Load() {
		return nil, errDown
	}
	if s.stalled.Load() {
		return nil, nil
	}
	return s.Store.ReadAll(ctx, after, limit)
}

// probe GETs a health route (outside /api/auth) and returns its status
// and "status" field.
func probe(h *harness, path string) (int, string) {
	h.t.Helper()
	r := h.do(req{method: http.MethodGet, path: path})
	var body struct {
		Status string `json:"status"`
	}
	if (r.status != 200 && r.status != 503) || json.Unmarshal(r.body, &body) != nil {
		h.t.Fatalf("%s: %d %s", path, r.status, r.body)
	}
	return r.status, body.Status
}

// TestHealthAndReadiness: /healthz answers 200 while the process serves,
// whatever the store; /readyz answers 200 only while the store answers and
// the session index has caught up with the log's head: 503 "store
// unavailable" while the store is down, 503 "catching up" while the index
// is behind, and 200 again once both recover.
func TestHealthAndReadiness(t *testing.T) {
	es, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "events.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	store := &outageStore{Store: es}
	h := newHarnessOn(t, store)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	ready := func(want int, wantStatus string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second) // the index follows asynchronously: a liveness bound
		for {
			code, status := probe(h, "/readyz")
			if code == want && status == wantStatus {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("/readyz: %d %q, want %d %q", code, status, want, wantStatus)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	healthy := func() {
		t.Helper()
		if code, status := probe(h, "/healthz"); code != 200 || status != "ok" {
			t.Errorf("/healthz: %d %q, want 200 ok", code, status)
		}
	}
	ready(200, "ready")
	healthy()

	store.down.Store(true)
	ready(503, "store unavailable")
	healthy()
	store.down.Store(false)
	ready(200, "ready")

	store.stalled.Store(true)
	appendSignUp(t, h, es, "P-direct-1") // the log moves on, the index cannot see it
	ready(503, "catching up")
	healthy()
	store.stalled.Store(false)
	appendSignUp(t, h, es, "P-direct-2") // wakes the follower
	ready(200, "ready")
}

// appendSignUp appends a sign-up straight to the store, as another node
// would: no use case waits here for this node's read models.
func appendSignUp(t *testing.T, h *harness, es eventstore.Store, personID string) {
	t.Helper()
	ctx, now := context.Background(), h.clock.Now()
	data, err := h.codec.Encode(ctx, person.SignedUp{PersonID: personID, Email: personID + "@example.com", Name: "D", At: now},
		domain.Metadata{OccurredAt: now}, personID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := es.Append(ctx, eventstore.AppendRequest{Stream: domain.PersonStream(personID), Expected: eventstore.NoStream,
		Events: []eventstore.EventData{data}}); err != nil {
		t.Fatal(err)
	}
}
