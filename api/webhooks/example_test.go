package webhooks_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/webhooks"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

// printer is a Sender that prints what it is given and stops the example
// after the first message.
type printer struct{ done chan struct{} }

// Send implements webhooks.Sender.
func (p printer) Send(_ context.Context, t webhooks.Target, _ string, body []byte) (int, error) {
	fmt.Println("to", t.URL)
	fmt.Println(strings.Contains(string(body), `"type":"webhook.endpoint_updated"`))
	close(p.done)
	return 204, nil
}

// An endpoint subscribed to the webhook.* events gets its own update:
// the deliverer posts what is appended after the endpoint's creation.
func Example() {
	env := apptest.Start()
	defer env.Close()
	ctx, cancel := context.WithCancel(context.Background())
	svc := webhooks.New(env.App, webhooks.Config{})
	ep, _ := svc.Create(ctx, webhooks.CreateInput{Caller: app.Caller{}, Actor: "admin",
		URL: "https://hooks.example.com/in", Events: []string{"webhook."}})
	fmt.Println(strings.HasPrefix(ep.Secret, "whsec_"))
	p := printer{done: make(chan struct{})}
	d := &webhooks.Deliverer{Service: svc, Read: ontmemory.New(), Sender: p}
	stopped := make(chan struct{})
	go func() { defer close(stopped); _ = d.Run(ctx) }()
	pii := true
	_, _ = svc.Update(ctx, webhooks.UpdateInput{Caller: app.Caller{}, Actor: "admin", ID: ep.ID, IncludePII: &pii})
	<-p.done
	cancel()
	<-stopped
	// Output:
	// true
	// to https://hooks.example.com/in
	// true
}
