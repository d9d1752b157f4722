package postgres

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

// TestReadShareFind: a call shares a read in progress only at the same
// position, with a limit at most the read's, and begun since the call's
// last wake-up.
func TestReadShareFind(t *testing.T) {
	at := eventstore.Position{Hi: 7, Lo: 3}
	r := &readShare{flights: []*readFlight{{after: at, limit: 100, gen: 5}}}
	for _, c := range []struct {
		name  string
		gen   uint64
		after eventstore.Position
		limit int
		share bool
	}{
		{"same position, limit and generation", 5, at, 100, true},
		{"smaller limit", 5, at, 10, true},
		{"read begun after the call's generation", 4, at, 100, true},
		{"larger limit", 5, at, 101, false},
		{"a wake-up since the read began", 6, at, 100, false},
		{"other position", 5, eventstore.Position{Hi: 7, Lo: 4}, 100, false},
	} {
		if got := r.find(c.gen, c.after, c.limit) != nil; got != c.share {
			t.Errorf("%s: shared = %v, want %v", c.name, got, c.share)
		}
	}
}

// TestReadShareServesEachCaller: concurrent calls, sharing or not, each
// get the page of their own limit, as records of their own.
func TestReadShareServesEachCaller(t *testing.T) {
	page := make([]eventstore.Record, 50)
	for i := range page {
		page[i] = eventstore.Record{Position: eventstore.Position{Hi: 1, Lo: uint64(i + 1)}, Data: []byte(fmt.Sprintf(`{"n":%d}`, i))}
	}
	fetch := func(_ context.Context, _ eventstore.Position, limit int) ([]eventstore.Record, error) {
		return copyRecords(page[:min(limit, len(page))]), nil
	}
	var r readShare
	var wg sync.WaitGroup
	for i := range 64 {
		limit := 1 + i%60
		wg.Go(func() {
			recs, err := r.read(context.Background(), 0, eventstore.Position{}, limit, fetch)
			if err != nil {
				t.Errorf("read: %v", err)
				return
			}
			if want := min(limit, len(page)); len(recs) != want {
				t.Errorf("limit %d: %d records, want %d", limit, len(recs), want)
				return
			}
			for k, rec := range recs {
				if rec.Position != page[k].Position || string(rec.Data) != string(page[k].Data) {
					t.Errorf("limit %d: record %d is %v %s", limit, k, rec.Position, rec.Data)
				}
			}
			recs[0].Data[0] = 'X' // must not show in anyone else's page
		})
	}
	wg.Wait()
	if len(r.flights) != 0 {
		t.Errorf("%d reads left in progress", len(r.flights))
	}
}
