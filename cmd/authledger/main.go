// Command authledger runs the event-sourced authentication server and its
// maintenance subcommands. main is a one-liner around run so that the whole
// binary is testable end to end.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "authledger:", err)
		os.Exit(exitCode(err))
	}
}
