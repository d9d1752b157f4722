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

// CreateInput is an organization to create, with the caller as its owner.
type CreateInput struct {
	Caller app.Caller
	Authed sessions.Authed
	Name   string
	Slug   string
	// UserID, when set, must be the caller (creating for someone else is
	// an admin's server-side call, which this API does not offer).
	UserID   *string
	Logo     string
	Metadata json.RawMessage // a JSON object, null or absent
	// KeepActive leaves the session's active organization as it is;
	// otherwise the new organization becomes the active one.
	KeepActive bool
}

// Create creates an organization with the caller as owner, claiming the
// slug in the same append (a taken slug is ORGANIZATION_ALREADY_EXISTS),
// and makes it the session's active organization unless KeepActive. It
// returns the organization with its one member.
func (s *Service) Create(ctx context.Context, in CreateInput) (FullOrganization, error) {
	meta, err := in.validate()
	if err == nil {
		in.Slug, _ = group.CanonicalSlug(in.Slug)
	}
	if err != nil {
		return FullOrganization{}, err
	}
	if err := s.beforeCreate(ctx, in); err != nil {
		return FullOrganization{}, err
	}
	ids, err := s.app.NewIDs(2)
	if err != nil {
		return FullOrganization{}, err
	}
	groupID, stream, actor := ids[0], group.Stream(ids[0]), in.Authed.User.ID
	if err := s.app.Keys.Ensure(ctx, stream); err != nil {
		return FullOrganization{}, err
	}
	out, err := s.handle(ctx, orgCommand{caller: in.Caller, actor: actor, groupID: groupID,
		build: func() group.Command {
			return group.CreateOrganization{GroupID: groupID, MemberID: ids[1], Name: in.Name, Slug: in.Slug,
				Logo: in.Logo, Metadata: meta, Actor: actor, At: s.app.Now()}
		},
		with: func(group.State, []domain.Event) ([]eventstore.Change, error) {
			changes := []eventstore.Change{s.slugChange(stream, in.Slug, "")}
			if in.KeepActive {
				return changes, nil
			}
			ch, err := s.activeChange(ctx, in.Authed, groupID)
			return append(changes, ch), err
		}})
	if errors.Is(err, eventstore.ErrClaimTaken) {
		return FullOrganization{}, group.ErrOrganizationAlreadyExists
	}
	if err != nil {
		return FullOrganization{}, err
	}
	full := FullOrganization{Organization: toOrganization(out.State)}
	for _, m := range out.State.Members() {
		full.Members = append(full.Members, toMember(groupID, m))
	}
	return full, nil
}

// validate checks the fields in Better Auth's order and returns the
// compacted metadata.
func (in CreateInput) validate() (string, error) {
	if in.UserID != nil && *in.UserID != in.Authed.User.ID {
		return "", domain.ErrForbidden
	}
	if err := domain.ValidName(in.Name); err != nil {
		return "", err
	}
	if _, err := group.CanonicalSlug(in.Slug); err != nil {
		return "", err
	}
	if err := domain.ValidImageURL(in.Logo); err != nil {
		return "", err
	}
	return metadataString(in.Metadata)
}

// CheckSlug returns nil when slug is free, ORGANIZATION_SLUG_ALREADY_TAKEN
// when an organization holds it (in any case: the check is on the
// canonical form), and group.ErrInvalidSlug when no organization could
// ever have it.
func (s *Service) CheckSlug(ctx context.Context, slug string) error {
	if _, err := group.CanonicalSlug(slug); err != nil {
		return err
	}
	_, err := s.bySlug(ctx, slug)
	switch {
	case err == nil:
		return ErrSlugTaken
	case errors.Is(err, group.ErrOrganizationNotFound):
		return nil
	}
	return err
}
