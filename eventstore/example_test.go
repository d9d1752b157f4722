package eventstore_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
)

// Greeted is an example event with one personal field.
type Greeted struct {
	PersonID string `json:"personId"`
	Name     string `json:"name" pii:"true"`
}

// EventType implements domain.Event.
func (Greeted) EventType() string { return "example.greeted" }

// Example registers an event type, appends a sealed event, loads the stream
// back, and shows that erasing the person's key empties the personal field.
func Example() {
	ctx := context.Background()
	store := memory.New()
	defer store.Close()

	reg := eventstore.NewRegistry()
	eventstore.Register[Greeted](reg, 1)
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte("configuration secret")))
	codec := eventstore.NewCodec(reg, keys)

	data, _ := codec.Encode(ctx, Greeted{PersonID: "p1", Name: "Ada"}, domain.Metadata{Actor: "p1"}, "person-p1")
	if _, err := store.Append(ctx, eventstore.AppendRequest{
		Stream: "person-p1", Expected: eventstore.NoStream, Events: []eventstore.EventData{data},
	}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("stored in the clear:", strings.Contains(string(data.Data), "Ada"))

	names := domain.Decider[string, struct{}]{
		Evolve: func(_ string, ev domain.Event) string { return ev.(Greeted).Name },
	}
	name, version, _ := eventstore.Load(ctx, store, codec, names, "person-p1")
	fmt.Printf("loaded %q at version %d\n", name, version)

	_ = keys.Forget(ctx, "person-p1")
	name, _, _ = eventstore.Load(ctx, store, codec, names, "person-p1")
	fmt.Printf("after erasure %q\n", name)
	// Output:
	// stored in the clear: false
	// loaded "Ada" at version 1
	// after erasure ""
}
