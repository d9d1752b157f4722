package postgres

import "time"

// maxGroupWait caps the default wait for late callers (groupWait).
const maxGroupWait = time.Millisecond

// maxGroupWaitOption caps Options.GroupWait: a wait is meant to be a
// fraction of a commit, and a mistaken unit must not stall every group.
const maxGroupWaitOption = 100 * time.Millisecond

// groupWait is how long a writer holding have jobs waits for more before it
// starts a group, given its previous group's size and commit time, how
// long it sat idle since that group, and Options.GroupWait (fixed: > 0 a
// fixed bound, < 0 never wait).
//
// Callers answered by the previous group queue their next call a few
// microseconds later, each on its own goroutine. A writer that started the
// next group at once would commit only the calls that missed the previous
// one, and the answered callers would wait a whole group for the one
// after: with a fixed number of busy callers the groups alternate between
// large and small, and the rate is set by the small ones. When fewer jobs
// are queued than the previous group had, more callers are evidently busy,
// so the writer waits a little for them: by default a quarter of the
// previous group's commit time (at most maxGroupWait), the way
// PostgreSQL's commit_delay waits for siblings. A lone caller (a previous
// group of one) never waits, nor does the first call after the writer sat
// idle for longer than a group takes: the previous group's callers did not
// come straight back.
func groupWait(have, lastSize int, lastTook, idle, fixed time.Duration) time.Duration {
	switch {
	case fixed < 0, have >= lastSize, idle > lastTook:
		return 0
	case fixed > 0:
		return fixed
	}
	return min(lastTook/4, maxGroupWait)
}

// gatherMore adds jobs queued within d to jobs until it holds want (or
// maxGroup) of them, skipping jobs whose callers have gone.
func (s *Store) gatherMore(jobs []*job, want int, d time.Duration) []*job {
	t := time.NewTimer(d)
	defer t.Stop()
	for len(jobs) < min(want, maxGroup) {
		select {
		case j := <-s.queue:
			if take(j) {
				jobs = append(jobs, j)
			}
		case <-t.C:
			return jobs
		case <-s.closing:
			return jobs
		}
	}
	return jobs
}
