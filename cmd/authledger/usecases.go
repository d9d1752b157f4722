package main

import (
	"time"

	kernel "github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
)

// oneShot builds the application kernel over the opened stores for a
// one-shot command: it follows no session index (a command serves no
// sessions), and after an append waits (up to wait) for projections
// only when they are given and running.
func (a *app) oneShot(projections kernel.Waiter, wait time.Duration) (*kernel.App, error) {
	return kernel.New(kernel.Deps{Store: a.store, Codec: a.codec, Keys: a.keys, Read: a.read, Projections: projections,
		Secret: a.secret, WaitTimeout: wait, Logger: a.log})
}

// complianceCLI is the compliance use cases of a one-shot command that
// waits for no projections.
func (a *app) complianceCLI(deps compliance.Deps) (*compliance.Service, error) {
	k, err := a.oneShot(nil, 0)
	if err != nil {
		return nil, err
	}
	return compliance.New(k, deps), nil
}

// complianceDeps wires what the compliance use cases need of the
// adapters: the audit chain (when the event store keeps one) and the
// scrubber of the embedded read store.
func complianceDeps(s storeSettings, c chained, hasChain bool) compliance.Deps {
	deps := compliance.Deps{Scrubber: scrubberFor(s)}
	if hasChain {
		deps.Verifier, deps.Checkpoints, deps.ChainKey = c, c.cs, c.pub
	}
	return deps
}

// cliReader is the reader the CLI's reads of the trail record.
func cliReader(route string) compliance.Reader {
	return compliance.Reader{Actor: "admin-cli", Route: route}
}
