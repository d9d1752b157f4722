package compliance_test

import (
	"context"
	"testing"
	"time"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/eventstore"
)

// countingRebuilder reads the whole log it is given, as a projection
// runner would; with again, it then reads it once more from the start, as
// a runner does when it restarts its reading.
type countingRebuilder struct {
	again bool
	head  eventstore.Position
	read  uint64
	total uint64
}

func (r *countingRebuilder) Rebuild(ctx context.Context, log eventstore.Store, events uint64) error {
	var err error
	if r.head, err = log.Head(ctx); err != nil {
		return err
	}
	r.total = events
	passes := 1
	if r.again {
		passes = 2
	}
	for range passes {
		r.read = 0
		var after eventstore.Position
		for {
			recs, err := log.ReadAll(ctx, after, 1)
			if err != nil {
				return err
			}
			if len(recs) == 0 {
				break
			}
			r.read += uint64(len(recs))
			after = recs[len(recs)-1].Position
		}
	}
	return nil
}

// TestReplay: the rebuilder sees the log cut at the bound, read once or
// twice, the result counts each record once, the head is the bound's
// position (the log's head for a time bound) and the progress total its
// Lo word; replaying appends nothing.
func TestReplay(t *testing.T) {
	f := newFixture(t, compliance.Deps{}, false)
	f.signUp("alice@example.com", "Alice") // 2 records
	mid := f.Head(t)
	time.Sleep(2 * time.Millisecond) // bob's records are committed later
	f.signUp("bob@example.com", "Bob")
	end := f.Head(t)
	recs, err := f.Store.ReadAll(context.Background(), eventstore.Position{}, 10)
	if err != nil || len(recs) != 4 {
		t.Fatalf("log: %d records, %v", len(recs), err)
	}
	tests := []struct {
		name     string
		until    compliance.Bound
		wantHead eventstore.Position // what Head answers
		wantLast eventstore.Position // the last record replayed
		wantN    uint64
	}{
		{"mid", compliance.AtPosition(mid), mid, mid, 2},
		{"head", compliance.AtPosition(end), end, end, 4},
		{"beyond the head", compliance.AtPosition(eventstore.Position{Lo: end.Lo + 10}), end, end, 4},
		{"future", compliance.AtTime(time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC)), end, end, 4},
		{"at alice's commit", compliance.AtTime(recs[1].RecordedAt), end, mid, 2},
		{"past", compliance.AtTime(time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)), end, eventstore.Position{}, 0},
	}
	for _, tt := range tests {
		for _, again := range []bool{false, true} {
			r := &countingRebuilder{again: again}
			res, err := f.svc.Replay(context.Background(), compliance.ReplayInput{Until: tt.until, Into: r})
			if err != nil || res.Until != tt.wantLast || res.Events != tt.wantN || r.head != tt.wantHead ||
				r.read != tt.wantN || r.total != tt.wantHead.Lo {
				t.Errorf("%s (read again: %v): %+v %v; rebuilder %+v", tt.name, again, res, err, r)
			}
		}
	}
	if f.Head(t) != end {
		t.Error("replay appended to the log")
	}
}
