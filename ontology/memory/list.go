package memory

import (
	"context"
	"iter"
	"maps"
	"slices"

	"github.com/authledger/authledger/ontology"
)

// table describes one dimension to query: its rows (read under the lock),
// a row's value for a filter column, its sort key and a deep copy.
type table[T any] struct {
	dim    ontology.Dimension
	rows   func(t *tables) iter.Seq[T]
	column func(T, string) string
	key    func(T) ontology.SortKey
	clone  func(T) T
}

// query filters, orders and pages rows of one dimension.
func query[T any](ctx context.Context, s *Store, tb table[T], q ontology.Query) (ontology.Page[T], error) {
	if err := ctx.Err(); err != nil {
		return ontology.Page[T]{}, err
	}
	p, err := ontology.PlanQuery(tb.dim, q)
	if err != nil {
		return ontology.Page[T]{}, err
	}
	s.mu.RLock()
	var out []T
	for r := range tb.rows(s.live) {
		if (p.After == nil || p.After.Less(tb.key(r))) && matches(p.Conds, r, tb.column) {
			out = append(out, r)
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b T) int {
		ka, kb := tb.key(a), tb.key(b)
		switch {
		case ka.Less(kb):
			return -1
		case kb.Less(ka):
			return 1
		}
		return 0
	})
	out = out[:min(len(out), p.Limit+1)]
	for i := range out {
		out[i] = tb.clone(out[i])
	}
	return ontology.Paginate(p, out, tb.key), nil
}

// matches reports whether r satisfies every condition.
func matches[T any](conds []ontology.Cond, r T, column func(T, string) string) bool {
	for _, c := range conds {
		if !c.Match(column(r, c.Column)) {
			return false
		}
	}
	return true
}

// ListGroups pages groups by (created_at, id).
func (s *Store) ListGroups(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Group], error) {
	return query(ctx, s, table[ontology.Group]{
		dim:  ontology.Groups,
		rows: func(t *tables) iter.Seq[ontology.Group] { return maps.Values(t.groups) },
		column: func(g ontology.Group, col string) string {
			switch col {
			case "kind":
				return g.Kind
			case "slug":
				return g.Slug
			}
			return g.ID
		},
		key:   func(g ontology.Group) ontology.SortKey { return ontology.SortKey{CreatedAt: g.CreatedAt, ID: g.ID} },
		clone: cloneGroup,
	}, q)
}

// ListPeople pages people by (created_at, id).
func (s *Store) ListPeople(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Person], error) {
	return query(ctx, s, table[ontology.Person]{
		dim:  ontology.People,
		rows: func(t *tables) iter.Seq[ontology.Person] { return maps.Values(t.people) },
		column: func(p ontology.Person, col string) string {
			switch col {
			case "email":
				return p.Email
			case "role":
				return p.Role
			case "status":
				return p.Status
			}
			return p.ID
		},
		key:   func(p ontology.Person) ontology.SortKey { return ontology.SortKey{CreatedAt: p.CreatedAt, ID: p.ID} },
		clone: clonePerson,
	}, q)
}

// ListThings pages things by (created_at, id).
func (s *Store) ListThings(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Thing], error) {
	return query(ctx, s, table[ontology.Thing]{
		dim:  ontology.Things,
		rows: func(t *tables) iter.Seq[ontology.Thing] { return maps.Values(t.things) },
		column: func(th ontology.Thing, col string) string {
			switch col {
			case "kind":
				return th.Kind
			case "owner_id":
				return th.OwnerID
			case "status":
				return th.Status
			}
			return th.ID
		},
		key:   func(th ontology.Thing) ontology.SortKey { return ontology.SortKey{CreatedAt: th.CreatedAt, ID: th.ID} },
		clone: cloneThing,
	}, q)
}

// ListConnections pages connections by (created_at, id).
func (s *Store) ListConnections(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Connection], error) {
	return query(ctx, s, table[ontology.Connection]{
		dim:  ontology.Connections,
		rows: func(t *tables) iter.Seq[ontology.Connection] { return maps.Values(t.conns) },
		column: func(c ontology.Connection, col string) string {
			switch col {
			case "from_id":
				return c.FromID
			case "to_id":
				return c.ToID
			case "relation":
				return c.Relation
			case "from_kind":
				return c.FromKind
			case "to_kind":
				return c.ToKind
			}
			return c.ID
		},
		key: func(c ontology.Connection) ontology.SortKey {
			return ontology.SortKey{CreatedAt: c.CreatedAt, ID: c.ID}
		},
		clone: cloneConnection,
	}, q)
}

// ListEvents pages audit rows by seq.
func (s *Store) ListEvents(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Event], error) {
	return query(ctx, s, table[ontology.Event]{
		dim:    ontology.Events,
		rows:   func(t *tables) iter.Seq[ontology.Event] { return slices.Values(t.events) },
		column: eventColumn,
		key:    func(e ontology.Event) ontology.SortKey { return ontology.SortKey{Seq: e.Seq} },
		clone:  cloneEvent,
	}, q)
}

// eventColumn returns an event's value for a filter column.
func eventColumn(e ontology.Event, col string) string {
	switch col {
	case "type":
		return e.Type
	case "actor":
		return e.Actor
	case "subject":
		return e.Subject
	case "group_id":
		return e.GroupID
	case "outcome":
		return e.Outcome
	case "stream":
		return e.Stream
	case "occurred_at":
		return ontology.FormatTime(e.OccurredAt)
	}
	return ""
}

// ListKnowledge pages facts by (subject_id, key).
func (s *Store) ListKnowledge(ctx context.Context, q ontology.Query) (ontology.Page[ontology.Fact], error) {
	return query(ctx, s, table[ontology.Fact]{
		dim:  ontology.Knowledge,
		rows: func(t *tables) iter.Seq[ontology.Fact] { return maps.Values(t.facts) },
		column: func(f ontology.Fact, col string) string {
			if col == "key" {
				return f.Key
			}
			return f.SubjectID
		},
		key:   func(f ontology.Fact) ontology.SortKey { return ontology.SortKey{SubjectID: f.SubjectID, Key: f.Key} },
		clone: cloneFact,
	}, q)
}
