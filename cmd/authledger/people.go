package main

import (
	"context"
	"errors"
	"fmt"

	kernel "github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/useradmin"
	"github.com/authledger/authledger/domain/person"
)

// peopleActor is the actor the operator's people commands record.
const peopleActor = "admin-cli"

// peopleSetRoleCmd is "authledger people set-role [flags] <email-or-id> <role>":
// the operator's way to grant the first administrator (or any role), on
// the data directory or PostgreSQL like forget. It appends
// person.role_changed by admin-cli; a running server's session index and
// projections follow the log, so the role holds on its next request
// (with the embedded SQLite store, prefer running it while the server is
// stopped).
func peopleSetRoleCmd(ctx context.Context, in *invocation) error {
	s, err := in.store()
	if err != nil {
		return err
	}
	rest, stdout, stderr := in.operands, in.stdout, in.stderr
	if len(rest) != 2 || rest[0] == "" || !person.ValidRole(rest[1]) {
		return fmt.Errorf("%w: authledger people set-role [flags] <email-or-id> <role>", errUsage)
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
	id, err := useradmin.New(k, nil, nil, nil, useradmin.Config{}).OperatorSetRole(ctx, useradmin.OperatorSetRoleInput{
		Caller: kernel.Caller{RequestID: "cli-set-role"}, Actor: peopleActor, IDOrKey: rest[0], Role: rest[1]})
	if errors.Is(err, useradmin.ErrUserNotFound) {
		return fmt.Errorf("no person %s", rest[0])
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "person %s now has role %s\n", id, rest[1])
	return nil
}
