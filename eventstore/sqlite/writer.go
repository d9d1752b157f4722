package sqlite

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/authledger/authledger/eventstore"
)

// Job states: the writer takes a pending job, or its caller abandons it
// (context done); whoever wins the compare-and-swap decides.
const (
	jobPending int32 = iota
	jobTaken
	jobAbandoned
)

// errAbandoned tells a caller that the writer dropped its job because the
// caller's context was done; the caller returns ctx.Err().
var errAbandoned = errors.New("sqlite: job abandoned")

// execFunc is one caller's work, run by the writer inside the batch
// transaction in its own savepoint.
type execFunc func(ctx context.Context, tx *writeTx) (eventstore.Position, error)

// job carries an execFunc to the writer and its result back.
type job struct {
	exec  execFunc
	done  <-chan struct{} // the caller's ctx.Done()
	state atomic.Int32
	res   chan result // buffered: the writer never blocks on it
}

type result struct {
	pos   eventstore.Position
	err   error
	shred bool // the job needs the WAL emptied after the commit (writeTx.shred)
}

// submit queues exec for the writer and waits for its outcome. When ctx ends
// before the writer takes the job, nothing is written and ctx.Err() returned;
// once taken, submit waits for the commit (one transaction, milliseconds)
// so an error always means "not written".
func (s *Store) submit(ctx context.Context, exec execFunc) (eventstore.Position, error) {
	if err := s.check(ctx); err != nil {
		return eventstore.Position{}, err
	}
	j := &job{exec: exec, done: ctx.Done(), res: make(chan result, 1)}
	select {
	case s.queue <- j:
	case <-ctx.Done():
		return eventstore.Position{}, ctx.Err()
	case <-s.closing:
		return eventstore.Position{}, eventstore.ErrClosed
	}
	var r result
	select {
	case r = <-j.res:
	case <-ctx.Done():
		if j.state.CompareAndSwap(jobPending, jobAbandoned) {
			return eventstore.Position{}, ctx.Err()
		}
		r = <-j.res
	case <-s.stopped:
		if j.state.CompareAndSwap(jobPending, jobAbandoned) {
			return eventstore.Position{}, eventstore.ErrClosed
		}
		r = <-j.res
	}
	if errors.Is(r.err, errAbandoned) {
		return eventstore.Position{}, ctx.Err()
	}
	return r.pos, r.err
}

// writeLoop is the single writer goroutine: it waits for a job, then
// commits it together with every job that is pending or arrives while the
// transaction runs, and answers them all after one COMMIT, until Close.
func (s *Store) writeLoop() {
	defer close(s.stopped)
	ctx := context.Background() // statements run to completion; callers may leave
	b := &batch{}
	for {
		select {
		case j := <-s.queue:
			s.runBatch(ctx, b, j)
		case <-s.closing:
			s.drain()
			return
		}
	}
}

// drain answers every queued job with ErrClosed.
func (s *Store) drain() {
	for {
		select {
		case j := <-s.queue:
			if j.state.CompareAndSwap(jobPending, jobTaken) {
				j.res <- result{err: eventstore.ErrClosed}
			}
		default:
			return
		}
	}
}

// poll returns a queued job without waiting, or nil.
func (s *Store) poll() *job {
	select {
	case j := <-s.queue:
		return j
	default:
		return nil
	}
}

// claim takes j for the writer; it returns false when j's caller has gone
// (the caller is told, if it has not noticed yet).
func claim(j *job) bool {
	select {
	case <-j.done:
		if j.state.CompareAndSwap(jobPending, jobAbandoned) {
			j.res <- result{err: errAbandoned}
		}
		return false
	default:
	}
	return j.state.CompareAndSwap(jobPending, jobTaken)
}

// batch is the writer's reusable per-transaction bookkeeping.
type batch struct {
	jobs    []*job
	results []result
	wrote   bool
}

// runBatch runs first and then every further queued job (up to MaxBatch)
// in one transaction. A job that fails a check (wrong version, claim taken,
// constraint) is rolled back to its savepoint alone; any other error aborts
// the whole transaction and fails every job in it.
func (s *Store) runBatch(ctx context.Context, b *batch, first *job) {
	b.jobs, b.results, b.wrote = b.jobs[:0], b.results[:0], false
	tx := &writeTx{w: s.w, now: time.Now().UTC().UnixNano()}
	var err error
	begun := false
	for j := first; j != nil && len(b.jobs) < s.opts.MaxBatch; j = s.poll() {
		if !claim(j) {
			continue
		}
		b.jobs = append(b.jobs, j)
		if !begun {
			if err = s.w.exec(ctx, s.w.begin); err != nil {
				break
			}
			begun = true
		}
		res, wrote, fatal := s.w.runJob(ctx, tx, j)
		if err = fatal; err != nil {
			break
		}
		b.results = append(b.results, res)
		b.wrote = b.wrote || wrote
	}
	if begun && err == nil {
		err = s.w.exec(ctx, s.w.commit)
	}
	s.finish(ctx, b, err, begun)
}

// finish answers the batch's jobs: with their results after a commit, or
// all with the (mapped) error after a rollback.
func (s *Store) finish(ctx context.Context, b *batch, err error, begun bool) {
	if err != nil {
		if begun {
			_ = s.w.exec(ctx, s.w.rollback)
		}
		err = mapErr(fmt.Errorf("sqlite: append: %w", err))
		b.results = b.results[:0]
		for range b.jobs {
			b.results = append(b.results, result{err: err})
		}
		b.wrote = false
	}
	if b.wrote {
		s.notify()
	}
	s.shred(ctx, b)
	for i, j := range b.jobs {
		j.res <- b.results[i]
	}
}

// shred empties the WAL after a committed batch with a job that deleted
// secrets (see writeTx.shred); when it cannot, those jobs get the error
// (what they deleted is gone from the database, maybe not from the WAL:
// the caller may try again).
func (s *Store) shred(ctx context.Context, b *batch) {
	need := false
	for _, r := range b.results {
		need = need || (r.shred && r.err == nil)
	}
	if !need {
		return
	}
	if err := s.w.truncateWAL(ctx); err != nil {
		for i, r := range b.results {
			if r.shred && r.err == nil {
				b.results[i].err = err
			}
		}
	}
}
