// Command authledger runs the event-sourced authentication server and its
// maintenance subcommands. main is a one-liner around run so that the whole
// binary is testable end to end.
//
// The command line is github.com/spf13/cobra (flags by spf13/pflag) rather
// than hand-written dispatch over Go's flag package: it gives every
// subcommand its own flag set and help (on stdout), nested verbs ("audit
// verify"), flags before or after operands ("keys revoke ID --data-dir D")
// and --name=value as well as --name value. peterbourgon/ff was the other
// candidate; its ffcli sits on the standard flag package, which stops at
// the first operand, so "revoke ID --flag" would still need hand-written
// reordering. commands.go is the table of subcommands (one entry each: its
// flags and its implementation function); cli.go turns it into cobra
// commands and owns what cobra does not: the AUTHLEDGER_* environment (read
// only after parsing, so help and usage errors never show a value from it)
// and the exit statuses (2 for a usage error, 1 for any other failure).
//
// Progress bars are github.com/schollz/progressbar, drawn only when stderr
// is a terminal (golang.org/x/term), through newProgress (progress.go).
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
