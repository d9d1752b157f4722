package ontologytest

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/authledger/authledger/ontology"
)

// base is the fixtures' epoch. Its fraction has six digits, so adapters
// must keep at least microsecond precision, which is PostgreSQL's
// (timestamptz); time filters with finer bounds are in filterCases.
var base = time.Date(2024, 5, 1, 12, 0, 0, 123456000, time.UTC)

// at returns base plus n seconds.
func at(n int) time.Time { return base.Add(time.Duration(n) * time.Second) }

// list runs one List* call and returns each row's key: the ID, the event's
// Position, or "subject/key" for knowledge.
func list(ctx context.Context, r ontology.Reader, dim ontology.Dimension, q ontology.Query) ([]string, string, error) {
	switch dim {
	case ontology.Groups:
		p, err := r.ListGroups(ctx, q)
		return keys(p, func(g ontology.Group) string { return g.ID }), p.Next, err
	case ontology.People:
		p, err := r.ListPeople(ctx, q)
		return keys(p, func(x ontology.Person) string { return x.ID }), p.Next, err
	case ontology.Things:
		p, err := r.ListThings(ctx, q)
		return keys(p, func(x ontology.Thing) string { return x.ID }), p.Next, err
	case ontology.Connections:
		p, err := r.ListConnections(ctx, q)
		return keys(p, func(x ontology.Connection) string { return x.ID }), p.Next, err
	case ontology.Events:
		p, err := r.ListEvents(ctx, q)
		return keys(p, func(x ontology.Event) string { return x.Position }), p.Next, err
	default:
		p, err := r.ListKnowledge(ctx, q)
		return keys(p, func(x ontology.Fact) string { return x.SubjectID + "/" + x.Key }), p.Next, err
	}
}

// keys maps a page's items to their keys.
func keys[T any](p ontology.Page[T], key func(T) string) []string {
	out := make([]string, 0, len(p.Items))
	for _, it := range p.Items {
		out = append(out, key(it))
	}
	return out
}

// listAll pages through a dimension with the given page size.
func listAll(t *testing.T, r ontology.Reader, dim ontology.Dimension, where map[string]string, limit int) []string {
	t.Helper()
	var all []string
	q := ontology.Query{Where: where, Limit: limit}
	for page := 0; ; page++ {
		if page > 10000 {
			t.Fatalf("%s: pagination does not end", dim)
		}
		got, next, err := list(t.Context(), r, dim, q)
		if err != nil {
			t.Fatalf("list %s: %v", dim, err)
		}
		if limit > 0 && len(got) > limit {
			t.Fatalf("%s: page of %d rows, limit %d", dim, len(got), limit)
		}
		all = append(all, got...)
		if next == "" {
			return all
		}
		q.Cursor = next
	}
}

// equalKeys fails unless got equals want in order.
func equalKeys(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: got %q, want %q", what, got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s: got %q, want %q", what, got, want)
			return
		}
	}
}

// putRow writes one row of dim numbered i, with the given creation second.
func putRow(ctx context.Context, tx ontology.Tx, dim ontology.Dimension, i, sec int) error {
	id := "r" + strconv.Itoa(i)
	switch dim {
	case ontology.Groups:
		return tx.PutGroup(ctx, ontology.Group{ID: id, Kind: "organization", Slug: id, CreatedAt: at(sec), UpdatedAt: at(sec)})
	case ontology.People:
		return tx.PutPerson(ctx, ontology.Person{ID: id, Email: id + "@example.com", Role: "user", Status: "active", CreatedAt: at(sec), UpdatedAt: at(sec)})
	case ontology.Things:
		return tx.PutThing(ctx, ontology.Thing{ID: id, Kind: "session", OwnerID: "p", Status: "active", CreatedAt: at(sec), UpdatedAt: at(sec)})
	case ontology.Connections:
		return tx.PutConnection(ctx, ontology.Connection{ID: id, FromKind: "person", FromID: "p", Relation: "owns", ToKind: "thing", ToID: id, CreatedAt: at(sec), UpdatedAt: at(sec)})
	case ontology.Events:
		return tx.AppendEvent(ctx, ontology.Event{Position: id, OccurredAt: at(sec), Type: "person.signed_in", Stream: "person-p", Outcome: "success"})
	default:
		return tx.PutFact(ctx, ontology.Fact{SubjectID: "s" + strconv.Itoa(sec), Key: id, Value: []byte(`1`), UpdatedAt: at(sec)})
	}
}
