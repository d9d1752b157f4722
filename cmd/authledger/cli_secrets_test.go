package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// cliSecrets are secret values set in the environment for the CLI tests;
// none may ever appear in help, usage or error output.
var cliSecrets = map[string]string{
	"AUTHLEDGER_SECRET":       "env-secret-0123456789abcdefghijklmnopqrstuv",
	"AUTHLEDGER_ADMIN_KEY":    "env-admin-key-value-42",
	"AUTHLEDGER_DATABASE_URL": "postgres://user:env-db-password@127.0.0.1:1/authledger",
	"AUTHLEDGER_SMTP_URL":     "smtp://user:env-smtp-password@mail.example.com?from=a@example.com",
	"AUTHLEDGER_AUDIT_KEY":    "env-audit-key-material-77",
}

// cliCommands is every subcommand (with its verb) the binary has.
var cliCommands = [][]string{{"serve"}, {"migrate"}, {"projections", "status"}, {"projections", "rebuild"},
	{"audit", "verify"}, {"audit", "export"}, {"audit", "access-review"}, {"audit", "anchor"}, {"replay"}, {"forget"}, {"forget", "--email"}, {"people", "set-role"}, {"keys", "create"},
	{"keys", "list"}, {"keys", "revoke"}, {"projections"}, {"audit"}, {"people"}, {"keys"}, {"no-such-command"}}

// TestNoSubcommandPrintsTheEnvironment: for every subcommand, --help, -h,
// a mistyped flag, a flag without its value and a missing argument print
// usage or an error that never holds a secret's value from the
// environment (the secret, the admin key, the database password, the
// SMTP password, the audit key).
func TestNoSubcommandPrintsTheEnvironment(t *testing.T) {
	getenv := func(k string) string { return cliSecrets[k] }
	for _, cmd := range cliCommands {
		for _, extra := range [][]string{{"--help"}, {"-h"}, {"--no-such-flag"}, {"--data-dir"}, {"--database-url", "::bad"}, {}} {
			args := append(append([]string{}, cmd...), extra...)
			if len(extra) == 0 && cmd[0] == "serve" {
				continue // serve without a mistake would start
			}
			var stdout, stderr bytes.Buffer
			ctx, cancel := context.WithCancel(context.Background())
			cancel() // nothing may run long: every case is a mistake
			err := run(ctx, args, getenv, &stdout, &stderr)
			out := stdout.String() + stderr.String()
			if err != nil {
				out += err.Error()
			}
			for name, v := range cliSecrets {
				for _, part := range secretParts(v) {
					if strings.Contains(out, part) {
						t.Errorf("%v shows %s from the environment (%q) in:\n%s", args, name, part, out)
					}
				}
			}
		}
	}
}

// secretParts is a secret and, for a URL, its password alone.
func secretParts(v string) []string {
	out := []string{v}
	for _, p := range []string{"env-db-password", "env-smtp-password"} {
		if strings.Contains(v, p) {
			out = append(out, p)
		}
	}
	return out
}
