package orgs

import (
	"context"

	"github.com/authledger/authledger/api/hooks"
)

// beforeCreate asks the before-hook (if any) about an organization to
// create, after its input passed the checks: a refusal writes nothing but
// its audit event.
func (s *Service) beforeCreate(ctx context.Context, in CreateInput) error {
	if !s.cfg.Hooks.Asks(hooks.OrganizationCreate) {
		return nil
	}
	u := in.Authed.User
	_, err := s.cfg.Hooks.Check(ctx, in.Caller, hooks.Request{Kind: hooks.OrganizationCreate, UserID: u.ID,
		Email: u.Email, Name: u.Name, Organization: &hooks.Organization{Name: in.Name, Slug: in.Slug}})
	return err
}
