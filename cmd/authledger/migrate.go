package main

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// migrate opens the configured stores, which applies every pending
// forward-only migration (concurrent nodes are serialized by a lock), and
// exits. serve does the same on start; this lets operators migrate first.
// It needs no secret: it reads and writes no event.
func migrate(ctx context.Context, in *invocation) error {
	s, err := in.store()
	if err != nil {
		return err
	}
	if err := in.noOperands(); err != nil {
		return err
	}
	if s.embedded() {
		if err := os.MkdirAll(s.DataDir, 0o700); err != nil {
			return err
		}
	}
	store, _, err := openEventStore(ctx, s)
	if err != nil {
		return fmt.Errorf("migrate event store: %w", err)
	}
	read, _, err := openReadStore(ctx, s)
	if err != nil {
		store.Close()
		return fmt.Errorf("migrate ontology store: %w", err)
	}
	if err := errors.Join(read.Close(), store.Close()); err != nil {
		return err
	}
	fmt.Fprintln(in.stdout, "migrations applied")
	return nil
}
