package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/authledger/authledger/ontology"
	"github.com/jackc/pgx/v5"
)

// ListGroups pages groups by (created_at, id).
func (s *Store) ListGroups(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Group], error) {
	return list(ctx, s.pool, s.schema, groupsSpec, q, scanGroup,
		func(g ontology.Group) ontology.SortKey { return ontology.SortKey{CreatedAt: g.CreatedAt, ID: g.ID} })
}

// ListPeople pages people by (created_at, id).
func (s *Store) ListPeople(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Person], error) {
	return list(ctx, s.pool, s.schema, peopleSpec, q, scanPerson,
		func(p ontology.Person) ontology.SortKey { return ontology.SortKey{CreatedAt: p.CreatedAt, ID: p.ID} })
}

// ListThings pages things by (created_at, id).
func (s *Store) ListThings(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Thing], error) {
	return list(ctx, s.pool, s.schema, thingsSpec, q, scanThing,
		func(t ontology.Thing) ontology.SortKey { return ontology.SortKey{CreatedAt: t.CreatedAt, ID: t.ID} })
}

// ListConnections pages connections by (created_at, id).
func (s *Store) ListConnections(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Connection], error) {
	return list(ctx, s.pool, s.schema, connectionsSpec, q, scanConnection,
		func(c ontology.Connection) ontology.SortKey {
			return ontology.SortKey{CreatedAt: c.CreatedAt, ID: c.ID}
		})
}

// ListEvents pages audit rows by seq.
func (s *Store) ListEvents(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Event], error) {
	return list(ctx, s.pool, s.schema, eventsSpec, q, scanEvent,
		func(e ontology.Event) ontology.SortKey { return ontology.SortKey{Seq: e.Seq} })
}

// ListKnowledge pages facts by (subject_id, key).
func (s *Store) ListKnowledge(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Fact], error) {
	return list(ctx, s.pool, s.schema, knowledgeSpec, q, scanFact,
		func(f ontology.Fact) ontology.SortKey { return ontology.SortKey{SubjectID: f.SubjectID, Key: f.Key} })
}

// getOne reads a committed row by id, or ontology.ErrNotFound.
func getOne[T any](ctx context.Context, s *Store, sp spec, scan func(pgx.Row) (T, error), id string) (T, error) {
	if !storable(id) {
		var zero T
		return zero, ontology.ErrNotFound
	}
	v, err := scan(s.pool.QueryRow(ctx, s.live.get[sp.dim], id))
	if err = notFound(err); err != nil && !errors.Is(err, ontology.ErrNotFound) {
		err = fmt.Errorf("postgres: get %s: %w", sp.table, mapErr(err))
	}
	return v, err
}

// GetPerson returns a committed person or ontology.ErrNotFound.
func (s *Store) GetPerson(ctx context.Context, id string) (ontology.Person, error) {
	return getOne(ctx, s, peopleSpec, scanPerson, id)
}

// GetThing returns a committed thing or ontology.ErrNotFound.
func (s *Store) GetThing(ctx context.Context, id string) (ontology.Thing, error) {
	return getOne(ctx, s, thingsSpec, scanThing, id)
}

// GetGroup returns a committed group or ontology.ErrNotFound.
func (s *Store) GetGroup(ctx context.Context, id string) (ontology.Group, error) {
	return getOne(ctx, s, groupsSpec, scanGroup, id)
}

// Checkpoint returns a projector's committed position ("" = none).
func (s *Store) Checkpoint(ctx context.Context, projector string) (string, error) {
	return readCheckpoint(ctx, s.pool, s.live, projector)
}

// CheckpointNames lists the committed checkpoints named prefix…, in byte
// order (COLLATE "C": the database's collation may order otherwise).
func (s *Store) CheckpointNames(ctx context.Context, prefix string) ([]string, error) {
	if !storable(prefix) {
		return nil, nil // no stored name holds what PostgreSQL cannot store
	}
	rows, err := s.pool.Query(ctx, s.live.checkpointNames, prefix)
	if err != nil {
		return nil, fmt.Errorf("postgres: list checkpoints: %w", mapErr(err))
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: list checkpoints: %w", mapErr(err))
	}
	return names, nil
}

// querier is what readCheckpoint reads through.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// readCheckpoint reads a position from q's checkpoints, "" when none.
func readCheckpoint(ctx context.Context, db querier, q *queries, projector string) (string, error) {
	if !storable(projector) {
		return "", nil
	}
	var pos string
	err := notFound(db.QueryRow(ctx, q.checkpoint, projector).Scan(&pos))
	switch {
	case errors.Is(err, ontology.ErrNotFound):
		return "", nil
	case err != nil:
		return "", fmt.Errorf("postgres: read checkpoint: %w", mapErr(err))
	}
	return pos, nil
}
