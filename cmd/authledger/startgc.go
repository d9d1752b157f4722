package main

import (
	"context"
	"runtime"

	"github.com/authledger/authledger/eventstore"
)

// collectWhenCaughtUp runs one collection once the session index has
// reached the head the log had at start, and reports whether it did (not
// when ctx ended first). Catching up reads and decodes the log, and its
// garbage sits in the heap until the collector's goal, which the heap
// headroom puts far off: the first requests would then allocate on fresh
// pages and pay a page fault for each, a quarter of the first
// get-full-organization of a large organization after a restart (about
// 1.5 ms of it in alternating runs). Collected, that garbage is memory
// those requests reuse, and the headroom's next percentage comes from the
// live heap that is left.
func collectWhenCaughtUp(ctx context.Context, store interface {
	Head(context.Context) (eventstore.Position, error)
}, index interface {
	WaitFor(context.Context, eventstore.Position) error
}) bool {
	head, err := store.Head(ctx)
	if err != nil || index.WaitFor(ctx, head) != nil {
		return false // the store is down or the server stopping: no matter
	}
	runtime.GC()
	return true
}
