package chain_test

import (
	"context"
	"crypto/ed25519"
	"fmt"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/authledger/authledger/eventstore/memory"
)

// Example extends the chain over a log, signs a checkpoint and verifies.
// In the server the Chainer runs in the background: go chainer.Run(ctx).
func Example() {
	ctx := context.Background()
	es, cs := memory.New(), chain.NewMemStore()
	pub, key, _ := ed25519.GenerateKey(nil)
	for _, id := range []string{"0190b6d2-0000-7000-8000-00000000000a", "0190b6d2-0000-7000-8000-00000000000b"} {
		_, _ = es.Append(ctx, eventstore.AppendRequest{Stream: "person-1", Expected: eventstore.Any,
			Events: []eventstore.EventData{{ID: id, Type: "person.signed_in", Schema: 1, Data: []byte(`{}`)}}})
	}
	chainer, _ := chain.NewChainer(es, cs, key, chain.Options{})
	head, _ := chainer.CatchUp(ctx)
	cp, _ := chainer.Checkpoint(ctx)
	rep, _ := chain.Verify(ctx, es, cs, pub, eventstore.Position{}, eventstore.Position{})
	fmt.Println("links:", head.Seq, "checkpoint at:", cp.Position, "valid:", cp.Valid(pub))
	fmt.Println("ok:", rep.OK, "records:", rep.Records, "checkpoints:", rep.Checkpoints)
	// Output:
	// links: 2 checkpoint at: 0.2 valid: true
	// ok: true records: 2 checkpoints: 1
}
