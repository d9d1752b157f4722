package ratelimit

import (
	"sync"
	"time"
)

// Default lockout policy: 10 consecutive failures lock an account for 15
// minutes (NIST SP 800-63B asks for at most 100 failed attempts).
const (
	DefaultLockoutThreshold = 10
	DefaultLockoutWindow    = 15 * time.Minute
)

// maxLockoutEntries bounds the accounts tracked at once (≈ 100 B each).
const maxLockoutEntries = 100_000

// Lockout counts consecutive authentication failures per account, whatever
// IP they come from, so rotating addresses does not reset the count.
// Threshold failures, each less than Window after the previous one, lock
// the account until Window has passed since the last failure; Reset (after
// a success) clears the count. Check Locked before verifying a credential
// and do not record failures while locked, so an attacker cannot extend
// the lock indefinitely. The zero value uses the defaults; it must not be
// copied after first use. State is per process.
type Lockout struct {
	// Threshold is the number N of consecutive failures that locks.
	Threshold int
	// Window is how long failures are remembered and how long a lock lasts.
	Window time.Duration

	mu sync.Mutex
	m  map[string]failures
}

type failures struct {
	count int
	last  time.Time
}

func (l *Lockout) policy() (int, time.Duration) {
	n, w := l.Threshold, l.Window
	if n <= 0 {
		n = DefaultLockoutThreshold
	}
	if w <= 0 {
		w = DefaultLockoutWindow
	}
	return n, w
}

// Fail records one failed attempt against account at now.
func (l *Lockout) Fail(account string, now time.Time) {
	_, window := l.policy()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.m == nil {
		l.m = map[string]failures{}
	}
	f, ok := l.m[account]
	if !ok {
		l.makeRoom(now, window)
	}
	if !ok || now.Sub(f.last) >= window {
		f = failures{}
	}
	f.count++
	f.last = now
	l.m[account] = f
}

// Locked reports whether account is locked at now and for how long still.
func (l *Lockout) Locked(account string, now time.Time) (bool, time.Duration) {
	threshold, window := l.policy()
	l.mu.Lock()
	defer l.mu.Unlock()
	f, ok := l.m[account]
	if !ok || f.count < threshold {
		return false, 0
	}
	left := f.last.Add(window).Sub(now)
	if left <= 0 {
		return false, 0
	}
	return true, left
}

// Reset forgets account's failures (call it after a successful sign-in).
func (l *Lockout) Reset(account string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.m, account)
}

// makeRoom keeps the table under maxLockoutEntries: stale entries first,
// then arbitrary ones.
func (l *Lockout) makeRoom(now time.Time, window time.Duration) {
	if len(l.m) < maxLockoutEntries {
		return
	}
	for k, f := range l.m {
		if now.Sub(f.last) >= window {
			delete(l.m, k)
		}
	}
	for k := range l.m {
		if len(l.m) < maxLockoutEntries {
			return
		}
		delete(l.m, k)
	}
}
