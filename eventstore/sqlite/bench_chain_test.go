package sqlite_test

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/authledger/authledger/eventstore/sqlite"
)

// chainBenchEvents is the log size of the chain benchmarks.
const chainBenchEvents = 100_000

// chainTemplate writes a database with n typical events (about 300 bytes
// each) and returns its path; the store is closed, so the file is complete.
func chainTemplate(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "template.db")
	s := openAt(b, path, sqlite.Options{Synchronous: "NORMAL"})
	for i := 0; i < n; i += 1000 {
		evs := make([]eventstore.EventData, 0, 1000)
		for j := i; j < min(i+1000, n); j++ {
			evs = append(evs, benchEvent(j))
		}
		req := eventstore.AppendRequest{Stream: "person-" + evs[0].ID, Expected: eventstore.NoStream, Events: evs}
		if _, err := s.Append(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// copyDB copies the template to a fresh file and opens it.
func copyDB(b *testing.B, template string) *sqlite.Store {
	b.Helper()
	path := filepath.Join(b.TempDir(), "events.db")
	src, err := os.Open(template)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		b.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		b.Fatal(err)
	}
	return openAt(b, path, sqlite.Options{})
}

// BenchmarkChainExtend measures how fast the Chainer links an existing log
// of 100,000 events (read, hash, store links at synchronous=FULL, sign
// checkpoints every 10,000): events/s is the chain extension rate.
func BenchmarkChainExtend(b *testing.B) {
	template := chainTemplate(b, chainBenchEvents)
	_, key, _ := ed25519.GenerateKey(nil)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s := copyDB(b, template)
		c, err := chain.NewChainer(s, s.Chain(), key, chain.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		head, err := c.CatchUp(context.Background())
		b.StopTimer()
		if err != nil || head.Seq != chainBenchEvents {
			b.Fatalf("CatchUp = %d links, %v", head.Seq, err)
		}
		_ = s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(chainBenchEvents*b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkChainVerify measures Verify over a chained log of 100,000
// events.
func BenchmarkChainVerify(b *testing.B) {
	template := chainTemplate(b, chainBenchEvents)
	pub, key, _ := ed25519.GenerateKey(nil)
	s := copyDB(b, template)
	defer s.Close()
	c, _ := chain.NewChainer(s, s.Chain(), key, chain.Options{})
	ctx := context.Background()
	if _, err := c.CatchUp(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := c.Checkpoint(ctx); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		rep, err := chain.Verify(ctx, s, s.Chain(), pub, eventstore.Position{}, eventstore.Position{})
		if err != nil || !rep.OK || rep.Records != chainBenchEvents {
			b.Fatalf("Verify = %+v, %v", rep, err)
		}
	}
	b.ReportMetric(float64(chainBenchEvents*b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkAppendChained is BenchmarkAppend/writers=32 with the Chainer
// following live: compare the two to see what chaining costs appends. The
// chain is complete when the benchmark ends.
func BenchmarkAppendChained(b *testing.B) {
	s := openAt(b, filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
	defer s.Close()
	_, key, _ := ed25519.GenerateKey(nil)
	c, err := chain.NewChainer(s, s.Chain(), key, chain.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	const writers = 32
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	b.ResetTimer()
	for w := range writers {
		n := b.N/writers + min(1, max(0, b.N%writers-w))
		wg.Go(func() {
			for i := range n {
				req := eventstore.AppendRequest{Stream: fmt.Sprintf("person-%d", w), Expected: eventstore.Exactly(uint64(i)),
					Events: []eventstore.EventData{benchEvent(i)}}
				if _, err := s.Append(ctx, req); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	head, _ := s.Head(ctx)
	for c.Head().Position != head {
		time.Sleep(time.Millisecond)
	}
	cancel()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	if err := <-done; !errors.Is(err, context.Canceled) {
		b.Fatalf("Run = %v", err)
	}
}
