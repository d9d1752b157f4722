package memory_test

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/ontology"
	"github.com/authledger/authledger/ontology/memory"
)

func ExampleNew() {
	ctx := context.Background()
	s := memory.New()
	tx, _ := s.Begin(ctx)
	_ = tx.PutPerson(ctx, ontology.Person{ID: "p1", Email: "ada@example.com", Role: "admin", Status: "active"})
	_ = tx.SetCheckpoint(ctx, "people.v1", "0.1")
	if err := tx.Commit(); err != nil {
		panic(err)
	}
	page, _ := s.ListPeople(ctx, ontology.Query{Where: map[string]string{"role": "admin"}})
	cp, _ := s.Checkpoint(ctx, "people.v1")
	fmt.Println(page.Items[0].Email, cp)
	// Output: ada@example.com 0.1
}
