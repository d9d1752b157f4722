package main

import (
	"context"
	"fmt"
	"io"
)

// migrate opens the configured stores, which applies every pending
// forward-only migration (concurrent nodes are serialized by a lock), and
// exits. serve does the same on start; this lets operators migrate first.
func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, _, err := parseConfig("migrate", args, getenv, stderr)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	if err := a.Close(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "migrations applied")
	return nil
}
