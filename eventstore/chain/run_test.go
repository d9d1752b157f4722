package chain_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/authledger/authledger/eventstore/memory"
)

// flakyChain fails AppendLinks with err while fails > 0.
type flakyChain struct {
	*chain.MemStore
	fails atomic.Int32
	err   error
}

func (f *flakyChain) AppendLinks(ctx context.Context, links []chain.Link) error {
	if f.fails.Add(-1) >= 0 {
		return f.err
	}
	return f.MemStore.AppendLinks(ctx, links)
}

func TestRunRetriesOutages(t *testing.T) {
	pub, key := genKey(t)
	es := memory.New()
	cs := &flakyChain{MemStore: chain.NewMemStore(), err: eventstore.ErrUnavailable}
	cs.fails.Store(3)
	appendN(t, es, 5)
	c, _ := chain.NewChainer(es, cs, key, chain.Options{Coalesce: -1})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	deadline := time.Now().Add(time.Minute)
	for c.Head().Seq != 5 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled after retrying the outage", err)
	}
	rep, err := chain.Verify(context.Background(), es, cs, pub, eventstore.Position{}, eventstore.Position{})
	if err != nil || !rep.OK || rep.Records != 5 || rep.Checkpoints != 1 {
		t.Fatalf("Verify after the outage = %+v, %v; want OK over 5 records, 1 checkpoint", rep, err)
	}
}

func TestRunStopsOnOtherErrors(t *testing.T) {
	_, key := genKey(t)
	es := memory.New()
	broken := errors.New("disk on fire")
	cs := &flakyChain{MemStore: chain.NewMemStore(), err: broken}
	cs.fails.Store(1)
	appendN(t, es, 2)
	c, _ := chain.NewChainer(es, cs, key, chain.Options{})
	if err := c.Run(context.Background()); !errors.Is(err, broken) {
		t.Fatalf("Run = %v, want the chain store's error", err)
	}
}
