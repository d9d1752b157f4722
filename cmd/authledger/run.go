package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// errUsage marks command-line mistakes (exit status 2).
var errUsage = errors.New("usage")

// run is the whole program: it dispatches the subcommand in args.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		usage(stderr)
		return errUsage
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], getenv, stdout, stderr)
	case "migrate":
		return migrate(ctx, args[1:], getenv, stdout, stderr)
	case "projections":
		return projectionsCmd(ctx, args[1:], getenv, stdout, stderr)
	case "audit":
		return auditCmd(ctx, args[1:], getenv, stdout, stderr)
	case "replay":
		return replayCmd(ctx, args[1:], getenv, stdout, stderr)
	case "forget":
		return forgetCmd(ctx, args[1:], getenv, stdout, stderr)
	case "people":
		return peopleCmd(ctx, args[1:], getenv, stdout, stderr)
	case "keys":
		return keysCmd(ctx, args[1:], getenv, stdout, stderr)
	case "webhooks":
		return webhooksCmd(ctx, args[1:], getenv, stdout, stderr)
	case "backup":
		return backupCmd(ctx, args[1:], getenv, stdout, stderr)
	case "restore":
		return restoreCmd(ctx, args[1:], getenv, stdout, stderr)
	case "secret":
		return secretCmd(ctx, args[1:], getenv, stdout, stderr)
	case "healthcheck":
		return healthcheckCmd(ctx, args[1:], stdout, stderr)
	case "version":
		return versionCmd(args[1:], stdout)
	case "help", "-h", "--help":
		usage(stdout)
		return nil
	}
	usage(stderr)
	return fmt.Errorf("%w: unknown command %q", errUsage, args[0])
}

func usage(w io.Writer) {
	fmt.Fprint(w, `authledger — event-sourced authentication server

Usage:
  authledger serve [flags]                 run the server (no flags: embedded SQLite in ./data)
  authledger migrate [flags]               apply the schema migrations (PostgreSQL or SQLite) and exit
  authledger projections status [flags]    show each projector's checkpoint, lag and health
  authledger projections rebuild [flags]   rebuild every projection from the log (blue/green)
  authledger audit verify [--from P --to P] verify the audit hash chain (exit 1 + first broken position)
  authledger audit export [--query Q --format ndjson|csv --include-pii --out FILE]
                                           export the audit trail (streaming, progress bar)
  authledger replay --until T|P --into DIR|URL  the six projections as they stood at T or P (progress bar)
  authledger forget [flags] <person-id>    erase a person (crypto-shredding; see README)
  authledger people set-role [flags] <email-or-id> <role>
                                           set a person's platform role (grant the first admin)
  authledger keys create --name N --scope a,b [--expires 720h]
                                           create an operator key (its token is printed once)
  authledger keys list [flags]             list the operator keys (never their secrets)
  authledger keys revoke [flags] <key-id>  revoke an operator key
  authledger webhooks create --url U --events person.,session.created [--include-pii true]
                                           create a webhook endpoint (its secret is printed once)
  authledger webhooks list|get ID|attempts ID|enable ID|disable ID|delete ID [flags]
  authledger webhooks update ID [--url U] [--events E] [--include-pii true|false]
  authledger webhooks replay ID --after POSITION | --since 2026-01-02T15:04:05Z
  authledger backup --out FILE [flags]    online backup of the embedded stores (a secret itself: 0600)
  authledger restore --from FILE [--force] restore a backup into an empty data directory
  authledger secret rotate --new-secret-env VAR
                                           rewrap every per-person key under a new secret's KEK
  authledger audit rotate-key [flags]      new audit signing key; old checkpoints stay verifiable
  authledger healthcheck [--url U]        probe a health route: exit 0 if it answers 2xx, else 1
  authledger version                       print the version

Run "authledger serve --help" for every setting.
`)
}

// exitCode maps errors to process exit statuses.
func exitCode(err error) int {
	if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}
