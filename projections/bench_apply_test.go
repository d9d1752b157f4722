package projections

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

// BenchmarkApply measures the projectors' own work per event, without a
// database: the first 40,000 events (every sign-up, then sign-in cycles) of the rebuild workload, decoded once,
// applied by every projector (All) through a coalescer into a memory read
// store's transaction, as a rebuild batch does; reports ns and allocations
// per event.
func BenchmarkApply(b *testing.B) {
	ctx := context.Background()
	st, codec := newLog(b)
	g := &benchGen{rng: rand.New(rand.NewPCG(1, 2)), at: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	for i := 0; len(g.out) < 40_000; i++ {
		if i < benchPeople {
			g.signUp(i)
		} else {
			g.cycle()
		}
	}
	flushBench(b, ctx, st, codec, g.out)
	recs, err := st.ReadAll(ctx, eventstore.Position{}, len(g.out))
	if err != nil {
		b.Fatal(err)
	}
	evs := make([]domain.Event, len(recs))
	metas := make([]domain.Metadata, len(recs))
	for i, rec := range recs {
		if evs[i], metas[i], err = codec.Decode(ctx, rec); err != nil {
			b.Fatal(err)
		}
	}
	projs := All()
	read := ontmemory.New()
	b.ReportAllocs()
	for b.Loop() {
		tx, err := read.Begin(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range projs {
			co := &coalescer{tx: tx}
			for i, rec := range recs {
				if !p.Handles(rec.Type) {
					continue
				}
				if err := p.Apply(ctx, co, rec, evs[i], metas[i]); err != nil {
					b.Fatal(err)
				}
			}
			if err := co.flush(ctx); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Rollback(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(recs)), "ns/event")
}
