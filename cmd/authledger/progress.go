package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress is a progress bar drawn by github.com/schollz/progressbar on a
// terminal, and nothing at all anywhere else (a pipe, a file, a log
// collector): long commands call Set as they go and Done at the end
// without caring which. It is safe for concurrent use.
type progress struct {
	mu    sync.Mutex
	bar   *progressbar.ProgressBar // nil: not a terminal
	total int64
}

// newProgress starts a bar labelled label on w counting to total items
// (records, events); total < 0 draws a spinner with the count instead.
// When w is not a terminal it draws nothing.
func newProgress(w io.Writer, total int64, label string) *progress {
	if !isTerminal(w) {
		return &progress{total: total}
	}
	bar := progressbar.NewOptions64(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(label),
		progressbar.OptionSetWidth(40), progressbar.OptionShowCount(), progressbar.OptionSetItsString("records"),
		progressbar.OptionShowIts(), progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetRenderBlankState(true), progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }))
	return &progress{bar: bar, total: total}
}

// isTerminal reports whether w is a terminal (golang.org/x/term).
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// Set moves the bar to n done (clamped to the total when there is one).
func (p *progress) Set(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil {
		return
	}
	if p.total >= 0 && n > p.total {
		n = p.total
	}
	_ = p.bar.Set64(n)
}

// Done ends the bar and its line: at its total when ok (and the total
// is known), left where it stopped otherwise.
func (p *progress) Done(ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil {
		return
	}
	if ok && p.total >= 0 {
		_ = p.bar.Finish() // ends the line (OptionOnCompletion)
		return
	}
	_ = p.bar.Exit() // ends the line too
}

// between is the number of records of a log after from up to to: the
// difference of their dense sequence words (Position.Lo) on every adapter
// here; -1 (unknown: a spinner) when to is not after from.
func between(from, to eventstore.Position) int64 {
	if to.Lo <= from.Lo {
		if to.IsZero() || to == from {
			return 0
		}
		return -1
	}
	return int64(to.Lo - from.Lo)
}
