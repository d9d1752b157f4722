package outbox

import (
	"context"
	"errors"
	"sync"

	"github.com/authledger/authledger/ontology"
)

// Checkpoints keeps a subscriber's position (text form of
// eventstore.Position; "" = none).
type Checkpoints interface {
	Checkpoint(ctx context.Context, name string) (string, error)
	SetCheckpoint(ctx context.Context, name, position string) error
}

// ReadStore keeps checkpoints in the read store's checkpoint table, beside
// the projections' (one row per subscriber name).
func ReadStore(st ontology.Store) Checkpoints { return readStore{st} }

type readStore struct{ st ontology.Store }

// Checkpoint implements Checkpoints.
func (r readStore) Checkpoint(ctx context.Context, name string) (string, error) {
	return r.st.Checkpoint(ctx, name)
}

// SetCheckpoint implements Checkpoints in its own transaction.
func (r readStore) SetCheckpoint(ctx context.Context, name, position string) error {
	tx, err := r.st.Begin(ctx)
	if err != nil {
		return err
	}
	if err := tx.SetCheckpoint(ctx, name, position); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// Memory keeps checkpoints in memory (tests, one-shot processes).
type Memory struct {
	mu  sync.Mutex
	pos map[string]string
}

// Checkpoint implements Checkpoints.
func (m *Memory) Checkpoint(_ context.Context, name string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.pos[name], nil
}

// SetCheckpoint implements Checkpoints.
func (m *Memory) SetCheckpoint(_ context.Context, name, position string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pos == nil {
		m.pos = map[string]string{}
	}
	m.pos[name] = position
	return nil
}
