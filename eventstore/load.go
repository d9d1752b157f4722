package eventstore

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/domain"
)

// Load reads stream, decodes every record and folds it with the decider
// (d.FoldOnto: EvolveAll when the aggregate has one, else Evolve). It
// returns the state and the stream's version (0 for an unknown stream), to
// be used as the expected version of the next append.
func Load[S, C any](ctx context.Context, s Store, c *Codec, d domain.Decider[S, C], stream string) (S, uint64, error) {
	var zero S
	recs, err := s.ReadStream(ctx, stream, 0)
	if err != nil {
		return zero, 0, fmt.Errorf("eventstore: load %s: %w", stream, err)
	}
	state, version, err := foldRecords(ctx, c, d, d.Initial, 0, recs)
	if err != nil {
		return zero, 0, fmt.Errorf("eventstore: load %s: %w", stream, err)
	}
	return state, version, nil
}

// foldRecords decodes recs and folds them onto state at version; it
// returns the new state and the version of the last record.
func foldRecords[S, C any](ctx context.Context, c *Codec, d domain.Decider[S, C], state S, version uint64, recs []Record) (S, uint64, error) {
	if len(recs) == 0 {
		return state, version, nil
	}
	evs := make([]domain.Event, len(recs))
	for i, rec := range recs {
		ev, _, err := c.Decode(ctx, rec)
		if err != nil {
			return state, 0, err
		}
		evs[i] = ev
	}
	return d.FoldOnto(state, evs), recs[len(recs)-1].Version, nil
}
