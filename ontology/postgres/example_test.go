package postgres_test

import (
	"context"
	"fmt"
	"os"

	"github.com/authledger/authledger/ontology"
	"github.com/authledger/authledger/ontology/postgres"
)

// A rebuild writes into the shadow schema while the live one keeps
// serving, then swaps it in. (Compiled, not run: it needs a server; the
// tests run the same steps when AUTHLEDGER_TEST_POSTGRES is set.)
func ExampleOpen() {
	ctx := context.Background()
	s, err := postgres.Open(ctx, os.Getenv("AUTHLEDGER_TEST_POSTGRES"), postgres.Options{Schema: "ontology_example"})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	defer s.Drop(ctx) //nolint:errcheck // example cleanup

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
}
