package social

import (
	"context"
	"errors"

	"github.com/authledger/authledger/api/hooks"
	"github.com/authledger/authledger/domain/email"
)

// beforeHook asks the before-hook (if any) about a resolved social
// sign-in: a sign-up when it creates the person, else a sign-in. A
// refusal (recorded by the guard) ends the flow like Better Auth's
// refused user or session creation: unable_to_create_user or
// unable_to_create_session.
func (s *Service) beforeHook(ctx context.Context, f flow, id identity, o outcome) (outcome, error) {
	kind, reason := hooks.SignIn, "unable_to_create_session"
	if o.newUser {
		kind, reason = hooks.SignUp, "unable_to_create_user"
	}
	if !s.cfg.Hooks.Asks(kind) {
		return o, nil
	}
	addr, _ := email.Canonicalize(id.Email)
	req := hooks.Request{Kind: kind, Email: addr, Name: nameOf(id, addr), Provider: f.ProviderID}
	if !o.newUser {
		req.UserID = o.personID
	}
	_, err := s.cfg.Hooks.Check(ctx, f.caller, req)
	var r *hooks.Refusal
	if errors.As(err, &r) {
		return outcome{refused: reason, personID: req.UserID}, nil
	}
	return o, err
}
