package projections

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore/registry"
	"github.com/authledger/authledger/projections/benchload"

	"github.com/authledger/authledger/eventstore"
	essqlite "github.com/authledger/authledger/eventstore/sqlite"
	ontsqlite "github.com/authledger/authledger/ontology/sqlite"
)

// benchTotal is the rebuild benchmark's log: the workload of benchload.
const benchTotal = 1_000_000

// BenchmarkRebuild rebuilds all projections from a SQLite event store file
// with benchTotal events into a SQLite read store (blue/green, with
// Promote), reporting events/s. Run it alone: go test -run XXX -bench
// Rebuild -benchtime 1x ./projections (building the fixture takes a while).
func BenchmarkRebuild(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	es, err := essqlite.Open(ctx, filepath.Join(dir, "events.db"), essqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		b.Fatal(err)
	}
	defer es.Close()
	kek := eventstore.DeriveKEK([]byte("bench secret"))
	start := time.Now()
	n := buildFixture(b, ctx, es, eventstore.NewCodec(registry.New(), eventstore.NewKeyring(es.Keys(), kek)))
	b.Logf("fixture: %d events in %s", n, time.Since(start).Round(time.Millisecond))

	read, err := ontsqlite.Open(ctx, filepath.Join(dir, "ontology.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer read.Close()
	var catchUp, promote time.Duration
	b.ResetTimer()
	for range b.N {
		// A fresh keyring per rebuild: a rebuild process starts with a cold cache.
		codec := eventstore.NewCodec(registry.New(), eventstore.NewKeyring(es.Keys(), kek))
		r, err := NewRunner(es, codec, read, All(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		var applied time.Time
		err = r.Rebuild(ctx, func(done, total uint64) {
			if done >= uint64(n) {
				applied = time.Now()
			}
		})
		if err != nil {
			b.Fatal(err)
		}
		catchUp += applied.Sub(start)
		promote += time.Since(applied)
	}
	b.StopTimer()
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(n)*float64(b.N)/catchUp.Seconds(), "catchup-events/s")
	b.ReportMetric(promote.Seconds()/float64(b.N), "promote-s")
}

// buildFixture writes the benchmark workload (benchload) of benchTotal
// events to es and returns the count.
func buildFixture(b *testing.B, ctx context.Context, es eventstore.Store, codec *eventstore.Codec) int {
	if err := benchload.Write(ctx, es, codec, benchTotal); err != nil {
		b.Fatal(err)
	}
	return benchTotal
}
