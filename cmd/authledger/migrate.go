package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
)

// migrate opens the configured stores, which applies every pending
// forward-only migration (concurrent nodes are serialized by a lock), and
// exits. serve does the same on start; this lets operators migrate first.
// It needs no secret: it reads and writes no event.
func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, _, err := parseConfig("migrate", args, getenv, stderr)
	if err != nil {
		return err
	}
	s, err := parseStoreSettings(cfg)
	if err != nil {
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
	fmt.Fprintln(stdout, "migrations applied")
	return nil
}
