package outbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/api/metricstest"
	"github.com/authledger/authledger/api/outbox"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/google/go-cmp/cmp"
)

// scripted is a Handler that fails an event a given number of times and
// reports every success on done.
type scripted struct {
	mu    sync.Mutex
	fails map[string]int // event id → failures still to come (-1: always)
	perm  map[string]bool
	calls []string
	done  chan string
}

func newScripted() *scripted {
	return &scripted{fails: map[string]int{}, perm: map[string]bool{}, done: make(chan string, 100)}
}

func (h *scripted) Wants(rec eventstore.Record) bool { return rec.Type == "t.mail" }

func (h *scripted) Handle(_ context.Context, rec eventstore.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls = append(h.calls, rec.ID)
	if h.perm[rec.ID] {
		return outbox.Permanent(errors.New("bad address"))
	}
	if n := h.fails[rec.ID]; n != 0 {
		h.fails[rec.ID] = n - 1
		return errors.New("smtp down")
	}
	h.done <- rec.ID
	return nil
}

func (h *scripted) Calls() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.calls...)
}

// sleeper records the delays asked for and, at each, the checkpoint then;
// block makes it wait for the context instead (a stop between attempts).
type sleeper struct {
	mu     sync.Mutex
	delays []time.Duration
	seen   []string
	cps    outbox.Checkpoints
	block  bool
	asleep chan struct{}
}

func (s *sleeper) Sleep(ctx context.Context, d time.Duration) error {
	cp, _ := s.cps.Checkpoint(ctx, "test.v1")
	s.mu.Lock()
	s.delays, s.seen = append(s.delays, d), append(s.seen, cp)
	block := s.block
	s.mu.Unlock()
	if block {
		s.asleep <- struct{}{}
		<-ctx.Done()
		return ctx.Err()
	}
	return nil
}

// appendEvents appends one event per id (type t.mail unless it starts with
// "x") and returns their positions.
func appendEvents(t *testing.T, st eventstore.Store, ids ...string) map[string]eventstore.Position {
	t.Helper()
	out := map[string]eventstore.Position{}
	for _, id := range ids {
		typ := "t.mail"
		if id[0] == 'x' {
			typ = "t.other"
		}
		pos, err := st.Append(context.Background(), eventstore.AppendRequest{Stream: "s-" + id, Expected: eventstore.Any,
			Events: []eventstore.EventData{{ID: id, Type: typ, Schema: 1, Data: json.RawMessage(`{}`), OccurredAt: time.Now()}}})
		if err != nil {
			t.Fatal(err)
		}
		out[id] = pos
	}
	return out
}

// rig is a subscriber on a memory log with injected sleep and jitter.
type rig struct {
	st      *memory.Store
	cps     *outbox.Memory
	h       *scripted
	sl      *sleeper
	given   []string
	mu      sync.Mutex
	metrics *outbox.Metrics
}

func newRig() *rig {
	cps := &outbox.Memory{}
	return &rig{st: memory.New(), cps: cps, h: newScripted(), sl: &sleeper{cps: cps, asleep: make(chan struct{}, 10)},
		metrics: &outbox.Metrics{Name: "test.v1"}}
}

func (r *rig) subscriber() *outbox.Subscriber {
	return &outbox.Subscriber{Name: "test.v1", Store: r.st, Checkpoints: r.cps, Handler: r.h, Metrics: r.metrics,
		Retry: outbox.Retry{Initial: time.Second, Max: 4 * time.Second, Attempts: 4}, Sleep: r.sl.Sleep,
		Jitter: func(d time.Duration) time.Duration { return d },
		OnGiveUp: func(rec eventstore.Record, _ error) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.given = append(r.given, rec.ID)
		}}
}

// run starts a subscriber and returns its stop function.
func (r *rig) run(t *testing.T) func() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.subscriber().Run(ctx) }()
	return func() {
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("Run = %v, want context.Canceled", err)
		}
	}
}

func (r *rig) waitDone(t *testing.T, ids ...string) {
	t.Helper()
	for _, want := range ids {
		select {
		case got := <-r.h.done:
			if got != want {
				t.Fatalf("handled %q, want %q", got, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%q never handled", want)
		}
	}
}

func (r *rig) checkpoint(t *testing.T) string {
	cp, _ := r.cps.Checkpoint(context.Background(), "test.v1")
	return cp
}

func TestCheckpointMovesOnlyAfterSuccessWithBackoff(t *testing.T) {
	r := newRig()
	_ = r.cps.SetCheckpoint(context.Background(), "test.v1", "0.0")
	pos := appendEvents(t, r.st, "a", "x1", "b", "x2")
	r.h.fails["b"] = 3 // fails 3 times, the 4th attempt (the last allowed) succeeds
	stop := r.run(t)
	r.waitDone(t, "a", "b")
	waitFor(t, func() bool { return r.checkpoint(t) == pos["x2"].String() })
	stop()
	if diff := cmp.Diff(r.sl.delays, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}); diff != "" {
		t.Errorf("delays (-got +want):\n%s", diff)
	}
	for i, cp := range r.sl.seen {
		if cp != pos["a"].String() && cp != pos["x1"].String() {
			t.Errorf("checkpoint during retry %d = %s, want before b (%s)", i, cp, pos["b"])
		}
	}
	if diff := cmp.Diff(r.h.Calls(), []string{"a", "b", "b", "b", "b"}); diff != "" {
		t.Errorf("calls (-got +want):\n%s", diff)
	}
	if len(r.given) != 0 {
		t.Errorf("given up %v, want none", r.given)
	}
	text := metricstest.Exposition(t, r.metrics, &outbox.Metrics{Name: "other.v1"})
	for _, want := range []string{`authledger_outbox_handled_total{subscriber="test.v1"} 2`,
		`authledger_outbox_retries_total{subscriber="test.v1"} 3`, `authledger_outbox_given_up_total{subscriber="test.v1"} 0`,
		`authledger_outbox_handled_total{subscriber="other.v1"} 0`} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics %q lack %q", text, want)
		}
	}
	// two subscribers share one family: HELP and TYPE appear once
	if n := strings.Count(text, "# TYPE authledger_outbox_handled_total counter"); n != 1 {
		t.Errorf("TYPE line %d times in\n%s", n, text)
	}
}

func TestGivesUpAfterTheLimitAndPasses(t *testing.T) {
	tests := []struct {
		name      string
		setup     func(h *scripted)
		wantCalls []string
		wantSleep int
	}{
		{"always failing", func(h *scripted) { h.fails["a"] = -1 }, []string{"a", "a", "a", "a", "b"}, 3},
		{"permanent", func(h *scripted) { h.perm["a"] = true }, []string{"a", "b"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig()
			_ = r.cps.SetCheckpoint(context.Background(), "test.v1", "0.0")
			pos := appendEvents(t, r.st, "a", "b")
			tt.setup(r.h)
			stop := r.run(t)
			r.waitDone(t, "b")
			waitFor(t, func() bool { return r.checkpoint(t) == pos["b"].String() })
			stop()
			if diff := cmp.Diff(r.h.Calls(), tt.wantCalls); diff != "" {
				t.Errorf("calls (-got +want):\n%s", diff)
			}
			if len(r.sl.delays) != tt.wantSleep {
				t.Errorf("slept %v, want %d sleeps", r.sl.delays, tt.wantSleep)
			}
			if diff := cmp.Diff(r.given, []string{"a"}); diff != "" {
				t.Errorf("given up (-got +want):\n%s", diff)
			}
		})
	}
}

func TestRestartResumesFromTheCheckpointAndResendsTheUnacknowledged(t *testing.T) {
	r := newRig()
	_ = r.cps.SetCheckpoint(context.Background(), "test.v1", "0.0")
	pos := appendEvents(t, r.st, "a", "b")
	r.h.fails["b"] = 1
	r.sl.block = true // stop while b waits for its retry
	stop := r.run(t)
	r.waitDone(t, "a")
	<-r.sl.asleep
	stop()
	if got := r.checkpoint(t); got != pos["a"].String() {
		t.Fatalf("checkpoint after the stop = %s, want a's %s", got, pos["a"])
	}
	r.sl.block = false
	stop = r.run(t)
	r.waitDone(t, "b")
	waitFor(t, func() bool { return r.checkpoint(t) == pos["b"].String() })
	stop()
	if diff := cmp.Diff(r.h.Calls(), []string{"a", "b", "b"}); diff != "" {
		t.Errorf("calls (-got +want):\n%s", diff)
	}
}

func TestStartsAtTheHeadWithoutACheckpoint(t *testing.T) {
	r := newRig()
	appendEvents(t, r.st, "old")
	stop := r.run(t)
	waitFor(t, func() bool { return r.checkpoint(t) != "" })
	pos := appendEvents(t, r.st, "new")
	r.waitDone(t, "new")
	waitFor(t, func() bool { return r.checkpoint(t) == pos["new"].String() })
	stop()
	if diff := cmp.Diff(r.h.Calls(), []string{"new"}); diff != "" {
		t.Errorf("calls (-got +want):\n%s", diff)
	}
}

func TestRetryDelay(t *testing.T) {
	r := outbox.Retry{Initial: time.Second, Max: 10 * time.Second}
	var got []time.Duration
	for n := 1; n <= 6; n++ {
		got = append(got, r.Delay(n))
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("delays (-got +want):\n%s", diff)
	}
	for range 1000 {
		if j := outbox.FullJitter(time.Second); j < time.Second/2 || j >= time.Second {
			t.Fatalf("FullJitter(1s) = %v, want [0.5s, 1s)", j)
		}
	}
}

// waitFor polls cond (the subscriber runs in its own goroutine); it fails
// after a generous bound, it asserts no timing.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for range 1000 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("condition never met")
}
