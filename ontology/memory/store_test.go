package memory_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/authledger/authledger/ontology"
	"github.com/authledger/authledger/ontology/memory"
	"github.com/authledger/authledger/ontology/ontologytest"
)

func TestConformance(t *testing.T) {
	ontologytest.Run(t, func(t *testing.T) ontology.Store { return memory.New() })
}

func TestTxDone(t *testing.T) {
	s := memory.New()
	tx, err := s.Begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"Commit":    tx.Commit(),
		"Rollback":  tx.Rollback(),
		"PutPerson": tx.PutPerson(t.Context(), ontology.Person{ID: "p"}),
	} {
		if !errors.Is(err, memory.ErrTxDone) {
			t.Errorf("%s after Commit: err = %v, want ErrTxDone", name, err)
		}
	}
}

func TestReturnedRowsAreCopies(t *testing.T) {
	s := memory.New()
	ctx := t.Context()
	tx, _ := s.Begin(ctx)
	data := json.RawMessage(`{"a":1}`)
	if err := errors.Join(tx.PutGroup(ctx, ontology.Group{ID: "g", Data: data}), tx.Commit()); err != nil {
		t.Fatal(err)
	}
	data[2] = 'X' // the caller reuses its buffer
	g, err := s.GetGroup(ctx, "g")
	if err != nil {
		t.Fatal(err)
	}
	g.Data[2] = 'Y' // and scribbles on a result
	again, _ := s.GetGroup(ctx, "g")
	if string(again.Data) != `{"a":1}` {
		t.Errorf("stored data = %s, want {\"a\":1}", again.Data)
	}
}

// TestConcurrentUse runs writers, readers and a rebuild together; run with
// -race.
func TestConcurrentUse(t *testing.T) {
	s := memory.New()
	ctx := t.Context()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 50 {
				tx, err := s.Begin(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				id := fmt.Sprintf("p%d-%d", w, i)
				err = errors.Join(tx.PutPerson(ctx, ontology.Person{ID: id}), tx.AppendEvent(ctx, ontology.Event{Type: "x"}),
					tx.DeleteSubject(ctx, "nobody"), tx.Commit())
				if err != nil {
					t.Error(err)
				}
				if _, err := s.ListPeople(ctx, ontology.Query{}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Go(func() {
		st, err := s.Stage(ctx)
		if err != nil {
			t.Error(err)
			return
		}
		tx, _ := st.Begin(ctx)
		if err := errors.Join(tx.PutPerson(ctx, ontology.Person{ID: "staged"}), tx.Commit(), st.Promote(ctx)); err != nil {
			t.Error(err)
		}
	})
	wg.Wait()
	if _, err := s.GetPerson(ctx, "staged"); err != nil {
		t.Errorf("staged person: %v", err)
	}
	page, err := s.ListEvents(ctx, ontology.Query{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range page.Items {
		if e.Seq != int64(i+1) {
			t.Fatalf("event %d has seq %d: seqs are not dense", i, e.Seq)
		}
	}
}
