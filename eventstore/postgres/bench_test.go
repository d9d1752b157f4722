package postgres_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/postgres"
)

// benchEvent is a typical sealed event: about 300 bytes of JSON.
func benchEvent(i int) eventstore.EventData {
	return eventstore.EventData{
		ID:     fmt.Sprintf("0190b2c4-0000-7000-8000-%012d", i),
		Type:   "person.signed_up",
		Schema: 1,
		Data: []byte(`{"personId":"p0123456789abcdef0123456789abcdef","email":"sealed:v1:q8Zp1r4hW2m9bO0K3n6vJ` +
			`c1kq9s0d8f7g6h5j4k3l2m1n0bAaBbCcDdEeFf","name":"sealed:v1:Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jj1Ii0Hh","emailVerified":false}`),
		Meta:       []byte(`{"actor":"p0123456789abcdef","requestId":"r-0123456789"}`),
		KeyRef:     "person-p0123456789abcdef",
		OccurredAt: time.Now(),
	}
}

// BenchmarkAppend measures appends of single events and of batches of 100,
// with 1 and 16 concurrent writers (each on its own stream, exact expected
// versions), and reports events/s. b.N counts Append calls.
func BenchmarkAppend(b *testing.B) {
	for _, bc := range []struct {
		name             string
		writers, perCall int
	}{
		{"writers=1/events=1", 1, 1}, {"writers=16/events=1", 16, 1},
		{"writers=1/events=100", 1, 100}, {"writers=16/events=100", 16, 100},
	} {
		b.Run(bc.name, func(b *testing.B) { benchAppend(b, bc.writers, bc.perCall) })
	}
}

func benchAppend(b *testing.B, writers, perCall int) {
	s, _ := newStore(b, postgres.Options{MaxConns: int32(writers) + 2, Writers: benchWriters(b)})
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	b.ResetTimer()
	start := time.Now()
	for w := range writers {
		n := b.N / writers
		if w < b.N%writers {
			n++
		}
		wg.Go(func() {
			stream := fmt.Sprintf("person-%d", w)
			evs := make([]eventstore.EventData, perCall)
			for i := range n {
				for k := range evs {
					evs[k] = benchEvent(i*perCall + k)
				}
				req := eventstore.AppendRequest{Stream: stream, Expected: eventstore.Exactly(uint64(i * perCall)), Events: evs}
				if _, err := s.Append(ctx, req); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	events := float64(b.N * perCall)
	b.ReportMetric(events/elapsed.Seconds(), "events/s")
	b.ReportMetric(float64(elapsed.Nanoseconds())/events, "ns/event")
}

// BenchmarkReadAll measures catching up through 10,000 records in pages of
// 500, as a projection rebuild does.
func BenchmarkReadAll(b *testing.B) {
	s, _ := newStore(b, postgres.Options{})
	ctx := context.Background()
	evs := make([]eventstore.EventData, 1000)
	for i := range 10 {
		for k := range evs {
			evs[k] = benchEvent(i*1000 + k)
		}
		if _, err := s.Append(ctx, eventstore.AppendRequest{Stream: fmt.Sprintf("s-%d", i), Expected: eventstore.NoStream, Events: evs}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		var after eventstore.Position
		for {
			recs, err := s.ReadAll(ctx, after, 500)
			if err != nil {
				b.Fatal(err)
			}
			if len(recs) == 0 {
				break
			}
			after = recs[len(recs)-1].Position
		}
	}
	b.ReportMetric(float64(b.N*10000)/time.Since(start).Seconds(), "events/s")
}

// benchWriters reads the number of group-commit writers from
// AUTHLEDGER_BENCH_WRITERS (default: the store's default).
func benchWriters(b *testing.B) int {
	n, err := strconv.Atoi(os.Getenv("AUTHLEDGER_BENCH_WRITERS"))
	if err != nil {
		return 0
	}
	return n
}
