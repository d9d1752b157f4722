package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/sqlite"
)

func Example() {
	dir, _ := os.MkdirTemp("", "authledger-example")
	defer os.RemoveAll(dir)
	ctx := context.Background()

	s, err := sqlite.Open(ctx, filepath.Join(dir, "events.db"), sqlite.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	pos, err := s.Append(ctx, eventstore.AppendRequest{
		Stream:   "person-1",
		Expected: eventstore.NoStream,
		Events:   []eventstore.EventData{{ID: "e1", Type: "person.signed_up", Schema: 1, Data: []byte(`{"personId":"1"}`)}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	recs, _ := s.ReadAll(ctx, eventstore.Position{}, 10)
	fmt.Println(pos, len(recs), recs[0].Stream, recs[0].Version, string(recs[0].Data))
	// Output: 0.1 1 person-1 1 {"personId":"1"}
}
