package postgres

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/authledger/authledger/ontology"
)

// putPeople puts n people p-0 … p-(n−1) named name, then one event per
// person, through tx.
func putPeople(t *testing.T, tx ontology.Tx, n int, name string) {
	t.Helper()
	for i := range n {
		if err := tx.PutPerson(t.Context(), ontology.Person{ID: fmt.Sprint("p-", i), Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		if err := tx.AppendEvent(t.Context(), ontology.Event{Position: fmt.Sprint(i), Type: "x", Outcome: "success"}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestStagingWritesInTheBackground: a staging transaction large enough to
// send before its commit hands its writes to a flusher, reads inside it see
// every earlier write in order, and the commit has them all; a live
// transaction of the same size sends them itself.
func TestStagingWritesInTheBackground(t *testing.T) {
	s, st := stageTest(t)
	ctx := t.Context()
	n := 2*maxQueued + 7
	write(t, st, func(otx ontology.Tx) error {
		x := otx.(*tx)
		putPeople(t, x, n, "first")
		if x.fl == nil {
			t.Fatal("a staging transaction past maxQueued sent without a flusher")
		}
		putPeople(t, x, n, "second") // later upserts of the same rows win
		x.forget()                   // read the database, not the transaction's cache
		p, err := x.GetPerson(ctx, "p-3")
		if err != nil {
			return err
		}
		if p.Name != "second" {
			t.Errorf("read inside the transaction: name %q, want %q", p.Name, "second")
		}
		return nil
	})
	if err := st.Promote(ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"p-0", fmt.Sprint("p-", n-1)} {
		p, err := s.GetPerson(ctx, id)
		if err != nil || p.Name != "second" {
			t.Errorf("after promote %s = %+v, %v; want name second", id, p, err)
		}
	}
	if got := countEvents(t, s); got != 2*n {
		t.Errorf("%d events after promote, want %d", got, 2*n)
	}

	live, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	putPeople(t, live, n, "live")
	if live.(*tx).fl != nil {
		t.Error("a live transaction started a flusher")
	}
	if err := live.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestStagingFlushFailureFailsCommit: a statement that fails while the
// flusher writes it fails every later call and the commit, and nothing of
// the transaction is kept.
func TestStagingFlushFailureFailsCommit(t *testing.T) {
	_, st := stageTest(t)
	ctx := t.Context()
	otx, err := st.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	x := otx.(*tx)
	putPeople(t, x, maxQueued+1, "lost")
	x.batch.Queue("SELECT 1/0") // fails on the server, after the rows above
	if err := x.send(ctx); err != nil {
		t.Fatalf("send hands over and returns at once, got %v", err)
	}
	if err := x.settle(ctx); err == nil || !strings.Contains(err.Error(), "postgres: write") {
		t.Fatalf("settle = %v, want the write's failure", err)
	}
	if err := x.PutPerson(ctx, ontology.Person{ID: "after"}); err == nil {
		t.Error("a write after the failure was accepted")
	}
	if err := x.Commit(); err == nil {
		t.Fatal("Commit after a failed background write succeeded")
	}
	write(t, st, func(otx ontology.Tx) error {
		_, err := otx.GetPerson(ctx, "p-0")
		if !errors.Is(err, ontology.ErrNotFound) {
			t.Errorf("a row of the failed transaction: err = %v, want ErrNotFound", err)
		}
		return nil
	})
	if err := st.Discard(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestStagingRollbackWithWritesInFlight: a rollback waits for the writes
// being sent, discards them, and leaves the connection usable.
func TestStagingRollbackWithWritesInFlight(t *testing.T) {
	s, st := stageTest(t)
	ctx := t.Context()
	for range 3 { // the pool hands the same connections out again
		otx, err := st.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		putPeople(t, otx, 3*maxQueued, "rolled back")
		if err := otx.Rollback(); err != nil {
			t.Fatal(err)
		}
	}
	write(t, st, func(otx ontology.Tx) error {
		if _, err := otx.GetPerson(ctx, "p-1"); !errors.Is(err, ontology.ErrNotFound) {
			t.Errorf("a rolled-back row: err = %v, want ErrNotFound", err)
		}
		return otx.PutPerson(ctx, ontology.Person{ID: "kept"})
	})
	if err := st.Promote(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetPerson(ctx, "kept"); err != nil {
		t.Errorf("row written after the rollbacks: %v", err)
	}
}

// stageTest opens a fresh store and stages a rebuild of it.
func stageTest(t *testing.T) (*Store, ontology.Staging) {
	t.Helper()
	s := openTest(t)
	st, err := s.Stage(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}

// countEvents counts the live events rows.
func countEvents(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.pool.QueryRow(t.Context(), "SELECT count(*) FROM "+quote(s.schema, "events")).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
