package webhooks

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/webhookendpoint"
	"github.com/authledger/authledger/eventstore"
)

// Decoder turns a stored record into its domain event.
type Decoder interface {
	Decode(ctx context.Context, rec eventstore.Record) (domain.Event, domain.Metadata, error)
}

// entry is one endpoint of the index: its state (secret opened) and the
// position of its creation (where its deliveries start).
type entry struct {
	state   webhookendpoint.State
	created eventstore.Position
}

// Index is the in-memory read model of the endpoints, fed by the log
// (only webhook.endpoint_* records are decoded). Safe for concurrent use.
type Index struct {
	mu   sync.Mutex
	byID map[string]*entry
	pos  eventstore.Position
}

// NewIndex returns an empty index.
func NewIndex() *Index { return &Index{byID: map[string]*entry{}} }

// CatchUp applies the log after the index's position up to its head: up
// to a page shorter than catchUpPage, the end of the log when it was read
// (no further read for an empty page).
func (x *Index) CatchUp(ctx context.Context, s eventstore.Store, dec Decoder) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	for {
		recs, err := s.ReadAll(ctx, x.pos, catchUpPage)
		if err != nil || len(recs) == 0 {
			return err
		}
		for _, r := range recs {
			if !strings.HasPrefix(r.Type, "webhook.endpoint_") {
				continue
			}
			ev, _, err := dec.Decode(ctx, r)
			if err != nil {
				return fmt.Errorf("webhooks: decode %s at %s: %w", r.Type, r.Position, err)
			}
			id := strings.TrimPrefix(r.Stream, webhookendpoint.StreamPrefix)
			e := x.byID[id]
			if e == nil {
				e = &entry{created: r.Position}
				x.byID[id] = e
			}
			e.state = webhookendpoint.Evolve(e.state, ev)
		}
		x.pos = recs[len(recs)-1].Position
		if len(recs) < catchUpPage {
			return nil
		}
	}
}

// catchUpPage is the page size of CatchUp's reads.
const catchUpPage = 1000

// get returns the endpoint with id (deleted ones too).
func (x *Index) get(id string) (entry, bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	e, ok := x.byID[id]
	if !ok {
		return entry{}, false
	}
	return *e, true
}

// all returns every endpoint not deleted, oldest first.
func (x *Index) all() []entry {
	x.mu.Lock()
	defer x.mu.Unlock()
	out := make([]entry, 0, len(x.byID))
	for _, e := range x.byID {
		if !e.state.Deleted {
			out = append(out, *e)
		}
	}
	slices.SortFunc(out, func(a, b entry) int {
		if a.created.Less(b.created) {
			return -1
		}
		if b.created.Less(a.created) {
			return 1
		}
		return 0
	})
	return out
}
