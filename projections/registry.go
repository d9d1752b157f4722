package projections

import (
	"github.com/authledger/authledger/domain/catalog"
	"github.com/authledger/authledger/eventstore"
)

// NewRegistry returns a codec registry with every event of
// catalog.Events() registered at schema 1 (no upcasters yet). It is the
// one registry the composition root, the projections and the tests share.
func NewRegistry() *eventstore.Registry {
	r := eventstore.NewRegistry()
	for _, ev := range catalog.Events() {
		r.RegisterEvent(ev, 1)
	}
	return r
}
