package memory_test

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
)

func Example() {
	ctx := context.Background()
	s := memory.New()
	defer s.Close()
	pos, err := s.Append(ctx, eventstore.AppendRequest{
		Stream:   "person-1",
		Expected: eventstore.NoStream,
		Events:   []eventstore.EventData{{ID: "e1", Type: "person.signed_up", Schema: 1, Data: []byte(`{}`)}},
		Claims:   []eventstore.Claim{{Kind: "email", Key: "9f86d0", Owner: "person-1"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	owner, _ := s.LookupClaim(ctx, "email", "9f86d0")
	recs, _ := s.ReadStream(ctx, "person-1", 0)
	fmt.Println(pos, owner, recs[0].Type, recs[0].Version)
	// Output: 0.1 person-1 person.signed_up 1
}
