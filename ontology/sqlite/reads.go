package sqlite

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/ontology"
)

// ListGroups pages groups by (created_at, id).
func (s *Store) ListGroups(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Group], error) {
	return list(ctx, s.r, groupsSpec, q, scanGroup,
		func(g ontology.Group) ontology.SortKey { return ontology.SortKey{CreatedAt: g.CreatedAt, ID: g.ID} })
}

// ListPeople pages people by (created_at, id).
func (s *Store) ListPeople(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Person], error) {
	return list(ctx, s.r, peopleSpec, q, scanPerson,
		func(p ontology.Person) ontology.SortKey { return ontology.SortKey{CreatedAt: p.CreatedAt, ID: p.ID} })
}

// ListThings pages things by (created_at, id).
func (s *Store) ListThings(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Thing], error) {
	return list(ctx, s.r, thingsSpec, q, scanThing,
		func(t ontology.Thing) ontology.SortKey { return ontology.SortKey{CreatedAt: t.CreatedAt, ID: t.ID} })
}

// ListConnections pages connections by (created_at, id).
func (s *Store) ListConnections(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Connection], error) {
	return list(ctx, s.r, connectionsSpec, q, scanConnection,
		func(c ontology.Connection) ontology.SortKey {
			return ontology.SortKey{CreatedAt: c.CreatedAt, ID: c.ID}
		})
}

// ListEvents pages audit rows by seq.
func (s *Store) ListEvents(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Event], error) {
	return list(ctx, s.r, eventsSpec, q, scanEvent,
		func(e ontology.Event) ontology.SortKey { return ontology.SortKey{Seq: e.Seq} })
}

// ListKnowledge pages facts by (subject_id, key).
func (s *Store) ListKnowledge(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Fact], error) {
	return list(ctx, s.r, knowledgeSpec, q, scanFact,
		func(f ontology.Fact) ontology.SortKey { return ontology.SortKey{SubjectID: f.SubjectID, Key: f.Key} })
}

// GetPerson returns a committed person or ontology.ErrNotFound.
func (s *Store) GetPerson(ctx context.Context, id string) (ontology.Person, error) {
	return scanPerson(s.r.QueryRowContext(ctx, peopleSpec.getSQL(""), id))
}

// GetThing returns a committed thing or ontology.ErrNotFound.
func (s *Store) GetThing(ctx context.Context, id string) (ontology.Thing, error) {
	return scanThing(s.r.QueryRowContext(ctx, thingsSpec.getSQL(""), id))
}

// GetGroup returns a committed group or ontology.ErrNotFound.
func (s *Store) GetGroup(ctx context.Context, id string) (ontology.Group, error) {
	return scanGroup(s.r.QueryRowContext(ctx, groupsSpec.getSQL(""), id))
}

// Checkpoint returns a projector's committed position ("" = none).
func (s *Store) Checkpoint(ctx context.Context, projector string) (string, error) {
	return scanCheckpoint(s.r.QueryRowContext(ctx, "SELECT position FROM checkpoints WHERE projector = ?", projector))
}

// CheckpointNames lists the committed checkpoints named prefix…, in byte
// order (the column's BINARY collation): a range on the primary key.
func (s *Store) CheckpointNames(ctx context.Context, prefix string) ([]string, error) {
	q, args := "SELECT projector FROM checkpoints WHERE projector >= ?", []any{prefix}
	if end, ok := ontology.PrefixEnd(prefix); ok {
		q, args = q+" AND projector < ?", append(args, end)
	}
	names, err := queryStrings(ctx, s.r, q+" ORDER BY projector", args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list checkpoints: %w", err)
	}
	return names, nil
}
