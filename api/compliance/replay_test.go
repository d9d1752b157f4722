package compliance_test

import (
	"context"
	"testing"
	"time"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/eventstore"
)

// countingRebuilder reads the whole log it is given, as a projection
// runner would.
type countingRebuilder struct {
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
	var after eventstore.Position
	for {
		recs, err := log.ReadAll(ctx, after, 1)
		if err != nil || len(recs) == 0 {
			return err
		}
		r.read += uint64(len(recs))
		after = recs[len(recs)-1].Position
	}
}

// TestReplay: the rebuilder sees the log cut at the bound (head and reads
// alike) and the record count; replaying appends nothing.
func TestReplay(t *testing.T) {
	f := newFixture(t, compliance.Deps{}, false)
	f.signUp("alice@example.com", "Alice") // 2 records
	mid := f.Head(t)
	f.signUp("bob@example.com", "Bob")
	end := f.Head(t)
	tests := []struct {
		name     string
		until    compliance.Bound
		wantHead eventstore.Position
		wantN    uint64
	}{
		{"mid", compliance.AtPosition(mid), mid, 2},
		{"head", compliance.AtPosition(end), end, 4},
		{"future", compliance.AtTime(time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC)), end, 4},
		{"past", compliance.AtTime(time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)), eventstore.Position{}, 0},
	}
	for _, tt := range tests {
		r := &countingRebuilder{}
		res, err := f.svc.Replay(context.Background(), compliance.ReplayInput{Until: tt.until, Into: r})
		if err != nil || res.Until != tt.wantHead || res.Events != tt.wantN || r.head != tt.wantHead ||
			r.read != tt.wantN || r.total != tt.wantN {
			t.Errorf("%s: %+v %v; rebuilder %+v", tt.name, res, err, r)
		}
	}
	if f.Head(t) != end {
		t.Error("replay appended to the log")
	}
}
