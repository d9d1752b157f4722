package projections

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/authledger/authledger/ontology"
)

// TestCoalescerCarry: in a rebuild, a batch's rows join the carried ones
// only when its after function runs (once committed), reads fall through
// to the carried rows, and an erasure removes carried rows about the
// person but not a row the batch gave to someone else.
func TestCoalescerCarry(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	tx := memTx(t)
	must(t, tx.PutThing(ctx, ontology.Thing{ID: "stored", Kind: "session", OwnerID: "p1", CreatedAt: at, UpdatedAt: at}))
	under := &tables{}

	c := &coalescer{tx: tx, under: under}
	must(t, c.PutPerson(ctx, ontology.Person{ID: "p1", Status: "active", CreatedAt: at, UpdatedAt: at}))
	must(t, c.PutThing(ctx, ontology.Thing{ID: "s1", Kind: "session", OwnerID: "p1", CreatedAt: at, UpdatedAt: at}))
	must(t, c.PutThing(ctx, ontology.Thing{ID: "s2", Kind: "session", OwnerID: "p1", CreatedAt: at, UpdatedAt: at}))
	must(t, c.PutFact(ctx, ontology.Fact{SubjectID: "p1", Key: "k", Value: []byte(`1`), UpdatedAt: at}))
	after, err := c.finish(ctx, false)
	must(t, err)
	if _, err := tx.GetPerson(ctx, "p1"); !errors.Is(err, ontology.ErrNotFound) || under.size() != 0 {
		t.Fatalf("before commit: tx read %v, %d rows carried; want nothing written or carried yet", err, under.size())
	}
	after()
	if under.size() != 4 {
		t.Fatalf("%d rows carried after commit, want 4", under.size())
	}

	c = &coalescer{tx: tx, under: under}
	if p, err := c.GetPerson(ctx, "p1"); err != nil || p.Status != "active" {
		t.Fatalf("GetPerson from the carried rows = %+v, %v", p, err)
	}
	must(t, c.PutThing(ctx, ontology.Thing{ID: "s2", Kind: "session", OwnerID: "p2", CreatedAt: at, UpdatedAt: at}))
	must(t, c.DeleteSubject(ctx, "p1"))
	for what, err := range map[string]error{
		"person": errOf(c.GetPerson(ctx, "p1")), "owned thing": errOf(c.GetThing(ctx, "s1")),
		"fact": errOf(c.GetFact(ctx, "p1", "k")), "stored thing": errOf(tx.GetThing(ctx, "stored")),
	} {
		if !errors.Is(err, ontology.ErrNotFound) {
			t.Errorf("%s after the erasure: %v, want ErrNotFound", what, err)
		}
	}
	if _, err := c.GetThing(ctx, "s2"); err != nil {
		t.Errorf("thing moved to p2 in the batch: %v, want kept", err)
	}
	after, err = c.finish(ctx, false)
	must(t, err)
	after()
	must(t, under.write(ctx, tx))
	for id, want := range map[string]error{"s1": ontology.ErrNotFound, "s2": nil} {
		if _, err := tx.GetThing(ctx, id); !errors.Is(err, want) {
			t.Errorf("written thing %s: %v, want %v", id, err, want)
		}
	}
	if _, err := tx.GetPerson(ctx, "p1"); !errors.Is(err, ontology.ErrNotFound) {
		t.Errorf("erased person written: %v", err)
	}
}

// TestCoalescerCarrySpills: past carryRows, the batch writes the carried
// rows and its own, and the carried rows empty once committed.
func TestCoalescerCarrySpills(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	tx := memTx(t)
	under := &tables{}
	for i := range carryRows - 1 {
		under.facts.set(factKey{fmt.Sprint(i), "k"}, slot[ontology.Fact]{row: ontology.Fact{SubjectID: fmt.Sprint(i), Key: "k", UpdatedAt: at}})
	}
	c := &coalescer{tx: tx, under: under}
	must(t, c.PutFact(ctx, ontology.Fact{SubjectID: "last", Key: "k", UpdatedAt: at}))
	after, err := c.finish(ctx, false)
	must(t, err)
	for _, subject := range []string{"0", "last"} {
		if _, err := tx.GetFact(ctx, subject, "k"); err != nil {
			t.Errorf("fact of %s not written at the spill: %v", subject, err)
		}
	}
	after()
	if under.size() != 0 {
		t.Errorf("%d rows still carried after the spill committed", under.size())
	}
}

// errOf keeps a getter's error.
func errOf[T any](_ T, err error) error { return err }
