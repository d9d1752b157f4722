package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// The Go collector starts a cycle when the heap has grown by GOGC percent
// (100) of the live heap. A server whose live heap is small collects very
// often: with 13 MiB live (most of it the password strength estimator's
// dictionaries, marked again by every cycle), get-session's 2 KiB of
// garbage per request ran a collection about every 6,000 requests, six a
// second under load. The heap headroom is a floor under the growth the
// collector allows: at least headroom bytes beyond the live heap, or
// GOGC's 100% when that is more, so three times fewer cycles there (and
// 5% more get-sessions per second in alternating runs). Memory stays
// bounded (live + max(live, headroom)), unlike a higher GOGC, which scales
// with the live heap, or GOGC=off with a memory limit, which collects
// without pause once the live heap nears it. An operator's GOGC or
// GOMEMLIMIT still rule: GOGC set turns this off, and the runtime keeps
// below GOMEMLIMIT whatever the percentage.
//
// The runtime has no floor setting, so after each collection (a cleanup
// attached to an object allocated for the purpose runs once per cycle) the
// percentage is set from the live heap the cycle measured. It is
// hand-written: the libraries that tune GOGC this way are small, unmaintained
// wrappers of the same few calls.

// gcPercent is the GOGC that lets the heap grow by max(live, headroom)
// bytes over live: 100 at least, and at most 100 times over, so a tiny
// live heap (at start) cannot ask for an unbounded percentage.
func gcPercent(live, headroom uint64) int {
	const lo, hi = 100, 10_000
	if live == 0 {
		return hi
	}
	p := headroom * 100 / live
	switch {
	case p < lo:
		return lo
	case p > hi:
		return hi
	}
	return int(p)
}

// worthSetting reports whether the percentage moved enough since the last
// setting to set it again (an eighth): setting it costs a lock of the heap.
func worthSetting(last, next int) bool {
	d := next - last
	return d*8 > last || -d*8 > last
}

// tuning is set while a gcTuner runs: the percentage is the process's,
// so a second server in the same process (tests) leaves it to the first.
var tuning atomic.Bool

// heapHeadroom keeps the collector's percentage at gcPercent of the live
// heap after each cycle until stop is called (which restores GOGC 100).
// headroom 0 or a GOGC in the environment leaves the runtime alone.
func heapHeadroom(headroom uint64, getenv func(string) string) (stop func()) {
	if headroom == 0 || getenv("GOGC") != "" || !tuning.CompareAndSwap(false, true) {
		return func() {}
	}
	t := &gcTuner{headroom: headroom, last: 100}
	t.tune()
	t.arm()
	return func() {
		t.stopped.Store(true)
		t.mu.Lock()
		defer t.mu.Unlock()
		debug.SetGCPercent(100)
		tuning.Store(false)
	}
}

// gcTuner is the state of heapHeadroom's per-cycle cleanup.
type gcTuner struct {
	headroom uint64
	stopped  atomic.Bool
	mu       sync.Mutex // orders a cleanup's setting before stop's
	last     int
	sample   [1]metrics.Sample
}

// arm attaches the cleanup to a fresh object that nothing references: it
// runs after the next cycle, and arms the one after.
func (t *gcTuner) arm() {
	runtime.AddCleanup(new([64]byte), func(t *gcTuner) {
		if !t.stopped.Load() {
			t.tune()
			t.arm()
		}
	}, t)
}

// tune sets the percentage from the live heap of the last cycle.
func (t *gcTuner) tune() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped.Load() {
		return
	}
	t.sample[0].Name = "/gc/heap/live:bytes"
	metrics.Read(t.sample[:])
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	if p := gcPercent(t.sample[0].Value.Uint64(), t.headroom); worthSetting(t.last, p) {
		debug.SetGCPercent(p)
		t.last = p
	}
}
