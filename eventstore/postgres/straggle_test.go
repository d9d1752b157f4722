package postgres

import (
	"testing"
	"time"
)

func TestGroupWait(t *testing.T) {
	const us = time.Microsecond
	cases := []struct {
		name           string
		have, lastSize int
		lastTook, idle time.Duration
		fixed          time.Duration
		want           time.Duration
	}{
		{"first group: nothing to wait for", 1, 0, 0, 0, 0, 0},
		{"lone caller never waits", 1, 1, 800 * us, 5 * us, 0, 0},
		{"as many queued as last time", 12, 12, 800 * us, 5 * us, 0, 0},
		{"more queued than last time", 16, 12, 800 * us, 5 * us, 0, 0},
		{"fewer queued: a quarter of the last commit", 4, 16, 800 * us, 5 * us, 0, 200 * us},
		{"slow commit: capped", 1, 16, 40 * time.Millisecond, 5 * us, 0, maxGroupWait},
		{"first call after an idle spell", 1, 16, 800 * us, time.Second, 0, 0},
		{"idle just under a group's time", 1, 16, 800 * us, 700 * us, 0, 200 * us},
		{"fixed bound", 4, 16, 800 * us, 5 * us, 3 * time.Millisecond, 3 * time.Millisecond},
		{"fixed bound, enough queued", 16, 16, 800 * us, 5 * us, 3 * time.Millisecond, 0},
		{"fixed bound, after an idle spell", 1, 16, 800 * us, time.Second, 3 * time.Millisecond, 0},
		{"disabled", 1, 16, 800 * us, 5 * us, -1, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := groupWait(c.have, c.lastSize, c.lastTook, c.idle, c.fixed); got != c.want {
				t.Errorf("groupWait(%d, %d, %v, %v, %v) = %v, want %v", c.have, c.lastSize, c.lastTook, c.idle, c.fixed, got, c.want)
			}
		})
	}
}

// bareStore is just the writer's queue, for gatherMore.
func bareStore() *Store {
	return &Store{queue: make(chan *job, 4*maxGroup), closing: make(chan struct{})}
}

func newJob() *job { return &job{res: make(chan result, 1)} }

// TestGatherMoreStopsAtWant: with a bound far beyond the test's run,
// gatherMore returns as soon as it holds want jobs, leaving later ones
// queued for the next group.
func TestGatherMoreStopsAtWant(t *testing.T) {
	s := bareStore()
	go func() {
		for range 5 {
			s.queue <- newJob()
		}
	}()
	got := s.gatherMore([]*job{newJob()}, 4, time.Hour)
	if len(got) != 4 {
		t.Fatalf("gathered %d jobs, want 4", len(got))
	}
	for _, j := range got {
		if j.state.Load() != jobTaken && j != got[0] {
			t.Errorf("a gathered job was not taken: state %d", j.state.Load())
		}
	}
	// The fifth job stays for the next group.
	select {
	case <-s.queue:
	case <-time.After(10 * time.Second):
		t.Fatal("the fifth job was consumed")
	}
}

// TestGatherMoreEndsAtItsBound: with no more jobs coming, gatherMore
// returns what it had once the bound passes.
func TestGatherMoreEndsAtItsBound(t *testing.T) {
	s := bareStore()
	first := []*job{newJob()}
	if got := s.gatherMore(first, 16, time.Millisecond); len(got) != 1 {
		t.Fatalf("gathered %d jobs, want the 1 it had", len(got))
	}
}

// TestGatherMoreSkipsGoneCallers: a queued job whose caller's context is
// done is answered errAbandoned and not gathered.
func TestGatherMoreSkipsGoneCallers(t *testing.T) {
	s := bareStore()
	gone := make(chan struct{})
	close(gone)
	left := &job{done: gone, res: make(chan result, 1)}
	s.queue <- left
	s.queue <- newJob()
	got := s.gatherMore(nil, 1, time.Hour)
	if len(got) != 1 || got[0] == left {
		t.Fatalf("gathered %d jobs (the abandoned one: %v), want the live one only", len(got), len(got) > 0 && got[0] == left)
	}
	if r := <-left.res; r.err != errAbandoned {
		t.Errorf("abandoned job answered %v, want errAbandoned", r.err)
	}
}

// TestGatherMoreStopsOnClose: Close does not wait for the bound.
func TestGatherMoreStopsOnClose(t *testing.T) {
	s := bareStore()
	close(s.closing)
	if got := s.gatherMore([]*job{newJob()}, 16, time.Hour); len(got) != 1 {
		t.Fatalf("gathered %d jobs, want 1", len(got))
	}
}
