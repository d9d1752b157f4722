package ontology

import (
	"context"
	"errors"
)

// ErrNotFound is returned by Get* when no row has the id.
var ErrNotFound = errors.New("ontology: not found")

// ErrBadQuery is returned for an unknown filter field or a malformed cursor.
var ErrBadQuery = errors.New("ontology: bad query")

// Query filters and pages one dimension. Where keys must be in the
// dimension's Filters list; values match exactly unless the field name ends
// in "_prefix" (prefix match), "_from" (≥) or "_to" (<).
type Query struct {
	Where  map[string]string
	Cursor string // opaque, from the previous Page.Next
	Limit  int    // 1..1000; 0 means 100
}

// Page is one page of results; Next is "" on the last page.
type Page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// Filters lists the filter fields each dimension accepts.
var Filters = map[Dimension][]string{
	Groups:      {"id", "kind", "slug"},
	People:      {"id", "email", "role", "status"},
	Things:      {"id", "kind", "owner_id", "status"},
	Connections: {"from_id", "to_id", "relation", "from_kind", "to_kind"},
	Events:      {"type", "type_prefix", "actor", "subject", "group_id", "outcome", "stream", "occurred_from", "occurred_to"},
	Knowledge:   {"subject_id", "key"},
}

// Reader answers queries over the six dimensions.
type Reader interface {
	ListGroups(ctx context.Context, q Query) (Page[Group], error)
	ListPeople(ctx context.Context, q Query) (Page[Person], error)
	ListThings(ctx context.Context, q Query) (Page[Thing], error)
	ListConnections(ctx context.Context, q Query) (Page[Connection], error)
	ListEvents(ctx context.Context, q Query) (Page[Event], error)
	ListKnowledge(ctx context.Context, q Query) (Page[Fact], error)
	GetPerson(ctx context.Context, id string) (Person, error)
	GetThing(ctx context.Context, id string) (Thing, error)
	GetGroup(ctx context.Context, id string) (Group, error)
}

// Writer is what a projector may do inside one transaction. Deletes of
// missing rows are no-ops. Getters see the transaction's own writes.
type Writer interface {
	PutGroup(ctx context.Context, g Group) error
	DeleteGroup(ctx context.Context, id string) error
	PutPerson(ctx context.Context, p Person) error
	DeletePerson(ctx context.Context, id string) error
	GetPerson(ctx context.Context, id string) (Person, error)
	PutThing(ctx context.Context, t Thing) error
	DeleteThing(ctx context.Context, id string) error
	GetThing(ctx context.Context, id string) (Thing, error)
	PutConnection(ctx context.Context, c Connection) error
	DeleteConnection(ctx context.Context, id string) error
	GetConnection(ctx context.Context, id string) (Connection, error)
	AppendEvent(ctx context.Context, e Event) error // Seq assigned by the store when 0
	PutFact(ctx context.Context, f Fact) error
	DeleteFact(ctx context.Context, subjectID, key string) error
	GetFact(ctx context.Context, subjectID, key string) (Fact, error)
	// DeleteSubject removes every row about a person (erasure): people row,
	// things owned, connections from or to it, facts; events rows are kept
	// (they hold no PII) but their Actor/Subject stay as opaque ids.
	DeleteSubject(ctx context.Context, personID string) error
}

// Tx is one read-store transaction: rows and checkpoints commit together.
type Tx interface {
	Writer
	// Checkpoint returns the stored position text of a projector ("" = none).
	Checkpoint(ctx context.Context, projector string) (string, error)
	// SetCheckpoint records the projector's position in this transaction.
	SetCheckpoint(ctx context.Context, projector, position string) error
	Commit() error
	Rollback() error
}

// CheckpointsReader is a Tx that can read several projectors' checkpoints
// in one statement. A projection batch reads every projector's checkpoint
// at its start: on a networked database that is one round trip instead of
// one per projector. A Tx that does not offer it is read one checkpoint at
// a time.
type CheckpointsReader interface {
	// Checkpoints returns the stored positions, as this transaction sees
	// them, of those projectors that have one.
	Checkpoints(ctx context.Context, projectors []string) (map[string]string, error)
}

// Store is a read store: query, write in transactions, and rebuild
// blue/green through Stage.
type Store interface {
	Reader
	Begin(ctx context.Context) (Tx, error)
	// Checkpoint reads a projector's committed position ("" = none).
	Checkpoint(ctx context.Context, projector string) (string, error)
	// CheckpointNames lists the committed checkpoints whose names start
	// with prefix, in byte order of their names.
	CheckpointNames(ctx context.Context, prefix string) ([]string, error)
	// Stage opens empty shadow tables (and shadow checkpoints). Writes go
	// through the returned Staging; Promote swaps them in atomically, so
	// readers see either the old or the new tables, never a mix.
	Stage(ctx context.Context) (Staging, error)
	Close() error
}

// Staging is a shadow copy being rebuilt.
type Staging interface {
	Begin(ctx context.Context) (Tx, error)
	Checkpoint(ctx context.Context, projector string) (string, error)
	Promote(ctx context.Context) error
	Discard(ctx context.Context) error
}
