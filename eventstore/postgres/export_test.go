package postgres

import (
	"context"

	"github.com/authledger/authledger/eventstore"
)

// AppendHolding appends like Append but runs hold inside the transaction
// just before COMMIT, so tests can keep a real append transaction open.
func (s *Store) AppendHolding(ctx context.Context, hold func(context.Context) error, reqs ...eventstore.AppendRequest) (eventstore.Position, error) {
	if err := eventstore.ValidateAppend(reqs); err != nil {
		return eventstore.Position{}, err
	}
	steps, err := planAppend(reqs)
	if err != nil {
		return eventstore.Position{}, err
	}
	return s.appendRetry(ctx, steps, hold)
}

// ListenSessions counts the listener's successful LISTEN sessions.
func (s *Store) ListenSessions() int64 { return s.wake.sessions.Load() }

// AppName is the application_name of the store's connections.
func (s *Store) AppName() string { return s.appName }

// Queued counts the Append calls waiting for a writer.
func (s *Store) Queued() int { return len(s.queue) }

// ReadQueries are the statements a follower runs on every page and every
// Head: the page query and the horizon's visible query.
func (s *Store) ReadQueries() (readAll, visible string) { return s.q.readAll, s.q.visible }
