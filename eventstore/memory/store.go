// Package memory is an in-memory eventstore.Store for tests and demos. It
// is atomic across requests but not durable.
package memory

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/authledger/authledger/eventstore"
)

// Features returns what this adapter declares to the conformance suite:
// atomic across requests, not durable.
func Features() eventstore.Features {
	return eventstore.Features{AtomicMulti: true, Durable: false}
}

type claimID struct{ kind, key string }

// Store keeps records, stream versions, claims and keys in memory behind
// one lock. Positions are (0, n) with n the 1-based index in the log.
type Store struct {
	mu      sync.RWMutex
	records []eventstore.Record
	streams map[string][]int // stream → indexes into records, in version order
	claims  map[claimID]string
	keys    map[string][]byte
	snaps   map[string]eventstore.Snapshot // snapshot.go
	changed chan struct{}
	closed  bool
}

var _ eventstore.Store = (*Store)(nil)

// New returns an empty Store.
func New() *Store {
	return &Store{
		streams: map[string][]int{},
		claims:  map[claimID]string{},
		keys:    map[string][]byte{},
		snaps:   map[string]eventstore.Snapshot{},
		changed: make(chan struct{}),
	}
}

// Append commits all requests atomically; see eventstore.Store.
func (s *Store) Append(ctx context.Context, reqs ...eventstore.AppendRequest) (eventstore.Position, error) {
	if err := ctx.Err(); err != nil {
		return eventstore.Position{}, err
	}
	if err := eventstore.ValidateAppend(reqs); err != nil {
		return eventstore.Position{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return eventstore.Position{}, eventstore.ErrClosed
	}
	tx := &txn{s: s, versions: map[string]uint64{}, claims: map[claimID]string{}}
	for _, r := range reqs {
		if err := tx.apply(r); err != nil {
			return eventstore.Position{}, err
		}
	}
	s.commit(tx, time.Now().UTC())
	return s.head(), nil
}

// commit publishes a checked transaction and wakes followers. Callers hold
// s.mu for writing.
func (s *Store) commit(tx *txn, now time.Time) {
	for _, r := range tx.records {
		r.Position = eventstore.Position{Lo: uint64(len(s.records) + 1)}
		r.RecordedAt = now
		s.streams[r.Stream] = append(s.streams[r.Stream], len(s.records))
		s.records = append(s.records, r)
	}
	for id, owner := range tx.claims {
		if owner == "" {
			delete(s.claims, id)
		} else {
			s.claims[id] = owner
		}
	}
	if len(tx.records) > 0 {
		close(s.changed)
		s.changed = make(chan struct{})
	}
}

// ReadStream returns stream's records with Version ≥ from.
func (s *Store) ReadStream(ctx context.Context, stream string, from uint64) ([]eventstore.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, eventstore.ErrClosed
	}
	idx := s.streams[stream]
	if from > 1 {
		idx = idx[min(from-1, uint64(len(idx))):]
	}
	out := make([]eventstore.Record, 0, len(idx))
	for _, i := range idx {
		out = append(out, cloneRecord(s.records[i]))
	}
	return out, nil
}

// ReadAll returns up to limit records after the position, in global order.
func (s *Store) ReadAll(ctx context.Context, after eventstore.Position, limit int) ([]eventstore.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, errLimit
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, eventstore.ErrClosed
	}
	n := uint64(len(s.records))
	if after.Hi > 0 || after.Lo >= n {
		return nil, nil
	}
	end := min(after.Lo+uint64(limit), n)
	out := make([]eventstore.Record, 0, end-after.Lo)
	for _, r := range s.records[after.Lo:end] {
		out = append(out, cloneRecord(r))
	}
	return out, nil
}

// Head returns the position of the last record.
func (s *Store) Head(ctx context.Context) (eventstore.Position, error) {
	if err := ctx.Err(); err != nil {
		return eventstore.Position{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return eventstore.Position{}, eventstore.ErrClosed
	}
	return s.head(), nil
}

func (s *Store) head() eventstore.Position {
	return eventstore.Position{Lo: uint64(len(s.records))}
}

// Changed returns a channel closed at the next commit (or at Close).
func (s *Store) Changed() <-chan struct{} {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.changed
}

// LookupClaim returns the owner of a claim or ErrClaimNotFound.
func (s *Store) LookupClaim(ctx context.Context, kind, key string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return "", eventstore.ErrClosed
	}
	owner, ok := s.claims[claimID{kind, key}]
	if !ok {
		return "", eventstore.ErrClaimNotFound
	}
	return owner, nil
}

// Close makes every later call return ErrClosed and wakes followers waiting
// on Changed. The data is dropped with the Store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return eventstore.ErrClosed
	}
	s.closed = true
	close(s.changed)
	return nil
}

func cloneRecord(r eventstore.Record) eventstore.Record {
	r.Data = slices.Clone(r.Data)
	r.Meta = slices.Clone(r.Meta)
	return r
}
