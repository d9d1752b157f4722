package compliance

import (
	"context"

	"github.com/authledger/authledger/eventstore"
)

// Scan sizes of the audit reads.
const (
	readBatch = 1000   // records per ReadAll
	scanLimit = 20_000 // records one JSON page may scan before it returns a cursor
)

// EventsInput asks for one page of audit rows.
type EventsInput struct {
	Reader Reader
	Filter Filter
}

// Page is one page of audit rows; Next is the cursor to continue after
// ("" at the end of the range).
type Page struct {
	Items []Row  `json:"items"`
	Next  string `json:"next"`
}

// Events records the read, then returns up to the filter's limit of
// matching rows, scanning at most 20,000 records: a page may come back
// short (even empty) with a Next cursor when few records match.
func (s *Service) Events(ctx context.Context, in EventsInput) (Page, error) {
	f := in.Filter
	if err := f.Validate(); err != nil {
		return Page{}, err
	}
	if err := s.recordRead(ctx, in.Reader, f.Query(), f.IncludePII); err != nil {
		return Page{}, err
	}
	b := s.rowBuilder(f.IncludePII)
	out := Page{Items: []Row{}}
	after, scanned, limit := f.start(), 0, f.limit()
	for len(out.Items) < limit && scanned < scanLimit {
		recs, err := s.app.Store.ReadAll(ctx, after, readBatch)
		if err != nil {
			return Page{}, err
		}
		if len(recs) == 0 {
			return out, nil
		}
		for _, rec := range recs {
			if f.past(rec) {
				return out, nil
			}
			after, scanned = rec.Position, scanned+1
			r, err := b.row(ctx, rec)
			if err != nil {
				return Page{}, err
			}
			if f.match(&r) {
				if out.Items = append(out.Items, r); len(out.Items) == limit {
					break
				}
			}
		}
	}
	out.Next = after.String()
	return out, nil
}

// scan reads the filtered range batch by batch, calling emit for each
// matching row and batchDone with the last position read after every
// batch (and once more at the end of the range).
func (s *Service) scan(ctx context.Context, f Filter, b *rowBuilder, emit func(*Row) error,
	batchDone func(last eventstore.Position) error) error {
	after := f.start()
	for {
		recs, err := s.app.Store.ReadAll(ctx, after, readBatch)
		if err != nil || len(recs) == 0 {
			return err
		}
		for _, rec := range recs {
			if f.past(rec) {
				return batchDone(after)
			}
			after = rec.Position
			r, err := b.row(ctx, rec)
			if err != nil {
				return err
			}
			if f.match(&r) {
				if err := emit(&r); err != nil {
					return err
				}
			}
		}
		if err := batchDone(after); err != nil {
			return err
		}
	}
}
