package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/eventstoretest"
	"github.com/authledger/authledger/eventstore/sqlite"
)

func TestSnapshotConformance(t *testing.T) {
	eventstoretest.RunSnapshots(t, harness())
}

// BenchmarkGetSnapshot reads a 700 KiB snapshot (the size of a 10,000-member
// organization's), the first read of a large stream after a restart.
func BenchmarkGetSnapshot(b *testing.B) {
	s := openAt(b, filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
	defer s.Close()
	ctx := context.Background()
	data := make([]byte, 700<<10)
	for i := range data {
		data[i] = byte(i * 7)
	}
	snap := eventstore.Snapshot{Stream: "group-g1", Version: 10_001, RecordID: "0190b2c4-0000-7000-8000-000000010001",
		Format: "bench.v1", Data: data}
	if err := s.PutSnapshot(ctx, snap); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		got, err := s.GetSnapshot(ctx, snap.Stream)
		if err != nil || len(got.Data) != len(data) {
			b.Fatalf("GetSnapshot: %d bytes, %v", len(got.Data), err)
		}
	}
}
