// Package memory is an in-process ontology.Store for tests and single-node
// development. Transactions buffer their writes and apply them under one
// mutex on Commit; Stage builds a fresh set of maps that Promote swaps in
// whole. Nothing survives the process: the read store rebuilds from the log.
package memory

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/authledger/authledger/ontology"
)

// ErrTxDone is returned by a transaction used after Commit or Rollback.
var ErrTxDone = errors.New("memory: transaction already committed or rolled back")

// ErrStagingDone is returned by a Staging (or its transactions) after
// Promote or Discard, or once a newer Stage has replaced it.
var ErrStagingDone = errors.New("memory: staging promoted, discarded or superseded")

// Store is an in-memory ontology.Store. The zero value is not usable; call New.
type Store struct {
	mu       sync.RWMutex
	live     *tables
	stageGen int // generation of the newest Stage; older stagings are stale
}

var _ ontology.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store { return &Store{live: newTables()} }

// Begin starts a transaction on the live tables.
func (s *Store) Begin(ctx context.Context) (ontology.Tx, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return newTx(s, func() *tables { return s.live }), nil
}

// Checkpoint returns the committed position of projector ("" = none).
func (s *Store) Checkpoint(ctx context.Context, projector string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.live.checkpoints[projector], nil
}

// CheckpointNames lists the committed checkpoints named prefix…, sorted.
func (s *Store) CheckpointNames(ctx context.Context, prefix string) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []string
	for name := range s.live.checkpoints {
		if strings.HasPrefix(name, prefix) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out, nil
}

// Stage starts a rebuild into empty tables; any earlier unpromoted staging
// becomes stale.
func (s *Store) Stage(ctx context.Context) (ontology.Staging, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stageGen++
	return &staging{s: s, gen: s.stageGen, t: newTables()}, nil
}

// Close releases nothing; it exists to satisfy ontology.Store.
func (s *Store) Close() error { return nil }

// staging is a shadow generation; t is nil once it is finished.
type staging struct {
	s   *Store
	gen int
	t   *tables // guarded by s.mu
}

// Begin starts a transaction on the shadow tables.
func (st *staging) Begin(ctx context.Context) (ontology.Tx, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st.s.mu.RLock()
	defer st.s.mu.RUnlock()
	if st.current() == nil {
		return nil, ErrStagingDone
	}
	return newTx(st.s, st.current), nil
}

// current returns the shadow tables or nil; the caller holds s.mu.
func (st *staging) current() *tables {
	if st.s.stageGen != st.gen {
		return nil
	}
	return st.t
}

// Checkpoint returns a projector's position in the shadow tables.
func (st *staging) Checkpoint(ctx context.Context, projector string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	st.s.mu.RLock()
	defer st.s.mu.RUnlock()
	t := st.current()
	if t == nil {
		return "", ErrStagingDone
	}
	return t.checkpoints[projector], nil
}

// Promote makes the shadow tables live in one step.
func (st *staging) Promote(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	st.s.mu.Lock()
	defer st.s.mu.Unlock()
	t := st.current()
	if t == nil {
		return ErrStagingDone
	}
	st.s.live, st.t = t, nil
	return nil
}

// Discard drops the shadow tables; the live ones are untouched.
func (st *staging) Discard(ctx context.Context) error {
	st.s.mu.Lock()
	defer st.s.mu.Unlock()
	st.t = nil
	return nil
}
