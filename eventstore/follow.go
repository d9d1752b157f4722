package eventstore

import (
	"context"
	"fmt"
)

// DefaultFollowBatch is the batch size Follow uses when given batch ≤ 0.
const DefaultFollowBatch = 500

// Follow calls fn with every record after the given position, in global
// order and in batches of at most batch records: first it catches up with
// ReadAll, then it waits on Changed for new commits. It returns ctx.Err()
// when ctx is done, or the first error from the store or fn.
//
// A page shorter than batch means the log held nothing more when it was
// read, so Follow waits for the next commit instead of reading again to
// find an empty page: the wake-up channel was taken before that read, so a
// commit it did not see has closed it (or, on PostgreSQL, records waiting
// beyond the visibility horizon are announced by the store's ticker). On a
// busy server that read was half of every follower's reads.
func Follow(ctx context.Context, s Store, after Position, batch int, fn func(ctx context.Context, recs []Record) error) error {
	if batch <= 0 {
		batch = DefaultFollowBatch
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Take the wake-up channel before reading: a commit between the read
		// and the wait then still closes the channel we wait on.
		changed := s.Changed()
		recs, err := s.ReadAll(ctx, after, batch)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("eventstore: follow after %s: %w", after, err)
		}
		if len(recs) > 0 {
			if err := fn(ctx, recs); err != nil {
				return err
			}
			after = recs[len(recs)-1].Position
			if len(recs) == batch { // a full page: more may be there already
				continue
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-changed:
		}
	}
}
