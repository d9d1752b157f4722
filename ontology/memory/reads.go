package memory

import (
	"context"

	"github.com/authledger/authledger/ontology"
)

// get reads one committed row of the live tables.
func get[K comparable, V any](ctx context.Context, s *Store, k K, table func(*tables) map[K]V, clone func(V) V) (V, error) {
	var zero V
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	s.mu.RLock()
	v, ok := table(s.live)[k]
	s.mu.RUnlock()
	if !ok {
		return zero, ontology.ErrNotFound
	}
	return clone(v), nil
}

// GetPerson returns a committed person or ontology.ErrNotFound.
func (s *Store) GetPerson(ctx context.Context, id string) (ontology.Person, error) {
	return get(ctx, s, id, func(t *tables) map[string]ontology.Person { return t.people }, clonePerson)
}

// GetThing returns a committed thing or ontology.ErrNotFound.
func (s *Store) GetThing(ctx context.Context, id string) (ontology.Thing, error) {
	return get(ctx, s, id, func(t *tables) map[string]ontology.Thing { return t.things }, cloneThing)
}

// GetGroup returns a committed group or ontology.ErrNotFound.
func (s *Store) GetGroup(ctx context.Context, id string) (ontology.Group, error) {
	return get(ctx, s, id, func(t *tables) map[string]ontology.Group { return t.groups }, cloneGroup)
}
