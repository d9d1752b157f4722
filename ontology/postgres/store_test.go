package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/ontology"
	"github.com/authledger/authledger/ontology/ontologytest"
)

func TestConformance(t *testing.T) {
	ontologytest.Run(t, func(t *testing.T) ontology.Store { return openTest(t) })
}

// beginner is what Store and Staging offer.
type beginner interface {
	Begin(ctx context.Context) (ontology.Tx, error)
}

// write runs fn in a committed transaction.
func write(t *testing.T, b beginner, fn func(ontology.Tx) error) {
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

func TestBadSchemaNames(t *testing.T) {
	for _, schema := range []string{"Ontology", "a-b", "x;drop", "1abc", "a234567890123456789012345678901234567890123456789012"} {
		if _, err := Open(t.Context(), "postgres://127.0.0.1:1/x", Options{Schema: schema}); !errors.Is(err, ErrBadSchema) {
			t.Errorf("Open(schema %q) = %v, want ErrBadSchema", schema, err)
		}
	}
}

func TestRowsSurviveReopen(t *testing.T) {
	schema := freshSchema(t)
	s := openSchema(t, schema)
	write(t, s, func(tx ontology.Tx) error {
		return errors.Join(tx.PutPerson(t.Context(), ontology.Person{ID: "p1", Email: "a@example.com"}),
			tx.SetCheckpoint(t.Context(), "people.v1", "0.1"))
	})
	if err := errors.Join(s.Close(), s.Close()); err != nil {
		t.Fatalf("Close twice: %v", err)
	}
	s = openSchema(t, schema)
	if _, err := s.GetPerson(t.Context(), "p1"); err != nil {
		t.Errorf("GetPerson after reopen: %v", err)
	}
	if cp, err := s.Checkpoint(t.Context(), "people.v1"); err != nil || cp != "0.1" {
		t.Errorf("Checkpoint after reopen = %q, %v; want 0.1", cp, err)
	}
}

// TestTimesAreMicrosecondsInUTC: nanoseconds are truncated on write, times
// come back in UTC whatever the zone they were written in.
func TestTimesAreMicrosecondsInUTC(t *testing.T) {
	s := openTest(t)
	at := time.Date(2024, 5, 1, 14, 0, 0, 123456789, time.FixedZone("CEST", 2*3600))
	write(t, s, func(tx ontology.Tx) error {
		return tx.PutThing(t.Context(), ontology.Thing{ID: "t1", CreatedAt: at, UpdatedAt: at, ExpiresAt: &at})
	})
	got, err := s.GetThing(t.Context(), "t1")
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2024, 5, 1, 12, 0, 0, 123456000, time.UTC)
	for _, tm := range []time.Time{got.CreatedAt, got.UpdatedAt, *got.ExpiresAt} {
		if tm != want { // == also compares the location
			t.Errorf("time = %v, want %v", tm, want)
		}
	}
}

// TestUnstorableText: PostgreSQL text holds no NUL byte or invalid UTF-8
// and jsonb no \u0000: keys with them fail with ErrBadRow before reaching
// the server (the transaction stays usable), other values are stored with
// U+FFFD in their place, and filter values with them match nothing.
func TestUnstorableText(t *testing.T) {
	s := openTest(t)
	ctx := t.Context()
	write(t, s, func(tx ontology.Tx) error {
		bad := map[string]error{
			"NUL in id":         tx.PutPerson(ctx, ontology.Person{ID: "a\x00b"}),
			"invalid UTF-8 key": tx.PutFact(ctx, ontology.Fact{SubjectID: "s", Key: "\xff"}),
			"NUL in checkpoint": tx.SetCheckpoint(ctx, "p\x00", "1"),
			"huge JSON number":  tx.PutThing(ctx, ontology.Thing{ID: "t", Data: json.RawMessage(`{"n":1e200000}`)}),
		}
		for what, err := range bad {
			if !errors.Is(err, ontology.ErrBadRow) {
				t.Errorf("%s: err = %v, want ErrBadRow", what, err)
			}
		}
		if _, err := tx.GetPerson(ctx, "a\x00b"); !errors.Is(err, ontology.ErrNotFound) {
			t.Errorf("GetPerson of a NUL id = %v, want ErrNotFound", err)
		}
		return errors.Join(tx.DeletePerson(ctx, "\xff"), tx.DeleteSubject(ctx, "\x00"),
			tx.PutPerson(ctx, ontology.Person{ID: "p", Name: "a\x00b\xff", Fields: json.RawMessage(`{"bio":"x\u0000\ud800"}`)}),
			tx.AppendEvent(ctx, ontology.Event{Type: "x", Actor: "\x00"}),
			tx.PutFact(ctx, ontology.Fact{SubjectID: "s", Key: "k", Value: json.RawMessage("\"\xff\\\\u0000\"")}))
	})
	p, err := s.GetPerson(ctx, "p")
	if err != nil || p.Name != "a\uFFFDb\uFFFD" || string(p.Fields) != "{\"bio\": \"x\uFFFD\uFFFD\"}" {
		t.Errorf("person with unstorable text = %+v, %v", p, err)
	}
	facts, err := s.ListKnowledge(ctx, ontology.Query{})
	if err != nil || len(facts.Items) != 1 || string(facts.Items[0].Value) != "\"\uFFFD\\\\u0000\"" {
		t.Errorf("facts = %+v, %v", facts.Items, err)
	}
	for _, where := range []map[string]string{{"email": "\xff"}, {"id": "\x00"}} {
		page, err := s.ListPeople(ctx, ontology.Query{Where: where})
		if err != nil || len(page.Items) != 0 {
			t.Errorf("ListPeople(%q) = %v, %v; want an empty page", where, page.Items, err)
		}
	}
}

// TestWritersTakeTurns: transactions of two stores on one schema (two
// nodes) run one after the other, so events are numbered densely.
func TestWritersTakeTurns(t *testing.T) {
	schema := freshSchema(t)
	stores := []*Store{openSchema(t, schema), openSchema(t, schema)}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			tx, err := stores[i%2].Begin(t.Context())
			if err != nil {
				errs <- err
				return
			}
			for j := range 50 {
				if err := tx.AppendEvent(t.Context(), ontology.Event{Position: fmt.Sprintf("%d.%d", i, j), Type: "x", Outcome: "success"}); err != nil {
					errs <- errors.Join(err, tx.Rollback())
					return
				}
			}
			errs <- tx.Commit()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	page, err := stores[0].ListEvents(t.Context(), ontology.Query{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range page.Items {
		if e.Seq != int64(i+1) {
			t.Fatalf("event %d has seq %d; want dense numbering", i, e.Seq)
		}
	}
	if len(page.Items) != 400 {
		t.Errorf("%d events, want 400", len(page.Items))
	}
}

// TestManyEventsInOneTx crosses the COPY threshold and the queue bound and
// mixes explicit sequence numbers in.
func TestManyEventsInOneTx(t *testing.T) {
	s := openTest(t)
	n := maxQueued + copyMin + 3
	write(t, s, func(tx ontology.Tx) error {
		for i := range n {
			e := ontology.Event{Position: fmt.Sprint(i), Type: "x", Outcome: "success"}
			if i == 10 {
				e.Seq = 5 // replaces the sixth
			}
			if err := tx.AppendEvent(t.Context(), e); err != nil {
				return err
			}
		}
		return nil
	})
	var all []ontology.Event
	for q := (ontology.Query{Limit: 1000}); ; {
		page, err := s.ListEvents(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, page.Items...)
		if q.Cursor = page.Next; q.Cursor == "" {
			break
		}
	}
	if len(all) != n-1 || all[4].Position != "10" || all[len(all)-1].Seq != int64(n-1) {
		t.Errorf("%d events, fifth %+v, last seq %d; want %d, position 10, seq %d", len(all), all[4], all[len(all)-1].Seq, n-1, n-1)
	}
}
