package chaintest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore/chain"
)

// testRunFollows runs the Chainer while events are appended and checks that
// it links them all and signs the tail when stopped.
func testRunFollows(t *testing.T, h Harness) {
	sub := h.Open(t)
	key := newKey(t)
	c, err := chain.NewChainer(sub.Events, sub.Chain, key, chain.Options{Batch: 16, CheckpointEvery: 25, CheckpointInterval: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(ctxT(t))
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	recs := fill(t, sub.Events, 60)
	waitFor(t, func() bool { return c.Head().Seq == 60 })
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Run after cancel = %v, want context.Canceled", err)
	}
	cps, err := sub.Chain.Checkpoints(ctxT(t))
	if err != nil || len(cps) == 0 || cps[len(cps)-1].Count != 60 || cps[len(cps)-1].Position != recs[59].Position {
		t.Fatalf("Checkpoints after Run = %d, %v; want the last at 60 (%s)", len(cps), err, recs[59].Position)
	}
	if rep := verify(t, sub, key); !rep.OK || rep.Records != 60 || rep.Checkpoints != len(cps) {
		t.Fatalf("Verify after Run = %+v, want OK over 60 records and %d checkpoints", rep, len(cps))
	}
}

// testConcurrentChainers runs two chainers on one store: one wins each
// batch, the other notices and follows, and the chain stays whole.
func testConcurrentChainers(t *testing.T, h Harness) {
	sub := h.Open(t)
	key := newKey(t)
	fill(t, sub.Events, 80)
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for range 2 {
		c, err := chain.NewChainer(sub.Events, sub.Chain, key, chain.Options{Batch: 3, CheckpointEvery: 10, CheckpointInterval: -1})
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			_, err := c.CatchUp(ctxT(t))
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("CatchUp: %v", err)
		}
	}
	if rep := verify(t, sub, key); !rep.OK || rep.Records != 80 {
		t.Fatalf("Verify after two chainers = %+v, want OK over 80 records", rep)
	}
}

// waitFor polls cond until it holds or a minute has passed.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached within a minute")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
