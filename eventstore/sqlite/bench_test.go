package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/sqlite"
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

// BenchmarkAppend measures single-event appends with 1 and 32 concurrent
// writers, and 100-event appends, at the default synchronous=FULL.
func BenchmarkAppend(b *testing.B) {
	for _, bc := range []struct {
		name             string
		writers, perCall int
	}{{"writers=1", 1, 1}, {"writers=32", 32, 1}, {"batch=100", 1, 100}} {
		b.Run(bc.name, func(b *testing.B) { benchAppend(b, bc.writers, bc.perCall) })
	}
}

func benchAppend(b *testing.B, writers, perCall int) {
	s := openAt(b, filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
	defer s.Close()
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
