package main

import (
	"context"
	"fmt"
	"io"

	kernel "github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
)

// forgetEmailCmd is "authledger forget --email ADDRESS": it erases an
// address from every organization invitation (the address's invitee key
// is destroyed) for someone who was invited but never had an account. The
// address is never printed, not even in errors. With the embedded SQLite
// store run it while the server is stopped (a running server keeps the key
// and the organizations' states in its caches until it restarts).
func forgetEmailCmd(ctx context.Context, s storeSettings, addr string, rest []string, stdout, stderr io.Writer) error {
	if len(rest) != 0 || addr == "" {
		return fmt.Errorf("%w: authledger forget [flags] --email ADDRESS (no person id)", errUsage)
	}
	a, err := openExistingApp(ctx, s, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	svc, err := a.complianceCLI(compliance.Deps{})
	if err != nil {
		return err
	}
	if err := svc.ForgetEmail(ctx, compliance.ForgetEmailInput{Caller: kernel.Caller{RequestID: "cli-forget-email"},
		Actor: "admin", Email: addr}); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "address erased from every invitation (its key is destroyed)")
	return nil
}
