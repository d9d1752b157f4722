package outbox

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// Retry is the backoff of a failing record: attempt n (from 1) that fails
// waits a jittered delay drawn from [d/2, d) with d = min(Max, Initial·2^(n-1)),
// then tries again; after Attempts failures the record is given up.
type Retry struct {
	Initial  time.Duration // first delay (default 1 s)
	Max      time.Duration // largest delay (default 5 min)
	Attempts int           // tries before giving up (default 10: about 15 minutes in all)
}

// Defaults of Retry.
const (
	DefaultInitial  = time.Second
	DefaultMax      = 5 * time.Minute
	DefaultAttempts = 10
)

func (r Retry) withDefaults() Retry {
	if r.Initial <= 0 {
		r.Initial = DefaultInitial
	}
	if r.Max <= 0 {
		r.Max = DefaultMax
	}
	if r.Attempts <= 0 {
		r.Attempts = DefaultAttempts
	}
	return r
}

// Delay is the un-jittered wait after the n-th failed attempt (n ≥ 1).
func (r Retry) Delay(n int) time.Duration {
	d := r.Initial
	for i := 1; i < n && d < r.Max; i++ {
		d *= 2
	}
	return min(d, r.Max)
}

// permanent marks an error a retry cannot fix.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps err so the subscriber gives the record up at once
// instead of retrying (a malformed address, a record that cannot decode).
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}

// IsPermanent reports whether err was wrapped by Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}

// SleepContext waits d or until ctx ends (the production Sleep).
func SleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// FullJitter draws a delay uniformly from [d/2, d) (the production Jitter).
func FullJitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(d-half)
}
