package useradmin

import (
	"context"

	"github.com/authledger/authledger/api/compliance"
)

// RemoveUser erases a person for good: the same crypto-shredding erasure
// as the operator's forget (sessions revoked, email released, data key
// destroyed), by the administrator.
func (s *Service) RemoveUser(ctx context.Context, in UserInput) error {
	if err := in.Admin.require("user", "delete", ErrNotAllowedToDelete); err != nil {
		return err
	}
	if in.UserID == in.Admin.id() {
		return ErrCannotRemoveYourself
	}
	if _, err := s.loadPerson(ctx, in.UserID); err != nil {
		return err
	}
	_, err := s.erasure.Forget(ctx, compliance.ForgetInput{Caller: in.Admin.Caller, Actor: in.Admin.id(), PersonID: in.UserID})
	return err
}

// HasPermissionInput is has-permission's question about the caller.
type HasPermissionInput struct {
	Admin       Admin
	Permissions Permissions
}

// HasPermission answers whether the caller's role grants every action
// asked for (Better Auth checks the caller's own role when there is a
// session, whatever userId or role the body names).
func (s *Service) HasPermission(_ context.Context, in HasPermissionInput) (bool, error) {
	if len(in.Permissions) == 0 {
		return false, ErrNoPermissions
	}
	return Allowed(in.Admin.Session.User.Role, in.Permissions), nil
}
