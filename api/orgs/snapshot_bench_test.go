package orgs

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/registry"
	"github.com/authledger/authledger/eventstore/sqlite"
)

// BenchmarkColdLoad is the first load of a 10,000-member organization in
// a process that has nothing of it in memory, on SQLite: the full fold,
// and the snapshot with the records after it (none here). decode is the
// snapshot's decoding alone.
func BenchmarkColdLoad(b *testing.B) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "events.db"), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	keys := eventstore.NewKeyring(st.Keys(), eventstore.DeriveKEK([]byte("a bench secret of at least thirty-two bytes")))
	codec := eventstore.NewCodec(registry.New(), keys)
	dec := group.NewDecider()
	stream := group.Stream("gbench")
	appendMembers(b, st, codec, "gbench", 10_000)
	sn := eventstore.NewSnapshots(st, stateCodec{codec}, 1, nil)
	if _, _, err := eventstore.LoadCached(ctx, st, codec, dec, stream, eventstore.NewFoldCache[group.State](1).Persist(sn)); err != nil {
		b.Fatal(err)
	}
	sn.Wait()
	snap, err := st.GetSnapshot(ctx, stream)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("fold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := eventstore.LoadCached(ctx, st, codec, dec, stream, eventstore.NewFoldCache[group.State](1)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("snapshot", func(b *testing.B) {
		b.ReportAllocs()
		b.ReportMetric(float64(len(snap.Data)), "snapshot-bytes")
		for b.Loop() {
			cache := eventstore.NewFoldCache[group.State](1).Persist(eventstore.NewSnapshots(st, stateCodec{codec}, 1<<20, nil))
			if _, _, err := eventstore.LoadCached(ctx, st, codec, dec, stream, cache); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := (stateCodec{codec}).Decode(ctx, snap.Data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// appendMembers appends an organization of n members, as the perf
// harness does.
func appendMembers(b *testing.B, st eventstore.Store, codec *eventstore.Codec, groupID string, n int) {
	ctx := context.Background()
	stream := group.Stream(groupID)
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	evs := []domain.Event{group.Created{GroupID: groupID, Name: "Bench", Slug: "bench", Actor: "p-0", At: at}}
	for i := range n {
		evs = append(evs, group.MemberAdded{GroupID: groupID, MemberID: fmt.Sprintf("m-%08d", i), PersonID: fmt.Sprintf("p-%08d", i),
			Role: "member", Actor: "p-0", At: at.Add(time.Duration(i) * time.Millisecond)})
	}
	var version uint64
	for start := 0; start < len(evs); start += 1000 {
		req := eventstore.AppendRequest{Stream: stream, Expected: eventstore.Exactly(version)}
		for _, ev := range evs[start:min(start+1000, len(evs))] {
			d, err := codec.Encode(ctx, ev, domain.Metadata{Actor: "p-0", OccurredAt: at}, stream)
			if err != nil {
				b.Fatal(err)
			}
			req.Events = append(req.Events, d)
		}
		if _, err := st.Append(ctx, req); err != nil {
			b.Fatal(err)
		}
		version += uint64(len(req.Events))
	}
}
