package identity

import (
	"context"
	"errors"
	"maps"
	"strings"

	"github.com/authledger/authledger/api/hooks"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
)

// beforeSignUp asks the before-hook (if any) about a sign-up whose input
// passed its checks; fields are the client's additional fields as they
// would be stored. It returns them with the hook's values over them. A
// refusal returns the hook's error: nothing is written but its audit
// event.
func (s *Service) beforeSignUp(ctx context.Context, in SignUpInput, addr string, fields map[string]any) (map[string]any, error) {
	if !s.cfg.Hooks.Asks(hooks.SignUp) {
		return fields, nil
	}
	req := hooks.Request{Kind: hooks.SignUp, Email: addr, Name: strings.TrimSpace(in.Name),
		Provider: hooks.ProviderCredential, Fields: withoutRole(fields)}
	d, err := s.cfg.Hooks.Check(ctx, in.Caller, req)
	if err != nil || len(d.Fields) == 0 {
		return fields, err
	}
	set, err := s.hookFields().ForUpdate(d.Fields)
	if err != nil { // the hook's answer is unusable: the fail-open or fail-closed policy decides
		return fields, s.cfg.Hooks.Unusable(ctx, in.Caller, req, err)
	}
	out := maps.Clone(fields)
	for k, v := range set {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out, nil
}

// hookFields is the schema a hook's field values are checked against: the
// declared additional fields, each settable (a hook may set what clients
// may not), without the platform role.
func (s *Service) hookFields() domain.FieldSchema {
	var out domain.FieldSchema
	for _, f := range s.cfg.Fields {
		if f.Name != domain.RoleField().Name {
			f.Input = true
			out = append(out, f)
		}
	}
	return out
}

// beforeSignIn asks the before-hook (if any) about a password sign-in
// whose password was right, before any session or second step.
func (s *Service) beforeSignIn(ctx context.Context, in SignInInput, personID string, p person.State) error {
	_, err := s.cfg.Hooks.Check(ctx, in.Caller, hooks.Request{Kind: hooks.SignIn, UserID: personID,
		Email: p.Email, Name: p.Name, Provider: hooks.ProviderCredential})
	return err
}

// isRefusal reports whether err is a before-hook's refusal (already
// recorded; the sign-in appends nothing else).
func isRefusal(err error) bool {
	var r *hooks.Refusal
	return errors.As(err, &r)
}
