package projections

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// Default batch sizes, used when the Options fields are 0.
const (
	DefaultBatchSize        = 500
	DefaultRebuildBatchSize = 5000
)

// Options tune a Runner. The zero value is usable.
type Options struct {
	// BatchSize is the number of records per read and per transaction
	// (default DefaultBatchSize).
	BatchSize int
	// RebuildBatchSize is the number of records per transaction of a
	// Rebuild (default DefaultRebuildBatchSize): larger batches load the
	// staged tables faster, and nobody reads them until Promote.
	RebuildBatchSize int
	// RetryMin and RetryMax bound the exponential backoff after a storage
	// error (defaults 100ms and 5s). Storage errors never stop a projector.
	RetryMin, RetryMax time.Duration
	// OnError, when set, is told about every storage error the runner
	// retries and about every projector that stops at a failing event
	// (that error wraps ErrProjectorFailed), for logs and metrics. It must
	// not block.
	OnError func(error)
	// Elector, when set, makes the runner one of several nodes sharing a
	// read store: only the node holding leadership applies events; the
	// others stand by, following the committed checkpoints so WaitFor
	// still works, and take over when the leader goes away.
	Elector Elector
	// StandbyPoll is how often a standby node re-reads the checkpoints
	// (default 50ms).
	StandbyPoll time.Duration
	// KeepCheckpoints names checkpoints of other log subscribers kept in
	// the read store (the outbox mailer's): a Rebuild carries them over to
	// the rebuilt tables, which otherwise start without them.
	KeepCheckpoints []string
	// KeepCheckpointsOf, when set, names more such checkpoints at the
	// time of a Rebuild (subscribers whose names depend on the log: one
	// per webhook endpoint).
	KeepCheckpointsOf func(ctx context.Context) ([]string, error)
}

func (o Options) withDefaults() Options {
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.RebuildBatchSize <= 0 {
		o.RebuildBatchSize = DefaultRebuildBatchSize
	}
	if o.RetryMin <= 0 {
		o.RetryMin = 100 * time.Millisecond
	}
	if o.StandbyPoll <= 0 {
		o.StandbyPoll = 50 * time.Millisecond
	}
	if o.RetryMax < o.RetryMin {
		o.RetryMax = max(5*time.Second, o.RetryMin)
	}
	return o
}

// Runner keeps projectors up to date with the event log: catch-up, then
// follow. Create it with NewRunner, start it with Run.
type Runner struct {
	store eventstore.Store
	codec *eventstore.Codec
	read  ontology.Store
	projs []Projector
	opts  Options

	// applyMu is held by the live loop while it reads and applies one
	// batch; Rebuild holds it to pause the loop for its final catch-up.
	applyMu   sync.Mutex
	rebuildMu sync.Mutex

	mu      sync.Mutex
	live    []projState // parallel to projs; the committed state
	head    eventstore.Position
	changed chan struct{} // closed and replaced whenever live or head moves
}

// projState is what the runner knows about one projector.
type projState struct {
	cp         eventstore.Position // last applied record (committed)
	failed     bool
	err        error
	failedAt   eventstore.Position
	failedType string
}

// NewRunner returns a Runner projecting store (decoded with codec) into
// read through ps. Projector names must be unique and non-empty.
func NewRunner(store eventstore.Store, codec *eventstore.Codec, read ontology.Store, ps []Projector, opts Options) (*Runner, error) {
	seen := map[string]bool{}
	for _, p := range ps {
		if p.Name() == "" || seen[p.Name()] {
			return nil, fmt.Errorf("%w: %q", ErrDuplicateProjector, p.Name())
		}
		seen[p.Name()] = true
	}
	return &Runner{
		store: store, codec: codec, read: read, projs: append([]Projector(nil), ps...),
		opts: opts.withDefaults(), live: make([]projState, len(ps)), changed: make(chan struct{}),
	}, nil
}

// Run catches up with the log, then follows it, until ctx is cancelled; it
// then returns ctx's error. Storage errors are retried with backoff (see
// Options); a failing event stops only its projector. With an Elector, Run
// alternates between standing by and leading (see elect.go).
func (r *Runner) Run(ctx context.Context) error {
	if r.opts.Elector != nil {
		return r.runElected(ctx)
	}
	return r.lead(ctx)
}

// lead is the projecting loop of the node that applies events.
func (r *Runner) lead(ctx context.Context) error {
	retry := r.opts.RetryMin
	loaded := false
	var pf *prefetcher // reads and decodes ahead while catching up
	defer func() { stopPrefetch(&pf) }()
	for {
		wake := r.store.Changed() // before reading, so no commit is missed
		var more bool
		var err error
		if !loaded {
			err = r.load(ctx)
			loaded = err == nil
		}
		if err == nil {
			more, err = r.step(ctx, &pf)
		}
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			if r.opts.OnError != nil {
				r.opts.OnError(err)
			}
			if !sleep(ctx, retry) {
				return ctx.Err()
			}
			retry = min(2*retry, r.opts.RetryMax)
			continue
		}
		retry = r.opts.RetryMin
		if more {
			continue
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-wake:
		}
	}
}

// sleep waits d or until ctx is done; it reports whether d elapsed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// load reads the committed checkpoints of every projector.
func (r *Runner) load(ctx context.Context) error {
	r.applyMu.Lock()
	defer r.applyMu.Unlock()
	states := r.snapshot()
	for i, p := range r.projs {
		cp, err := readCheckpoint(ctx, r.read.Checkpoint, p.Name())
		if err != nil {
			return err
		}
		states[i].cp = cp
	}
	r.publish(states, eventstore.Position{})
	return nil
}

// readCheckpoint reads and parses a checkpoint through get.
func readCheckpoint(ctx context.Context, get func(context.Context, string) (string, error), name string) (eventstore.Position, error) {
	s, err := get(ctx, name)
	if err != nil {
		return eventstore.Position{}, fmt.Errorf("projections: checkpoint of %s: %w", name, err)
	}
	p, err := eventstore.ParsePosition(s)
	if err != nil {
		return eventstore.Position{}, fmt.Errorf("projections: checkpoint of %s: %w", name, err)
	}
	return p, nil
}

// snapshot copies the live states.
func (r *Runner) snapshot() []projState {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]projState(nil), r.live...)
}

// publish replaces the live states, raises the known head and wakes
// WaitFor callers.
func (r *Runner) publish(states []projState, head eventstore.Position) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.live = states
	for _, s := range states {
		head = maxPos(head, s.cp)
	}
	r.head = maxPos(r.head, head)
	close(r.changed)
	r.changed = make(chan struct{})
}

// minCheckpoint returns the smallest checkpoint of the healthy projectors;
// ok is false when none is healthy.
func minCheckpoint(states []projState) (pos eventstore.Position, ok bool) {
	for _, s := range states {
		if s.failed {
			continue
		}
		if !ok || s.cp.Less(pos) {
			pos, ok = s.cp, true
		}
	}
	return pos, ok
}

func maxPos(a, b eventstore.Position) eventstore.Position {
	if a.Less(b) {
		return b
	}
	return a
}
