package eventstore

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/domain"
)

// Load reads stream, decodes every record and folds it with d.Evolve. It
// returns the state and the stream's version (0 for an unknown stream), to
// be used as the expected version of the next append.
func Load[S, C any](ctx context.Context, s Store, c *Codec, d domain.Decider[S, C], stream string) (S, uint64, error) {
	var zero S
	recs, err := s.ReadStream(ctx, stream, 0)
	if err != nil {
		return zero, 0, fmt.Errorf("eventstore: load %s: %w", stream, err)
	}
	state, version := d.Initial, uint64(0)
	for _, rec := range recs {
		ev, _, err := c.Decode(ctx, rec)
		if err != nil {
			return zero, 0, fmt.Errorf("eventstore: load %s: %w", stream, err)
		}
		state, version = d.Evolve(state, ev), rec.Version
	}
	return state, version, nil
}
