package postgres_test

import (
	"context"
	"fmt"
	"os"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/postgres"
)

// Example appends one event and reads the log back. It needs a database,
// so it is compiled but not run by go test; with AUTHLEDGER_TEST_POSTGRES
// set it prints "1 person-1 1 {"personId":"1"}" and the horizon.
func Example() {
	ctx := context.Background()
	s, err := postgres.Open(ctx, os.Getenv("AUTHLEDGER_TEST_POSTGRES"), postgres.Options{Schema: "example_eventstore"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	_, err = s.Append(ctx, eventstore.AppendRequest{
		Stream:   "person-1",
		Expected: eventstore.Any,
		Events:   []eventstore.EventData{{ID: "e1", Type: "person.signed_up", Schema: 1, Data: []byte(`{"personId":"1"}`)}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	recs, err := s.ReadAll(ctx, eventstore.Position{}, 10)
	if err != nil || len(recs) == 0 {
		fmt.Println(len(recs), err)
		return
	}
	fmt.Println(len(recs), recs[0].Stream, recs[0].Version, string(recs[0].Data))
	h, err := s.Horizon(ctx)
	fmt.Println("head", h.Head, "pending", h.Pending, err)
}
