package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/authledger/authledger/ontology"
	"github.com/authledger/authledger/ontology/sqlite"
)

// A rebuild writes into shadow tables while the live ones keep serving,
// then swaps them in.
func ExampleOpen() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "ontology")
	defer os.RemoveAll(dir)
	s, err := sqlite.Open(ctx, filepath.Join(dir, "ontology.db"))
	if err != nil {
		panic(err)
	}
	defer s.Close()

	st, _ := s.Stage(ctx)
	tx, _ := st.Begin(ctx)
	_ = tx.PutGroup(ctx, ontology.Group{ID: "g1", Kind: "organization", Name: "Acme", Slug: "acme"})
	_ = tx.AppendEvent(ctx, ontology.Event{Position: "0.1", Type: "group.created", Outcome: "success"})
	_ = tx.SetCheckpoint(ctx, "groups.v1", "0.1")
	if err := tx.Commit(); err != nil {
		panic(err)
	}
	before, _ := s.ListGroups(ctx, ontology.Query{})
	if err := st.Promote(ctx); err != nil {
		panic(err)
	}
	after, _ := s.ListGroups(ctx, ontology.Query{Where: map[string]string{"slug": "acme"}})
	events, _ := s.ListEvents(ctx, ontology.Query{})
	fmt.Println(len(before.Items), after.Items[0].Name, events.Items[0].Seq)
	// Output: 0 Acme 1
}
