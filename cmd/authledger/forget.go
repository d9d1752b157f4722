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
func forgetCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	mine, args, err := splitFlags(args, map[string]bool{"email": true})
	if err != nil {
		return err
	}
	cfg, rest, err := parseConfig("forget", args, getenv, stderr)
	if err != nil {
		return err
	}
	s, err := parseStoreSettings(cfg)
	if err != nil {
		return err
	}
	if addr, ok := mine["email"]; ok {
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
	start := time.Now()
	res, err := compliance.New(k, compliance.Deps{Scrubber: scrubberFor(s)}).Forget(ctx, compliance.ForgetInput{
		Caller: kernel.Caller{RequestID: "cli-forget"}, Actor: "admin", PersonID: rest[0]})
	return reportForget(stdout, rest[0], res, err, time.Since(start))
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
