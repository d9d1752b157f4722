package postgres

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/authledger/authledger/eventstore"
)

// defaultWriters is the default number of group-commit writers.
const defaultWriters = 1

// maxGroup caps the Append calls committed by one group transaction.
const maxGroup = 256

// Job states: a writer takes a pending job, or its caller abandons it
// (context done); whoever wins the compare-and-swap decides.
const (
	jobPending int32 = iota
	jobTaken
	jobAbandoned
)

// errAbandoned tells a caller that a writer dropped its job because the
// caller's context was done; the caller returns ctx.Err().
var errAbandoned = errors.New("postgres: append abandoned")

// job is one Append call on its way to a group-commit writer.
type job struct {
	steps    []step
	done     <-chan struct{} // the caller's ctx.Done()
	state    atomic.Int32
	res      chan result // buffered: a writer never blocks on it
	attempts int         // transactions tried so far; writer-owned
}

type result struct {
	pos eventstore.Position
	err error
}

// submit queues the planned steps for a writer and waits for the outcome.
// When ctx ends before a writer takes the job, nothing is written and
// ctx.Err() is returned. When it ends later, ctx.Err() is returned at once
// and the outcome is unknown: the group may still commit the records.
func (s *Store) submit(ctx context.Context, steps []step) (eventstore.Position, error) {
	j := &job{steps: steps, done: ctx.Done(), res: make(chan result, 1)}
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
		j.state.CompareAndSwap(jobPending, jobAbandoned)
		return eventstore.Position{}, ctx.Err()
	case <-s.stopped:
		if j.state.CompareAndSwap(jobPending, jobAbandoned) {
			return eventstore.Position{}, eventstore.ErrClosed
		}
		r = <-j.res
	}
	if errors.Is(r.err, errAbandoned) || (r.err != nil && ctx.Err() != nil) {
		return eventstore.Position{}, ctx.Err()
	}
	return r.pos, r.err
}

// writeLoop is one group-commit writer: it waits for a job, then commits it
// with every job pending at that moment (see runGroup), until Close. When
// fewer jobs are pending than its previous group had, it first waits
// briefly for more (see groupWait). Jobs aborted by a deadlock or
// serialization failure start the next group.
func (s *Store) writeLoop() {
	defer s.writers.Done()
	ctx := context.Background() // statements run to completion; callers may leave
	var retry []*job
	lastSize, lastTook, lastEnd := 0, time.Duration(0), time.Now() // the previous group's
	for {
		jobs := retry
		if len(jobs) == 0 {
			select {
			case j := <-s.queue:
				idle := time.Since(lastEnd)
				runtime.Gosched() // let callers just answered queue again
				jobs = s.gather(j)
				if d := groupWait(len(jobs), lastSize, lastTook, idle, s.opts.GroupWait); d > 0 {
					jobs = s.gatherMore(jobs, lastSize, d)
				}
			case <-s.closing:
				s.drain()
				return
			}
		} else {
			jobs = s.gather(nil)
			jobs = append(retry, jobs...)
		}
		start := time.Now()
		retry = s.runGroup(ctx, jobs)
		lastEnd = time.Now()
		lastSize, lastTook = len(jobs), lastEnd.Sub(start)
	}
}

// gather takes first (when not nil) and every job queued now, up to
// maxGroup, skipping jobs whose callers have gone.
func (s *Store) gather(first *job) []*job {
	var jobs []*job
	if first != nil && take(first) {
		jobs = append(jobs, first)
	}
	for len(jobs) < maxGroup {
		select {
		case j := <-s.queue:
			if take(j) {
				jobs = append(jobs, j)
			}
		default:
			return jobs
		}
	}
	return jobs
}

// take claims j for a writer; it returns false when j's caller has gone
// (the caller is told, if it has not noticed yet).
func take(j *job) bool {
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

// gone reports that j's caller has stopped waiting.
func (j *job) gone() bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}
