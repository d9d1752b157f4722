package projections_test

import (
	"context"
	"fmt"
	"time"

	"github.com/authledger/authledger/eventstore/registry"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	esmemory "github.com/authledger/authledger/eventstore/memory"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/authledger/authledger/projections"
)

// Example appends a sign-up, lets the runner project it and reads the
// person back: WaitFor gives read-your-writes.
func Example() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	log, read := esmemory.New(), ontmemory.New()
	codec := eventstore.NewCodec(registry.New(),
		eventstore.NewKeyring(log.Keys(), eventstore.DeriveKEK([]byte("example secret"))))
	runner, err := projections.NewRunner(log, codec, read, projections.All(), projections.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	done := make(chan error, 1)
	go func() { done <- runner.Run(ctx) }()

	const id = "ada00000000000000000000000000001"
	at := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	ev := person.SignedUp{PersonID: id, Email: "ada@example.com", Name: "Ada Lovelace", Role: "user", At: at}
	data, err := codec.Encode(ctx, ev, domain.Metadata{Actor: id, OccurredAt: at}, id)
	if err != nil {
		fmt.Println(err)
		return
	}
	pos, err := log.Append(ctx, eventstore.AppendRequest{Stream: domain.PersonStream(id),
		Expected: eventstore.NoStream, Events: []eventstore.EventData{data}})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := runner.WaitFor(ctx, pos); err != nil {
		fmt.Println(err)
		return
	}
	p, err := read.GetPerson(ctx, id)
	fmt.Println(p.Name, p.Email, p.Status, err)
	for _, s := range runner.Status() {
		fmt.Println(s.Name, s.Checkpoint, s.Lag, s.Failed)
	}
	cancel()
	fmt.Println(<-done)
	// Output:
	// Ada Lovelace ada@example.com active <nil>
	// groups.v1 0.1 0 false
	// people.v1 0.1 0 false
	// things.v1 0.1 0 false
	// connections.v1 0.1 0 false
	// events.v1 0.1 0 false
	// knowledge.v1 0.1 0 false
	// context canceled
}
