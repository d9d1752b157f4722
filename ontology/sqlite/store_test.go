package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/ontology"
	"github.com/authledger/authledger/ontology/ontologytest"
	"github.com/authledger/authledger/ontology/sqlite"
)

// open returns a store on a fresh file in t.TempDir().
func open(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "ontology.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	ontologytest.Run(t, func(t *testing.T) ontology.Store { return open(t) })
}

func TestOpenRejectsSpecialPaths(t *testing.T) {
	for _, p := range []string{"", ":memory:", "file:x.db", filepath.Join(t.TempDir(), "a?mode=ro")} {
		if s, err := sqlite.Open(t.Context(), p); err == nil {
			_ = s.Close()
			t.Errorf("Open(%q) succeeded", p)
		}
	}
}

func TestRowsSurviveReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ontology.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	write(t, s, func(tx ontology.Tx) error {
		return errors.Join(tx.PutPerson(t.Context(), ontology.Person{ID: "p1", Email: "a@example.com"}),
			tx.SetCheckpoint(t.Context(), "people.v1", "0.1"))
	})
	if err := errors.Join(s.Close(), s.Close()); err != nil {
		t.Fatalf("Close twice: %v", err)
	}
	s, err = sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.GetPerson(t.Context(), "p1"); err != nil {
		t.Errorf("GetPerson after reopen: %v", err)
	}
	if cp, err := s.Checkpoint(t.Context(), "people.v1"); err != nil || cp != "0.1" {
		t.Errorf("Checkpoint after reopen = %q, %v; want 0.1", cp, err)
	}
}

func TestStageAfterCrashDropsLeftovers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ontology.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stage(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	write(t, st, func(tx ontology.Tx) error { return tx.PutPerson(t.Context(), ontology.Person{ID: "left"}) })
	if err := s.Close(); err != nil { // the process dies mid-rebuild
		t.Fatal(err)
	}
	s, err = sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err = s.Stage(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	write(t, st, func(tx ontology.Tx) error {
		if _, err := tx.GetPerson(t.Context(), "left"); !errors.Is(err, ontology.ErrNotFound) {
			t.Errorf("leftover staged row: err = %v, want ErrNotFound", err)
		}
		return nil
	})
	if err := st.Discard(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// TestReadersSeeOneGeneration reads while a rebuild is promoted: every page
// holds rows of the old generation or of the new one, never both, and no
// read fails.
func TestReadersSeeOneGeneration(t *testing.T) {
	s := open(t)
	defer s.Close()
	ctx := t.Context()
	putPeople := func(b interface {
		Begin(context.Context) (ontology.Tx, error)
	}, prefix string) {
		write(t, b, func(tx ontology.Tx) error {
			for i := range 200 {
				if err := tx.PutPerson(ctx, ontology.Person{ID: fmt.Sprintf("%s%03d", prefix, i)}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	putPeople(s, "old")
	st, err := s.Stage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	putPeople(st, "new")

	var wg, started sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 3)
	for range 3 {
		started.Add(1)
		wg.Go(func() {
			for reads := 0; ; reads++ {
				if reads == 1 {
					started.Done()
				}
				select {
				case <-stop:
					return
				default:
				}
				page, err := s.ListPeople(ctx, ontology.Query{Limit: 1000})
				if n := len(page.Items); err == nil && (n != 200 || page.Items[0].ID[:3] != page.Items[n-1].ID[:3]) {
					err = fmt.Errorf("page of %d rows from %s to %s", n, page.Items[0].ID, page.Items[n-1].ID)
				}
				if err != nil {
					errs <- err
					if reads == 0 {
						started.Done()
					}
					return
				}
			}
		})
	}
	started.Wait() // every reader is looping
	if err := st.Promote(ctx); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if _, err := s.GetPerson(ctx, "new000"); err != nil {
		t.Errorf("after promote: %v", err)
	}
}

// write runs fn in a committed transaction.
func write(t *testing.T, b interface {
	Begin(context.Context) (ontology.Tx, error)
}, fn func(ontology.Tx) error) {
	t.Helper()
	tx, err := b.Begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestQueuedRowsKeepOrder: rows written in one transaction (more than one
// multi-row statement's worth, interleaved across tables, with reads and a
// delete in between) are numbered and stored as if written one by one.
func TestQueuedRowsKeepOrder(t *testing.T) {
	s := open(t)
	defer s.Close()
	ctx := t.Context()
	const n = 150
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	write(t, s, func(tx ontology.Tx) error {
		for i := range n {
			id := fmt.Sprintf("p%03d", i)
			err := errors.Join(
				tx.AppendEvent(ctx, ontology.Event{Position: fmt.Sprintf("0.%d", i+1), Type: "person.signed_up", OccurredAt: at}),
				tx.PutPerson(ctx, ontology.Person{ID: id, Name: "first", CreatedAt: at, UpdatedAt: at}),
				tx.PutPerson(ctx, ontology.Person{ID: id, Name: "second", CreatedAt: at, UpdatedAt: at}))
			if err != nil {
				return err
			}
			if i%50 == 49 { // a read sees the queued rows
				p, err := tx.GetPerson(ctx, id)
				if err != nil || p.Name != "second" {
					t.Errorf("GetPerson(%s) in the transaction = %q, %v; want second", id, p.Name, err)
				}
			}
		}
		return tx.DeletePerson(ctx, "p000")
	})
	page, err := s.ListEvents(ctx, ontology.Query{Limit: 1000})
	if err != nil || len(page.Items) != n {
		t.Fatalf("ListEvents: %d rows, %v; want %d", len(page.Items), err, n)
	}
	for _, e := range page.Items {
		if want := fmt.Sprintf("0.%d", e.Seq); e.Position != want {
			t.Errorf("seq %d holds position %s, want %s", e.Seq, e.Position, want)
		}
	}
	people, err := s.ListPeople(ctx, ontology.Query{Limit: 1000})
	if err != nil || len(people.Items) != n-1 {
		t.Fatalf("ListPeople: %d rows, %v; want %d", len(people.Items), err, n-1)
	}
	for _, p := range people.Items {
		if p.Name != "second" || p.ID == "p000" {
			t.Errorf("person %s named %q: want the last write, p000 deleted", p.ID, p.Name)
		}
	}
}
