package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	api "github.com/authledger/authledger/api/httpapi"
	"github.com/authledger/authledger/domain"
)

// forgetCmd is "authledger forget [flags] <person-id>": erasure from the
// command line, the same as POST /v1/people/:id/forget. It catches the
// session index up (to revoke the person's live sessions), appends the
// erasure, waits for the projections, destroys the data key and scrubs the
// embedded read store. With the embedded SQLite store, run it while the
// server is stopped (a running server keeps the key in its cache until it
// restarts); with PostgreSQL any time.
func forgetCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, rest, err := parseConfig("forget", args, getenv, stderr)
	if err != nil {
		return err
	}
	if len(rest) != 1 || !domain.ValidID(rest[0]) {
		return fmt.Errorf("%w: authledger forget [flags] <person-id>", errUsage)
	}
	if cfg["base-url"] == "" {
		cfg["base-url"] = "http://127.0.0.1"
	}
	return withServer(ctx, cfg, stderr, func(ctx context.Context, srv *api.Server) error {
		start := time.Now()
		pos, err := srv.Forget(ctx, rest[0], domain.Metadata{Actor: "admin", RequestID: "cli-forget",
			OccurredAt: time.Now().UTC().Truncate(time.Millisecond)})
		if errors.Is(err, domain.ErrNotFound) {
			return fmt.Errorf("no person %s", rest[0])
		}
		if err != nil {
			return err
		}
		if pos.IsZero() {
			fmt.Fprintf(stdout, "person %s was already erased; data key destroyed\n", rest[0])
			return nil
		}
		fmt.Fprintf(stdout, "person %s erased at position %s in %s\n", rest[0], pos, time.Since(start).Round(time.Millisecond))
		return nil
	})
}

// withServer opens the stores, builds the API server without listening,
// runs its session index follower and the projections in the background,
// waits until both have caught up with the log and calls fn.
func withServer(ctx context.Context, cfg config, stderr io.Writer, fn func(context.Context, *api.Server) error) error {
	a, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	apiCfg, err := apiConfig(cfg, a)
	if err != nil {
		return err
	}
	apiCfg.Read = withScrub(cfg, a.read)
	srv, err := api.New(apiCfg)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{}, 2)
	defer func() { cancel(); <-done; <-done }()
	go func() { _ = srv.Run(ctx); done <- struct{}{} }()
	go func() { _ = a.runner.Run(ctx); done <- struct{}{} }()
	head, err := a.store.Head(ctx)
	if err != nil {
		return err
	}
	wait, stop := context.WithTimeout(ctx, 5*time.Minute)
	defer stop()
	if err := srv.Index().WaitFor(wait, head); err != nil {
		return fmt.Errorf("session index catch-up: %w", err)
	}
	if err := a.runner.WaitFor(wait, head); err != nil {
		return fmt.Errorf("projections catch-up: %w", err)
	}
	return fn(ctx, srv)
}
