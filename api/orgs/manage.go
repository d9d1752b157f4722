package orgs

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
)

// UpdateInput changes an organization's fields: nil leaves a field as it
// is; Logo "" clears the logo and Metadata null clears the metadata.
type UpdateInput struct {
	Caller         app.Caller
	Authed         sessions.Authed
	OrganizationID string // "": the session's active organization
	Name           *string
	Slug           *string
	Logo           *string
	Metadata       json.RawMessage
}

// Update changes the organization (organization:update permission); a new
// slug is claimed and the old one released in the same append (a taken
// slug is ORGANIZATION_SLUG_ALREADY_TAKEN). It returns the organization
// as updated.
func (s *Service) Update(ctx context.Context, in UpdateInput) (Organization, error) {
	id, err := s.target(ctx, in.Authed, Target{OrganizationID: in.OrganizationID})
	if err != nil {
		return Organization{}, err
	}
	cmd, err := in.command()
	if err != nil {
		return Organization{}, err
	}
	stream := group.Stream(id)
	out, err := s.handle(ctx, orgCommand{caller: in.Caller, actor: cmd.Actor, groupID: id,
		build: func() group.Command { cmd.At = s.app.Now(); return cmd },
		with: func(_ group.State, evs []domain.Event) ([]eventstore.Change, error) {
			for _, ev := range evs {
				if u, ok := ev.(group.Updated); ok && u.SetSlug {
					return []eventstore.Change{s.slugChange(stream, u.Slug, u.PreviousSlug)}, nil
				}
			}
			return nil, nil
		}})
	if errors.Is(err, eventstore.ErrClaimTaken) {
		return Organization{}, ErrSlugTaken
	}
	if err != nil {
		return Organization{}, err
	}
	return toOrganization(out.State), nil
}

// command validates the fields that are set and builds the command.
func (in UpdateInput) command() (group.UpdateOrganization, error) {
	cmd := group.UpdateOrganization{Name: in.Name, Slug: in.Slug, Logo: in.Logo, Actor: in.Authed.User.ID}
	if in.Name != nil {
		if err := domain.ValidName(*in.Name); err != nil {
			return cmd, err
		}
	}
	if in.Slug != nil {
		slug, err := group.CanonicalSlug(*in.Slug)
		if err != nil {
			return cmd, err
		}
		cmd.Slug = &slug
	}
	if in.Logo != nil {
		if err := domain.ValidImageURL(*in.Logo); err != nil {
			return cmd, err
		}
	}
	if in.Metadata != nil {
		meta, err := metadataString(in.Metadata)
		if err != nil {
			return cmd, err
		}
		cmd.Metadata = &meta
	}
	return cmd, nil
}

// DeleteInput names the organization to delete.
type DeleteInput struct {
	Caller         app.Caller
	Authed         sessions.Authed
	OrganizationID string // "": the session's active organization
}

// Delete deletes the organization (organization:delete permission),
// releases its slug and clears it as the caller's active organization. It
// returns the organization as it was.
func (s *Service) Delete(ctx context.Context, in DeleteInput) (Organization, error) {
	id, err := s.target(ctx, in.Authed, Target{OrganizationID: in.OrganizationID})
	if err != nil {
		return Organization{}, err
	}
	stream, actor := group.Stream(id), in.Authed.User.ID
	out, err := s.handle(ctx, orgCommand{caller: in.Caller, actor: actor, groupID: id,
		build: func() group.Command { return group.DeleteOrganization{Actor: actor, At: s.app.Now()} },
		with: func(st group.State, _ []domain.Event) ([]eventstore.Change, error) {
			changes, err := s.clearActiveIf(ctx, in.Authed, id)
			return append([]eventstore.Change{s.slugChange(stream, "", st.Slug)}, changes...), err
		}})
	if err != nil {
		return Organization{}, err
	}
	return toOrganization(out.Before), nil
}
