package ratelimit

import (
	"hash/maphash"
	"net/netip"
	"sync"
	"time"
)

// DefaultMaxEntries bounds the keys a Limiter keeps (Better Auth's memory
// store keeps the same number).
const DefaultMaxEntries = 100_000

const numShards = 64

// Limiter is Better Auth's default limiter with bounded memory. It is safe
// for concurrent use; build it with New.
type Limiter struct {
	rules  []Rule
	seed   maphash.Seed
	perCap int
	shards [numShards]shard
}

type shard struct {
	mu        sync.Mutex
	m         map[string]window
	nextSweep int64
}

// window is one fixed window of one key.
type window struct {
	end   int64 // UnixNano when the window closes
	count int
}

// New returns a Limiter for rules (DefaultRules when empty) keeping at most
// maxEntries keys (DefaultMaxEntries when ≤ 0). Paths no rule matches are
// not limited.
func New(rules []Rule, maxEntries int) *Limiter {
	if len(rules) == 0 {
		rules = DefaultRules()
	}
	if maxEntries <= 0 {
		maxEntries = DefaultMaxEntries
	}
	l := &Limiter{rules: rules, seed: maphash.MakeSeed(), perCap: max(1, maxEntries/numShards)}
	for i := range l.shards {
		l.shards[i].m = map[string]window{}
	}
	return l
}

// Allow counts one request from client ip to path (below the auth base
// path, e.g. "/sign-in/email") at now. When the request is over the limit
// it returns false and how long until the window closes.
func (l *Limiter) Allow(ip, path string, now time.Time) (ok bool, retryAfter time.Duration) {
	path = normalizePath(path)
	rule, found := match(l.rules, path)
	if !found || rule.Max <= 0 || rule.Window <= 0 {
		return true, 0
	}
	bucket := rule.Path
	if rule.PerPath {
		bucket = path
	}
	key := ipKey(ip) + "|" + bucket
	s := &l.shards[maphash.String(l.seed, key)%numShards]
	t := now.UnixNano()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.maybeSweep(t)
	w, exists := s.m[key]
	if !exists || t >= w.end {
		if !exists {
			s.makeRoom(t, l.perCap)
		}
		s.m[key] = window{end: t + int64(rule.Window), count: 1}
		return true, 0
	}
	if w.count >= rule.Max {
		return false, time.Duration(w.end - t)
	}
	w.count++
	s.m[key] = w
	return true, 0
}

// sweepEvery is how often a shard drops its expired windows.
const sweepEvery = int64(10 * time.Second)

func (s *shard) maybeSweep(t int64) {
	if t < s.nextSweep {
		return
	}
	s.sweep(t)
	s.nextSweep = t + sweepEvery
}

func (s *shard) sweep(t int64) {
	for k, w := range s.m {
		if t >= w.end {
			delete(s.m, k)
		}
	}
}

// makeRoom keeps the shard under its cap before an insert: expired windows
// go first, then an arbitrary live one.
func (s *shard) makeRoom(t int64, limit int) {
	if len(s.m) < limit {
		return
	}
	s.sweep(t)
	for k := range s.m {
		if len(s.m) < limit {
			return
		}
		delete(s.m, k)
	}
}

// Sweep drops every expired window now; Allow also sweeps as it goes, so
// calling it is optional (a ticker may, to return memory sooner).
func (l *Limiter) Sweep(now time.Time) {
	for i := range l.shards {
		s := &l.shards[i]
		s.mu.Lock()
		s.sweep(now.UnixNano())
		s.mu.Unlock()
	}
}

// Len returns the number of keys held.
func (l *Limiter) Len() int {
	n := 0
	for i := range l.shards {
		s := &l.shards[i]
		s.mu.Lock()
		n += len(s.m)
		s.mu.Unlock()
	}
	return n
}

// ipKey normalizes a client address for keying: IPv4-mapped IPv6 becomes
// IPv4 and IPv6 is cut to its /64, so one host cannot rotate through its
// own subnet. Unparsable input is kept, bounded.
func ipKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		const maxRaw = 64
		if len(ip) > maxRaw {
			ip = ip[:maxRaw]
		}
		return ip
	}
	a = a.Unmap().WithZone("")
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}
