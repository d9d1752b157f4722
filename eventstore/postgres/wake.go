package postgres

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// Listener reconnect backoff bounds.
const (
	minBackoff = 50 * time.Millisecond
	maxBackoff = 5 * time.Second
)

// waker hands out the channel behind Changed and closes it on wake.
type waker struct {
	mu     sync.Mutex
	ch     chan struct{}
	closed bool
	// behind: a reader saw committed records waiting beyond the horizon,
	// so the ticker must wake followers again until the horizon moves.
	behind atomic.Bool
	// sessions counts successful LISTEN sessions (reconnects show as > 1).
	sessions atomic.Int64
	// gen counts wake-ups: a read begun at generation g saw every commit
	// whose wake-up came before g (see readShare).
	gen atomic.Uint64
}

func newWaker() waker { return waker{ch: make(chan struct{})} }

func (w *waker) changed() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.ch
}

// wake closes the current channel and starts a new one.
func (w *waker) wake() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	w.gen.Add(1)
	close(w.ch)
	w.ch = make(chan struct{})
}

// generation is the number of wake-ups so far.
func (w *waker) generation() uint64 { return w.gen.Load() }

// close closes the channel for good (Close wakes every follower).
func (w *waker) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		w.closed = true
		close(w.ch)
	}
}

func (w *waker) setBehind() { w.behind.Store(true) }

// Changed returns a channel closed when records may have become visible:
// after a local commit that appended records, on a NOTIFY from any store
// on this schema, when the listener reconnects (notifications may have
// been lost meanwhile), every WakeInterval while a reader has seen
// committed records waiting beyond the horizon, every tenth WakeInterval
// anyway, and at Close. Take it before ReadAll so no wake-up is lost.
func (s *Store) Changed() <-chan struct{} { return s.wake.changed() }

// safetyTicks is how many WakeIntervals pass between unconditional
// wake-ups.
const safetyTicks = 10

// tick wakes followers every WakeInterval while a reader has seen records
// waiting behind an open transaction. The wake-up of the commit that moves
// the horizon may come before a follower's empty read (the horizon moves
// when the *older* transaction ends, which may append nothing and notify
// no one), so without the tick such a follower could wait for the next
// append. Every safetyTicks ticks it wakes followers anyway, in case a
// notification was lost (a writer on another node died between its commit
// and its NOTIFY).
func (s *Store) tick(ctx context.Context) {
	defer s.bg.Done()
	t := time.NewTicker(s.opts.WakeInterval)
	defer t.Stop()
	for n := 1; ; n++ {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if s.wake.behind.Swap(false) || n%safetyTicks == 0 {
				s.wake.wake()
			}
		}
	}
}

// listen keeps one dedicated connection LISTENing on notifyChannel and
// wakes followers on every notification for this schema. When the
// connection drops it reconnects with exponential backoff (50ms to 5s) and
// wakes followers once connected, since notifications sent meanwhile are
// lost.
func (s *Store) listen(ctx context.Context, cfg *pgx.ConnConfig) {
	defer s.bg.Done()
	backoff := minBackoff
	for ctx.Err() == nil {
		if s.listenOnce(ctx, cfg) {
			backoff = minBackoff
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, maxBackoff)
	}
}

// listenOnce runs one LISTEN session until its connection fails or ctx
// ends; it reports whether LISTEN succeeded.
func (s *Store) listenOnce(ctx context.Context, cfg *pgx.ConnConfig) bool {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return false
	}
	defer func() {
		closeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_ = conn.Close(closeCtx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+notifyChannel); err != nil {
		return false
	}
	s.wake.wake() // before counting the session: tests rely on this order
	s.wake.sessions.Add(1)
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return true
		}
		if n.Payload == s.opts.Schema {
			s.wake.wake()
		}
	}
}
