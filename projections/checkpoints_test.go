package projections

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/authledger/authledger/ontology"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/google/go-cmp/cmp"
)

// TestBatchReadsCheckpointsAtOnce: on a read store whose transactions are
// ontology.CheckpointsReaders, every batch reads all its projectors'
// checkpoints with one Checkpoints call and never one at a time, and the
// rows it builds are those of a store read one checkpoint at a time.
func TestBatchReadsCheckpointsAtOnce(t *testing.T) {
	st, codec := newLog(t)
	head := loadFiles(t, st, codec, "lifecycle", "security")
	want := replayFresh(t, readStore{name: "memory", open: func(testing.TB) ontology.Store { return ontmemory.New() }}, st, codec)

	read := &countingStore{Store: ontmemory.New()}
	r := newRunner(t, st, codec, read, All(), Options{BatchSize: 4})
	stop := start(t, r)
	if err := waitFor(r, head); err != nil {
		t.Fatal(err)
	}
	stop()
	if diff := cmp.Diff(dumpAll(t, context.Background(), read), want); diff != "" {
		t.Errorf("rows (-got +want):\n%s", diff)
	}
	begun, many, one := read.begun.Load(), read.many.Load(), read.one.Load()
	if begun < 2 || many != begun || one != 0 {
		t.Errorf("%d transactions made %d Checkpoints and %d Checkpoint calls; want one Checkpoints each, over several batches",
			begun, many, one)
	}
}

// countingStore is a memory read store whose transactions read several
// checkpoints at once, counting how they are asked.
type countingStore struct {
	*ontmemory.Store
	begun, many, one atomic.Int64
}

func (s *countingStore) Begin(ctx context.Context) (ontology.Tx, error) {
	tx, err := s.Store.Begin(ctx)
	if err != nil {
		return nil, err
	}
	s.begun.Add(1)
	return &countingTx{Tx: tx, s: s}, nil
}

type countingTx struct {
	ontology.Tx
	s *countingStore
}

func (x *countingTx) Checkpoint(ctx context.Context, projector string) (string, error) {
	x.s.one.Add(1)
	return x.Tx.Checkpoint(ctx, projector)
}

func (x *countingTx) Checkpoints(ctx context.Context, projectors []string) (map[string]string, error) {
	x.s.many.Add(1)
	out := map[string]string{}
	for _, p := range projectors {
		pos, err := x.Tx.Checkpoint(ctx, p)
		if err != nil {
			return nil, err
		}
		if pos != "" {
			out[p] = pos
		}
	}
	return out, nil
}
