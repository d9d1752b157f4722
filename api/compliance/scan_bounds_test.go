package compliance_test

import (
	"bytes"
	"context"
	"sort"
	"testing"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// manyRecords appends n person.unbanned records of subject, in appends of
// 1,000, and returns their positions.
func manyRecords(t *testing.T, f *fixture, subject string, n int) []eventstore.Position {
	t.Helper()
	ctx, now := context.Background(), f.App.Now()
	data, err := f.App.Codec.Encode(ctx, person.Unbanned{PersonID: subject, At: now}, domain.Metadata{OccurredAt: now}, subject)
	if err != nil {
		t.Fatal(err)
	}
	batch := make([]eventstore.EventData, 1000)
	for i := range batch {
		batch[i] = data
	}
	for done := 0; done < n; done += len(batch) {
		if _, err := f.App.Store.Append(ctx, eventstore.AppendRequest{Stream: domain.PersonStream(subject),
			Expected: eventstore.Any, Events: batch[:min(len(batch), n-done)]}); err != nil {
			t.Fatal(err)
		}
	}
	recs, err := f.App.Store.ReadAll(ctx, eventstore.Position{}, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	var out []eventstore.Position
	for _, r := range recs {
		if r.Stream == domain.PersonStream(subject) {
			out = append(out, r.Position)
		}
	}
	if len(out) < n {
		t.Fatalf("%d records of %s, want %d", len(out), subject, n)
	}
	return out[len(out)-n:]
}

// TestEventsPageScansAtMost20000: a JSON page whose filter matches
// nothing in the first 20,000 records comes back empty with a cursor at
// the 20,000th record; the next page reaches the one match behind it.
func TestEventsPageScansAtMost20000(t *testing.T) {
	f := newFixture(t, compliance.Deps{}, false)
	bob, _ := f.signUp("bob@example.com", "Bob") // the first records of the log
	all, err := f.App.Store.ReadAll(context.Background(), eventstore.Position{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	head := len(all)
	noise := manyRecords(t, f, "Pnoise", 25_000)
	late := manyRecords(t, f, bob, 1)[0]

	ctx := context.Background()
	flt := compliance.Filter{Person: bob, Types: []string{person.TypeUnbanned}}
	page, err := f.svc.Events(ctx, compliance.EventsInput{Reader: admin, Filter: flt})
	if err != nil {
		t.Fatal(err)
	}
	want := noise[20_000-head-1] // the 20,000th record of the log
	if len(page.Items) != 0 || page.Next != want.String() {
		t.Fatalf("first page: %d rows, next %q; want none and a cursor at the 20,000th record %s", len(page.Items), page.Next, want)
	}
	if flt.Cursor, err = compliance.ParsePosition("cursor", page.Next); err != nil {
		t.Fatal(err)
	}
	page, err = f.svc.Events(ctx, compliance.EventsInput{Reader: admin, Filter: flt})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].Position != late.String() {
		t.Errorf("second page: %+v, want the one late match at %s", page.Items, late)
	}
}

// lineCounter counts the complete lines written to it.
type lineCounter struct{ lines int }

func (w *lineCounter) Write(p []byte) (int, error) {
	w.lines += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}

// TestExportFlushesEvery1000Records: a streamed export hands its rows to
// the writer (and calls Progress, the HTTP flush) after every 1,000
// records read: at each call the writer holds exactly the matching rows
// read so far, never more than 1,000 records behind the scan.
func TestExportFlushesEvery1000Records(t *testing.T) {
	f := newFixture(t, compliance.Deps{}, false)
	positions := manyRecords(t, f, "Pexport", 5_500)
	readSoFar := func(last eventstore.Position) int { // matching records at or before last
		return sort.Search(len(positions), func(i int) bool { return last.Less(positions[i]) })
	}
	for _, format := range []compliance.Format{compliance.FormatNDJSON, compliance.FormatCSV} {
		w := &lineCounter{}
		var seen []int
		err := f.svc.Export(context.Background(), compliance.ExportInput{Reader: admin, W: w,
			Filter: compliance.Filter{Person: "Pexport", Format: format},
			Progress: func(last eventstore.Position) {
				rows := readSoFar(last)
				header := 0
				if format == compliance.FormatCSV {
					header = 1
				}
				if w.lines-header != rows {
					t.Errorf("%s: at %s the writer holds %d rows, want the %d read so far", format, last, w.lines-header, rows)
				}
				seen = append(seen, rows)
			}})
		if err != nil {
			t.Fatal(err)
		}
		if len(seen) < 6 || seen[5] != 5_500 {
			t.Fatalf("%s: progress after %v rows, want a call every 1,000 records up to 5,500", format, seen)
		}
		for i := 1; i < len(seen); i++ {
			if seen[i]-seen[i-1] > 1000 {
				t.Errorf("%s: %d rows between two flushes (%v), want at most 1,000", format, seen[i]-seen[i-1], seen)
			}
		}
	}
}
