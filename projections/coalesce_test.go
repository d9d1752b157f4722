package projections

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/google/go-cmp/cmp"
)

// TestCoalescerSemantics: reads see buffered writes, the final state of
// each row reaches the transaction on flush, bad rows fail when written.
func TestCoalescerSemantics(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	store := ontmemory.New()
	tx, err := store.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := tx.PutThing(ctx, ontology.Thing{ID: "old", Kind: "session", Status: "active", CreatedAt: at, UpdatedAt: at}); err != nil {
		t.Fatal(err)
	}
	c := &coalescer{tx: tx}

	if _, err := c.GetThing(ctx, "old"); err != nil {
		t.Fatalf("GetThing falls back to the tx: %v", err)
	}
	must(t, c.DeleteThing(ctx, "old"))
	if _, err := c.GetThing(ctx, "old"); !errors.Is(err, ontology.ErrNotFound) {
		t.Fatalf("GetThing after delete = %v, want ErrNotFound", err)
	}
	for _, status := range []string{"active", "revoked"} {
		must(t, c.PutThing(ctx, ontology.Thing{ID: "new", Kind: "session", Status: status, CreatedAt: at, UpdatedAt: at}))
	}
	if got, err := c.GetThing(ctx, "new"); err != nil || got.Status != "revoked" {
		t.Fatalf("GetThing(new) = %+v, %v; want the last buffered write", got, err)
	}
	if err := c.PutThing(ctx, ontology.Thing{Kind: "session"}); !errors.Is(err, ontology.ErrBadRow) {
		t.Fatalf("PutThing without id = %v, want ErrBadRow at once", err)
	}
	must(t, c.PutFact(ctx, ontology.Fact{SubjectID: "p", Key: "k", Value: []byte(`1`), UpdatedAt: at}))
	must(t, c.DeleteFact(ctx, "p", "k"))
	if _, err := tx.GetThing(ctx, "new"); !errors.Is(err, ontology.ErrNotFound) {
		t.Fatalf("the tx saw a buffered write before flush: %v", err)
	}

	must(t, c.flush(ctx))
	if _, err := tx.GetThing(ctx, "old"); !errors.Is(err, ontology.ErrNotFound) {
		t.Errorf("old thing survived its buffered delete: %v", err)
	}
	if got, err := tx.GetThing(ctx, "new"); err != nil || got.Status != "revoked" {
		t.Errorf("tx GetThing(new) = %+v, %v; want the final state", got, err)
	}
	if _, err := tx.GetFact(ctx, "p", "k"); !errors.Is(err, ontology.ErrNotFound) {
		t.Errorf("fact put then deleted in one batch exists: %v", err)
	}
	if len(c.things.rows)+len(c.facts.rows) != 0 {
		t.Errorf("flush left rows buffered")
	}
}

// TestCoalescerDeleteSubjectFlushesFirst: an erasure removes rows written
// earlier in the same batch.
func TestCoalescerDeleteSubjectFlushesFirst(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	tx := memTx(t)
	c := &coalescer{tx: tx}
	must(t, c.PutPerson(ctx, ontology.Person{ID: "p1", Status: "active", CreatedAt: at, UpdatedAt: at}))
	must(t, c.DeleteSubject(ctx, "p1"))
	must(t, c.flush(ctx))
	if _, err := tx.GetPerson(ctx, "p1"); !errors.Is(err, ontology.ErrNotFound) {
		t.Fatalf("person written before its erasure survived: %v", err)
	}
}

// memTx is a transaction on a fresh in-memory read store, rolled back
// when the test ends.
func memTx(t testing.TB) ontology.Tx {
	t.Helper()
	tx, err := ontmemory.New().Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tx.Rollback() })
	return tx
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// rejectThing decorates a real read store: its transactions refuse to
// store one thing id, as a database constraint would, after the row passed
// ontology.CheckRow.
type rejectThing struct {
	ontology.Store
	id string
}

var errRejected = errors.New("row rejected by the database")

func (s rejectThing) Begin(ctx context.Context) (ontology.Tx, error) {
	tx, err := s.Store.Begin(ctx)
	return rejectThingTx{Tx: tx, id: s.id}, err
}

type rejectThingTx struct {
	ontology.Tx
	id string
}

func (x rejectThingTx) PutThing(ctx context.Context, th ontology.Thing) error {
	if th.ID == x.id {
		return errRejected
	}
	return x.Tx.PutThing(ctx, th)
}

// TestFlushFailureFindsTheEvent: when the coalesced rows of a batch cannot
// be stored, the batch is replayed without coalescing so the projector
// stops exactly at the event that wrote the row.
func TestFlushFailureFindsTheEvent(t *testing.T) {
	st, codec := newLog(t)
	head := loadFiles(t, st, codec, "lifecycle")
	const session = "aliceSession00000000000000000002" // created at 0.12 by a sign-in
	read := rejectThing{Store: readStores()[0].open(t), id: session}
	r := newRunner(t, st, codec, read, All(), Options{BatchSize: 50})
	start(t, r)
	if err := waitFor(r, head); !errors.Is(err, errRejected) {
		t.Fatalf("WaitFor = %v, want the rejection", err)
	}
	got := statusOf(t, r, ThingsName)
	want := ProjectorStatus{Name: ThingsName, Checkpoint: eventstore.Position{Lo: 11}, Head: head, Lag: head.Lo - 11,
		Failed: true, Error: got.Error, FailedAt: eventstore.Position{Lo: 12}, FailedType: "session.created"}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("things status (-got +want):\n%s", diff)
	}
}
