package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	kernel "github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/operatorkeys"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/operatorkey"
)

// keysActor is the actor the command line records for key management.
const keysActor = "admin-cli"

// keysUsage is the usage line of "authledger keys".
const keysUsage = "authledger keys create --name NAME --scope a,b [--expires 720h] | list | revoke ID [flags]"

// keysCmd is the implementation of "keys create", "keys list" or "keys
// revoke" (sub): operator
// key management on the deployment's stores, the same use cases as
// /v1/keys. The token of a new key goes to stdout, alone on its line and
// only there, once; what it is goes to stderr. list is read-only.
func keysCmd(sub string) func(context.Context, *invocation) error {
	return func(ctx context.Context, inv *invocation) error { return keysRun(ctx, sub, inv) }
}

// keysRun runs the keys subcommand sub.
func keysRun(ctx context.Context, sub string, inv *invocation) error {
	s, err := inv.store()
	if err != nil {
		return err
	}
	extra, stdout, stderr := inv.operands, inv.stdout, inv.stderr
	in, err := keysInput(sub, inv.own, extra)
	if err != nil {
		return err
	}
	a, err := openExistingApp(ctx, s, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	k, err := a.oneShot(nil, 0)
	if err != nil {
		return err
	}
	svc := operatorkeys.NewOneShot(k)
	caller := kernel.Caller{RequestID: "cli-keys-" + sub}
	switch sub {
	case "create":
		in.Caller = caller
		out, err := svc.Create(ctx, in)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "created key %s (%s) with scopes %s, expires %s; its token follows, shown this once:\n",
			out.Key.ID, out.Key.Name, strings.Join(out.Key.Scopes, ","), when(out.Key.ExpiresAt))
		fmt.Fprintln(stdout, out.Token)
		return nil
	case "revoke":
		key, err := svc.Revoke(ctx, operatorkeys.RevokeInput{Caller: caller, Actor: keysActor, ID: extra[0]})
		if errors.Is(err, operatorkey.ErrNotFound) {
			return fmt.Errorf("no operator key %s", extra[0])
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "key %s (%s) revoked at %s\n", key.ID, key.Name, when(key.RevokedAt))
		return nil
	}
	keys, err := svc.List(ctx)
	if err != nil {
		return err
	}
	return printKeys(stdout, keys)
}

// keysInput checks a subcommand's arguments before anything is opened;
// for create it is the creation asked for.
func keysInput(sub string, mine map[string]string, extra []string) (operatorkeys.CreateInput, error) {
	switch sub {
	case "list":
		if len(extra) > 0 {
			return operatorkeys.CreateInput{}, fmt.Errorf("%w: unexpected arguments %q", errUsage, extra)
		}
		return operatorkeys.CreateInput{}, nil
	case "revoke":
		if len(extra) != 1 || !domain.ValidID(extra[0]) {
			return operatorkeys.CreateInput{}, fmt.Errorf("%w: authledger keys revoke [flags] <key-id>", errUsage)
		}
		return operatorkeys.CreateInput{}, nil
	}
	if len(extra) > 0 || mine["name"] == "" || mine["scope"] == "" {
		return operatorkeys.CreateInput{}, fmt.Errorf("%w: %s", errUsage, keysUsage)
	}
	in := operatorkeys.CreateInput{Actor: keysActor, Name: mine["name"]}
	for _, sc := range strings.Split(mine["scope"], ",") {
		in.Scopes = append(in.Scopes, strings.TrimSpace(sc))
	}
	if v := mine["expires"]; v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return in, fmt.Errorf("%w: --expires must be a positive duration such as 720h", errUsage)
		}
		in.ExpiresIn = d
	}
	return in, nil
}

// printKeys writes the keys as a table: never a secret.
func printKeys(w io.Writer, keys []operatorkeys.Key) error {
	if len(keys) == 0 {
		_, err := fmt.Fprintln(w, "no operator keys")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSCOPES\tCREATED\tEXPIRES\tLAST USED\tSTATUS")
	for _, k := range keys {
		status := "active"
		switch {
		case k.RevokedAt != nil:
			status = "revoked"
		case k.ExpiresAt != nil && !time.Now().Before(*k.ExpiresAt):
			status = "expired"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, strings.Join(k.Scopes, ","),
			k.CreatedAt.UTC().Format(time.RFC3339), when(k.ExpiresAt), when(k.LastUsedAt), status)
	}
	return tw.Flush()
}

// when formats an optional time ("never" when absent).
func when(t *time.Time) string {
	if t == nil {
		return "never"
	}
	return t.UTC().Format(time.RFC3339)
}
