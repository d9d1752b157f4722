package postgres

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Elector elects one leader among the nodes sharing this read store, with
// a session-level advisory lock held on a dedicated connection (outside
// the pool). A node that dies loses its connection and, with it, the lock,
// so a standby's Acquire succeeds. It satisfies projections.Elector.
type Elector struct {
	cfg *pgx.ConnConfig
	key int64
	// Poll is how often a standby retries the lock (default 200ms);
	// Heartbeat how often the leader checks its connection (default 1s).
	Poll, Heartbeat time.Duration
}

// Elector returns the leader election called name (e.g. "projections")
// for this store's schema.
func (s *Store) Elector(name string) *Elector {
	h := fnv.New64a()
	fmt.Fprintf(h, "authledger/%s/%s", s.schema, name)
	return &Elector{cfg: s.pool.Config().ConnConfig.Copy(), key: int64(h.Sum64()),
		Poll: 200 * time.Millisecond, Heartbeat: time.Second}
}

// Acquire blocks until this node holds the lock or ctx ends. lost closes
// when the lock's connection fails; release unlocks and closes it.
func (e *Elector) Acquire(ctx context.Context) (<-chan struct{}, func(), error) {
	conn, err := pgx.ConnectConfig(ctx, e.cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("postgres: elector connect: %w", mapErr(err))
	}
	for {
		var ok bool
		if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", e.key).Scan(&ok); err != nil {
			_ = conn.Close(context.Background())
			return nil, nil, fmt.Errorf("postgres: elector lock: %w", mapErr(err))
		}
		if ok {
			break
		}
		t := time.NewTimer(e.Poll)
		select {
		case <-ctx.Done():
			t.Stop()
			_ = conn.Close(context.Background())
			return nil, nil, ctx.Err()
		case <-t.C:
		}
	}
	lost, stop, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go e.heartbeat(conn, lost, stop, done)
	var once sync.Once
	release := func() {
		once.Do(func() {
			close(stop)
			<-done
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_, _ = conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", e.key)
			_ = conn.Close(ctx)
		})
	}
	return lost, release, nil
}

// heartbeat pings the lock's connection; a failed ping means the lock may
// be gone, so leadership is given up (lost closes).
func (e *Elector) heartbeat(conn *pgx.Conn, lost, stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(e.Heartbeat)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), e.Heartbeat)
			_, err := conn.Exec(ctx, "SELECT 1")
			cancel()
			if err != nil {
				close(lost)
				return
			}
		}
	}
}
