package main

import (
	"io"
	"os"
	"runtime"
	"sync"
)

// batchLimit is how many bytes of log lines may wait for the writer
// goroutine; past it a Write waits for the destination, so a stuck
// stderr slows the server rather than growing its memory.
const batchLimit = 1 << 20

// batchYields is how many times the writer goroutine yields the processor
// after a wake before it takes the batch. Without it a woken writer runs as
// soon as the request goroutine that woke it blocks, so under load nearly
// every line still cost a system call of its own (and with one CPU, a write
// that blocks in the kernel holds the only processor until the runtime
// takes it back, which is the latency tail of every request queued behind
// it). A yield lets the goroutines already runnable (requests, each adding
// its line) go first; on an idle server there are none and the line goes
// out at once.
const batchYields = 2

// lineBatcher hands log lines to the destination from one goroutine: a
// burst of lines (one access line per request under load) becomes one
// write system call instead of one per line, which on a busy core costs
// a get-session more than its own work. When the server is idle each line
// still goes out at once; Close writes what is left. Lines are whole (slog
// writes each record with one Write), in the order written.
type lineBatcher struct {
	mu     sync.Mutex
	room   *sync.Cond // signalled when the writer goroutine took the batch
	buf    []byte
	closed bool // after close, writes go straight to w
	w      io.Writer
	wake   chan struct{}
	done   chan struct{}
}

// batchLines wraps w when it is a file (the process's stderr); any other
// writer (a test's buffer) is returned as it is, so readers of it see
// every line as soon as it is logged.
func batchLines(w io.Writer) (io.Writer, func()) {
	if _, ok := w.(*os.File); !ok {
		return w, func() {}
	}
	b := &lineBatcher{w: w, wake: make(chan struct{}, 1), done: make(chan struct{})}
	b.room = sync.NewCond(&b.mu)
	go b.run()
	return b, b.close
}

// Write queues p; it never fails (a failed write to stderr has nowhere to
// be reported).
func (b *lineBatcher) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.buf) > batchLimit && !b.closed {
		b.room.Wait()
	}
	if b.closed {
		_, _ = b.w.Write(p)
		return len(p), nil
	}
	b.buf = append(b.buf, p...)
	select { // under the lock: close cannot close wake in between
	case b.wake <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (b *lineBatcher) run() {
	defer close(b.done)
	var out []byte
	for range b.wake {
		for range batchYields {
			runtime.Gosched()
		}
		b.mu.Lock()
		out, b.buf = b.buf, out[:0]
		b.room.Broadcast()
		b.mu.Unlock()
		if len(out) > 0 {
			_, _ = b.w.Write(out)
		}
	}
}

// close writes the remaining lines and stops the goroutine; later writes
// go straight to the destination.
func (b *lineBatcher) close() {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return
	}
	b.closed = true
	b.room.Broadcast()
	b.mu.Unlock()
	close(b.wake)
	<-b.done
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.buf) > 0 {
		_, _ = b.w.Write(b.buf)
		b.buf = nil
	}
}
