package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	kernel "github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// forgetWait bounds how long forget waits for the projections to apply
// the erasure (they may first catch up with the whole log) before it
// destroys the key and scrubs the read store.
const forgetWait = 5 * time.Minute

// forgetCmd is "authledger forget [flags] <person-id>": erasure from the
// command line, the same use case as POST /v1/people/:id/forget. It runs
// the projections in the background, appends the erasure (revoking the
// person's sessions, found in the log), waits for the projections to drop
// the person's rows, destroys the data key and scrubs the embedded read
// store. With the embedded SQLite store, run it while the server is
// stopped (a running server keeps the key in its cache until it
// restarts); with PostgreSQL any time.
func forgetCmd(ctx context.Context, in *invocation) error {
	s, err := in.store()
	if err != nil {
		return err
	}
	rest, stdout, stderr := in.operands, in.stdout, in.stderr
	if addr, ok := in.own["email"]; ok {
		return forgetEmailCmd(ctx, s, addr, rest, stdout, stderr) // forget_email.go
	}
	if len(rest) != 1 || !domain.ValidID(rest[0]) {
		return fmt.Errorf("%w: authledger forget [flags] <person-id> | forget [flags] --email ADDRESS", errUsage)
	}
	a, err := openExistingApp(ctx, s, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	defer func() { cancel(); <-done }()
	go func() { _ = a.runner.Run(ctx); close(done) }()
	k, err := a.oneShot(a.runner, forgetWait)
	if err != nil {
		return err
	}
	start, stop := time.Now(), watchCatchUp(ctx, a, stderr)
	res, err := compliance.New(k, compliance.Deps{Scrubber: scrubberFor(s)}).Forget(ctx, compliance.ForgetInput{
		Caller: kernel.Caller{RequestID: "cli-forget"}, Actor: "admin", PersonID: rest[0]})
	stop(err == nil)
	return reportForget(stdout, rest[0], res, err, time.Since(start))
}

// watchCatchUp draws, on a terminal, the projections catching up with the
// log (what forget waits for before it destroys the key) until stop is
// called: the least checkpoint of the projectors against the head.
func watchCatchUp(ctx context.Context, a *app, w io.Writer) (stop func(ok bool)) {
	head, err := a.store.Head(ctx)
	if err != nil || !isTerminal(w) {
		return func(bool) {}
	}
	bar, done, exited := newProgress(w, between(eventstore.Position{}, head), "projections"), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			least := head
			for _, st := range a.runner.Status() {
				if st.Checkpoint.Less(least) {
					least = st.Checkpoint
				}
			}
			bar.Set(between(eventstore.Position{}, least))
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func(ok bool) {
		close(done)
		<-exited
		bar.Done(ok)
	}
}

// reportForget prints what forget did.
func reportForget(stdout io.Writer, id string, res compliance.ForgetResult, err error, took time.Duration) error {
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return fmt.Errorf("no person %s", id)
	case err != nil:
		return err
	case res.AlreadyErased:
		fmt.Fprintf(stdout, "person %s was already erased; data key destroyed\n", id)
	default:
		fmt.Fprintf(stdout, "person %s erased at position %s in %s\n", id, res.Position, took.Round(time.Millisecond))
	}
	return nil
}
