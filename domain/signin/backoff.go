package signin

import "time"

// Backoff is the per-address schedule: the first Free consecutive failures
// cost nothing; after failure Free+k (k ≥ 1) the next attempt must wait
// Base·2^(k-1) from that failure, never more than Max. The wait expires by
// itself; a success or a password reset clears the count. Zero Base
// disables the throttle; a Max of zero caps at a day.
type Backoff struct {
	Free int
	Base time.Duration
	Max  time.Duration
}

// DefaultBackoff is 5 free failures, then 1 s doubling per failure, capped
// at 15 minutes (reached at the 16th failure).
func DefaultBackoff() Backoff { return Backoff{Free: 5, Base: time.Second, Max: 15 * time.Minute} }

// Delay is the wait that follows the failures-th consecutive failure.
func (b Backoff) Delay(failures int) time.Duration {
	if b.Base <= 0 || failures <= b.Free {
		return 0
	}
	limit := b.Max
	if limit <= 0 {
		limit = 24 * time.Hour
	}
	d := b.Base
	for i := b.Free + 1; i < failures && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

// Wait is how long an attempt at now must still wait (0: go ahead).
func (b Backoff) Wait(s State, now time.Time) time.Duration {
	until := s.LastFailureAt.Add(b.Delay(s.Failures))
	if !now.Before(until) {
		return 0
	}
	return until.Sub(now)
}
