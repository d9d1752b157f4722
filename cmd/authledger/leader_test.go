package main

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"
)

// oneToken is an in-process elector with a single leadership token.
type oneToken chan struct{}

func (o oneToken) Acquire(ctx context.Context) (<-chan struct{}, func(), error) {
	select {
	case <-o:
		return make(chan struct{}), func() { o <- struct{}{} }, nil
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
}

// TestAsLeader: of two nodes only one runs the task at a time, and the
// other takes over when the first stops.
func TestAsLeader(t *testing.T) {
	tok := make(oneToken, 1)
	tok <- struct{}{}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var running, maxRunning atomic.Int32
	task := func(ctx context.Context) error {
		n := running.Add(1)
		for {
			m := maxRunning.Load()
			if n <= m || maxRunning.CompareAndSwap(m, n) {
				break
			}
		}
		<-ctx.Done()
		running.Add(-1)
		return ctx.Err()
	}
	ctxA, stopA := context.WithCancel(context.Background())
	ctxB, stopB := context.WithCancel(context.Background())
	defer stopB()
	doneA, doneB := make(chan error, 1), make(chan error, 1)
	go func() { doneA <- asLeader(ctxA, tok, log, task) }()
	go func() { doneB <- asLeader(ctxB, tok, log, task) }()
	waitUntil(t, func() bool { return running.Load() == 1 })
	stopA()
	<-doneA
	waitUntil(t, func() bool { return running.Load() == 1 }) // B took over
	stopB()
	<-doneB
	if maxRunning.Load() != 1 {
		t.Errorf("%d tasks ran at once", maxRunning.Load())
	}
}

func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
