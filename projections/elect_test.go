package projections

import (
	"context"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tokenElector is an in-process Elector: one token, taken by the leader.
// kill simulates the leader's node dying: its lost channel closes and the
// token returns.
type tokenElector struct {
	token chan struct{}
	mu    sync.Mutex
	lost  chan struct{}
}

func newTokenElector() *tokenElector {
	e := &tokenElector{token: make(chan struct{}, 1)}
	e.token <- struct{}{}
	return e
}

func (e *tokenElector) Acquire(ctx context.Context) (<-chan struct{}, func(), error) {
	select {
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	case <-e.token:
	}
	lost := make(chan struct{})
	e.mu.Lock()
	e.lost = lost
	e.mu.Unlock()
	var once sync.Once
	release := func() { once.Do(func() { e.token <- struct{}{} }) }
	return lost, release, nil
}

// kill ends the current leadership as a dead node would.
func (e *tokenElector) kill() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.lost != nil {
		close(e.lost)
		e.lost = nil
	}
}

// TestElectedRunners runs two runners on one read store: only the leader
// applies, the standby's WaitFor follows the committed checkpoints, and
// after the leader dies the standby takes over; the rows equal a fresh
// replay (nothing doubled, nothing lost).
func TestElectedRunners(t *testing.T) {
	for _, rs := range readStores() {
		t.Run(rs.name, func(t *testing.T) {
			st, codec := newLog(t)
			read := rs.open(t)
			el := newTokenElector()
			a := newRunner(t, st, codec, read, All(), Options{Elector: el})
			start(t, a)
			b := newRunner(t, st, codec, read, All(), Options{Elector: el})
			start(t, b)
			pos := loadFiles(t, st, codec, "lifecycle")
			if err := waitFor(a, pos); err != nil {
				t.Fatal(err)
			}
			if err := waitFor(b, pos); err != nil {
				t.Fatalf("standby WaitFor: %v", err)
			}
			el.kill()
			pos = loadFiles(t, st, codec, "security", "moderation")
			for name, r := range map[string]*Runner{"a": a, "b": b} {
				if err := waitFor(r, pos); err != nil {
					t.Fatalf("%s after takeover: %v", name, err)
				}
			}
			got := dumpAll(t, context.Background(), read)
			want := replayFresh(t, rs, st, codec)
			if diff := cmp.Diff(got, want); diff != "" {
				t.Errorf("rows after takeover differ from a fresh replay (-got +want):\n%s", diff)
			}
		})
	}
}
