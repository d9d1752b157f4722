package outbox_test

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/authledger/authledger/api/outbox"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
)

// printer handles "t.mail" records by printing their ids, and stops the
// example after the first.
type printer struct{ done chan struct{} }

func (p printer) Wants(rec eventstore.Record) bool { return rec.Type == "t.mail" }

func (p printer) Handle(_ context.Context, rec eventstore.Record) error {
	fmt.Println("handled", rec.ID)
	close(p.done)
	return nil
}

// A subscriber records the head as its checkpoint, then handles what is
// appended after, moving its checkpoint past each record it handled.
func Example() {
	ctx, cancel := context.WithCancel(context.Background())
	st, cps, p := memory.New(), &outbox.Memory{}, printer{done: make(chan struct{})}
	sub := &outbox.Subscriber{Name: "example.v1", Store: st, Checkpoints: cps, Handler: p}
	_ = sub.Init(ctx)
	stopped := make(chan struct{})
	go func() { defer close(stopped); _ = sub.Run(ctx) }()
	pos, _ := st.Append(ctx, eventstore.AppendRequest{Stream: "s-1", Expected: eventstore.NoStream,
		Events: []eventstore.EventData{{ID: "ev-1", Type: "t.mail", Schema: 1, Data: json.RawMessage(`{}`), OccurredAt: time.Now()}}})
	<-p.done
	cancel()
	<-stopped
	cp, _ := cps.Checkpoint(context.Background(), "example.v1")
	fmt.Println("checkpoint at the record:", cp == pos.String())
	// Output:
	// handled ev-1
	// checkpoint at the record: true
}
