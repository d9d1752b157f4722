// Package registry builds the codec registry of every event the product
// stores: the one registry the composition root, the use cases, the
// projections and the tests share. It lives beside the store (not in
// projections) so that writing events never depends on reading them.
package registry

import (
	"github.com/authledger/authledger/domain/catalog"
	"github.com/authledger/authledger/eventstore"
)

// New returns a registry with every event of catalog.Events() registered
// at schema 1 (no upcasters yet).
func New() *eventstore.Registry {
	r := eventstore.NewRegistry()
	for _, ev := range catalog.Events() {
		r.RegisterEvent(ev, 1)
	}
	return r
}
